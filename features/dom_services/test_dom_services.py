"""Steps of the DOM BOD conformance features: the suite plays the commerce server's outbound side."""

from __future__ import annotations

from collections.abc import Callable

from pytest_bdd import given, parsers, scenarios, then, when

from bods.messages import InventoryStatus
from features.support import documents
from features.support.items import Item
from harness.drivers import INVENTORY_SERVICES, ORDER_SERVICES, BodExchange, DomDriver

scenarios("dom_services")

INVALID: dict[str, Callable[[Item], object]] = {
    "an availability request with an undocumented expression": lambda item: documents.undocumented_expression(
        item.part_number
    ),
    "a reservation of an item DOM does not know": lambda item: documents.reservation(
        documents.random_ref("9"), [("SKU-9999", 1)]
    ),
    "a transfer to the inventory service": lambda item: documents.transfer(
        documents.random_ref("9"), [(item.part_number, 1)]
    ),
    "a document that is not well-formed": lambda item: documents.NOT_WELL_FORMED,
    "a document with an entity declaration": lambda item: documents.ENTITY_EXPANSION,
    "a document that is not a BOD": lambda item: documents.NOT_A_BOD,
}


@when("the commerce server asks DOM for the online availability of the item", target_fixture="exchange")
def _(dom: DomDriver, item: Item) -> BodExchange:
    return dom.post_bod(INVENTORY_SERVICES, documents.availability_request([item.part_number]))


@when(
    parsers.parse("the commerce server asks DOM for the availability of the item at stores {stores}"),
    target_fixture="exchange",
)
def _(dom: DomDriver, item: Item, stores: str) -> BodExchange:
    return dom.post_bod(
        INVENTORY_SERVICES, documents.availability_request([item.part_number], stores.split(","))
    )


@given(
    parsers.re(r"the commerce server reserved (?P<quantity>\d+) units? of the item for a new order"),
    converters={"quantity": int},
    target_fixture="order_id",
)
def _(dom: DomDriver, item: Item, quantity: int) -> str:
    order_id = documents.random_ref("8")
    reply = dom.post_bod(INVENTORY_SERVICES, documents.reservation(order_id, [(item.part_number, quantity)]))
    assert reply.succeeded, reply.change_status or reply.error
    return order_id


@when(
    parsers.parse("the commerce server reserves {quantity:d} units of the item for a new order"),
    target_fixture="exchange",
)
def _(dom: DomDriver, item: Item, quantity: int) -> BodExchange:
    order_id = documents.random_ref("8")
    return dom.post_bod(INVENTORY_SERVICES, documents.reservation(order_id, [(item.part_number, quantity)]))


@when("the commerce server transfers the order to DOM", target_fixture="exchange")
def _(dom: DomDriver, item: Item, order_id: str) -> BodExchange:
    return dom.post_bod(ORDER_SERVICES, documents.transfer(order_id, [(item.part_number, 1)]))


@when(parsers.parse("the commerce server sends {document} to DOM's {service}"), target_fixture="exchange")
def _(dom: DomDriver, item: Item, document: str, service: str) -> BodExchange:
    return dom.post_bod(service, INVALID[document](item))  # type: ignore[arg-type]


@then(parsers.parse("DOM answers with a valid {bod_type}"))
def _(exchange: BodExchange, bod_type: str) -> None:
    assert exchange.error is None, f"DOM's answer is not a valid BOD: {exchange.error}"
    assert exchange.type_name == bod_type
    assert exchange.change_status is None, f"DOM refused: {exchange.change_status}"
    assert exchange.status == 200


@then("the answer has an Available record for the item at the online store")
def _(exchange: BodExchange, item: Item) -> None:
    records = [r for r in exchange.bod.records if r.online_store_id or r.online_store_name]
    assert [r.status for r in records] == [InventoryStatus.AVAILABLE]


@then(parsers.parse("the answer has a record for the item at each of the stores {stores}"))
def _(exchange: BodExchange, stores: str) -> None:
    seen = {r.physical_store_id or r.physical_store_name for r in exchange.bod.records}
    assert all(store in seen or f"Store-{store}" in seen for store in stores.split(",")), seen


@then("every line of the reservation is Allocated")
def _(exchange: BodExchange) -> None:
    assert [i.inventory_status for i in exchange.bod.requirement.items] == ["Allocated"]


@then(
    parsers.re(r"DOM holds the order with (?P<quantity>\d+) units? of the item"), converters={"quantity": int}
)
def _(dom_admin: DomDriver, order_id: str, item: Item, quantity: int) -> None:
    lines = dom_admin.order(order_id)["lines"]
    assert [(line["partNumber"], line["quantity"]) for line in lines] == [(item.part_number, quantity)]


@then("DOM answers with the error form")
def _(exchange: BodExchange) -> None:
    assert b"Traceback" not in exchange.body
    if exchange.document is None:
        assert "SOAP fault" in str(exchange.error), (
            f"neither an error BOD nor a SOAP fault: {exchange.body[:300]!r}"
        )
        return
    status = exchange.change_status
    assert status is not None, f"{exchange.type_name} carries no ChangeStatus"
    assert status.code, status
    assert status.reason_code, status
