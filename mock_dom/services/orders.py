"""The OrderServices use cases and the fulfillment timer.

* ProcessOrder TransferOrder / Transfer (Sterling `createOrder`, facts section 2): DOM creates its order from
  the reservation `WC_<order id>` if there is a live one, otherwise allocates; it answers with its own order
  key (ExternalOrderID, like Sterling's OrderHeaderKey). A transfer of an order DOM already has is
  acknowledged with the existing order and changes nothing (idempotent on the order id: WCS resubmits orders
  stuck in transfer status H/F, facts section 4).
* ProcessOrder Cancel: cancels the order and gives its stock back (SyncOrder X follows).
* The admin calls advance / ship / cancel force a lifecycle step; `run_due_orders` is the timer's share of
  `tick()`: every order whose due time has passed takes its next step.
"""

from __future__ import annotations

from collections.abc import Callable

from bods.messages import AcknowledgeOrder, Order, OrderItem, ProcessOrder
from mock_dom.domain.errors import InvalidQuantity, MissingData, OrderNotFound
from mock_dom.domain.lifecycle import Step, advance, cancel, ship
from mock_dom.domain.orders import WCS_ORDER_STATUS, DomOrder, OrderLine, OrderState, external_order_id_for
from mock_dom.domain.reservations import ReservationState, reservation_id_for
from mock_dom.domain.transfer import take_over
from mock_dom.services.context import ServiceContext
from mock_dom.storage import UnitOfWork


def process_order(ctx: ServiceContext, msg: ProcessOrder) -> AcknowledgeOrder:
    if msg.action_code.is_transfer:
        order = transfer_order(ctx, msg.order)
    else:
        order = cancel_order(ctx, msg.order.order_id)
    return AcknowledgeOrder(ctx.application_area(ctx.now()), msg.application_area, order_message(order))


def transfer_order(ctx: ServiceContext, incoming: Order) -> DomOrder:
    now = ctx.now()
    with ctx.uow() as uow:
        existing = uow.orders.get(incoming.order_id, for_update=True)
        if existing is not None:
            return existing
        store_id = incoming.store_id or ctx.topology(uow).default_online_store().location_id
        lines = _order_lines(ctx, uow, incoming)
        reservation = uow.reservations.get(reservation_id_for(incoming.order_id), for_update=True)
        live = reservation if reservation is not None and reservation.is_active else None
        lines = take_over(lines, live, uow.stock, ctx.topology(uow), store_id)
        order = DomOrder(
            order_id=incoming.order_id,
            external_order_id=external_order_id_for(incoming.order_id, now),
            store_id=store_id,
            state=OrderState.CREATED,
            created_at=now,
            updated_at=now,
            lines=lines,
            next_due_at=ctx.lifecycle.due(OrderState.CREATED, now),
            store_name=incoming.store_name,
            buyer_id=incoming.buyer_id,
            buyer_logon_id=incoming.buyer_logon_id,
            placed_date=incoming.placed_date,
            currency=incoming.currency,
            total=incoming.total,
            ship_as_complete=incoming.ship_as_complete,
            reservation_id=live.reservation_id if live else None,
        )
        uow.orders.add(order)
        if live is not None:
            uow.reservations.end(live.reservation_id, ReservationState.TRANSFERRED)
        ctx.after_stock_change(uow, now)
    return order


def _order_lines(ctx: ServiceContext, uow: UnitOfWork, incoming: Order) -> tuple[OrderLine, ...]:
    if not incoming.items:
        raise MissingData(f'The order "{incoming.order_id}" has no order items.')
    lines = []
    for entry in incoming.items:
        if not entry.quantity > 0:
            raise InvalidQuantity(f'Order item "{entry.order_item_id}" asks for {entry.quantity}.')
        item = ctx.resolve_item(uow.stock, entry.catalog_entry_id, entry.part_number)
        if entry.physical_store_id:
            ctx.topology(uow).physical_store_by_id(entry.physical_store_id)
        lines.append(
            OrderLine(
                entry.order_item_id,
                item.part_number,
                item.catalog_entry_id,
                entry.quantity,
                entry.physical_store_id or None,
                entry.unit_price,
            )
        )
    return tuple(lines)


def cancel_order(ctx: ServiceContext, order_id: str) -> DomOrder:
    return _step(ctx, order_id, lambda order, now, uow: cancel(order, now, ctx.lifecycle, uow.stock))


def advance_order(ctx: ServiceContext, order_id: str) -> DomOrder:
    return _step(ctx, order_id, lambda order, now, uow: _advance(ctx, uow, order, now, forced=True))


def ship_order(
    ctx: ServiceContext, order_id: str, *, carrier: str | None = None, tracking_number: str | None = None
) -> DomOrder:
    def shipping(order: DomOrder, now: float, uow: UnitOfWork) -> Step:
        return ship(
            order,
            now,
            ctx.lifecycle,
            uow.stock,
            carrier=carrier or ctx.settings.carrier,
            tracking_number=tracking_number,
        )

    return _step(ctx, order_id, shipping)


def run_due_orders(ctx: ServiceContext, now: float, limit: int = 100) -> int:
    """Every order whose due time has passed takes one step (one transaction each); returns the steps
    taken."""
    with ctx.uow(read_only=True) as uow:
        due = uow.orders.due(now, limit)
    steps = 0
    for order_id in due:
        with ctx.uow() as uow:
            order = uow.orders.get(order_id, for_update=True)
            if order is None or order.next_due_at is None or order.next_due_at > now:
                continue
            _apply(ctx, uow, _advance(ctx, uow, order, now, forced=False), now)
            steps += 1
    return steps


def _advance(ctx: ServiceContext, uow: UnitOfWork, order: DomOrder, now: float, *, forced: bool) -> Step:
    return advance(
        order,
        now,
        ctx.lifecycle,
        uow.stock,
        ctx.topology(uow),
        forced=forced,
        carrier=ctx.settings.carrier,
    )


def _step(
    ctx: ServiceContext, order_id: str, move: Callable[[DomOrder, float, UnitOfWork], Step]
) -> DomOrder:
    now = ctx.now()
    with ctx.uow() as uow:
        order = uow.orders.get(order_id, for_update=True)
        if order is None:
            raise OrderNotFound.for_id(order_id)
        return _apply(ctx, uow, move(order, now, uow), now)


def _apply(ctx: ServiceContext, uow: UnitOfWork, step: Step, now: float) -> DomOrder:
    uow.orders.save(step.order)
    if step.event is not None:
        ctx.enqueue(uow, step.event, now)
    ctx.after_stock_change(uow, now)
    return step.order


def order_message(order: DomOrder) -> Order:
    """The order as the acknowledgement carries it: WCS status code (if any) and DOM's own key."""
    return Order(
        order_id=order.order_id,
        store_id=order.store_id,
        store_name=order.store_name,
        buyer_id=order.buyer_id,
        buyer_logon_id=order.buyer_logon_id,
        placed_date=order.placed_date,
        currency=order.currency,
        total=order.total,
        ship_as_complete=order.ship_as_complete,
        status=WCS_ORDER_STATUS.get(order.state),
        external_order_id=order.external_order_id,
        items=tuple(
            OrderItem(
                line.order_item_id,
                line.quantity,
                line.catalog_entry_id,
                line.part_number,
                unit_price=line.unit_price,
                physical_store_id=line.physical_store_id,
            )
            for line in order.lines
        ),
    )
