"""ChangeOrder for the cart (flow scenario 2, steps 1-2): guest identity, add with CheckInventory through the
availability cache or DOM, update and remove, and who may see which cart."""

from __future__ import annotations

from typing import TYPE_CHECKING

from harness.drivers import CommerceDriver
from harness.drivers.answers import GuestIdentity

if TYPE_CHECKING:
    from checkout_support import World

pytest_plugins = ["checkout_support"]

CART = "/wcs/resources/store/10101/cart/@self"


def test_a_guest_identity_answers_both_tokens_and_the_user_id_as_strings(world: World) -> None:
    answer = world.shop.client.post("/wcs/resources/store/10101/guestidentity", json={})
    assert answer.status_code == 201
    body = answer.json()
    assert set(body) == {"WCToken", "WCTrustedToken", "personalizationID", "userId"}
    assert body["WCToken"].startswith(body["userId"] + "%2C")
    assert isinstance(body["userId"], str)


def test_adding_an_item_creates_the_cart_with_one_line(world: World) -> None:
    answer = world.shop.add_to_cart("12001", 2)
    assert answer.status == 201
    assert answer.get("orderId")
    [line] = answer.get("orderItem")
    cart = world.order(answer.get("orderId"))
    assert cart["orderStatus"] == "P"
    [item] = cart["orderItem"]
    assert item["orderItemId"] == line["orderItemId"]
    assert (item["productId"], item["partNumber"], item["quantity"]) == ("12001", "SKU-0001", "2.0")
    assert cart["grandTotal"] == item["orderItemPrice"]


def test_adding_the_same_item_again_increases_its_line(world: World) -> None:
    world.shop.add_to_cart("12001", 2)
    again = world.shop.add_to_cart("12001", 1)
    [item] = world.order(again.get("orderId"))["orderItem"]
    assert item["quantity"] == "3.0"


def test_add_to_cart_checks_inventory_at_dom_on_a_cache_miss(world: World) -> None:
    world.shop.add_to_cart("12002", 1).expect_ok()
    [request] = world.dom.requests(bodType="GetInventoryAvailability")
    assert request["partNumbers"] == ["SKU-0002"]


def test_an_unavailable_item_is_not_orderable_and_no_cart_is_created(world: World) -> None:
    answer = world.shop.add_to_cart("12050", 1)  # SKU-0050: no stock anywhere in the mock DOM seed
    assert answer.status == 400
    assert answer.error_key == "_ERR_PROD_NOT_ORDERABLE"
    cart = world.shop.client.get(CART, headers=world.shop.shopper.headers())
    assert cart.status_code == 404


def test_more_than_is_available_is_not_orderable(world: World) -> None:
    world.dom.set_inventory("SKU-0003", "10001", 2)
    world.dom.set_inventory("SKU-0003", "10002", 1)
    answer = world.shop.add_to_cart("12003", 4)
    assert answer.error_key == "_ERR_PROD_NOT_ORDERABLE"
    assert "Only 3" in answer.errors[0]["errorMessage"]


def test_a_backorderable_item_is_orderable_with_its_expected_date(world: World) -> None:
    answer = world.shop.add_to_cart("12025", 2)  # SKU-0025: future supply only
    [item] = world.order(answer.get("orderId"))["orderItem"]
    assert item["estimatedAvailableTime"].endswith("Z")


def test_an_in_store_pickup_line_is_checked_at_its_physical_store(world: World) -> None:
    world.dom.set_inventory("SKU-0004", "20002", 0)
    refused = world.shop.add_to_cart("12004", 1, physical_store_id="20002")
    assert refused.error_key == "_ERR_PROD_NOT_ORDERABLE"
    added = world.shop.add_to_cart("12004", 1, physical_store_id="20003")
    [item] = world.order(added.get("orderId"))["orderItem"]
    assert item["physicalStoreId"] == "20003"


def test_updating_a_quantity_to_zero_removes_the_line(world: World) -> None:
    first = world.shop.add_to_cart("12001", 1)
    world.shop.add_to_cart("12002", 1)
    line = first.get("orderItem")[0]["orderItemId"]
    answer = world.shop.client.put(
        CART,
        json={"orderItem": [{"orderItemId": line, "quantity": "0"}]},
        headers=world.shop.shopper.headers(),
    )
    assert answer.status_code == 200
    assert [i["orderItemId"] for i in answer.json()["orderItem"]] != [line]
    assert [i["productId"] for i in world.order(first.get("orderId"))["orderItem"]] == ["12002"]


def test_updating_an_item_the_cart_does_not_have_is_refused(world: World) -> None:
    world.shop.add_to_cart("12001", 1)
    answer = world.shop.client.put(
        CART,
        json={"orderItem": [{"orderItemId": "99999", "quantity": "2"}]},
        headers=world.shop.shopper.headers(),
    )
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["errorKey"] == "_ERR_CMD_INVALID_PARAM"


def test_cart_calls_without_a_token_are_refused_with_401(world: World) -> None:
    anonymous = CommerceDriver(world.shop.client)
    answer = anonymous.add_to_cart("12001", 1)
    assert answer.status == 401
    assert answer.error_key == "_ERR_INVALID_TOKEN"


def test_a_forged_token_is_refused(world: World) -> None:
    forged = GuestIdentity(world.shop.shopper.user_id, world.shop.shopper.user_id + "%2Cguess")
    assert world.shop.add_to_cart("12001", 1, shopper=forged).status == 401


def test_another_shoppers_order_is_refused_with_403(world: World) -> None:
    order_id = world.shop.add_to_cart("12001", 1).get("orderId")
    stranger = world.shopper()
    answer = stranger.order(order_id)
    assert answer.status == 403
    assert answer.error_key == "_ERR_USER_AUTHORITY"
    assert stranger.precheckout(order_id).status == 403


def test_a_malformed_quantity_is_refused_and_changes_nothing(world: World) -> None:
    answer = world.shop.client.post(
        "/wcs/resources/store/10101/cart",
        json={"orderItem": [{"productId": "12001", "quantity": "two"}]},
        headers=world.shop.shopper.headers(),
    )
    assert answer.status_code == 400
    assert world.shop.client.get(CART, headers=world.shop.shopper.headers()).status_code == 404
