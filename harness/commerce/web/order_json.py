"""Carts and orders as WCS REST JSON (facts section 5: every number a string; amounts with five decimals as
WCS prints them, quantities as "2.0"). Field names follow the WCS cart/order resources; `transferStatus`,
`transferStatusDescription`, `transferError` and `shipments` show the DOM transfer and fulfillment that WCS
keeps in ORDERS/ORDSTAT and the release/shipment tables.
"""

from __future__ import annotations

from typing import Any

from harness.commerce.domain.orders import Order, OrderItem
from harness.commerce.domain.payments import PaymentInstruction
from mock_dom.domain.timefmt import iso_datetime


def amount(value: float) -> str:
    return f"{value:.5f}"


def quantity(value: float) -> str:
    return repr(float(value))


def order_json(order: Order, payments: list[PaymentInstruction] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "orderId": str(order.order_id),
        "storeId": str(order.store_id),
        "buyerId": str(order.member_id),
        "orderStatus": order.status.value,
        "orderStatusDescription": order.status.description,
        "grandTotal": amount(order.total),
        "grandTotalCurrency": order.currency,
        "totalProductPrice": amount(order.total),
        "totalProductPriceCurrency": order.currency,
        "prepareIndicator": "true" if order.is_prepared else "false",
    }
    if order.placed is not None:
        body["placedDate"] = iso_datetime(order.placed)
    if order.last_update is not None:
        body["lastUpdateDate"] = iso_datetime(order.last_update)
    if order.transfer_status is not None:
        body["transferStatus"] = order.transfer_status.value
        body["transferStatusDescription"] = order.transfer_status.description
    if order.transfer_code:
        body["transferError"] = {"code": order.transfer_code, "message": order.transfer_message or ""}
    if order.external_order_id:
        body["externalOrderId"] = order.external_order_id
    for index, value in enumerate(order.fields, start=1):
        if value is not None:
            body[f"x_field{index}"] = value
    body["orderItem"] = [item_json(order, item) for item in order.items]
    body["shipments"] = [
        {
            key: value
            for key, value in (
                ("orderItemId", str(s.order_item_id) if s.order_item_id else None),
                ("carrier", s.carrier),
                ("trackingNumber", s.tracking_number),
                ("shipDate", s.ship_date),
            )
            if value is not None
        }
        for s in order.shipments
    ]
    if payments is not None:
        body["paymentInstruction"] = [payment_json(p) for p in payments]
    body["resourceName"] = "order" if not order.is_cart else "cart"
    return body


def item_json(order: Order, item: OrderItem) -> dict[str, str]:
    body = {
        "orderItemId": str(item.order_item_id),
        "productId": str(item.catentry_id),
        "partNumber": item.part_number,
        "quantity": quantity(item.quantity),
        "unitPrice": amount(item.unit_price),
        "orderItemPrice": amount(item.total),
        "currency": order.currency,
        "orderItemStatus": item.status.value,
        "orderItemInventoryStatus": item.inventory_status.value,
        "UOM": "C62",
    }
    if item.physical_store_id:
        body["physicalStoreId"] = str(item.physical_store_id)
    if item.fulfillment_center_id:
        body["fulfillmentCenterId"] = str(item.fulfillment_center_id)
    if item.estimated_available is not None:
        body["estimatedAvailableTime"] = iso_datetime(item.estimated_available)
    return body


def payment_json(instruction: PaymentInstruction) -> dict[str, str]:
    body = {
        "piId": str(instruction.instruction_id),
        "payMethodId": instruction.method,
        "piStatus": instruction.state.name.capitalize(),
    }
    if instruction.account_suffix:
        body["account"] = "************" + instruction.account_suffix
    if instruction.amount is not None:
        body["piAmount"] = amount(instruction.amount)
    return body
