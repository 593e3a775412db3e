"""Catalog, locations, stock levels and availability marks: the `StockLedger` over the database.

`hold` is the concurrency guard: a single conditional UPDATE
(`reserved = reserved + :q WHERE on_hand - reserved >= :q`) that either takes the stock or changes nothing,
so two requests can never both get the last units, whatever the isolation level.
Every (part number, node) whose stock changes is remembered in `touched` for the inventory monitor, and every
part about to change is announced to the process's `StockView` (when there is one) before the statement
runs; the unit of work tells the view when the change is committed or rolled back (see stock_view.py).

The frequent reads and every stock change use statements built once with bound parameters, so a call only
binds values (SQLAlchemy then finds the compiled form in its cache without building an expression tree
first).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Integer,
    Row,
    Select,
    bindparam,
    case,
    delete,
    func,
    insert,
    select,
    update,
)

from bods.messages import InventoryStatus
from mock_dom.domain.allocation import Hold, SupplyKind
from mock_dom.domain.inventory import Availability, Item, StockLevel, availability_of
from mock_dom.domain.locations import Location, LocationKind, Topology
from mock_dom.storage import tables as t
from mock_dom.storage.stock_view import StockView

_ITEM_BY_PART_NUMBER = select(t.items).where(t.items.c.part_number == bindparam("part_number"))
_ITEM_BY_CATALOG_ENTRY_ID = select(t.items).where(t.items.c.catalog_entry_id == bindparam("catalog_entry_id"))
_LEVELS_OF_PART = select(t.stock).where(t.stock.c.part_number == bindparam("part_number"))
_LEVELS_AT: dict[int, Select[Any]] = {}  # number of locations -> statement (see _levels_at)
_LIST_ALL_LEVELS = (
    select(t.stock)
    .order_by(t.stock.c.part_number, t.stock.c.location_id)
    .limit(bindparam("limit", type_=Integer))
    .offset(bindparam("offset", type_=Integer))
)
_OF_PART = t.stock.c.part_number == bindparam("part_number")
_AT_NODE = t.stock.c.location_id == bindparam("location_id")
_LIST_LEVELS = {  # (filtered by part number, filtered by node) -> statement
    (False, False): _LIST_ALL_LEVELS,
    (True, False): _LIST_ALL_LEVELS.where(_OF_PART),
    (False, True): _LIST_ALL_LEVELS.where(_AT_NODE),
    (True, True): _LIST_ALL_LEVELS.where(_OF_PART, _AT_NODE),
}
_TOPOLOGY = select(t.locations).order_by(t.locations.c.location_id)
_INSERT_LOCATION = insert(t.locations)
_INSERT_ITEM = insert(t.items)
_INSERT_LEVEL = insert(t.stock)


def _levels_at(count: int) -> Select[Any]:
    """The levels of one part at `count` locations, one plain parameter per location (location_0 ...).
    An expanding IN would be rewritten on every execution; this is built and compiled once per count (a
    handful: the topology's sourcing node lists)."""
    statement = _LEVELS_AT.get(count)
    if statement is None:
        places = [bindparam(f"location_{i}") for i in range(count)]
        statement = select(t.stock).where(
            t.stock.c.part_number == bindparam("part_number"), t.stock.c.location_id.in_(places)
        )
        _LEVELS_AT[count] = statement
    return statement


def _minus(column: ColumnElement[float], quantity: ColumnElement[float]) -> ColumnElement[float]:
    return case((column > quantity, column - quantity), else_=0.0)


_c = t.stock.c
_QUANTITY = bindparam("quantity", type_=_c.on_hand.type)
# Every stock UPDATE names its row by these two parameters (the column names stay free for SET values).
_UPDATE_LEVEL = update(t.stock).where(
    _c.part_number == bindparam("b_part_number"), _c.location_id == bindparam("b_location_id")
)
_PUT_LEVEL = _UPDATE_LEVEL  # SET from the values bound per call
_ADD_ON_HAND = _UPDATE_LEVEL.values(
    on_hand=case((_c.on_hand + _QUANTITY > 0, _c.on_hand + _QUANTITY), else_=0.0)
)
_RECEIVE_FUTURE_SUPPLY = _UPDATE_LEVEL.values(
    on_hand=_c.on_hand + _c.future_quantity,
    reserved=_c.reserved + _c.future_reserved,
    future_quantity=0.0,
    future_reserved=0.0,
    future_date=None,
)
_FUTURE_HOLDS_ON_HAND = (
    update(t.holds)
    .where(
        t.holds.c.part_number == bindparam("b_part_number"),
        t.holds.c.location_id == bindparam("b_location_id"),
        t.holds.c.supply == SupplyKind.FUTURE.value,
    )
    .values(supply=SupplyKind.ON_HAND.value, available_at=None)
)
_DUE_SUPPLIES = (
    select(_c.part_number, _c.location_id)
    .where(_c.future_date.is_not(None), _c.future_date <= bindparam("now"))
    .order_by(_c.future_date, _c.part_number, _c.location_id)
    .limit(bindparam("limit", type_=Integer))
)
_HOLD_ON_HAND = _UPDATE_LEVEL.where(_c.on_hand - _c.reserved >= _QUANTITY).values(
    reserved=_c.reserved + _QUANTITY
)
_HOLD_FUTURE = _UPDATE_LEVEL.where(
    _c.future_date.is_not(None), _c.future_quantity - _c.future_reserved >= _QUANTITY
).values(future_reserved=_c.future_reserved + _QUANTITY)
_RELEASE_ON_HAND = _UPDATE_LEVEL.values(reserved=_minus(_c.reserved, _QUANTITY))
_RELEASE_FUTURE = _UPDATE_LEVEL.values(future_reserved=_minus(_c.future_reserved, _QUANTITY))
_CONSUME = _UPDATE_LEVEL.values(
    on_hand=_minus(_c.on_hand, _QUANTITY), reserved=_minus(_c.reserved, _QUANTITY)
)
_m = t.availability_marks.c
_MARK = select(t.availability_marks).where(
    _m.part_number == bindparam("part_number"), _m.location_id == bindparam("location_id")
)
_DROP_MARK = delete(t.availability_marks).where(
    _m.part_number == bindparam("part_number"), _m.location_id == bindparam("location_id")
)
_INSERT_MARK = insert(t.availability_marks)


class StockRepository:
    def __init__(self, connection: Connection, view: StockView | None = None) -> None:
        self.connection = connection
        self.on_holds_rewritten: Callable[[], None] | None = None  # told when hold rows change here
        self.touched: set[tuple[str, str]] = set()
        self.changed_parts: set[str] = set()  # announced to the view; the unit of work ends the announcement
        self.changed_everything = False
        self._view = view

    # --- catalog and locations ------------------------------------------------------------------------------

    def topology(self) -> Topology:
        rows = self.connection.execute(_TOPOLOGY).all()
        return Topology(
            tuple(Location(r.location_id, LocationKind(r.kind), r.name, r.parent_id) for r in rows)
        )

    def add_location(self, location: Location) -> None:
        self.connection.execute(
            _INSERT_LOCATION,
            {
                "location_id": location.location_id,
                "kind": location.kind.value,
                "name": location.name,
                "parent_id": location.parent_id,
            },
        )

    def add_item(self, item: Item) -> None:
        self.connection.execute(
            _INSERT_ITEM, {"part_number": item.part_number, "catalog_entry_id": item.catalog_entry_id}
        )

    def item_by_part_number(self, part_number: str) -> Item | None:
        row = self.connection.execute(_ITEM_BY_PART_NUMBER, {"part_number": part_number}).first()
        return Item(row.part_number, row.catalog_entry_id) if row else None

    def item_by_catalog_entry_id(self, catalog_entry_id: str) -> Item | None:
        found = self.connection.execute(_ITEM_BY_CATALOG_ENTRY_ID, {"catalog_entry_id": catalog_entry_id})
        row = found.first()
        return Item(row.part_number, row.catalog_entry_id) if row else None

    def items(self, part_numbers: Iterable[str]) -> dict[str, Item]:
        wanted = list(dict.fromkeys(part_numbers))
        rows = self.connection.execute(select(t.items).where(t.items.c.part_number.in_(wanted))).all()
        return {r.part_number: Item(r.part_number, r.catalog_entry_id) for r in rows}

    def count_items(self) -> int:
        return int(self.connection.execute(select(func.count()).select_from(t.items)).scalar_one())

    # --- stock levels ---------------------------------------------------------------------------------------

    def levels(self, part_number: str, location_ids: Sequence[str]) -> list[StockLevel]:
        if not location_ids:
            return []
        parameters = {f"location_{i}": location for i, location in enumerate(location_ids)}
        parameters["part_number"] = part_number
        rows = self.connection.execute(_levels_at(len(location_ids)), parameters).all()
        by_node = {r.location_id: _level(r) for r in rows}
        return [by_node[loc] for loc in location_ids if loc in by_node]

    def availability(self, part_number: str, location_ids: Sequence[str]) -> Availability:
        """What DOM reports over these nodes (`domain.inventory.availability_of`)."""
        return availability_of(self.levels(part_number, location_ids))

    def part_levels(self, part_number: str) -> dict[str, StockLevel]:
        """Every node's level of one part (what the stock view keeps per part)."""
        rows = self.connection.execute(_LEVELS_OF_PART, {"part_number": part_number}).all()
        return {r.location_id: _level(r) for r in rows}

    def level(self, part_number: str, location_id: str) -> StockLevel | None:
        found = self.levels(part_number, [location_id])
        return found[0] if found else None

    def list_levels(
        self,
        part_number: str | None = None,
        location_id: str | None = None,
        *,
        limit: int = 1000,
        offset: int = 0,
    ) -> list[StockLevel]:
        query = _LIST_LEVELS[(bool(part_number), bool(location_id))]
        parameters = {
            "part_number": part_number,
            "location_id": location_id,
            "limit": limit,
            "offset": offset,
        }
        return [_level(r) for r in self.connection.execute(query, parameters).all()]

    def put_level(self, level: StockLevel) -> None:
        """Insert or overwrite one level (seed, admin set)."""
        key = {"b_part_number": level.part_number, "b_location_id": level.location_id}
        values = {
            "on_hand": level.on_hand,
            "reserved": level.reserved,
            "future_quantity": level.future_quantity,
            "future_reserved": level.future_reserved,
            "future_date": level.future_date,
        }
        self._changing(level.part_number)
        if self.connection.execute(_PUT_LEVEL, {**key, **values}).rowcount == 0:
            self.connection.execute(
                _INSERT_LEVEL, {"part_number": level.part_number, "location_id": level.location_id, **values}
            )
        self.touched.add((level.part_number, level.location_id))

    def insert_levels(self, levels: Sequence[StockLevel]) -> None:
        """Bulk insert for seeding an empty database (one executemany)."""
        rows = [
            {
                "part_number": lv.part_number,
                "location_id": lv.location_id,
                "on_hand": lv.on_hand,
                "reserved": lv.reserved,
                "future_quantity": lv.future_quantity,
                "future_reserved": lv.future_reserved,
                "future_date": lv.future_date,
            }
            for lv in levels
        ]
        if rows:
            for part_number in dict.fromkeys(lv.part_number for lv in levels):
                self._changing(part_number)
            self.connection.execute(_INSERT_LEVEL, rows)

    def add_on_hand(self, part_number: str, location_id: str, delta: float) -> bool:
        """Adjust on hand by `delta`, never below zero."""
        return self._update(_ADD_ON_HAND, part_number, location_id, delta)

    def receive_future_supply(self, part_number: str, location_id: str) -> bool:
        """The expected supply arrives: it joins on hand, and what backorders held of it becomes on-hand
        holds."""
        self._changing(part_number)
        done = self._update(_RECEIVE_FUTURE_SUPPLY, part_number, location_id)
        if done:
            self.connection.execute(
                _FUTURE_HOLDS_ON_HAND, {"b_part_number": part_number, "b_location_id": location_id}
            )
            if self.on_holds_rewritten is not None:
                self.on_holds_rewritten()
        return done

    def due_supplies(self, now: float, limit: int = 100) -> list[tuple[str, str]]:
        """(part number, node) pairs whose future supply date has come."""
        rows = self.connection.execute(_DUE_SUPPLIES, {"now": now, "limit": limit}).all()
        return [(r.part_number, r.location_id) for r in rows]

    # --- the StockLedger port -------------------------------------------------------------------------------

    def hold(self, part_number: str, location_id: str, quantity: float, supply: SupplyKind) -> bool:
        statement = _HOLD_ON_HAND if supply is SupplyKind.ON_HAND else _HOLD_FUTURE
        return self._update(statement, part_number, location_id, quantity)

    def release(self, hold: Hold) -> None:
        statement = _RELEASE_ON_HAND if hold.supply is SupplyKind.ON_HAND else _RELEASE_FUTURE
        self._update(statement, hold.part_number, hold.location_id, hold.quantity)

    def consume(self, hold: Hold) -> None:
        self._update(_CONSUME, hold.part_number, hold.location_id, hold.quantity)

    # --- availability marks (what the monitor last pushed) --------------------------------------------------

    def mark(self, part_number: str, location_id: str) -> Availability | None:
        row = self.connection.execute(_MARK, {"part_number": part_number, "location_id": location_id}).first()
        return Availability(InventoryStatus(row.status), row.quantity, row.available_at) if row else None

    def insert_marks(self, marks: Sequence[tuple[str, str, Availability]]) -> None:
        rows = [
            {
                "part_number": part,
                "location_id": loc,
                "status": a.status.value,
                "quantity": a.quantity,
                "available_at": a.available_at,
            }
            for part, loc, a in marks
        ]
        if rows:
            self.connection.execute(_INSERT_MARK, rows)

    def set_mark(self, part_number: str, location_id: str, availability: Availability) -> None:
        key = {"part_number": part_number, "location_id": location_id}
        self.connection.execute(_DROP_MARK, key)
        self.connection.execute(
            _INSERT_MARK,
            {
                **key,
                "status": availability.status.value,
                "quantity": availability.quantity,
                "available_at": availability.available_at,
            },
        )

    def forget_everything(self) -> None:
        """Every row is about to go (reset to seed): the view keeps nothing until this unit of work ends."""
        if not self.changed_everything:
            self.changed_everything = True
            if self._view is not None:
                self._view.writing_everything()

    def _changing(self, part_number: str) -> None:
        if part_number not in self.changed_parts:
            self.changed_parts.add(part_number)
            if self._view is not None:
                self._view.writing(part_number)

    def _update(self, statement: Any, part_number: str, location_id: str, quantity: float = 0.0) -> bool:
        """Run one of the stock UPDATEs above on one row; True when it changed the row."""
        self._changing(part_number)
        parameters = {"b_part_number": part_number, "b_location_id": location_id, "quantity": quantity}
        result = self.connection.execute(statement, parameters)
        if result.rowcount:
            self.touched.add((part_number, location_id))
        return bool(result.rowcount)


def _level(row: Row[Any]) -> StockLevel:
    return StockLevel(
        row.part_number,
        row.location_id,
        row.on_hand,
        row.reserved,
        row.future_quantity,
        row.future_reserved,
        row.future_date,
    )
