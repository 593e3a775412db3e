"""DOM orders with their lines, holds and shipment."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, delete, insert, select, update
from sqlalchemy.orm import Session

from mock_dom.domain.orders import DomOrder, OrderLine, OrderState, Shipment
from mock_dom.storage import tables as t
from mock_dom.storage.holds import Owner, load_holds, replace_holds


class OrderRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, order_id: str, *, for_update: bool = False) -> DomOrder | None:
        """`for_update` locks the row until the transaction ends (SELECT ... FOR UPDATE; SQLite's BEGIN
        IMMEDIATE already serializes writers, so it is a no-op there)."""
        query = select(t.orders).where(t.orders.c.order_id == order_id)
        row = self.session.execute(query.with_for_update() if for_update else query).first()
        return self._build(row) if row else None

    def add(self, order: DomOrder) -> None:
        self.session.execute(insert(t.orders).values(order_id=order.order_id, **_header(order)))
        lines = [
            {
                "order_id": order.order_id,
                "order_item_id": line.order_item_id,
                "position": position,
                "part_number": line.part_number,
                "catalog_entry_id": line.catalog_entry_id,
                "quantity": line.quantity,
                "physical_store_id": line.physical_store_id,
                "unit_price": line.unit_price,
            }
            for position, line in enumerate(order.lines)
        ]
        if lines:
            self.session.execute(insert(t.order_lines), lines)
        self._save_holds_and_shipment(order)

    def save(self, order: DomOrder) -> None:
        """Write back a changed order: state, due time, holds and shipment (lines themselves never change)."""
        self.session.execute(
            update(t.orders).where(t.orders.c.order_id == order.order_id).values(**_header(order))
        )
        self._save_holds_and_shipment(order)

    def due(self, now: float, limit: int = 100) -> list[str]:
        rows = self.session.execute(
            select(t.orders.c.order_id)
            .where(t.orders.c.next_due_at.is_not(None), t.orders.c.next_due_at <= now)
            .order_by(t.orders.c.next_due_at, t.orders.c.order_id)
            .limit(limit)
        ).all()
        return [r.order_id for r in rows]

    def list(self, state: OrderState | None = None, *, limit: int = 200, offset: int = 0) -> list[DomOrder]:
        query = select(t.orders).order_by(t.orders.c.created_at, t.orders.c.order_id)
        if state is not None:
            query = query.where(t.orders.c.state == state.value)
        return [self._build(r) for r in self.session.execute(query.limit(limit).offset(offset)).all()]

    def _save_holds_and_shipment(self, order: DomOrder) -> None:
        replace_holds(
            self.session, Owner.ORDER, order.order_id, {ln.order_item_id: ln.holds for ln in order.lines}
        )
        self.session.execute(delete(t.shipments).where(t.shipments.c.order_id == order.order_id))
        if order.shipment is not None:
            self.session.execute(
                insert(t.shipments).values(
                    order_id=order.order_id,
                    carrier=order.shipment.carrier,
                    tracking_number=order.shipment.tracking_number,
                    shipped_at=order.shipment.shipped_at,
                )
            )

    def _build(self, row: Row[Any]) -> DomOrder:
        holds = load_holds(self.session, Owner.ORDER, row.order_id)
        line_rows = self.session.execute(
            select(t.order_lines)
            .where(t.order_lines.c.order_id == row.order_id)
            .order_by(t.order_lines.c.position)
        ).all()
        lines = tuple(
            OrderLine(
                r.order_item_id,
                r.part_number,
                r.catalog_entry_id,
                r.quantity,
                r.physical_store_id,
                r.unit_price,
                holds.get(r.order_item_id, ()),
            )
            for r in line_rows
        )
        ship = self.session.execute(select(t.shipments).where(t.shipments.c.order_id == row.order_id)).first()
        return DomOrder(
            order_id=row.order_id,
            external_order_id=row.external_order_id,
            store_id=row.store_id,
            state=OrderState(row.state),
            created_at=row.created_at,
            updated_at=row.updated_at,
            lines=lines,
            next_due_at=row.next_due_at,
            store_name=row.store_name,
            buyer_id=row.buyer_id,
            buyer_logon_id=row.buyer_logon_id,
            placed_date=row.placed_date,
            currency=row.currency,
            total=row.total,
            ship_as_complete=row.ship_as_complete,
            reservation_id=row.reservation_id,
            shipment=Shipment(ship.carrier, ship.tracking_number, ship.shipped_at) if ship else None,
        )


def _header(order: DomOrder) -> dict[str, Any]:
    return {
        "external_order_id": order.external_order_id,
        "store_id": order.store_id,
        "state": order.state.value,
        "created_at": order.created_at,
        "updated_at": order.updated_at,
        "next_due_at": order.next_due_at,
        "store_name": order.store_name,
        "buyer_id": order.buyer_id,
        "buyer_logon_id": order.buyer_logon_id,
        "placed_date": order.placed_date,
        "currency": order.currency,
        "total": order.total,
        "ship_as_complete": order.ship_as_complete,
        "reservation_id": order.reservation_id,
    }
