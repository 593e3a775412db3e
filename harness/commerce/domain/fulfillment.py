"""DOM's order fulfillment updates (SyncOrder Change, flow step 7) applied to a commerce order.

WCS's OrderStatus command updates ORDERS.STATUS and ORDERITEMS.STATUS from the message (facts section 4,
Sterling mapping): B backordered, R released, S shipped (the order) with its items D, X canceled. The rules
this server adds, so that redelivered and out-of-order messages are harmless:

- progress only moves forward: P < M/C < transferred (G) < B/R < S < D (`orders.progress_rank`); an update
  that would move the order or an item backwards is ignored. Between updates of equal rank (B <-> R) the
  later CreationDateTime wins, an older one is ignored;
- X (canceled) is terminal: nothing moves a canceled order or item again; a shipped order is not canceled;
- an order-level status without item entries applies to every item still below it (S -> items D);
- the order becomes S when all its items (not canceled) are shipped, X when all its items are canceled;
- the shopper is notified when items ship and when the order is canceled.

Unknown status codes or order items refuse the whole update (nothing changes).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from harness.commerce.domain.errors import InvalidParameter
from harness.commerce.domain.orders import (
    SHIPPED_ITEM_STATUSES,
    Order,
    OrderItem,
    OrderStatus,
    Shipment,
    TransferStatus,
    progress_rank,
)

UPDATABLE = frozenset(
    {OrderStatus.BACKORDERED, OrderStatus.RELEASED, OrderStatus.SHIPPED, OrderStatus.DEPOSITED}
) | {OrderStatus.CANCELED}


class Notice(StrEnum):
    """What the shopper is emailed about."""

    SHIPPED = "OrderShipped"
    CANCELED = "OrderCanceled"


@dataclass(frozen=True)
class ItemUpdate:
    order_item_id: int
    status: OrderStatus | None
    shipment: Shipment | None = None


@dataclass(frozen=True)
class FulfillmentUpdate:
    """The content of one SyncOrder, decoded: order status, item statuses and shipments, and the message's
    CreationDateTime in epoch seconds (None when it has none)."""

    status: OrderStatus | None
    items: tuple[ItemUpdate, ...] = ()
    message_time: float | None = None
    external_order_id: str | None = None


@dataclass(frozen=True)
class FulfillmentOutcome:
    order: Order
    changed: bool
    notices: tuple[Notice, ...] = ()
    shipped_items: tuple[int, ...] = ()
    ignored: tuple[str, ...] = ()


def status_code(value: str | None, parameter: str) -> OrderStatus | None:
    """A WCS status code from the wire (None for an empty one); refuses codes DOM may not send."""
    if value is None or not value.strip():
        return None
    try:
        status = OrderStatus(value.strip().upper())
    except ValueError as exc:
        raise InvalidParameter.named(parameter, value) from exc
    if status not in UPDATABLE:
        raise InvalidParameter.named(parameter, value)
    return status


def apply_update(order: Order, update: FulfillmentUpdate) -> FulfillmentOutcome:
    """The order after `update` (pure). Raises InvalidParameter for items the order does not have."""
    for entry in update.items:
        if order.item(entry.order_item_id) is None:
            raise InvalidParameter.named("OrderItemIdentifier/UniqueID", entry.order_item_id)
    if order.status is OrderStatus.CANCELED:
        return FulfillmentOutcome(order, False, ignored=("the order is canceled (terminal)",))
    ignored: list[str] = []
    newer = _is_newer(order.status_time, update.message_time)
    if update.status is OrderStatus.CANCELED and not update.items:
        return _cancel(order, update, ignored)
    items, shipped = _apply_items(order, update, newer, ignored)
    status = _order_status(order, update.status, items, newer, ignored)
    changed_items = items != order.items
    shipments = _merge_shipments(order.shipments, update.items)
    changed = changed_items or status is not order.status or shipments != order.shipments
    if not changed:
        return FulfillmentOutcome(order, False, ignored=tuple(ignored))
    moved = _moved(order, update, status, items, shipments)
    notices = []
    if shipped:
        notices.append(Notice.SHIPPED)
    if status is OrderStatus.CANCELED:
        notices.append(Notice.CANCELED)
    return FulfillmentOutcome(moved, True, tuple(notices), tuple(shipped), tuple(ignored))


def _cancel(order: Order, update: FulfillmentUpdate, ignored: list[str]) -> FulfillmentOutcome:
    if order.status in SHIPPED_ITEM_STATUSES:
        ignored.append(f"a {order.status.value} order is not canceled")
        return FulfillmentOutcome(order, False, ignored=tuple(ignored))
    items = tuple(
        item if item.status in SHIPPED_ITEM_STATUSES else replace(item, status=OrderStatus.CANCELED)
        for item in order.items
    )
    moved = _moved(order, update, OrderStatus.CANCELED, items, order.shipments)
    return FulfillmentOutcome(moved, True, (Notice.CANCELED,))


def _apply_items(
    order: Order, update: FulfillmentUpdate, newer: bool, ignored: list[str]
) -> tuple[tuple[OrderItem, ...], list[int]]:
    wanted = {entry.order_item_id: entry.status for entry in update.items if entry.status is not None}
    if not update.items and update.status is not None and update.status is not OrderStatus.CANCELED:
        item_status = OrderStatus.DEPOSITED if update.status is OrderStatus.SHIPPED else update.status
        wanted = {item.order_item_id: item_status for item in order.items}
    items: list[OrderItem] = []
    shipped: list[int] = []
    for item in order.items:
        target = wanted.get(item.order_item_id)
        if target is None or target is item.status:
            items.append(item)
            continue
        if not _moves_forward(item.status, target, newer):
            ignored.append(f"item {item.order_item_id}: {item.status.value} -> {target.value} would go back")
            items.append(item)
            continue
        if target in SHIPPED_ITEM_STATUSES and item.status not in SHIPPED_ITEM_STATUSES:
            shipped.append(item.order_item_id)
        items.append(replace(item, status=target))
    return tuple(items), shipped


def _order_status(
    order: Order,
    wanted: OrderStatus | None,
    items: tuple[OrderItem, ...],
    newer: bool,
    ignored: list[str],
) -> OrderStatus:
    active = [item for item in items if item.status is not OrderStatus.CANCELED]
    if items and not active:
        return OrderStatus.CANCELED
    if active and all(item.status in SHIPPED_ITEM_STATUSES for item in active):
        derived = OrderStatus.SHIPPED
        if all(item.status is OrderStatus.DEPOSITED for item in active) and wanted is OrderStatus.DEPOSITED:
            derived = OrderStatus.DEPOSITED
        return derived if _moves_forward(order.status, derived, True) else order.status
    if wanted is None or wanted in SHIPPED_ITEM_STATUSES or wanted is OrderStatus.CANCELED:
        return order.status  # shipped/canceled only once every item is
    current = progress_rank(order.status, order.transfer_status)
    if progress_rank(wanted) > current or (progress_rank(wanted) == current and newer):
        return wanted
    if wanted is not order.status:
        ignored.append(f"order: {order.status.value} -> {wanted.value} would go back")
    return order.status


def _moves_forward(current: OrderStatus, target: OrderStatus, newer: bool) -> bool:
    if current is OrderStatus.CANCELED:
        return False
    if target is OrderStatus.CANCELED:
        return current not in SHIPPED_ITEM_STATUSES
    rank, wanted = progress_rank(current), progress_rank(target)
    return wanted > rank or (wanted == rank and newer)


def _is_newer(applied: float | None, incoming: float | None) -> bool:
    """Equal-rank tie-break: an update without a time, or not older than the last applied one, wins."""
    return applied is None or incoming is None or incoming >= applied


def _merge_shipments(known: tuple[Shipment, ...], entries: tuple[ItemUpdate, ...]) -> tuple[Shipment, ...]:
    merged = list(known)
    seen = {(s.order_item_id, s.tracking_number) for s in known}
    for entry in entries:
        if entry.shipment is None:
            continue
        shipment = replace(entry.shipment, order_item_id=entry.order_item_id)
        if (shipment.order_item_id, shipment.tracking_number) not in seen:
            seen.add((shipment.order_item_id, shipment.tracking_number))
            merged.append(shipment)
    return tuple(merged)


def _moved(
    order: Order,
    update: FulfillmentUpdate,
    status: OrderStatus,
    items: tuple[OrderItem, ...],
    shipments: tuple[Shipment, ...],
) -> Order:
    """The updated order. A fulfillment update also proves DOM has the order: its transfer status is G."""
    times = [t for t in (order.status_time, update.message_time) if t is not None]
    return replace(
        order,
        status=status,
        items=items,
        shipments=shipments,
        status_time=max(times) if times else None,
        transfer_status=TransferStatus.TRANSFERRED if order.transfer_status else None,
        external_order_id=update.external_order_id or order.external_order_id,
    )
