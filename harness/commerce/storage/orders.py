"""ORDERS, ORDERITEMS and ORDSHIPMENT: carts, orders, their items and DOM's shipments.

Column names follow WCS (STATUS, STOREENT_ID, MEMBER_ID, TIMEPLACED, LASTUPDATE, ORMORDER for the external
order id, ORDERITEMS.INVENTORYSTATUS / ESTAVAILTIME / FFMCENTER_ID, OPTCOUNTER). TRANSFERSTATUS /
TRANSFERCODE / TRANSFERMSG hold DOM's transfer status (F/H/G) and the last transfer error (WCS keeps the
code and message in ORDSTAT.OSCODE / OSCMT, facts section 4). PREPAREDKEY identifies the cart content the
last ReserveInventory was made for; STATUSTIME the CreationDateTime of the last SyncOrder applied.

`save` writes an order over the version it was read at (ORDERS.OPTCOUNTER) or raises ConcurrentUpdate.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    Row,
    String,
    Table,
    UniqueConstraint,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.orm import Session

from harness.commerce.domain.order_errors import ConcurrentUpdate
from harness.commerce.domain.orders import (
    ItemInventoryStatus,
    Order,
    OrderItem,
    OrderStatus,
    Shipment,
    TransferStatus,
)
from harness.commerce.storage.metadata import EpochSeconds, metadata

ORDERS = Table(
    "ORDERS",
    metadata,
    Column("ORDERS_ID", Integer, primary_key=True, autoincrement=False),
    Column("STOREENT_ID", Integer, nullable=False),
    Column("MEMBER_ID", Integer, nullable=False),
    Column("STATUS", String(1), nullable=False),
    Column("CURRENCY", String(10), nullable=False, default="USD"),
    Column("TOTALPRODUCT", Float, nullable=False, default=0.0),
    Column("TRANSFERSTATUS", String(1), nullable=True),
    Column("TRANSFERCODE", String(254), nullable=True),
    Column("TRANSFERMSG", String(1000), nullable=True),
    Column("TIMEPLACED", EpochSeconds, nullable=True),
    Column("LASTUPDATE", EpochSeconds, nullable=True),
    Column("PREPAREDKEY", String(4000), nullable=True),
    Column("STATUSTIME", Float, nullable=True),
    Column("ORMORDER", String(64), nullable=True),
    Column("FIELD1", String(254), nullable=True),
    Column("FIELD2", String(254), nullable=True),
    Column("FIELD3", String(254), nullable=True),
    Column("OPTCOUNTER", Integer, nullable=False, default=0),
)
Index("I_ORDERS_MEMBER", ORDERS.c.MEMBER_ID, ORDERS.c.STOREENT_ID, ORDERS.c.STATUS)

ORDERITEMS = Table(
    "ORDERITEMS",
    metadata,
    Column("ORDERITEMS_ID", Integer, primary_key=True, autoincrement=False),
    Column(
        "ORDERS_ID", Integer, ForeignKey("ORDERS.ORDERS_ID", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("CATENTRY_ID", Integer, nullable=False),
    Column("PARTNUM", String(64), nullable=False),
    Column("QUANTITY", Float, nullable=False),
    Column("PRICE", Float, nullable=False),
    Column("STATUS", String(1), nullable=False),
    Column("INVENTORYSTATUS", String(4), nullable=False, default=ItemInventoryStatus.NOT_ALLOCATED.value),
    Column("STLOC_ID", Integer, nullable=True),
    Column("FFMCENTER_ID", Integer, nullable=True),
    Column("ESTAVAILTIME", EpochSeconds, nullable=True),
)

ORDSHIPMENT = Table(
    "ORDSHIPMENT",
    metadata,
    Column("ORDSHIPMENT_ID", Integer, primary_key=True, autoincrement=True),
    Column(
        "ORDERS_ID", Integer, ForeignKey("ORDERS.ORDERS_ID", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("ORDERITEMS_ID", Integer, nullable=True),
    Column("CARRIER", String(64), nullable=True),
    Column("TRACKINGID", String(64), nullable=False),
    Column("SHIPDATE", String(64), nullable=True),
    UniqueConstraint("ORDERS_ID", "ORDERITEMS_ID", "TRACKINGID", name="I_ORDSHIPMENT"),
)


class OrderRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, order_id: int) -> Order | None:
        row = self._session.execute(select(ORDERS).where(order_id == ORDERS.c.ORDERS_ID)).first()
        return self._order(row) if row is not None else None

    def cart_of(self, member_id: int, store_id: int) -> Order | None:
        """The shopper's current cart (the newest pending order) in the store."""
        row = self._session.execute(
            select(ORDERS)
            .where(
                member_id == ORDERS.c.MEMBER_ID,
                store_id == ORDERS.c.STOREENT_ID,
                OrderStatus.PENDING.value == ORDERS.c.STATUS,
            )
            .order_by(ORDERS.c.ORDERS_ID.desc())
            .limit(1)
        ).first()
        return self._order(row) if row is not None else None

    def history(self, member_id: int, store_id: int, *, limit: int = 50) -> list[Order]:
        """The shopper's submitted orders, newest first."""
        rows = self._session.execute(
            select(ORDERS)
            .where(
                member_id == ORDERS.c.MEMBER_ID,
                store_id == ORDERS.c.STOREENT_ID,
                OrderStatus.PENDING.value != ORDERS.c.STATUS,
            )
            .order_by(ORDERS.c.ORDERS_ID.desc())
            .limit(limit)
        ).all()
        return [self._order(row) for row in rows]

    def add(self, order: Order) -> None:
        self._session.execute(insert(ORDERS).values(ORDERS_ID=order.order_id, **_header(order), OPTCOUNTER=0))
        self._write_items(order)

    def save(self, order: Order) -> Order:
        """Write `order` over the version it was read at; returns it with its new version."""
        result = self._session.execute(
            update(ORDERS)
            .where(order.order_id == ORDERS.c.ORDERS_ID, order.version == ORDERS.c.OPTCOUNTER)
            .values(**_header(order), OPTCOUNTER=order.version + 1)
        )
        if result.rowcount != 1:
            raise ConcurrentUpdate(
                f"Order {order.order_id} was changed by another request.", str(order.order_id)
            )
        self._write_items(order)
        return replace(order, version=order.version + 1)

    def _write_items(self, order: Order) -> None:
        session = self._session
        stored = set(
            session.execute(
                select(ORDERITEMS.c.ORDERITEMS_ID).where(order.order_id == ORDERITEMS.c.ORDERS_ID)
            )
            .scalars()
            .all()
        )
        wanted = {item.order_item_id for item in order.items}
        gone = stored - wanted
        if gone:
            session.execute(delete(ORDERITEMS).where(ORDERITEMS.c.ORDERITEMS_ID.in_(gone)))
        new = [_item_row(order.order_id, item) for item in order.items if item.order_item_id not in stored]
        if new:
            session.execute(insert(ORDERITEMS), new)
        for item in order.items:
            if item.order_item_id in stored:
                row = _item_row(order.order_id, item)
                session.execute(
                    update(ORDERITEMS).where(item.order_item_id == ORDERITEMS.c.ORDERITEMS_ID).values(**row)
                )
        known = {
            (r.ORDERITEMS_ID, r.TRACKINGID)
            for r in session.execute(select(ORDSHIPMENT).where(order.order_id == ORDSHIPMENT.c.ORDERS_ID))
        }
        shipments = [
            {
                "ORDERS_ID": order.order_id,
                "ORDERITEMS_ID": s.order_item_id,
                "CARRIER": s.carrier,
                "TRACKINGID": s.tracking_number,
                "SHIPDATE": s.ship_date,
            }
            for s in order.shipments
            if (s.order_item_id, s.tracking_number) not in known
        ]
        if shipments:
            session.execute(insert(ORDSHIPMENT), shipments)

    def _order(self, row: Row[Any]) -> Order:
        session = self._session
        items = tuple(
            _item(r)
            for r in session.execute(
                select(ORDERITEMS)
                .where(row.ORDERS_ID == ORDERITEMS.c.ORDERS_ID)
                .order_by(ORDERITEMS.c.ORDERITEMS_ID)
            )
        )
        shipments = tuple(
            Shipment(r.CARRIER, r.TRACKINGID, r.SHIPDATE, r.ORDERITEMS_ID)
            for r in session.execute(
                select(ORDSHIPMENT)
                .where(row.ORDERS_ID == ORDSHIPMENT.c.ORDERS_ID)
                .order_by(ORDSHIPMENT.c.ORDSHIPMENT_ID)
            )
        )
        return Order(
            order_id=row.ORDERS_ID,
            store_id=row.STOREENT_ID,
            member_id=row.MEMBER_ID,
            status=OrderStatus(row.STATUS),
            items=items,
            currency=row.CURRENCY,
            transfer_status=TransferStatus(row.TRANSFERSTATUS) if row.TRANSFERSTATUS else None,
            transfer_code=row.TRANSFERCODE,
            transfer_message=row.TRANSFERMSG,
            placed=row.TIMEPLACED,
            last_update=row.LASTUPDATE,
            prepared_key=row.PREPAREDKEY,
            status_time=row.STATUSTIME,
            external_order_id=row.ORMORDER,
            shipments=shipments,
            fields=(row.FIELD1, row.FIELD2, row.FIELD3),
            version=row.OPTCOUNTER,
        )


