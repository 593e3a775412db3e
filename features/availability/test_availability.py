"""Steps of the availability features: look-ups through the storefront REST API, checks on the answer."""

from __future__ import annotations

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from features.support.cache_config import configure_item, item_configuration
from features.support.items import Item
from features.support.target import Target
from harness.drivers import AvailabilityAnswer, CommerceDriver, DomDriver

scenarios("availability")


def limit(text: str) -> float | None:
    """A threshold or expiry from the Examples table; NULL is the database's NULL."""
    return None if text.upper() == "NULL" else float(text)


limit.pattern = r"NULL|null|\d+(?:\.\d+)?"
TYPES = {"Limit": limit}


@given(
    parsers.parse(
        "the item's cache configuration has threshold {threshold:Limit}, "
        "expiry above {above:Limit} and expiry below {below:Limit}",
        extra_types=TYPES,
    )
)
def _(
    target: Target,
    commerce: CommerceDriver,
    item: Item,
    threshold: float | None,
    above: float | None,
    below: float | None,
) -> None:
    if target.commerce_db is None:
        pytest.skip("INVCNF scenarios write the reference commerce server's database: give --commerce-db")
    expiry = (None if above is None else int(above), None if below is None else int(below))
    configure_item(target.commerce_db, item_configuration(item, threshold, *expiry), item)
    commerce.reload_cache_configuration()


@given("a shopper has looked up the availability of the item", target_fixture="first_answer")
def _(commerce: CommerceDriver, item: Item) -> AvailabilityAnswer:
    return commerce.availability([item.product_id]).expect_ok("first look-up")


@when("a shopper looks up the availability of the item", target_fixture="answer")
@when("another shopper looks up the availability of the item", target_fixture="answer")
def _(commerce: CommerceDriver, item: Item) -> AvailabilityAnswer:
    return commerce.availability([item.product_id])


@when("a shopper looks up the availability of the item by its part number", target_fixture="answer")
def _(commerce: CommerceDriver, item: Item) -> AvailabilityAnswer:
    return commerce.availability_by_part_number([item.part_number])


@when(
    parsers.parse("a shopper looks up the availability of the item at stores {stores}"),
    target_fixture="answer",
)
def _(commerce: CommerceDriver, item: Item, stores: str) -> AvailabilityAnswer:
    return commerce.availability([item.product_id], physical_store_ids=stores.split(","))


@when(parsers.parse("a shopper looks up the availability of product {product_id:d}"), target_fixture="answer")
def _(commerce: CommerceDriver, product_id: int) -> AvailabilityAnswer:
    return commerce.availability([str(product_id)])


@then(parsers.parse("the item is {status} online with {quantity:g} units"))
def _(answer: AvailabilityAnswer, item: Item, status: str, quantity: float) -> None:
    record = answer.expect_ok("look-up").record(item.product_id)
    assert (record.status, record.quantity) == (status, quantity)


@then(parsers.parse("the item is {status} online"))
def _(answer: AvailabilityAnswer, item: Item, status: str) -> None:
    assert answer.expect_ok("look-up").record(item.product_id).status == status


@then(parsers.parse("the item is {status} at store {store:d} with {quantity:g} units"))
def _(answer: AvailabilityAnswer, item: Item, status: str, store: int, quantity: float) -> None:
    record = answer.record(item.product_id, str(store))
    assert (record.status, record.quantity) == (status, quantity)


@then(parsers.parse("the item is {status} at store {store:d}"))
def _(answer: AvailabilityAnswer, item: Item, status: str, store: int) -> None:
    assert answer.record(item.product_id, str(store)).status == status


@then(parsers.parse("the answer has a record online and one for each of the {stores:d} stores"))
def _(answer: AvailabilityAnswer, stores: int) -> None:
    assert sorted(r.location for r in answer.records).count("online") == 1
    assert len(answer.records) == 1 + stores


@then(parsers.parse("the second look-up was answered by {source}"))
def _(dom_admin: DomDriver, item: Item, source: str) -> None:
    expected = {"the cache": 1, "DOM": 2}[source]
    assert dom_admin.count(bodType="GetInventoryAvailability", partNumber=item.part_number) == expected


@then(parsers.parse("the look-up is refused with {error_key}"))
def _(answer: AvailabilityAnswer, error_key: str) -> None:
    assert not answer.ok, f"expected an error answer, got {answer.status} {answer.body!r}"
    assert answer.error_key == error_key, answer.body
