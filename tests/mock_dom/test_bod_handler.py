"""The Flask-free BOD handler: style in = style out, error forms for every kind of bad input, no state
change.
"""

from __future__ import annotations

import pytest
from dom_support import area, availability_request, cancel_request, requirement, transfer

from bods import codec
from bods.messages import (
    AcknowledgeInventoryRequirement,
    AcknowledgeOrder,
    ConfirmBOD,
    Envelope,
    Order,
    RequirementAction,
    ShowInventoryAvailability,
    SyncOrder,
)
from mock_dom.bod_handler import BodHandler

SOAP, BARE = Envelope(soap=True), Envelope()
RESERVE = RequirementAction.RESERVE


@pytest.fixture
def handler(service) -> BodHandler:
    return BodHandler(service, max_bytes=64_000)


def wire(bod, envelope: Envelope = SOAP) -> bytes:
    return codec.render(bod, envelope=envelope)


def answer(reply):
    return codec.parse(reply.body, validate=False)


def state(service) -> tuple:
    return (
        service.list_inventory(),
        service.list_reservations(),
        service.list_orders(),
        service.list_pushes(),
    )


def test_soap_in_gives_soap_out(handler) -> None:
    reply = handler.handle(
        "InventoryServices",
        wire(availability_request(catalog_entry_ids=("12001",), online_store_id="10101")),
        {},
    )
    document = answer(reply)
    assert (reply.status, reply.content_type, document.envelope.soap) == (
        200,
        "text/xml; charset=utf-8",
        True,
    )
    assert isinstance(document.bod, ShowInventoryAvailability)
    assert document.bod.records[0].quantity == 8.0


def test_bare_in_gives_bare_out(handler) -> None:
    reply = handler.handle(
        "InventoryServices", wire(availability_request(catalog_entry_ids=("12001",)), BARE), {}
    )
    assert (reply.content_type, answer(reply).envelope.soap) == ("application/xml; charset=utf-8", False)


def test_the_answer_validates_against_the_schemas(handler) -> None:
    reply = handler.handle(
        "InventoryServices", wire(requirement(RESERVE, ("1", "12001", 2), ("2", "12025", 1))), {}
    )
    ack = codec.parse(reply.body).bod
    assert isinstance(ack, AcknowledgeInventoryRequirement)
    assert [i.inventory_status for i in ack.requirement.items] == ["Allocated", "Backordered"]


def test_reserve_then_transfer_then_cancel_over_the_wire(handler, service) -> None:
    handler.handle("InventoryServices", wire(requirement(RESERVE, ("1", "12001", 2))), {})
    transferred = answer(handler.handle("OrderServices", wire(transfer(("1", "12001", 2))), {})).bod
    assert isinstance(transferred, AcknowledgeOrder)
    assert transferred.order.external_order_id
    canceled = answer(handler.handle("OrderServices", wire(cancel_request()), {})).bod
    assert canceled.order.status == "X"
    assert service.get_order("50001")["state"] == "canceled"


def test_the_reply_carries_what_the_journal_needs(handler) -> None:
    reply = handler.handle("InventoryServices", wire(requirement(RESERVE, ("1", "12001", 2))), {})
    assert (
        reply.bod_type,
        reply.action_code,
        reply.valid,
        reply.part_numbers,
        reply.store_id,
        reply.order_id,
    ) == ("ProcessInventoryRequirement", "ReserveInventory", True, ("SKU-0001",), "10101", "50001")
    assert reply.answer_type == "AcknowledgeInventoryRequirement"


def test_a_domain_refusal_is_the_types_error_answer_with_a_correlation_code(handler) -> None:
    reply = handler.handle("InventoryServices", wire(availability_request(catalog_entry_ids=("99999",))), {})
    show = answer(reply).bod
    assert (reply.status, reply.valid) == (200, True)
    assert isinstance(show, ShowInventoryAvailability)
    assert show.records == ()
    assert show.change_status.reason_code == "_APP_INVENTORYAVAILABILITY_FAILED_TO_FIND_CATENTRY_BY_ID.-1"
    assert show.change_status.code == reply.correlation_id


def test_an_unknown_order_cancel_is_an_acknowledge_order_error(handler) -> None:
    request = cancel_request("404")
    reply = handler.handle("OrderServices", wire(request), {})
    ack = answer(reply).bod
    assert isinstance(ack, AcknowledgeOrder)
    assert ack.change_status.reason_code == "_ERR_ORDER_NOT_FOUND.-1"
    assert ack.original.bodid == request.application_area.bodid


def test_a_bod_posted_to_the_wrong_service_is_refused_and_changes_nothing(handler, service) -> None:
    before = state(service)
    reply = handler.handle("InventoryServices", wire(transfer(("1", "12001", 2))), {})
    assert reply.status == 400
    assert answer(reply).bod.change_status.reason_code == "_ERR_BOD_WRONG_SERVICE.-1"
    assert state(service) == before


def test_a_bod_dom_never_takes_gets_a_confirm_bod(handler) -> None:
    sync = SyncOrder(area(), Order("1", status="S"))
    reply = handler.handle("OrderServices", wire(sync), {})
    assert (reply.status, reply.answer_type) == (400, "ConfirmBOD")
    assert isinstance(answer(reply).bod, ConfirmBOD)