def _header(order: Order) -> dict[str, Any]:
    return {
        "STOREENT_ID": order.store_id,
        "MEMBER_ID": order.member_id,
        "STATUS": order.status.value,
        "CURRENCY": order.currency,
        "TOTALPRODUCT": order.total,
        "TRANSFERSTATUS": order.transfer_status.value if order.transfer_status else None,
        "TRANSFERCODE": order.transfer_code,
        "TRANSFERMSG": (order.transfer_message or "")[:1000] or None,
        "TIMEPLACED": order.placed,
        "LASTUPDATE": order.last_update,
        "PREPAREDKEY": order.prepared_key,
        "STATUSTIME": order.status_time,
        "ORMORDER": order.external_order_id,
        "FIELD1": order.fields[0],
        "FIELD2": order.fields[1],
        "FIELD3": order.fields[2],
    }


def _item_row(order_id: int, item: OrderItem) -> dict[str, Any]:
    return {
        "ORDERITEMS_ID": item.order_item_id,
        "ORDERS_ID": order_id,
        "CATENTRY_ID": item.catentry_id,
        "PARTNUM": item.part_number,
        "QUANTITY": item.quantity,
        "PRICE": item.unit_price,
        "STATUS": item.status.value,
        "INVENTORYSTATUS": item.inventory_status.value,
        "STLOC_ID": item.physical_store_id,
        "FFMCENTER_ID": item.fulfillment_center_id,
        "ESTAVAILTIME": item.estimated_available,
    }


def _item(row: Row[Any]) -> OrderItem:
    return OrderItem(
        order_item_id=row.ORDERITEMS_ID,
        catentry_id=row.CATENTRY_ID,
        part_number=row.PARTNUM,
        quantity=row.QUANTITY,
        unit_price=row.PRICE,
        status=OrderStatus(row.STATUS),
        inventory_status=ItemInventoryStatus(row.INVENTORYSTATUS.strip()),
        physical_store_id=row.STLOC_ID,
        fulfillment_center_id=row.FFMCENTER_ID,
        estimated_available=row.ESTAVAILTIME,
    )
