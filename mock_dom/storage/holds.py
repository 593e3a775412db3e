"""Which reservation or order holds which stock: rows of `dom_holds`, owned by a reservation or an order
line.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from enum import Enum
from typing import Any, TypeVar

from sqlalchemy import Connection, Label, Row, Table, and_, bindparam, delete, insert, literal, select

from mock_dom.domain.allocation import Hold, SupplyKind
from mock_dom.storage import tables as t

L = TypeVar("L")


class Owner(str, Enum):
    RESERVATION = "reservation"
    ORDER = "order"


# Built once; values are bound per call.
_OF_OWNER = (
    t.holds.c.owner_kind == bindparam("owner_kind"),
    t.holds.c.owner_id == bindparam("owner_id"),
)
_LOAD = select(t.holds).where(*_OF_OWNER).order_by(t.holds.c.hold_id)
_INSERT = insert(t.holds)
_DROP = delete(t.holds).where(*_OF_OWNER)


def load_holds(connection: Connection, owner: Owner, owner_id: str) -> dict[str, tuple[Hold, ...]]:
    """Holds by order item id."""
    rows = connection.execute(_LOAD, {"owner_kind": owner.value, "owner_id": owner_id})
    found: dict[str, list[Hold]] = defaultdict(list)
    for r in rows:
        found[r.order_item_id].append(
            Hold(r.location_id, r.part_number, r.quantity, SupplyKind(r.supply), r.available_at)
        )
    return {item: tuple(hs) for item, hs in found.items()}


def replace_holds(
    connection: Connection, owner: Owner, owner_id: str, by_item: dict[str, tuple[Hold, ...]]
) -> None:
    drop_holds(connection, owner, owner_id)
    insert_holds(connection, owner, owner_id, by_item.items())


def insert_holds(
    connection: Connection, owner: Owner, owner_id: str, by_item: Iterable[tuple[str, tuple[Hold, ...]]]
) -> None:
    rows = [
        {
            "owner_kind": owner.value,
            "owner_id": owner_id,
            "order_item_id": item,
            "part_number": h.part_number,
            "location_id": h.location_id,
            "supply": h.supply.value,
            "quantity": h.quantity,
            "available_at": h.available_at,
        }
        for item, hs in by_item
        for h in hs
    ]
    if rows:
        connection.execute(_INSERT, rows)


def drop_holds(connection: Connection, owner: Owner, owner_id: str) -> None:
    connection.execute(_DROP, {"owner_kind": owner.value, "owner_id": owner_id})


# --- lines read joined with their holds ---------------------------------------------------------------------

HOLD_COLUMNS = ("hold_id", "part_number", "location_id", "supply", "quantity", "available_at")


def holds_of_lines(owner: Owner, line_table: Table, owner_column: str) -> tuple[Any, list[Label[Any]]]:
    """The ON clause that outer-joins `dom_holds` to the lines of `line_table` (the holds each line owns),
    and the hold columns labelled `h_<name>` (line and hold share column names), for reading a reservation
    or an order in one statement. Join it directly after the lines, not as a nested join: SQLite would
    materialize a nested join over every line of every order."""
    on = and_(
        t.holds.c.owner_kind == literal(owner.value),
        t.holds.c.owner_id == line_table.c[owner_column],
        t.holds.c.order_item_id == line_table.c.order_item_id,
    )
    return on, [t.holds.c[name].label(f"h_{name}") for name in HOLD_COLUMNS]


def group_lines(rows: Sequence[Row[Any]], line: Callable[[Row[Any], tuple[Hold, ...]], L]) -> tuple[L, ...]:
    """The lines of rows read through `holds_of_lines` (line columns labelled `l_<name>`, ordered by line):
    one row per hold, or one per line without holds, or a single row without a line."""
    lines: list[L] = []
    current: Row[Any] | None = None
    holds: list[Hold] = []
    for row in rows:
        if row.l_order_item_id is None:
            continue
        if current is None or row.l_order_item_id != current.l_order_item_id:
            if current is not None:
                lines.append(line(current, tuple(holds)))
            current, holds = row, []
        if row.h_hold_id is not None:
            holds.append(
                Hold(
                    row.h_location_id,
                    row.h_part_number,
                    row.h_quantity,
                    SupplyKind(row.h_supply),
                    row.h_available_at,
                )
            )
    if current is not None:
        lines.append(line(current, tuple(holds)))
    return tuple(lines)
