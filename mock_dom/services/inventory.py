"""The InventoryServices use cases: GetInventoryAvailability and ProcessInventoryRequirement.

* GetInventoryAvailability (Sterling `monitorItemAvailability` / `findInventory`, facts section 2): one record
  per item and location named by the expression; the online store reports the sum over its fulfillment
  centers. Unknown items or locations refuse the whole request with the documented
  `_APP_INVENTORYAVAILABILITY_FAILED_TO_FIND_...` keys. Without any location, the storeId of the
  BusinessContext is taken as the online store.
* CheckInventory: per-line verdicts as a reservation would give them, holding nothing.
* ReserveInventory (`reserveAvailableInventory`): holds what the stock allows, answers per line (Allocated /
  Backordered / Unavailable, with the on-hand quantity held and the future date); a partial hold is kept
  until canceled, transferred or expired. Reserving an order again replaces its earlier reservation.
* CancelInventoryReservation: releases the named lines (all when none are named). An unknown or already
  ended reservation is acknowledged without change: cancel is idempotent, as WCS may cancel after expiry.
* DecrementCache: a commerce-side action (WCS decrements its own INVAVL cache after submit, facts section 3);
  DOM acknowledges it and changes no stock.
"""

from __future__ import annotations

from dataclasses import replace

from bods.messages import (
    AcknowledgeInventoryRequirement,
    GetInventoryAvailability,
    InventoryAvailability,
    InventoryRequirement,
    ProcessInventoryRequirement,
    RequirementAction,
    RequirementItem,
    ShowInventoryAvailability,
)
from mock_dom.domain.allocation import LineVerdict
from mock_dom.domain.errors import InvalidQuantity
from mock_dom.domain.inventory import Availability, Item, availability_of
from mock_dom.domain.locations import Location, LocationKind, Topology
from mock_dom.domain.reservations import (
    Reservation,
    ReservationLine,
    ReservationState,
    release_holds,
    reservation_id_for,
    reserve_lines,
)
from mock_dom.domain.timefmt import iso_datetime
from mock_dom.services.context import ServiceContext, StockReader
from mock_dom.services.location_index import LocationIndex


def get_inventory_availability(
    ctx: ServiceContext, msg: GetInventoryAvailability
) -> ShowInventoryAvailability:
    """Read-only: answered from the stock view when the process keeps one (no transaction), else in a
    read-only unit of work."""
    now = ctx.now()
    locations = ctx.locations()  # first, so it never opens a unit of work inside another
    view = ctx.view
    if view is not None:
        records = _records(ctx, view, locations, msg, now)
    else:
        with ctx.uow(read_only=True) as uow:
            records = _records(ctx, uow.stock, locations, msg, now)
    return ShowInventoryAvailability(ctx.application_area(now), records)


def _records(
    ctx: ServiceContext,
    stock: StockReader,
    locations: LocationIndex,
    msg: GetInventoryAvailability,
    now: float,
) -> tuple[InventoryAvailability, ...]:
    """One record per item and location; unknown items are refused before unknown locations."""
    query = msg.query
    items = [ctx.resolve_item(stock, entry, None) for entry in query.catalog_entry_ids]
    items += [ctx.resolve_item(stock, None, part) for part in query.part_numbers]
    where = locations.query_locations(query, msg.application_area.store_id)
    return tuple(
        _record(item, location, stock.availability(item.part_number, locations.nodes_of(location)), now)
        for item in (items if len(items) == 1 else dict.fromkeys(items))
        for location in where
    )


def _record(item: Item, location: Location, found: Availability, now: float) -> InventoryAvailability:
    online = location.kind is LocationKind.ONLINE_STORE
    return InventoryAvailability(
        status=found.status,
        catalog_entry_id=item.catalog_entry_id,
        part_number=item.part_number,
        online_store_id=location.location_id if online else None,
        physical_store_id=None if online else location.location_id,
        physical_store_name=None if online else location.name,
        quantity=found.quantity,
        availability_datetime=iso_datetime(found.available_at) if found.available_at else None,
        availability_offset=found.offset_from(now),
    )


# --- ProcessInventoryRequirement ----------------------------------------------------------------------------


def process_inventory_requirement(
    ctx: ServiceContext, msg: ProcessInventoryRequirement
) -> AcknowledgeInventoryRequirement:
    action = msg.action_code
    if action is RequirementAction.CHECK:
        requirement = _check(ctx, msg.requirement)
    elif action is RequirementAction.RESERVE:
        requirement = _reserve(ctx, msg.requirement)
    elif action is RequirementAction.CANCEL_RESERVATION:
        requirement = _cancel(ctx, msg.requirement)
    else:
        requirement = msg.requirement
    return AcknowledgeInventoryRequirement(ctx.application_area(ctx.now()), msg.application_area, requirement)


def _wanted_lines(
    ctx: ServiceContext, stock: StockReader, topology: Topology, requirement: InventoryRequirement
) -> tuple[ReservationLine, ...]:
    lines = []
    for entry in requirement.items:
        if not entry.quantity > 0:
            raise InvalidQuantity(f'Order item "{entry.order_item_id}" asks for {entry.quantity}.')
        item = ctx.resolve_item(stock, entry.catalog_entry_id, entry.part_number)
        if entry.physical_store_id:
            topology.physical_store_by_id(entry.physical_store_id)
        lines.append(
            ReservationLine(
                entry.order_item_id,
                item.part_number,
                item.catalog_entry_id,
                entry.quantity,
                entry.physical_store_id or None,
            )
        )
    return tuple(lines)


