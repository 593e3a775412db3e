"""The emails the checkout flow sends: the order confirmation at submit (flow step 6) and the notifications
of DOM's fulfillment updates (step 7: items shipped, order canceled). Plain text, composed here; sent or kept
by the mail service.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from harness.commerce.domain.orders import Order, OrderStatus


class MailKind(StrEnum):
    ORDER_CONFIRMATION = "OrderConfirmation"
    ORDER_SHIPPED = "OrderShipped"
    ORDER_CANCELED = "OrderCanceled"


@dataclass(frozen=True)
class MailMessage:
    kind: MailKind
    recipient: str
    subject: str
    body: str
    order_id: int | None = None


def _lines(order: Order, only: tuple[int, ...] = ()) -> list[str]:
    return [
        f"  {item.part_number} x {item.quantity:g}  {item.total:.2f} {order.currency}"
        + (f"  (pick up at store {item.physical_store_id})" if item.physical_store_id else "")
        for item in order.items
        if not only or item.order_item_id in only
    ]


def order_confirmation(order: Order, recipient: str, store_name: str) -> MailMessage:
    body = "\n".join(
        [
            "Thank you for your order.",
            "",
            f"Order number: {order.order_id}",
            *_lines(order),
            f"Total: {order.total:.2f} {order.currency}",
            "",
            "We will let you know when it ships.",
            f"-- {store_name}",
        ]
    )
    return MailMessage(
        MailKind.ORDER_CONFIRMATION,
        recipient,
        f"{store_name}: order {order.order_id} confirmed",
        body,
        order.order_id,
    )


def order_shipped(order: Order, recipient: str, store_name: str, shipped: tuple[int, ...]) -> MailMessage:
    tracking = [
        f"  {s.carrier or 'carrier'} tracking number {s.tracking_number}"
        for s in order.shipments
        if s.order_item_id is None or s.order_item_id in shipped
    ]
    complete = order.status in (OrderStatus.SHIPPED, OrderStatus.DEPOSITED)
    body = "\n".join(
        [
            f"{'Your order has shipped' if complete else 'Part of your order has shipped'}.",
            "",
            f"Order number: {order.order_id}",
            *_lines(order, shipped),
            *(["", "Tracking:", *sorted(set(tracking))] if tracking else []),
            f"-- {store_name}",
        ]
    )
    return MailMessage(
        MailKind.ORDER_SHIPPED,
        recipient,
        f"{store_name}: order {order.order_id} shipped",
        body,
        order.order_id,
    )


def order_canceled(order: Order, recipient: str, store_name: str) -> MailMessage:
    body = "\n".join(
        [
            "Your order has been canceled.",
            "",
            f"Order number: {order.order_id}",
            *_lines(order),
            "",
            "Any payment authorized for it is released.",
            f"-- {store_name}",
        ]
    )
    return MailMessage(
        MailKind.ORDER_CANCELED,
        recipient,
        f"{store_name}: order {order.order_id} canceled",
        body,
        order.order_id,
    )
