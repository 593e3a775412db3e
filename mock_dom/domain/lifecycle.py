"""The fulfillment lifecycle of a DOM order, step by step.

created --(schedule_s)--> scheduled --(release_s)--> released --(ship_s)--> shipped
created --(schedule_s)--> backordered (a line lacks on-hand stock) --(stock arrives, rechecked every
backorder_recheck_s)--> scheduled; and any state before shipped --> canceled.

Each step happens when its due time (stored on the order) has passed and `tick` runs, or when an admin forces
it (advance, ship, cancel). A delay of None disables the automatic step: the order then waits for an admin
call. Steps that reach a state with a WCS code (orders.WCS_ORDER_STATUS) produce an `OrderStatusChanged`
event; shipping uses up the held stock (on hand drops at shipment), canceling gives it back.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from mock_dom.domain.allocation import StockLedger, allocate
from mock_dom.domain.errors import IllegalTransition
from mock_dom.domain.events import EventLine, OrderStatusChanged
from mock_dom.domain.locations import Topology
from mock_dom.domain.orders import (
    WCS_ORDER_STATUS,
    DomOrder,
    OrderState,
    Shipment,
    tracking_number_for,
    wcs_item_status,
)


@dataclass(frozen=True)
class LifecycleDelays:
    """Seconds an order waits in a state before the next step (None: only an admin call moves it)."""

    schedule_s: float | None = 2.0
    release_s: float | None = 3.0
    ship_s: float | None = 5.0
    backorder_recheck_s: float | None = 5.0

    def due(self, state: OrderState, now: float) -> float | None:
        delay = {
            OrderState.CREATED: self.schedule_s,
            OrderState.SCHEDULED: self.release_s,
            OrderState.RELEASED: self.ship_s,
            OrderState.BACKORDERED: self.backorder_recheck_s,
        }.get(state)
        return None if delay is None else now + delay


@dataclass(frozen=True)
class Step:
    order: DomOrder
    event: OrderStatusChanged | None = None


def status_event(order: DomOrder, now: float) -> OrderStatusChanged | None:
    code = WCS_ORDER_STATUS.get(order.state)
    if code is None:
        return None
    item_code = wcs_item_status(order.state)
    lines = tuple(
        EventLine(line.order_item_id, line.part_number, line.catalog_entry_id, line.quantity, item_code)
        for line in order.lines
    )
    return OrderStatusChanged(
        order.order_id, order.store_id, order.state, code, lines, now, order.external_order_id, order.shipment
    )


def source_shortfall(order: DomOrder, ledger: StockLedger, topology: Topology) -> DomOrder:
    """Try to hold stock for every line that still lacks some (backorders, transfers without enough stock)."""
    lines = []
    for line in order.lines:
        if line.shortfall > 0:
            nodes = topology.sourcing_nodes(order.store_id, line.physical_store_id)
            extra = allocate(ledger, line.part_number, nodes, line.shortfall)
            line = replace(line, holds=line.holds + extra.holds)
        lines.append(line)
    return replace(order, lines=tuple(lines))


def advance(
    order: DomOrder,
    now: float,
    delays: LifecycleDelays,
    ledger: StockLedger,
    topology: Topology,
    *,
    forced: bool = False,
    carrier: str = "UPS",
) -> Step:
    """One step forward. `forced` (admin) refuses what cannot move; the timer quietly rechecks later."""
    state = order.state
    if state.is_final:
        raise IllegalTransition(f'The order "{order.order_id}" is already {state.value}.')
    if state is OrderState.RELEASED:
        return ship(order, now, delays, ledger, carrier=carrier)
    if state is OrderState.SCHEDULED:
        return _enter(order, OrderState.RELEASED, now, delays)
    order = source_shortfall(order, ledger, topology)
    if order.is_ready:
        return _enter(order, OrderState.SCHEDULED, now, delays)
    if state is OrderState.CREATED:
        return _enter(order, OrderState.BACKORDERED, now, delays)
    if forced:
        raise IllegalTransition(f'The order "{order.order_id}" is backordered until its stock arrives.')
    return Step(replace(order, next_due_at=delays.due(state, now)))


def ship(
    order: DomOrder,
    now: float,
    delays: LifecycleDelays,
    ledger: StockLedger,
    *,
    carrier: str = "UPS",
    tracking_number: str | None = None,
) -> Step:
    """Ship the whole order: its held stock leaves the nodes. Only an order whose stock is all on hand
    ships."""
    if order.state.is_final:
        raise IllegalTransition(f'The order "{order.order_id}" is already {order.state.value}.')
    if not order.is_ready:
        raise IllegalTransition(
            f'The order "{order.order_id}" cannot ship: some of its stock is not on hand.'
        )
    for hold in order.holds():
        ledger.consume(hold)
    shipment = Shipment(carrier, tracking_number or tracking_number_for(order.order_id), now)
    shipped = replace(order, shipment=shipment)
    return _enter(shipped, OrderState.SHIPPED, now, delays)


def cancel(order: DomOrder, now: float, delays: LifecycleDelays, ledger: StockLedger) -> Step:
    """Cancel and give the held stock back. Canceling a canceled order changes nothing."""
    if order.state is OrderState.CANCELED:
        return Step(order)
    if order.state is OrderState.SHIPPED:
        raise IllegalTransition(f'The order "{order.order_id}" has shipped and cannot be canceled.')
    for hold in order.holds():
        ledger.release(hold)
    lines = tuple(replace(line, holds=()) for line in order.lines)
    return _enter(replace(order, lines=lines), OrderState.CANCELED, now, delays)


def _enter(order: DomOrder, state: OrderState, now: float, delays: LifecycleDelays) -> Step:
    moved = order.moved(state, now, delays.due(state, now))
    return Step(moved, status_event(moved, now))
