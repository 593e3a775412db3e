"""The commerce server's request journal: every BOD received (InventoryServices, OrderServices) and every BOD
sent to DOM, queried at `/__admin/requests` with the mock DOM's filters and JSON shape."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from bods import samples
from bods.messages import ApplicationArea, Order, OrderAction, OrderItem, ProcessOrder
from harness.commerce.domain.errors import DomUnavailable
from harness.commerce.services.journal import JournaledTransport
from mock_dom.journal import RequestJournal

INVENTORY_SERVICES = "/webapp/wcs/services/InventoryServices"
ORDER_SERVICES = "/webapp/wcs/services/OrderServices"
LOOKUP = "/wcs/resources/store/10101/inventoryavailability/{}"
SOAP = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": '""'}


def entries(client: FlaskClient, **filters: str) -> list[dict]:
    response = client.get("/__admin/requests", query_string=filters)
    assert response.status_code == 200
    return response.get_json()["requests"]


def test_a_sync_product_availability_post_is_an_inbound_entry(client: FlaskClient) -> None:
    body = samples.load("SyncProductAvailability_1")
    assert client.post(INVENTORY_SERVICES, data=body, headers=SOAP).status_code == 200
    [entry] = entries(client)
    assert (entry["direction"], entry["service"], entry["bodType"]) == (
        "inbound",
        "InventoryServices",
        "SyncProductAvailability",
    )
    assert (entry["valid"], entry["status"], entry["errors"]) == (True, 200, [])
    assert entry["actionCode"] is not None
    assert entry["partNumbers"]
    assert entry["requestBody"] == body.decode()
    assert "ConfirmBOD" in entry["responseBody"]
    assert entry["latencyMs"] >= 0


def test_an_unreadable_bod_is_journalled_as_invalid_with_its_reason_code(client: FlaskClient) -> None:
    client.post(INVENTORY_SERVICES, data=b"<not-xml", headers=SOAP)
    [entry] = entries(client)
    assert (entry["direction"], entry["valid"], entry["bodType"]) == ("inbound", False, None)
    assert entry["errors"][0].startswith("_ERR_BOD_MALFORMED.-1: ")


def test_order_services_posts_are_journalled_too(client: FlaskClient) -> None:
    client.post(ORDER_SERVICES, data=samples.load("SyncOrder_shipped"), headers=SOAP)
    [entry] = entries(client, service="OrderServices")
    assert (entry["direction"], entry["bodType"]) == ("inbound", "SyncOrder")


def test_an_availability_miss_is_an_outbound_get_inventory_availability(client: FlaskClient) -> None:
    assert client.get(LOOKUP.format(12001)).status_code == 200
    [entry] = entries(client)
    assert (entry["direction"], entry["service"], entry["bodType"]) == (
        "outbound",
        "InventoryServices",
        "GetInventoryAvailability",
    )
    assert (entry["status"], entry["outcome"], entry["partNumbers"]) == (200, "answered", ["SKU-0001"])
    assert "ShowInventoryAvailability" in entry["responseBody"]


def test_a_cached_lookup_leaves_the_journal_alone(client: FlaskClient) -> None:
    client.get(LOOKUP.format(12002))
    client.get(LOOKUP.format(12002))
    assert client.get("/__admin/requests/count").get_json() == {"count": 1}


def test_a_call_dom_never_answered_is_journalled_without_a_status(client: FlaskClient, wire_dom) -> None:
    wire_dom.down = True
    client.get(LOOKUP.format(12003))
    [entry] = entries(client, direction="outbound")
    assert (entry["status"], entry["outcome"]) == (None, "unanswered")
    assert "connection refused" in entry["errors"][0]


def test_count_verify_and_clear_answer_like_the_mock_dom(client: FlaskClient) -> None:
    client.get(LOOKUP.format(12004))
    count = client.get("/__admin/requests/count", query_string={"bodType": "GetInventoryAvailability"})
    assert count.get_json() == {"count": 1}
    verified = client.post(
        "/__admin/requests/verify", json={"criteria": {"direction": "inbound"}, "count": 1}
    ).get_json()
    assert (verified["ok"], verified["actual"]) == (False, 0)
    assert verified["nearMisses"][0]["differences"] == ["direction is 'outbound', expected 'inbound'"]
    assert client.delete("/__admin/requests").status_code == 204
    assert entries(client) == []


def test_entries_can_leave_the_bodies_out(client: FlaskClient) -> None:
    client.get(LOOKUP.format(12005))
    [entry] = entries(client, bodies="false")
    assert "requestBody" not in entry


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "key"),
    [
        ("get", "/__admin/requests", {"query_string": {"colour": "red"}}, "bad_criteria"),
        ("get", "/__admin/requests", {"query_string": {"limit": "x"}}, "bad_request"),
        ("post", "/__admin/requests/verify", {"json": {"count": 1, "extra": 1}}, "bad_request"),
        ("post", "/__admin/requests/verify", {"json": [1]}, "bad_request"),
    ],
)
def test_bad_journal_queries_are_a_400_in_the_wcs_error_form(
    client: FlaskClient, method: str, path: str, kwargs: dict, key: str
) -> None:
    response = getattr(client, method)(path, **kwargs)
    assert response.status_code == 400
    assert response.get_json()["errors"][0]["errorKey"] == key


class _Answering:
    def post(self, service: str, body: bytes, headers) -> tuple[int, bytes]:
        return 200, b"<AcknowledgeOrder/>"


class _Unreachable:
    def post(self, service: str, body: bytes, headers) -> tuple[int, bytes]:
        raise DomUnavailable("no route to DOM")


def transfer() -> ProcessOrder:
    order = Order("50001", store_id="10101", items=(OrderItem("1", 2.0, part_number="SKU-0007"),))
    return ProcessOrder(ApplicationArea(), OrderAction.TRANSFER_ORDER, order)


def test_the_journaled_transport_names_the_request_it_was_given() -> None:
    journal = RequestJournal()
    status, _ = JournaledTransport(_Answering(), journal).post_bod("OrderServices", transfer(), b"<x/>", {})
    [entry] = journal.entries()
    assert (status, entry.bod_type, entry.action_code, entry.part_numbers, entry.store_id) == (
        200,
        "ProcessOrder",
        "TransferOrder",
        ("SKU-0007",),
        "10101",
    )


def test_the_journaled_transport_records_and_reraises_when_dom_is_unreachable() -> None:
    journal = RequestJournal()
    with pytest.raises(DomUnavailable):
        JournaledTransport(_Unreachable(), journal).post_bod("OrderServices", transfer(), b"<x/>", {})
    [entry] = journal.entries()
    assert (entry.status, entry.outcome, entry.errors) == (None, "unanswered", ("no route to DOM",))
