"""Steps of the checkout features: shoppers on the storefront REST API, DOM observed through its admin API."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from features.support.documents import random_ref
from features.support.items import Item
from features.support.polling import eventually
from features.support.target import Target
from harness.drivers import Answer, CommerceDriver, DomDriver, DriverError

scenarios("checkout")

UNITS = {"quantity": int}
SHIPPED = {"S", "D"}  # ORDERS.STATUS shipped, shipped and deposited
TRANSFERRED = "G"
WAITING = {"F", "H"}  # hold on transfer, failed to transfer


@pytest.fixture
def shoppers(target: Target) -> Iterator[list[CommerceDriver]]:
    """Every shopper of the scenario, each with a driver of their own (closed at the end)."""
    opened: list[CommerceDriver] = []
    yield opened
    for driver in opened:
        driver.close()


def new_shopper(target: Target, shoppers: list[CommerceDriver]) -> CommerceDriver:
    if target.commerce_url is None:
        pytest.skip("no commerce server: give --commerce-url (or run without URLs to start one)")
    driver = CommerceDriver(target.commerce_url)
    shoppers.append(driver)
    driver.guest_identity(email=f"{random_ref('guest')}@example.test")
    return driver


def ready_to_pay(shopper: CommerceDriver, item: Item, quantity: int) -> CommerceDriver:
    shopper.add_to_cart(item.product_id, quantity).expect_ok("add to cart")
    shopper.precheckout().expect_ok("precheckout")
    shopper.add_payment("COD").expect_ok("payment instruction")
    return shopper


def order_view(shopper: CommerceDriver) -> dict[str, Any]:
    return shopper.order().expect_ok("order view").body


def mail_kinds(shopper: CommerceDriver) -> set[str]:
    try:
        return {mail["kind"] for mail in shopper.mail(order_id=shopper.order_id)}
    except DriverError as error:
        pytest.skip(f"the commerce server shows no sent mail (/__admin/mail): {error}")


# --- shoppers ---------------------------------------------------------------------------------------------


@given("a guest shopper", target_fixture="shopper")
def _(target: Target, shoppers: list[CommerceDriver]) -> CommerceDriver:
    return new_shopper(target, shoppers)


@given(
    parsers.re(r"a guest shopper with (?P<quantity>\d+) units? of the item in the cart"),
    converters=UNITS,
    target_fixture="shopper",
)
def _(target: Target, shoppers: list[CommerceDriver], item: Item, quantity: int) -> CommerceDriver:
    shopper = new_shopper(target, shoppers)
    shopper.add_to_cart(item.product_id, quantity).expect_ok("add to cart")
    return shopper


@given(
    parsers.re(r"a guest shopper ready to pay for (?P<quantity>\d+) units? of the item"),
    converters=UNITS,
    target_fixture="shopper",
)
def _(target: Target, shoppers: list[CommerceDriver], item: Item, quantity: int) -> CommerceDriver:
    return ready_to_pay(new_shopper(target, shoppers), item, quantity)


@given(
    parsers.re(r"a shopper's order of (?P<quantity>\d+) units? of the item that DOM has received"),
    converters=UNITS,
    target_fixture="shopper",
)
def _(target: Target, shoppers: list[CommerceDriver], item: Item, quantity: int) -> CommerceDriver:
    shopper = ready_to_pay(new_shopper(target, shoppers), item, quantity)
    shopper.checkout().expect_ok("checkout")
    eventually(
        lambda: order_view(shopper).get("transferStatus"),
        lambda s: s == TRANSFERRED,
        what=f"order {shopper.order_id} transferred to DOM",
    )
    return shopper


@given("two guest shoppers with 1 unit of the item in their carts", target_fixture="rivals")
def _(target: Target, shoppers: list[CommerceDriver], item: Item) -> list[CommerceDriver]:
    rivals = [new_shopper(target, shoppers), new_shopper(target, shoppers)]
    for rival in rivals:
        rival.add_to_cart(item.product_id, 1).expect_ok("add to cart")
    return rivals


# --- DOM ----------------------------------------------------------------------------------------------------


@given("DOM stops taking orders")
def _(dom_admin: DomDriver) -> None:
    dom_admin.add_fault(match={"operation": "ProcessOrder"}, fault={"type": "httpStatus", "status": 503})


@when("DOM takes orders again")
def _(dom_admin: DomDriver, shopper: CommerceDriver) -> None:
    dom_admin.clear_faults()
    shopper.retry_transfer()  # the reference server resubmits at once; elsewhere its own retry comes later


@when("DOM ships the order", target_fixture="tracking_number")
def _(dom_admin: DomDriver, shopper: CommerceDriver) -> str:
    tracking = random_ref("1Z")
    dom_admin.ship(str(shopper.order_id), carrier="UPS", trackingNumber=tracking)
    dom_admin.drain_pushes()
    return tracking


# --- shopper actions --------------------------------------------------------------------------------------


@when(
    parsers.re(r"the shopper adds (?P<quantity>\d+) units? of the item to the cart"),
    converters=UNITS,
    target_fixture="answer",
)
def _(shopper: CommerceDriver, item: Item, quantity: int) -> Answer:
    return shopper.add_to_cart(item.product_id, quantity)


@when("the shopper proceeds to checkout", target_fixture="answer")
def _(shopper: CommerceDriver) -> Answer:
    return shopper.precheckout()


@when("both shoppers proceed to checkout at the same time", target_fixture="answers")
def _(rivals: list[CommerceDriver]) -> list[Answer]:
    with ThreadPoolExecutor(max_workers=len(rivals)) as pool:
        return list(pool.map(lambda rival: rival.precheckout(), rivals))


@when("the shopper places the order", target_fixture="answer")
def _(shopper: CommerceDriver) -> Answer:
    return shopper.checkout()


# --- outcomes -----------------------------------------------------------------------------------------------


@then(parsers.re(r"the cart is pending with (?P<quantity>\d+) units? of the item"), converters=UNITS)
def _(answer: Answer, shopper: CommerceDriver, item: Item, quantity: int) -> None:
    answer.expect_ok("add to cart")
    cart = order_view(shopper)
    assert cart["orderStatus"] == "P"
    assert [(i["productId"], float(i["quantity"])) for i in cart["orderItem"]] == [
        (item.product_id, quantity)
    ]


@then(parsers.parse("the shopper is told {error_key}"))
def _(answer: Answer, error_key: str) -> None:
    assert not answer.ok, f"expected a refusal, got {answer.status} {answer.body!r}"
    assert answer.error_key == error_key, answer.body


@then("the cart's items are allocated")
def _(answer: Answer, shopper: CommerceDriver) -> None:
    answer.expect_ok("precheckout")
    assert {i["orderItemInventoryStatus"] for i in order_view(shopper)["orderItem"]} == {"ALLC"}


@then(
    parsers.re(r"DOM holds a reservation of (?P<quantity>\d+) units? of the item for the cart"),
    converters=UNITS,
)
def _(dom_admin: DomDriver, shopper: CommerceDriver, item: Item, quantity: int) -> None:
    reservations = dom_admin.reservations(order_id=str(shopper.order_id))
    lines = [(line["partNumber"], line["quantity"]) for r in reservations for line in r["lines"]]
    assert lines == [(item.part_number, quantity)]


@then("exactly one shopper gets the last unit")
def _(answers: list[Answer]) -> None:
    assert [answer.ok for answer in answers].count(True) == 1, [(a.status, a.error_key) for a in answers]


@then(parsers.parse("the other shopper is told {error_key}"))
def _(answers: list[Answer], error_key: str) -> None:
    assert [answer.error_key for answer in answers if not answer.ok] == [error_key]


@then("the order is placed")
def _(answer: Answer, shopper: CommerceDriver) -> None:
    assert answer.status == 201, answer.body
    assert order_view(shopper)["orderStatus"] != "P"


@then("the order is successfully transferred to DOM")
def _(shopper: CommerceDriver) -> None:
    eventually(
        lambda: order_view(shopper).get("transferStatus"),
        lambda status: status == TRANSFERRED,
        what=f"order {shopper.order_id} transferred to DOM",
    )


@then("the order waits for its transfer to DOM")
def _(dom_admin: DomDriver, shopper: CommerceDriver, item: Item) -> None:
    eventually(
        lambda: dom_admin.count(bodType="ProcessOrder", partNumber=item.part_number),
        lambda n: n >= 1,
        what="a transfer attempt reached DOM",
    )
    assert order_view(shopper).get("transferStatus") in WAITING
    assert dom_admin.find_order(str(shopper.order_id)) is None


@then("DOM received the order exactly once")
def _(dom_admin: DomDriver, shopper: CommerceDriver, item: Item) -> None:
    accepted = dom_admin.count(bodType="ProcessOrder", partNumber=item.part_number, status=200)
    assert accepted == 1
    assert dom_admin.find_order(str(shopper.order_id)) is not None


@then("the shopper receives an order confirmation")
def _(shopper: CommerceDriver) -> None:
    eventually(
        lambda: mail_kinds(shopper),
        lambda kinds: "OrderConfirmation" in kinds,
        what="an order confirmation mail",
    )


@then("the shopper sees the order shipped with its tracking number")
def _(shopper: CommerceDriver, tracking_number: str) -> None:
    order = eventually(
        lambda: order_view(shopper),
        lambda o: o["orderStatus"] in SHIPPED,
        what=f"order {shopper.order_id} shipped",
    )
    assert tracking_number in [s.get("trackingNumber") for s in order["shipments"]]


@then("the shopper receives a shipping notice")
def _(shopper: CommerceDriver) -> None:
    eventually(
        lambda: mail_kinds(shopper), lambda kinds: "OrderShipped" in kinds, what="a shipping notice mail"
    )