def _check(ctx: ServiceContext, requirement: InventoryRequirement) -> InventoryRequirement:
    topology = ctx.topology()  # before reading(): never a unit of work inside another
    with ctx.reading() as stock:
        answered = []
        wanted = _wanted_lines(ctx, stock, topology, requirement)
        for entry, line in zip(requirement.items, wanted, strict=True):
            nodes = topology.sourcing_nodes(requirement.store_id, line.physical_store_id)
            levels = stock.levels(line.part_number, list(nodes))
            on_hand = availability_of(levels).quantity
            future = sum(level.future_available for level in levels)
            verdict = _verdict(line.quantity, on_hand, future)
            date = min(
                (lv.future_date for lv in levels if lv.future_available > 0 and lv.future_date), default=None
            )
            answered.append(_answer(entry, line, verdict, min(on_hand, line.quantity), date))
    return replace(requirement, items=tuple(answered))


def _verdict(quantity: float, on_hand: float, future: float) -> LineVerdict:
    if on_hand >= quantity:
        return LineVerdict.ALLOCATED
    if on_hand + future >= quantity:
        return LineVerdict.BACKORDERED
    return LineVerdict.UNAVAILABLE


def _reserve(ctx: ServiceContext, requirement: InventoryRequirement) -> InventoryRequirement:
    now = ctx.now()
    reservation_id = requirement.reservation_id or reservation_id_for(requirement.order_id)
    with ctx.uow() as uow:
        topology = ctx.topology(uow)
        wanted = _wanted_lines(ctx, uow.stock, topology, requirement)
        earlier = uow.reservations.get(reservation_id)
        if earlier is not None and earlier.is_active:
            release_holds(earlier.holds(), uow.stock)
        lines = reserve_lines(wanted, uow.stock, topology, requirement.store_id)
        reservation = Reservation(
            reservation_id,
            requirement.order_id,
            requirement.store_id,
            now,
            now + ctx.settings.hold_time_s,
            lines,
        )
        uow.reservations.put(reservation)
        ctx.after_stock_change(uow, now)
    answered = tuple(
        _answer(entry, line, line.verdict, line.on_hand_quantity, line.available_at)
        for entry, line in zip(requirement.items, lines, strict=True)
    )
    return replace(requirement, items=answered, reservation_id=reservation_id)


def _cancel(ctx: ServiceContext, requirement: InventoryRequirement) -> InventoryRequirement:
    now = ctx.now()
    reservation_id = requirement.reservation_id or reservation_id_for(requirement.order_id)
    named = {entry.order_item_id for entry in requirement.items}
    with ctx.uow() as uow:
        reservation = uow.reservations.get(reservation_id)
        if reservation is None or not reservation.is_active:
            return requirement
        dropped = [line for line in reservation.lines if not named or line.order_item_id in named]
        release_holds(tuple(h for line in dropped for h in line.holds), uow.stock)
        kept = tuple(line for line in reservation.lines if line not in dropped)
        if kept:
            uow.reservations.put(replace(reservation, lines=kept))
        else:
            uow.reservations.end(reservation_id, ReservationState.RELEASED)
        ctx.after_stock_change(uow, now)
    return replace(requirement, reservation_id=reservation_id)


def _answer(
    entry: RequirementItem, line: ReservationLine, verdict: LineVerdict, quantity: float, date: float | None
) -> RequirementItem:
    return replace(
        entry,
        catalog_entry_id=line.catalog_entry_id,
        part_number=line.part_number,
        inventory_status=verdict.value,
        available_quantity=quantity,
        availability_datetime=iso_datetime(date) if date and verdict is not LineVerdict.ALLOCATED else None,
    )


# --- the timer ----------------------------------------------------------------------------------------------


def expire_reservations(ctx: ServiceContext, now: float, limit: int = 100) -> int:
    """Give back the stock of reservations whose hold time has passed (one transaction each)."""
    with ctx.uow(read_only=True) as uow:
        due = uow.reservations.due_for_expiry(now, limit)
    expired = 0
    for reservation_id in due:
        with ctx.uow() as uow:
            reservation = uow.reservations.get(reservation_id, for_update=True)
            if reservation is None or not reservation.is_expired(now):
                continue
            release_holds(reservation.holds(), uow.stock)
            uow.reservations.end(reservation_id, ReservationState.EXPIRED)
            ctx.after_stock_change(uow, now)
            expired += 1
    return expired


def receive_due_supply(ctx: ServiceContext, now: float, limit: int = 100) -> int:
    """Future supply whose date has come joins on hand; backorders holding it now hold on-hand stock."""
    with ctx.uow(read_only=True) as uow:
        due = uow.stock.due_supplies(now, limit)
    for part_number, location_id in due:
        with ctx.uow() as uow:
            level = uow.stock.level(part_number, location_id)
            if level is None or level.future_date is None or level.future_date > now:
                continue
            uow.stock.receive_future_supply(part_number, location_id)
            ctx.after_stock_change(uow, now)
    return len(due)
