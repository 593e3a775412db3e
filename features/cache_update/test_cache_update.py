"""Steps of the cache update features: BODs posted to the commerce server's InventoryServices."""

from __future__ import annotations

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from bods.messages import InventoryStatus
from features.support import documents
from features.support.items import Item
from features.support.polling import eventually
from harness.drivers import INVENTORY_SERVICES, BodExchange, CommerceDriver, DomDriver
from harness.drivers.bod_client import encode

scenarios("cache_update")


@pytest.fixture
def sent() -> list[bytes]:
    """Every document sent to the commerce server in this scenario, as sent (for redelivery)."""
    return []


@pytest.fixture
def exchanges() -> list[BodExchange]:
    return []


def send(
    commerce: CommerceDriver, sent: list[bytes], exchanges: list[BodExchange], body: bytes
) -> BodExchange:
    sent.append(body)
    exchanges.append(commerce.post_bod(INVENTORY_SERVICES, body))
    return exchanges[-1]


@given(parsers.parse("DOM sent a cache update of {quantity:g} units of the item"))
@when(parsers.parse("DOM sends a cache update of {quantity:g} units of the item"), target_fixture="exchange")
def _(
    commerce: CommerceDriver, sent: list[bytes], exchanges: list[BodExchange], item: Item, quantity: float
) -> BodExchange:
    return send(commerce, sent, exchanges, encode(documents.cache_update(item.part_number, quantity)))


@given(
    parsers.parse(
        "DOM sent a cache update of {quantity:g} units of the item at fulfillment center {center:d}"
    )
)
@given(
    parsers.parse(
        "DOM sent another cache update of {quantity:g} units of the item at fulfillment center {center:d}"
    )
)
@when(
    parsers.parse(
        "DOM sends a cache update of {quantity:g} units of the item at fulfillment center {center:d}"
    ),
    target_fixture="exchange",
)
def _(
    commerce: CommerceDriver,
    sent: list[bytes],
    exchanges: list[BodExchange],
    item: Item,
    quantity: float,
    center: int,
) -> BodExchange:
    update = documents.cache_update(item.part_number, quantity, fulfillment_center=center)
    return send(commerce, sent, exchanges, encode(update))


@when("DOM sends a cache delete of the item", target_fixture="exchange")
def _(commerce: CommerceDriver, sent: list[bytes], exchanges: list[BodExchange], item: Item) -> BodExchange:
    return send(commerce, sent, exchanges, encode(documents.cache_delete(item.part_number)))


@when("DOM sends this cache update:", target_fixture="exchange")
def _(
    commerce: CommerceDriver, sent: list[bytes], exchanges: list[BodExchange], docstring: str
) -> BodExchange:
    return send(commerce, sent, exchanges, docstring.strip().encode("utf-8"))


@when("DOM delivers the first update again", target_fixture="exchange")
def _(commerce: CommerceDriver, sent: list[bytes], exchanges: list[BodExchange]) -> BodExchange:
    return send(commerce, sent, exchanges, sent[0])


@when(
    parsers.parse("DOM pushes {status} with {quantity:g} units of the item online"), target_fixture="exchange"
)
def _(
    commerce: CommerceDriver,
    sent: list[bytes],
    exchanges: list[BodExchange],
    item: Item,
    status: str,
    quantity: float,
) -> BodExchange:
    push = documents.availability_push(item.part_number, InventoryStatus(status), quantity)
    return send(commerce, sent, exchanges, encode(push))


@when(parsers.parse("DOM's stock of the item drops to {quantity:g} units online"))
def _(dom_admin: DomDriver, item: Item, quantity: float) -> None:
    dom_admin.set_inventory(item.part_number, "10001", quantity)
    dom_admin.set_inventory(item.part_number, "10002", 0)


@when("DOM delivers its pending updates to the commerce server")
def _(dom_admin: DomDriver) -> None:
    dom_admin.drain_pushes()


@then("the update is confirmed")
def _(exchange: BodExchange) -> None:
    assert exchange.succeeded, f"{exchange.status} {exchange.change_status or exchange.error}"
    assert exchange.type_name == "ConfirmBOD"


@then("every update is confirmed")
def _(exchanges: list[BodExchange]) -> None:
    assert [e.succeeded for e in exchanges] == [True] * len(exchanges)


@then(parsers.parse("the update is refused with reason code {reason_code}"))
def _(exchange: BodExchange, reason_code: str) -> None:
    assert exchange.type_name == "ConfirmBOD", f"not a ConfirmBOD: {exchange.status} {exchange.body[:300]!r}"
    assert exchange.change_status is not None, "the ConfirmBOD reports success"
    assert exchange.change_status.reason_code == reason_code


@then("the commerce server confirmed DOM's availability update")
def _(dom_admin: DomDriver, item: Item) -> None:
    def pushes() -> list[dict]:
        return [p for p in dom_admin.pushes() if item.part_number in p.get("partNumbers", [])]

    delivered = eventually(
        pushes,
        lambda found: bool(found) and all(p["status"] == "sent" for p in found),
        what=f"SyncInventoryAvailability for {item} confirmed",
    )
    assert {p["bodType"] for p in delivered} == {"SyncInventoryAvailability"}


@then(parsers.parse("a shopper sees the item {status} online with at least {quantity:g} units"))
def _(commerce: CommerceDriver, item: Item, status: str, quantity: float) -> None:
    record = commerce.availability([item.product_id]).expect_ok("look-up").record(item.product_id)
    assert record.status == status
    assert (record.quantity or 0) >= quantity, record


@then(parsers.parse("a shopper sees the item {status} online with {quantity:g} units"))
def _(commerce: CommerceDriver, item: Item, status: str, quantity: float) -> None:
    record = commerce.availability([item.product_id]).expect_ok("look-up").record(item.product_id)
    assert (record.status, record.quantity) == (status, quantity)


@then(parsers.parse("a shopper sees the item {status} online"))
def _(commerce: CommerceDriver, item: Item, status: str) -> None:
    record = commerce.availability([item.product_id]).expect_ok("look-up").record(item.product_id)
    assert record.status == status
