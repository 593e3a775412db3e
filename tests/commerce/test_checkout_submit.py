"""ProcessOrder Submit (flow scenario 2, steps 5-6): PrimePayment, the status change, the confirmation email,
and the OrderSubmit event's transfer to DOM through the outbox, then DecrementCache."""

from __future__ import annotations

from typing import TYPE_CHECKING

from harness.commerce.domain.orders import list_price

if TYPE_CHECKING:
    from checkout_support import World

pytest_plugins = ["checkout_support"]


def test_a_minimal_checkout_needs_no_payment_call_and_pays_cash_on_delivery(world: World) -> None:
    world.shop.add_to_cart("12001", 2)
    world.shop.precheckout()
    answer = world.shop.checkout()
    assert answer.status == 201
    order = world.order(answer.get("orderId"))
    assert order["orderStatus"] == "M"
    assert order["placedDate"].endswith("Z")
    assert [i["orderItemStatus"] for i in order["orderItem"]] == ["M"]


def test_the_order_waits_in_the_outbox_until_the_worker_runs(world: World) -> None:
    order_id = world.buy(("12001", 1))
    assert world.order(order_id)["transferStatus"] == "F"
    assert world.dom.find_order(order_id) is None
    assert world.dom.count(bodType="ProcessOrder") == 0
    [row] = world.shop.transfers()
    assert (row["orderId"], row["actionCode"], row["status"]) == (order_id, "TransferOrder", "pending")


def test_the_worker_transfers_the_order_and_dom_acknowledges_it(world: World) -> None:
    order_id = world.buy(("12001", 2), ("12002", 1))
    world.drain()
    order = world.order(order_id)
    assert order["transferStatus"] == "G"
    assert order["externalOrderId"] == world.dom.order(order_id)["externalOrderId"]
    assert world.dom.verify(bodType="ProcessOrder", actionCode="TransferOrder", count=1)["ok"]
    [dom_order] = [o for o in world.dom.orders() if o["orderId"] == order_id]
    assert dom_order["reservationId"] == f"WC_{order_id}"


def test_the_journal_shows_reserve_transfer_and_decrement_in_order(world: World) -> None:
    world.buy(("12001", 1))
    world.drain()
    bods = [
        (r["bodType"], r["actionCode"])
        for r in world.dom.requests()
        if r["bodType"] != "GetInventoryAvailability"
    ]
    assert bods == [
        ("ProcessInventoryRequirement", "ReserveInventory"),
        ("ProcessOrder", "TransferOrder"),
        ("ProcessInventoryRequirement", "DecrementCache"),
    ]


def test_decrement_cache_lowers_the_cached_availability_by_the_ordered_quantity(world: World) -> None:
    before = world.shop.availability(["12001"]).record("12001").quantity
    world.buy(("12001", 3))
    world.drain()
    after = world.shop.availability(["12001"]).record("12001").quantity
    assert after == before - 3
    assert (
        world.dom.count(bodType="GetInventoryAvailability") == 1
    )  # the decremented record is served from cache


def test_an_approved_card_completes_the_payment_authorization(world: World) -> None:
    world.shop.add_to_cart("12001", 1)
    world.shop.add_payment("VISA", account="4111111111111111").expect_ok()
    order_id = world.shop.checkout().expect_ok().get("orderId")
    assert world.order(order_id)["orderStatus"] == "C"


def test_a_declined_card_leaves_the_order_pending_and_transfers_nothing(world: World) -> None:
    order_id = world.shop.add_to_cart("12001", 1).get("orderId")
    world.shop.add_payment("VISA", account="4000000000000002").expect_ok()
    answer = world.shop.checkout()
    assert answer.status == 400
    assert answer.error_key == "_ERR_PAYMENT_DECLINED"
    world.drain()
    assert world.order(order_id)["orderStatus"] == "P"
    assert world.shop.transfers() == []
    assert world.dom.count(bodType="ProcessOrder") == 0
    assert world.shop.mail() == []


def test_a_declined_shopper_can_pay_another_way(world: World) -> None:
    world.shop.add_to_cart("12001", 1)
    world.shop.add_payment("VISA", account="4000000000000002")
    assert world.shop.checkout().status == 400
    world.shop.add_payment("COD")
    assert world.shop.checkout().status == 201


def test_a_configured_decline_ratio_declines_cards(make_world) -> None:
    declining = make_world(decline_ratio=1.0)
    declining.shop.add_to_cart("12001", 1)
    declining.shop.add_payment("VISA", account="4111111111111111")
    assert declining.shop.checkout().error_key == "_ERR_PAYMENT_DECLINED"


def test_checkout_without_precheckout_reserves_first(world: World) -> None:
    world.shop.add_to_cart("12001", 1)
    assert world.shop.checkout().status == 201
    assert world.dom.count(bodType="ProcessInventoryRequirement", actionCode="ReserveInventory") == 1


def test_the_shopper_gets_a_confirmation_email(world: World) -> None:
    shopper = world.shopper(email="ann@example.com")
    order_id = world.buy(("12001", 2), driver=shopper)
    [mail] = shopper.mail(order_id=order_id)
    assert mail["recipient"] == "ann@example.com"
    assert mail["kind"] == "OrderConfirmation"
    assert order_id in mail["subject"]
    assert f"{2 * list_price(12001):.2f}" in mail["body"]
    assert mail["status"] == "kept"


def test_a_submitted_cart_is_no_longer_the_shoppers_cart(world: World) -> None:
    order_id = world.buy(("12001", 1))
    again = world.shop.checkout(order_id)
    assert again.status == 400
    assert again.error_key == "_ERR_ORDER_NOT_PENDING"
    assert (
        world.shop.client.get(
            "/wcs/resources/store/10101/cart/@self", headers=world.shop.shopper.headers()
        ).status_code
        == 404
    )


def test_the_order_history_lists_submitted_orders_with_their_status(world: World) -> None:
    first = world.buy(("12001", 1))
    world.drain()
    second = world.buy(("12002", 1))
    history = world.shop.order_history().expect_ok()
    assert [o["orderId"] for o in history.get("Order")] == [second, first]
    assert [o["transferStatus"] for o in history.get("Order")] == ["F", "G"]