HOSTILE = b"""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>"""
BILLION = b"""<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><l>&b;</l>"""
UNKNOWN = b"""<?xml version="1.0"?><oa:Nope xmlns:oa="http://www.openapplications.org/oagis/9"/>"""


@pytest.mark.parametrize(
    ("body", "status", "reason_code"),
    [
        (b"", 400, "_ERR_BOD_MALFORMED.-1"),
        (b"not xml at all", 400, "_ERR_BOD_MALFORMED.-1"),
        (b"<a><b></a>", 400, "_ERR_BOD_MALFORMED.-1"),
        (HOSTILE, 400, "_ERR_BOD_FORBIDDEN_CONSTRUCT.-1"),
        (BILLION, 400, "_ERR_BOD_FORBIDDEN_CONSTRUCT.-1"),
        (UNKNOWN, 400, "_ERR_BOD_UNKNOWN_TYPE.-1"),
        (b"<x>" + b"a" * 70_000 + b"</x>", 413, "_ERR_BOD_TOO_LARGE.-1"),
    ],
)
def test_unreadable_input_gets_a_confirm_bod_and_changes_nothing(
    handler, service, body, status, reason_code
) -> None:
    before = state(service)
    reply = handler.handle("InventoryServices", body, {})
    confirm = answer(reply).bod
    assert (reply.status, reply.valid, reply.reason_code) == (status, False, reason_code)
    assert isinstance(confirm, ConfirmBOD)
    assert confirm.change_status.reason_code == reason_code
    assert b"passwd" not in reply.body
    assert b"Traceback" not in reply.body
    assert state(service) == before


def test_a_schema_invalid_request_gets_its_types_error_answer(handler, service) -> None:
    before = state(service)
    body = wire(requirement(RESERVE, ("1", "12001", 2))).replace(b">2.0<", b">lots<")
    reply = handler.handle("InventoryServices", body, {})
    ack = answer(reply).bod
    assert (reply.status, reply.bod_type, reply.valid) == (400, "ProcessInventoryRequirement", False)
    assert isinstance(ack, AcknowledgeInventoryRequirement)
    assert ack.change_status.reason_code == "_ERR_BOD_SCHEMA_INVALID.-1"
    assert answer(reply).envelope.soap
    assert state(service) == before


def test_a_broken_soap_envelope_gets_a_soap_fault(handler, service) -> None:
    body = (
        b'<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">'
        b"<soapenv:Header/></soapenv:Envelope>"
    )
    reply = handler.handle("OrderServices", body, {})
    assert (reply.status, reply.answer_type, reply.reason_code) == (500, "Fault", "_ERR_SOAP_ENVELOPE.-1")
    assert b"Fault" in reply.body
    assert reply.correlation_id.encode() in reply.body


def test_an_unknown_service_is_a_404_confirm_bod(handler) -> None:
    reply = handler.handle("CatalogServices", wire(cancel_request()), {})
    assert (reply.status, reply.answer_type) == (404, "ConfirmBOD")


def test_a_repeated_bodid_gets_the_first_answer_without_running_twice(handler, service) -> None:
    body = wire(requirement(RESERVE, ("1", "12001", 3)))
    first = handler.handle("InventoryServices", body, {})
    service.adjust_inventory("SKU-0001", "10001", -5)
    second = handler.handle("InventoryServices", body, {})
    assert (second.body, second.replayed) == (first.body, True)
    assert len(service.list_reservations()) == 1


def test_a_bug_in_the_service_becomes_a_500_error_answer_not_a_traceback(
    handler, service, monkeypatch
) -> None:
    monkeypatch.setattr(service, "process_order", lambda msg: 1 / 0)
    reply = handler.handle("OrderServices", wire(transfer(("1", "12001", 1))), {})
    assert reply.status == 500
    assert answer(reply).bod.change_status.reason_code == "_ERR_DOM_INTERNAL.-1"
    assert b"ZeroDivision" not in reply.body


def test_a_reused_bodid_on_another_kind_of_request_is_not_mistaken_for_a_retry(handler, service) -> None:
    reserve = requirement(RESERVE, ("1", "12001", 2))
    handler.handle("InventoryServices", wire(reserve), {})
    order = transfer(("1", "12001", 2))
    reused = type(order)(reserve.application_area, order.action_code, order.order)
    reply = handler.handle("OrderServices", wire(reused), {})
    assert isinstance(answer(reply).bod, AcknowledgeOrder)
    assert service.get_order("50001")["state"] == "created"


def test_backorderable_and_physical_store_records_validate(handler) -> None:
    request = availability_request(
        catalog_entry_ids=("12025", "12001"), online_store_id="10101", physical_store_ids=("20001",)
    )
    show = codec.parse(handler.handle("InventoryServices", wire(request), {}).body).bod
    backorderable = show.records[0]
    assert (backorderable.status.value, backorderable.availability_offset) == ("Backorderable", 7 * 86_400)
    assert show.records[3].physical_store_name == "Store-20001"


def test_the_same_lookup_sent_again_sees_the_stock_of_its_own_moment(handler, service) -> None:
    body = wire(availability_request(catalog_entry_ids=("12001",), online_store_id="10101"))
    first = answer(handler.handle("InventoryServices", body, {})).bod
    service.adjust_inventory("SKU-0001", "10001", -5)
    second = answer(handler.handle("InventoryServices", body, {})).bod
    assert second.records[0].quantity == first.records[0].quantity - 5
    assert second.application_area.bodid != first.application_area.bodid
