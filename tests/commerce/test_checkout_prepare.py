"""ProcessOrder Prepare (flow scenario 2, steps 3-4): ReserveInventory at DOM, the item statuses it sets, a
partial reservation per item, and a DOM that does not answer leaving the cart as it was."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checkout_support import World

pytest_plugins = ["checkout_support"]


def test_precheckout_reserves_the_cart_at_dom_as_wc_order_id(world: World) -> None:
    order_id = world.shop.add_to_cart("12001", 2).get("orderId")
    answer = world.shop.precheckout()
    assert answer.status == 200
    assert answer.get("orderId") == order_id
    [request] = world.dom.requests(bodType="ProcessInventoryRequirement", actionCode="ReserveInventory")
    assert request["partNumbers"] == ["SKU-0001"]
    [reservation] = world.dom.reservations(order_id=order_id)
    assert reservation["reservationId"] == f"WC_{order_id}"


def test_reserved_items_are_allocated_and_the_cart_is_prepared(world: World) -> None:
    order_id = world.shop.add_to_cart("12001", 2).get("orderId")
    answer = world.shop.precheckout()
    assert [i["inventoryStatus"] for i in answer.get("orderItem")] == ["Allocated"]
    cart = world.order(order_id)
    assert cart["prepareIndicator"] == "true"
    assert [i["orderItemInventoryStatus"] for i in cart["orderItem"]] == ["ALLC"]


def test_a_partial_reservation_is_reported_per_item(world: World) -> None:
    world.dom.set_inventory("SKU-0006", "10001", 2, future_quantity=10, future_date="2030-01-01T00:00:00Z")
    world.dom.set_inventory("SKU-0006", "10002", 0)
    world.shop.add_to_cart("12001", 1)
    order_id = world.shop.add_to_cart("12006", 2).get("orderId")
    world.dom.set_inventory("SKU-0006", "10001", 1, future_quantity=10, future_date="2030-01-01T00:00:00Z")
    answer = world.shop.precheckout()
    assert answer.status == 200
    by_item = {i["orderItemId"]: i for i in answer.get("orderItem")}
    statuses = sorted(i["inventoryStatus"] for i in by_item.values())
    assert statuses == ["Allocated", "Backordered"]
    backordered = next(i for i in by_item.values() if i["inventoryStatus"] == "Backordered")
    assert backordered["availableQuantity"] == "1.0"
    items = {i["partNumber"]: i for i in world.order(order_id)["orderItem"]}
    assert items["SKU-0006"]["orderItemInventoryStatus"] == "BO"
    assert items["SKU-0006"]["estimatedAvailableTime"].startswith("2030-01-01")


def test_items_dom_cannot_hold_refuse_the_precheckout_with_their_verdicts(world: World) -> None:
    world.shop.add_to_cart("12001", 1)
    order_id = world.shop.add_to_cart("12008", 5).get("orderId")
    world.dom.set_inventory("SKU-0008", "10001", 0)
    world.dom.set_inventory("SKU-0008", "10002", 0)
    answer = world.shop.precheckout()
    assert answer.status == 400
    assert answer.error_key == "_ERR_INSUFFICIENT_INVENTORY"
    verdicts = {i["orderItemId"]: i["inventoryStatus"] for i in answer.get("orderItem")}
    assert sorted(verdicts.values()) == ["Allocated", "Unavailable"]
    assert world.order(order_id)["prepareIndicator"] == "false"


def test_dom_not_answering_the_reservation_leaves_the_cart_unchanged(world: World) -> None:
    order_id = world.shop.add_to_cart("12001", 2).get("orderId")
    before = world.order(order_id)
    world.dom.add_fault(
        {
            "match": {"operation": "ProcessInventoryRequirement"},
            "fault": {"type": "httpStatus", "status": 503},
        }
    )
    answer = world.shop.precheckout()
    assert answer.status == 503
    assert answer.error_key == "_ERR_DOM_UNAVAILABLE"
    assert world.order(order_id) == before


def test_dom_refusing_the_reservation_is_a_clear_error(world: World) -> None:
    world.shop.add_to_cart("12001", 2)
    world.dom.add_fault({"match": {"operation": "ProcessInventoryRequirement"}, "fault": {"type": "error"}})
    answer = world.shop.precheckout()
    assert answer.status == 502
    assert answer.errors[0]["errorMessage"].startswith("DOM refused ReserveInventory")


def test_an_empty_cart_cannot_be_prepared(world: World) -> None:
    line = world.shop.add_to_cart("12001", 1).get("orderItem")[0]["orderItemId"]
    world.shop.client.put(
        "/wcs/resources/store/10101/cart/@self",
        json={"orderItem": [{"orderItemId": line, "quantity": "0"}]},
        headers=world.shop.shopper.headers(),
    )
    answer = world.shop.precheckout()
    assert answer.status == 400
    assert answer.error_key == "_ERR_ORDER_EMPTY"


def test_changing_the_cart_after_precheckout_unprepares_it(world: World) -> None:
    order_id = world.shop.add_to_cart("12001", 1).get("orderId")
    world.shop.precheckout().expect_ok()
    world.shop.add_to_cart("12001", 1)
    cart = world.order(order_id)
    assert cart["prepareIndicator"] == "false"
    assert cart["orderItem"][0]["orderItemInventoryStatus"] == "NALC"
