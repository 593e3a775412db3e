"""Reservations with their lines and holds."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, delete, insert, select, update
from sqlalchemy.orm import Session

from mock_dom.domain.reservations import Reservation, ReservationLine, ReservationState
from mock_dom.storage import tables as t
from mock_dom.storage.holds import Owner, drop_holds, load_holds, replace_holds


class ReservationRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, reservation_id: str, *, for_update: bool = False) -> Reservation | None:
        """`for_update` locks the row until the transaction ends (SELECT ... FOR UPDATE; SQLite's BEGIN
        IMMEDIATE already serializes writers, so it is a no-op there)."""
        query = select(t.reservations).where(t.reservations.c.reservation_id == reservation_id)
        row = self.session.execute(query.with_for_update() if for_update else query).first()
        return self._build(row) if row else None

    def put(self, reservation: Reservation) -> None:
        """Insert, or replace an earlier reservation with the same id (lines and holds included)."""
        self.remove(reservation.reservation_id)
        self.session.execute(
            insert(t.reservations).values(
                reservation_id=reservation.reservation_id,
                order_id=reservation.order_id,
                store_id=reservation.store_id,
                state=reservation.state.value,
                created_at=reservation.created_at,
                expires_at=reservation.expires_at,
            )
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
            self.session.execute(insert(t.reservation_lines), lines)
        if reservation.is_active:
            holds = {line.order_item_id: line.holds for line in reservation.lines}
            replace_holds(self.session, Owner.RESERVATION, reservation.reservation_id, holds)

    def end(self, reservation_id: str, state: ReservationState) -> None:
        """Mark released / expired / transferred; the holds are gone (given back, or moved to the order)."""
        self.session.execute(
            update(t.reservations)
            .where(t.reservations.c.reservation_id == reservation_id)
            .values(state=state.value)
        )
        drop_holds(self.session, Owner.RESERVATION, reservation_id)

    def remove(self, reservation_id: str) -> None:
        drop_holds(self.session, Owner.RESERVATION, reservation_id)
        self.session.execute(
            delete(t.reservation_lines).where(t.reservation_lines.c.reservation_id == reservation_id)
        )
        self.session.execute(delete(t.reservations).where(t.reservations.c.reservation_id == reservation_id))

    def due_for_expiry(self, now: float, limit: int = 100) -> list[str]:
        rows = self.session.execute(
            select(t.reservations.c.reservation_id)
            .where(
                t.reservations.c.state == ReservationState.ACTIVE.value, t.reservations.c.expires_at <= now
            )
            .order_by(t.reservations.c.expires_at)
            .limit(limit)
        ).all()
        return [r.reservation_id for r in rows]

    def list(
        self,
        state: ReservationState | None = None,
        order_id: str | None = None,
        *,
        limit: int = 200,
        offset: int = 0,
    ) -> list[Reservation]:
        query = select(t.reservations).order_by(t.reservations.c.created_at, t.reservations.c.reservation_id)
        if state is not None:
            query = query.where(t.reservations.c.state == state.value)
        if order_id is not None:
            query = query.where(t.reservations.c.order_id == order_id)
        return [self._build(r) for r in self.session.execute(query.limit(limit).offset(offset)).all()]

    def _build(self, row: Row[Any]) -> Reservation:
        holds = load_holds(self.session, Owner.RESERVATION, row.reservation_id)
        line_rows = self.session.execute(
            select(t.reservation_lines)
            .where(t.reservation_lines.c.reservation_id == row.reservation_id)
            .order_by(t.reservation_lines.c.position)
        ).all()
        lines = tuple(
            ReservationLine(
                r.order_item_id,
                r.part_number,
                r.catalog_entry_id,
                r.quantity,
                r.physical_store_id,
                holds.get(r.order_item_id, ()),
            )
            for r in line_rows
        )
        return Reservation(
            row.reservation_id,
            row.order_id,
            row.store_id,
            row.created_at,
            row.expires_at,
            lines,
            ReservationState(row.state),
        )
