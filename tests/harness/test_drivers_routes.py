"""The URLs the drivers and the load tests share (WCS REST, inbound services, mock DOM admin)."""

from __future__ import annotations

from harness.drivers import routes


def test_availability_joins_catalog_entry_ids_and_physical_stores() -> None:
    call = routes.availability(["12001", "12002"], physical_store_ids=["20001", "20002"])
    assert call.method == "GET"
    assert (
        call.path
        == "/wcs/resources/store/10101/inventoryavailability/12001,12002?physicalStoreId=20001%2C20002"
    )


def test_availability_without_stores_has_no_query_string() -> None:
    assert routes.availability(["12001"]).path == "/wcs/resources/store/10101/inventoryavailability/12001"


def test_calls_with_different_ids_share_one_name() -> None:
    assert routes.availability(["12001"]).name == routes.availability(["12499", "12003"]).name
    assert routes.order("1").name == routes.order("2").name


def test_by_part_number_uses_its_own_resource() -> None:
    call = routes.availability_by_part_number(["SKU-0001"], online_store_id="10101")
    assert (
        call.path
        == "/wcs/resources/store/10101/inventoryavailability/byPartNumber/SKU-0001?onlineStoreId=10101"
    )


def test_add_to_cart_sends_quantities_as_strings_like_wcs() -> None:
    call = routes.add_to_cart("12001", 2, physical_store_id="20001")
    assert call.json == {"orderItem": [{"productId": "12001", "quantity": "2.0", "physicalStoreId": "20001"}]}


def test_checkout_carries_the_order_id() -> None:
    call = routes.checkout("5001")
    assert (call.method, call.path, call.json) == (
        "POST",
        "/wcs/resources/store/10101/cart/@self/checkout",
        {"orderId": "5001"},
    )


def test_inbound_and_dom_service_paths() -> None:
    assert routes.commerce_service("InventoryServices") == "/webapp/wcs/services/InventoryServices"
    assert routes.dom_service("OrderServices") == "/dom/services/OrderServices"


def test_admin_calls_drop_empty_filters_and_name_ids_generically() -> None:
    call = routes.admin("orders/5001/ship", "POST", {}, partNumber=None)
    assert call.path == "/__admin/orders/5001/ship"
    assert call.name == "/__admin/orders/[id]/ship"
    assert routes.admin("requests", bodType="GetInventoryAvailability").path == (
        "/__admin/requests?bodType=GetInventoryAvailability"
    )
