"""Admin use cases behind `/__admin` (the JSON API lives in mock_dom/web): look at and change stock,
reservations, orders and pushes, and start over from the seed. Answers are plain JSON-ready dicts.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from mock_dom.domain.errors import DomError, InvalidQuantity, UnknownItem, UnknownLocation
from mock_dom.domain.inventory import Item, StockLevel
from mock_dom.domain.locations import LocationKind
from mock_dom.domain.orders import WCS_ORDER_STATUS, DomOrder
from mock_dom.domain.reservations import Reservation
from mock_dom.domain.timefmt import iso_datetime
from mock_dom.seed import availability_at, default_seed_path, read_seed, resolve_date, write_seed_rows
from mock_dom.services.context import ServiceContext
from mock_dom.storage import PushRecord, UnitOfWork

KEEP = object()  # "leave this field as it is" for set_inventory


# --- inventory ----------------------------------------------------------------------------------------------


def list_inventory(
    ctx: ServiceContext,
    part_number: str | None = None,
    location_id: str | None = None,
    *,
    limit: int = 1000,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Stock levels by part number and node. One part's levels come from the stock view when the process
    keeps one (it is exact, see storage/stock_view.py), in the order the database would list them."""
    view = ctx.view
    if view is not None and part_number and not location_id:
        by_node = view.part(part_number).levels
        levels = [by_node[node] for node in sorted(by_node)][offset : offset + limit]
        return [stock_view(level) for level in levels]
    with ctx.uow(read_only=True) as uow:
        return [
            stock_view(level)
            for level in uow.stock.list_levels(part_number, location_id, limit=limit, offset=offset)
        ]


def get_inventory(ctx: ServiceContext, part_number: str) -> dict[str, Any]:
    """One item: its stock at every node and what DOM reports for it at every location WCS sees."""
    now = ctx.now()
    with ctx.uow(read_only=True) as uow:
        item = _item(uow, part_number)
        topology = ctx.topology(uow)
        nodes = [stock_view(level) for level in uow.stock.list_levels(part_number)]
        reported = []
        for location in topology.online_stores() + topology.physical_stores():
            found = availability_at(uow, topology, part_number, location)
            reported.append(
                {
                    "location_id": location.location_id,
                    "location_kind": location.kind.value,
                    "name": location.name,
                    "status": found.status.value,
                    "quantity": found.quantity,
                    "availability_datetime": _iso(found.available_at),
                    "availability_offset": found.offset_from(now),
                }
            )
    return {
        "part_number": item.part_number,
        "catalog_entry_id": item.catalog_entry_id,
        "stock": nodes,
        "availability": reported,
    }


def set_inventory(
    ctx: ServiceContext,
    part_number: str,
    location_id: str,
    *,
    on_hand: Any = KEEP,
    future_quantity: Any = KEEP,
    future_date: Any = KEEP,
    catalog_entry_id: str | None = None,
) -> dict[str, Any]:
    """Overwrite stock figures at a node (unnamed figures are kept; reserved never changes here).

    `future_date` is epoch seconds, an ISO 8601 text, `+7d`-style relative text, or None to clear it.
    An unknown part number is added to the catalog when `catalog_entry_id` is given.
    """
    now = ctx.now()
    with ctx.uow() as uow:
        _node(ctx, uow, location_id)
        _item(uow, part_number, catalog_entry_id)
        level = uow.stock.level(part_number, location_id) or StockLevel(part_number, location_id)
        if on_hand is not KEEP:
            level = replace(level, on_hand=_quantity(on_hand, "on_hand"))
        if future_quantity is not KEEP:
            level = replace(level, future_quantity=_quantity(future_quantity, "future_quantity"))
        if future_date is not KEEP:
            level = replace(level, future_date=_date(future_date, now))
        uow.stock.put_level(level)
        ctx.after_stock_change(uow, now)
        return stock_view(uow.stock.level(part_number, location_id))  # type: ignore[arg-type]


def adjust_inventory(ctx: ServiceContext, part_number: str, location_id: str, delta: float) -> dict[str, Any]:
    """Add `delta` (may be negative) to on hand; never below zero."""
    now = ctx.now()
    with ctx.uow() as uow:
        _node(ctx, uow, location_id)
        _item(uow, part_number)
        if not uow.stock.add_on_hand(part_number, location_id, float(delta)):
            uow.stock.put_level(StockLevel(part_number, location_id, on_hand=max(0.0, float(delta))))
        ctx.after_stock_change(uow, now)
        return stock_view(uow.stock.level(part_number, location_id))  # type: ignore[arg-type]


def replenish(
    ctx: ServiceContext, part_number: str, location_id: str, quantity: float | None = None
) -> dict[str, Any]:
    """Stock arrives: the expected future supply (when `quantity` is None), or `quantity` more on hand.
    Backorders that held the future supply now hold on-hand stock; their orders move on at the next
    recheck."""
    if quantity is None:
        now = ctx.now()
        with ctx.uow() as uow:
            _node(ctx, uow, location_id)
            _item(uow, part_number)
            uow.stock.receive_future_supply(part_number, location_id)
            ctx.after_stock_change(uow, now)
            return stock_view(uow.stock.level(part_number, location_id))  # type: ignore[arg-type]
    if not quantity > 0:
        raise InvalidQuantity(f"A replenishment of {quantity} must be positive.")
    return adjust_inventory(ctx, part_number, location_id, quantity)


# --- reservations, orders, pushes ---------------------------------------------------------------------------


def list_reservations(ctx: ServiceContext, **filters: Any) -> list[dict[str, Any]]:
    with ctx.uow(read_only=True) as uow:
        return [reservation_view(r) for r in uow.reservations.list(**filters)]


