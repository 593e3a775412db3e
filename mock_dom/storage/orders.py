"""DOM orders with their lines, holds and shipment.

An order is read with one statement (the header joined with its shipment, its lines and their holds) and
written back with only what changed since this unit of work read or wrote it: a lifecycle step usually
changes the header alone, so it is one UPDATE. The repository remembers each order as this transaction last
read or wrote it; `forget` drops that memory when something else rewrote hold rows in the same transaction
(future supply arriving), so the next save writes the holds in full again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Integer, Row, bindparam, delete, insert, select, update

from mock_dom.domain.allocation import Hold
from mock_dom.domain.orders import DomOrder, OrderLine, OrderState, Shipment
from mock_dom.storage import tables as t
from mock_dom.storage.holds import Owner, drop_holds, group_lines, holds_of_lines, insert_holds

# Built once; values are bound per call. One row per hold (or per line without holds), header repeated.
_LINE_COLUMNS = (
    "order_item_id",
    "part_number",
    "catalog_entry_id",
    "quantity",
    "physical_store_id",
    "unit_price",
)
_HOLDS_OF_LINES, _HOLD_COLUMNS = holds_of_lines(Owner.ORDER, t.order_lines, "order_id")
_FULL = (
    select(
        t.orders,
        t.shipments.c.carrier.label("s_carrier"),
        t.shipments.c.tracking_number.label("s_tracking_number"),
        t.shipments.c.shipped_at.label("s_shipped_at"),
        *(t.order_lines.c[name].label(f"l_{name}") for name in _LINE_COLUMNS),
        *_HOLD_COLUMNS,
    )
    .select_from(
        t.orders.outerjoin(t.shipments, t.shipments.c.order_id == t.orders.c.order_id)
        .outerjoin(t.order_lines, t.order_lines.c.order_id == t.orders.c.order_id)
        .outerjoin(t.holds, _HOLDS_OF_LINES)
    )
    .where(t.orders.c.order_id == bindparam("order_id"))
    .order_by(t.order_lines.c.position, t.order_lines.c.order_item_id, t.holds.c.hold_id)
)
_FULL_FOR_UPDATE = _FULL.with_for_update(of=t.orders)
_INSERT = insert(t.orders)
_INSERT_LINES = insert(t.order_lines)
_UPDATE = update(t.orders).where(t.orders.c.order_id == bindparam("b_order_id"))
_DUE = (
    select(t.orders.c.order_id)
    .where(t.orders.c.next_due_at.is_not(None), t.orders.c.next_due_at <= bindparam("now"))
    .order_by(t.orders.c.next_due_at, t.orders.c.order_id)
    .limit(bindparam("limit", type_=Integer))
)
_DROP_SHIPMENT = delete(t.shipments).where(t.shipments.c.order_id == bindparam("order_id"))
_INSERT_SHIPMENT = insert(t.shipments)


class OrderRepository:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self._stored: dict[str, DomOrder] = {}

    def get(self, order_id: str, *, for_update: bool = False) -> DomOrder | None:
        """`for_update` locks the row until the transaction ends (SELECT ... FOR UPDATE; SQLite's BEGIN
        IMMEDIATE already serializes writers, so it is a no-op there)."""
        rows = self.connection.execute(
            _FULL_FOR_UPDATE if for_update else _FULL, {"order_id": order_id}
        ).all()
        return self._remember(_order(rows)) if rows else None

    def add(self, order: DomOrder) -> None:
        self.connection.execute(_INSERT, {"order_id": order.order_id, **_header(order)})
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
            self.connection.execute(_INSERT_LINES, lines)
        insert_holds(self.connection, Owner.ORDER, order.order_id, _holds_by_item(order))
        if order.shipment is not None:
            self._insert_shipment(order)
        self._remember(order)

    def save(self, order: DomOrder) -> None:
        """Write back a changed order: state, due time, holds and shipment (lines themselves never change).
        Only what differs from the order as this unit of work last read or wrote it is written."""
        known = self._stored.get(order.order_id)
        header = _header(order)
        if known is None or _header(known) != header:
            self.connection.execute(_UPDATE, {"b_order_id": order.order_id, **header})
        if known is None or _holds_by_item(known) != _holds_by_item(order):
            drop_holds(self.connection, Owner.ORDER, order.order_id)
            insert_holds(self.connection, Owner.ORDER, order.order_id, _holds_by_item(order))
        if known is None or known.shipment != order.shipment:
            if known is None or known.shipment is not None:  # a known order without one has no row to drop
                self.connection.execute(_DROP_SHIPMENT, {"order_id": order.order_id})
            if order.shipment is not None:
                self._insert_shipment(order)
        self._remember(order)

    def forget(self) -> None:
        """Hold rows were changed by another statement of this transaction: compare against nothing."""
        self._stored.clear()

    def due(self, now: float, limit: int = 100) -> list[str]:
        rows = self.connection.execute(_DUE, {"now": now, "limit": limit}).all()
        return [r.order_id for r in rows]

    def list(self, state: OrderState | None = None, *, limit: int = 200, offset: int = 0) -> list[DomOrder]:
        query = select(t.orders.c.order_id).order_by(t.orders.c.created_at, t.orders.c.order_id)
        if state is not None:
            query = query.where(t.orders.c.state == state.value)
        ids = self.connection.execute(query.limit(limit).offset(offset)).scalars().all()
        found = (self.get(order_id) for order_id in ids)
        return [order for order in found if order is not None]

    def _insert_shipment(self, order: DomOrder) -> None:
        assert order.shipment is not None
        self.connection.execute(
            _INSERT_SHIPMENT,
            {
                "order_id": order.order_id,
                "carrier": order.shipment.carrier,
                "tracking_number": order.shipment.tracking_number,
                "shipped_at": order.shipment.shipped_at,
            },
        )

    def _remember(self, order: DomOrder) -> DomOrder:
        self._stored[order.order_id] = order
        return order


def _order(rows: Sequence[Row[Any]]) -> DomOrder:
    head = rows[0]
    shipment = (
        Shipment(head.s_carrier, head.s_tracking_number, head.s_shipped_at)
        if head.s_carrier is not None
        else None
    )
    return DomOrder(
        order_id=head.order_id,
        external_order_id=head.external_order_id,
        store_id=head.store_id,
        state=OrderState(head.state),
        created_at=head.created_at,
        updated_at=head.updated_at,
        lines=group_lines(rows, _line),
        next_due_at=head.next_due_at,
        store_name=head.store_name,
        buyer_id=head.buyer_id,
        buyer_logon_id=head.buyer_logon_id,
        placed_date=head.placed_date,
        currency=head.currency,
        total=head.total,
        ship_as_complete=head.ship_as_complete,
        reservation_id=head.reservation_id,
        shipment=shipment,
    )


def _line(row: Row[Any], holds: tuple[Hold, ...]) -> OrderLine:
    return OrderLine(
        row.l_order_item_id,
        row.l_part_number,
        row.l_catalog_entry_id,
        row.l_quantity,
        row.l_physical_store_id,
        row.l_unit_price,
        holds,
    )


def _holds_by_item(order: DomOrder) -> list[tuple[str, tuple[Hold, ...]]]:
    return [(line.order_item_id, line.holds) for line in order.lines]


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
