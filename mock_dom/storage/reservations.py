"""Reservations with their lines and holds.

A reservation is read with one statement (the header joined with its lines and their holds). The repository
remembers which reservations this unit of work found missing, so putting one of those inserts it without
first deleting what cannot be there.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Integer, Row, bindparam, delete, insert, select, update

from mock_dom.domain.allocation import Hold
from mock_dom.domain.reservations import Reservation, ReservationLine, ReservationState
from mock_dom.storage import tables as t
from mock_dom.storage.holds import Owner, drop_holds, group_lines, holds_of_lines, insert_holds

# Built once; values are bound per call. One row per hold (or per line without holds), header repeated.
_LINE_COLUMNS = ("order_item_id", "part_number", "catalog_entry_id", "quantity", "physical_store_id")
_HOLDS_OF_LINES, _HOLD_COLUMNS = holds_of_lines(Owner.RESERVATION, t.reservation_lines, "reservation_id")
_FULL = (
    select(
        t.reservations,
        *(t.reservation_lines.c[name].label(f"l_{name}") for name in _LINE_COLUMNS),
        *_HOLD_COLUMNS,
    )
    .select_from(
        t.reservations.outerjoin(
            t.reservation_lines, t.reservation_lines.c.reservation_id == t.reservations.c.reservation_id
        ).outerjoin(t.holds, _HOLDS_OF_LINES)
    )
    .where(t.reservations.c.reservation_id == bindparam("reservation_id"))
    .order_by(t.reservation_lines.c.position, t.reservation_lines.c.order_item_id, t.holds.c.hold_id)
)
_FULL_FOR_UPDATE = _FULL.with_for_update(of=t.reservations)
_INSERT = insert(t.reservations)
_INSERT_LINES = insert(t.reservation_lines)
_END = (
    update(t.reservations)
    .where(t.reservations.c.reservation_id == bindparam("b_reservation_id"))
    .values(state=bindparam("state"))
)
_DELETE_LINES = delete(t.reservation_lines).where(
    t.reservation_lines.c.reservation_id == bindparam("reservation_id")
)
_DELETE = delete(t.reservations).where(t.reservations.c.reservation_id == bindparam("reservation_id"))
_DUE_FOR_EXPIRY = (
    select(t.reservations.c.reservation_id)
    .where(
        t.reservations.c.state == ReservationState.ACTIVE.value,
        t.reservations.c.expires_at <= bindparam("now"),
    )
    .order_by(t.reservations.c.expires_at)
    .limit(bindparam("limit", type_=Integer))
)


class ReservationRepository:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self._missing: set[str] = set()  # looked up in this unit of work and not found (nor put since)

    def get(self, reservation_id: str, *, for_update: bool = False) -> Reservation | None:
        """`for_update` locks the row until the transaction ends (SELECT ... FOR UPDATE; SQLite's BEGIN
        IMMEDIATE already serializes writers, so it is a no-op there)."""
        rows = self.connection.execute(
            _FULL_FOR_UPDATE if for_update else _FULL, {"reservation_id": reservation_id}
        ).all()
        if not rows:
            self._missing.add(reservation_id)
            return None
        return _reservation(rows)

    def put(self, reservation: Reservation) -> None:
        """Insert, or replace an earlier reservation with the same id (lines and holds included)."""
        if reservation.reservation_id in self._missing:
            self._missing.discard(reservation.reservation_id)
        else:
            self.remove(reservation.reservation_id)
        self.connection.execute(
            _INSERT,
            {
                "reservation_id": reservation.reservation_id,
                "order_id": reservation.order_id,
                "store_id": reservation.store_id,
                "state": reservation.state.value,
                "created_at": reservation.created_at,
                "expires_at": reservation.expires_at,
            },
        )
        lines = [
            {
                "reservation_id": reservation.reservation_id,
                "order_item_id": line.order_item_id,
                "position": position,
                "part_number": line.part_number,
                "catalog_entry_id": line.catalog_entry_id,
                "quantity": line.quantity,
                "physical_store_id": line.physical_store_id,
            }
            for position, line in enumerate(reservation.lines)
        ]
        if lines:
            self.connection.execute(_INSERT_LINES, lines)
        if reservation.is_active:
            holds = [(line.order_item_id, line.holds) for line in reservation.lines]
            insert_holds(self.connection, Owner.RESERVATION, reservation.reservation_id, holds)

    def end(self, reservation_id: str, state: ReservationState) -> None:
        """Mark released / expired / transferred; the holds are gone (given back, or moved to the order)."""
        self.connection.execute(_END, {"b_reservation_id": reservation_id, "state": state.value})
        drop_holds(self.connection, Owner.RESERVATION, reservation_id)

    def remove(self, reservation_id: str) -> None:
        drop_holds(self.connection, Owner.RESERVATION, reservation_id)
        self.connection.execute(_DELETE_LINES, {"reservation_id": reservation_id})
        self.connection.execute(_DELETE, {"reservation_id": reservation_id})

    def due_for_expiry(self, now: float, limit: int = 100) -> list[str]:
        rows = self.connection.execute(_DUE_FOR_EXPIRY, {"now": now, "limit": limit}).all()
        return [r.reservation_id for r in rows]

    def list(
        self,
        state: ReservationState | None = None,
        order_id: str | None = None,
        *,
        limit: int = 200,
        offset: int = 0,
    ) -> list[Reservation]:
        query = select(t.reservations.c.reservation_id).order_by(
            t.reservations.c.created_at, t.reservations.c.reservation_id
        )
        if state is not None:
            query = query.where(t.reservations.c.state == state.value)
        if order_id is not None:
            query = query.where(t.reservations.c.order_id == order_id)
        ids = self.connection.execute(query.limit(limit).offset(offset)).scalars().all()
        found = (self.get(reservation_id) for reservation_id in ids)
        return [reservation for reservation in found if reservation is not None]


def _reservation(rows: Sequence[Row[Any]]) -> Reservation:
    head = rows[0]
    return Reservation(
        head.reservation_id,
        head.order_id,
        head.store_id,
        head.created_at,
        head.expires_at,
        group_lines(rows, _line),
        ReservationState(head.state),
    )


def _line(row: Row[Any], holds: tuple[Hold, ...]) -> ReservationLine:
    return ReservationLine(
        row.l_order_item_id,
        row.l_part_number,
        row.l_catalog_entry_id,
        row.l_quantity,
        row.l_physical_store_id,
        holds,
    )