def list_orders(ctx: ServiceContext, **filters: Any) -> list[dict[str, Any]]:
    with ctx.uow(read_only=True) as uow:
        return [order_view(o) for o in uow.orders.list(**filters)]


def reset(ctx: ServiceContext, seed_path: str | Path | None = None) -> int:
    """Wipe everything (stock, reservations, orders, outbox) and load the seed again; returns the stock
    rows."""
    seed = read_seed(seed_path or ctx.settings.seed_path or default_seed_path())
    ctx.database.wipe()
    ctx.forget_topology()
    with ctx.uow() as uow:
        write_seed_rows(uow, seed, ctx.now())
    return len(seed.rows)


# --- views --------------------------------------------------------------------------------------------------


def stock_view(level: StockLevel) -> dict[str, Any]:
    return {
        "part_number": level.part_number,
        "location_id": level.location_id,
        "on_hand": level.on_hand,
        "reserved": level.reserved,
        "available": level.available,
        "future_quantity": level.future_quantity,
        "future_reserved": level.future_reserved,
        "future_date": _iso(level.future_date),
    }


def reservation_view(reservation: Reservation) -> dict[str, Any]:
    return {
        "reservation_id": reservation.reservation_id,
        "order_id": reservation.order_id,
        "store_id": reservation.store_id,
        "state": reservation.state.value,
        "created_at": _iso(reservation.created_at),
        "expires_at": _iso(reservation.expires_at),
        "lines": [
            {
                "line_id": line.line_id,
                "order_item_id": line.order_item_id,
                "part_number": line.part_number,
                "catalog_entry_id": line.catalog_entry_id,
                "quantity": line.quantity,
                "physical_store_id": line.physical_store_id,
                "inventory_status": line.verdict.value,
                "holds": [_hold(h) for h in line.holds],
            }
            for line in reservation.lines
        ],
    }


def order_view(order: DomOrder) -> dict[str, Any]:
    shipment = order.shipment
    return {
        "order_id": order.order_id,
        "external_order_id": order.external_order_id,
        "store_id": order.store_id,
        "state": order.state.value,
        "wcs_status": WCS_ORDER_STATUS.get(order.state),
        "created_at": _iso(order.created_at),
        "updated_at": _iso(order.updated_at),
        "next_due_at": _iso(order.next_due_at),
        "buyer_id": order.buyer_id,
        "buyer_logon_id": order.buyer_logon_id,
        "reservation_id": order.reservation_id,
        "shipment": (
            {
                "carrier": shipment.carrier,
                "tracking_number": shipment.tracking_number,
                "ship_date": _iso(shipment.shipped_at),
            }
            if shipment
            else None
        ),
        "lines": [
            {
                "order_item_id": line.order_item_id,
                "part_number": line.part_number,
                "catalog_entry_id": line.catalog_entry_id,
                "quantity": line.quantity,
                "physical_store_id": line.physical_store_id,
                "shortfall": line.shortfall,
                "holds": [_hold(h) for h in line.holds],
            }
            for line in order.lines
        ],
    }


def push_view(push: PushRecord) -> dict[str, Any]:
    return {
        "push_id": push.push_id,
        "bod_type": push.bod_type,
        "action_code": push.action_code,
        "path": push.path,
        "bodid": push.bodid,
        "status": push.status.value,
        "attempts": push.attempts,
        "created_at": _iso(push.created_at),
        "next_attempt_at": _iso(push.next_attempt_at),
        "sent_at": _iso(push.sent_at),
        "last_error": push.last_error,
        "last_http_status": push.last_http_status,
        "order_id": push.order_id,
        "store_id": push.store_id,
        "part_numbers": list(push.part_numbers),
        "event": push.payload,
    }


def _hold(hold: Any) -> dict[str, Any]:
    return {
        "location_id": hold.location_id,
        "quantity": hold.quantity,
        "supply": hold.supply.value,
        "available_at": _iso(hold.available_at),
    }


def _iso(epoch: float | None) -> str | None:
    return iso_datetime(epoch) if epoch is not None else None


def _item(uow: UnitOfWork, part_number: str, catalog_entry_id: str | None = None) -> Item:
    item = uow.stock.item_by_part_number(part_number)
    if item is None and catalog_entry_id:
        if uow.stock.item_by_catalog_entry_id(catalog_entry_id) is not None:
            raise DomError(
                f"Catalog entry {catalog_entry_id} already belongs to another part number.",
                reason_code="_ERR_CATALOG_ENTRY_IN_USE.-1",
            )
        item = Item(part_number, catalog_entry_id)
        uow.stock.add_item(item)
    if item is None:
        raise UnknownItem.by_part_number(part_number)
    return item


def _node(ctx: ServiceContext, uow: UnitOfWork, location_id: str) -> None:
    location = ctx.topology(uow).find(location_id)
    if location is None or location.kind is LocationKind.ONLINE_STORE:
        raise UnknownLocation(
            f'"{location_id}" is not a fulfillment center or physical store (stock is kept at those nodes).',
            reason_code="_APP_INVENTORYAVAILABILITY_FAILED_TO_FIND_PHYSICAL_STORE_BY_ID.-1",
        )


def _quantity(value: Any, name: str) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise InvalidQuantity(f"{name} must be a number, not {value!r}.") from None
    if number < 0 or number != number:
        raise InvalidQuantity(f"{name} cannot be negative.")
    return number


def _date(value: Any, now: float) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, int | float):
        return float(value)
    try:
        return resolve_date(str(value), now)
    except ValueError:
        raise InvalidQuantity(f"future_date {value!r} is neither a date nor +Nd/+Nh/+Nm/+Ns.") from None
