"""ORDERS, ORDERITEMS and ORDSHIPMENT: carts, orders, their items and DOM's shipments.

Column names follow WCS (STATUS, STOREENT_ID, MEMBER_ID, TIMEPLACED, LASTUPDATE, ORMORDER for the external
order id, ORDERITEMS.INVENTORYSTATUS / ESTAVAILTIME / FFMCENTER_ID, OPTCOUNTER). TRANSFERSTATUS /
TRANSFERCODE / TRANSFERMSG hold DOM's transfer status (F/H/G) and the last transfer error (WCS keeps the
code and message in ORDSTAT.OSCODE / OSCMT, facts section 4). PREPAREDKEY identifies the cart content the
last ReserveInventory was made for; STATUSTIME the CreationDateTime of the last SyncOrder applied.

`save` writes an order over the version it was read at (ORDERS.OPTCOUNTER) or raises ConcurrentUpdate;
it writes only the item rows and shipments that changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Float,
    ForeignKey,
    Index,
    Integer,
    Row,
    String,
    Table,
    UniqueConstraint,
    bindparam,
    delete,
    func,
    insert,
    select,
    update,
)

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


# Statements are built once (SQLAlchemy compiles each once per engine and caches it); values are bound per
# call. An order is read with one statement, the header joined with its items and whether it has shipments,
# and a second one for its shipments only when it has any (carts and most orders have none).
_ITEM_COLUMNS = tuple(c.label(f"I_{c.name}") for c in ORDERITEMS.c if c.name != "ORDERS_ID")
_HAS_SHIPMENTS = (
    select(ORDSHIPMENT.c.ORDSHIPMENT_ID)
    .where(ORDSHIPMENT.c.ORDERS_ID == ORDERS.c.ORDERS_ID)
    .exists()
    .label("HAS_SHIPMENTS")
)
_WITH_ITEMS = (
    select(ORDERS, _HAS_SHIPMENTS, *_ITEM_COLUMNS)
    .select_from(ORDERS.outerjoin(ORDERITEMS, ORDERS.c.ORDERS_ID == ORDERITEMS.c.ORDERS_ID))
    .order_by(ORDERITEMS.c.ORDERITEMS_ID)
)
_GET = _WITH_ITEMS.where(bindparam("order_id") == ORDERS.c.ORDERS_ID)
_NEWEST_CART = (
    select(func.max(ORDERS.c.ORDERS_ID))
    .where(
        bindparam("member_id") == ORDERS.c.MEMBER_ID,
        bindparam("store_id") == ORDERS.c.STOREENT_ID,
        OrderStatus.PENDING.value == ORDERS.c.STATUS,
    )
    .scalar_subquery()
)
_CART_OF = _WITH_ITEMS.where(ORDERS.c.ORDERS_ID == _NEWEST_CART)
_HISTORY = (
    select(ORDERS)
    .where(
        bindparam("member_id") == ORDERS.c.MEMBER_ID,
        bindparam("store_id") == ORDERS.c.STOREENT_ID,
        OrderStatus.PENDING.value != ORDERS.c.STATUS,
    )
    .order_by(ORDERS.c.ORDERS_ID.desc())
    .limit(bindparam("limit", type_=Integer))
)
_ITEMS_OF_MANY = (
    select(ORDERITEMS)
    .where(ORDERITEMS.c.ORDERS_ID.in_(bindparam("order_ids", expanding=True)))
    .order_by(ORDERITEMS.c.ORDERITEMS_ID)
)
_SHIPMENTS = select(
    ORDSHIPMENT.c.ORDERS_ID,
    ORDSHIPMENT.c.ORDERITEMS_ID,
    ORDSHIPMENT.c.CARRIER,
    ORDSHIPMENT.c.TRACKINGID,
    ORDSHIPMENT.c.SHIPDATE,
).order_by(ORDSHIPMENT.c.ORDSHIPMENT_ID)
_SHIPMENTS_OF = _SHIPMENTS.where(bindparam("order_id") == ORDSHIPMENT.c.ORDERS_ID)
_SHIPMENTS_OF_MANY = _SHIPMENTS.where(ORDSHIPMENT.c.ORDERS_ID.in_(bindparam("order_ids", expanding=True)))
_ITEMS_OF = select(ORDERITEMS).where(bindparam("order_id") == ORDERITEMS.c.ORDERS_ID)
_INSERT_ORDER = insert(ORDERS)
_UPDATE_ORDER = update(ORDERS).where(
    bindparam("b_order_id") == ORDERS.c.ORDERS_ID, bindparam("b_version") == ORDERS.c.OPTCOUNTER
)
_INSERT_ITEMS = insert(ORDERITEMS)
_UPDATE_ITEM = update(ORDERITEMS).where(bindparam("b_item_id") == ORDERITEMS.c.ORDERITEMS_ID)
_DELETE_ITEMS = delete(ORDERITEMS).where(
    ORDERITEMS.c.ORDERITEMS_ID.in_(bindparam("item_ids", expanding=True))
)
_INSERT_SHIPMENTS = insert(ORDSHIPMENT)


class OrderRepository:
    """Orders of one unit of work. It remembers each order as this transaction last read or wrote it, so a
    save writes only the item rows and shipments that differ from what is stored (the version check makes
    that memory safe: a row changed by anyone else since has another OPTCOUNTER and the save is refused)."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._stored: dict[int, Order] = {}
        self._written: set[int] = set()  # orders added or saved since the last `take_written`

    def get(self, order_id: int) -> Order | None:
        return self._one(self._connection.execute(_GET, {"order_id": order_id}).all())

    def cart_of(self, member_id: int, store_id: int) -> Order | None:
        """The shopper's current cart (the newest pending order) in the store."""
        rows = self._connection.execute(_CART_OF, {"member_id": member_id, "store_id": store_id}).all()
        return self._one(rows)

    def history(self, member_id: int, store_id: int, *, limit: int = 50) -> list[Order]:
        """The shopper's submitted orders, newest first."""
        connection = self._connection
        parameters = {"member_id": member_id, "store_id": store_id, "limit": limit}
        headers = connection.execute(_HISTORY, parameters).all()
        if not headers:
            return []
        ids = [row.ORDERS_ID for row in headers]
        items: dict[int, list[OrderItem]] = {order_id: [] for order_id in ids}
        for row in connection.execute(_ITEMS_OF_MANY, {"order_ids": ids}):
            items[row.ORDERS_ID].append(_item(row))
        shipments: dict[int, list[Shipment]] = {order_id: [] for order_id in ids}
        for row in connection.execute(_SHIPMENTS_OF_MANY, {"order_ids": ids}):
            shipments[row.ORDERS_ID].append(_shipment(row))
        return [
            self._remember(_order(row, tuple(items[row.ORDERS_ID]), tuple(shipments[row.ORDERS_ID])))
            for row in headers
        ]

    def last_saved(self, order_id: int) -> Order | None:
        """The order as this unit of work last wrote (or read) it, without asking the database."""
        return self._stored.get(order_id)

    def add(self, order: Order) -> None:
        self._connection.execute(
            _INSERT_ORDER, {"ORDERS_ID": order.order_id, **_header(order), "OPTCOUNTER": 0}
        )
        if order.items:
            self._connection.execute(_INSERT_ITEMS, [_item_row(order.order_id, item) for item in order.items])
        if order.shipments:
            self._connection.execute(
                _INSERT_SHIPMENTS, [_shipment_row(order.order_id, s) for s in order.shipments]
            )
        self._written.add(order.order_id)
        self._remember(replace(order, version=0))

    def save(self, order: Order, *, read: Order | None = None) -> Order:
        """Write `order` over the version it was read at; returns it with its new version.

        `read` is the order as an earlier unit of work read it (or a committed save returned it): item rows
        and shipments are only ever written here, under the OPTCOUNTER check, so what is stored at
        `read.version` is `read`'s content and the save compares against it instead of reading the rows.
        """
        result = self._connection.execute(
            _UPDATE_ORDER,
            {
                "b_order_id": order.order_id,
                "b_version": order.version,
                **_header(order),
                "OPTCOUNTER": order.version + 1,
            },
        )
        if result.rowcount != 1:
            raise ConcurrentUpdate(
                f"Order {order.order_id} was changed by another request.", str(order.order_id)
            )
        known = next(
            (
                base
                for base in (self._stored.get(order.order_id), read)
                if base is not None and base.order_id == order.order_id and base.version == order.version
            ),
            None,
        )
        self._write_items(order, known)
        self._write_shipments(order, known)
        self._written.add(order.order_id)
        return self._remember(replace(order, version=order.version + 1))

    def take_written(self) -> set[int]:
        """The ids of the orders added or saved since the last call (the unit of work asks at commit)."""
        written, self._written = self._written, set()
        return written

    def _write_items(self, order: Order, known: Order | None) -> None:
        """Delete, insert and update only the item rows that differ from the stored ones."""
        connection = self._connection
        if known is not None:
            stored = {item.order_item_id: _item_row(order.order_id, item) for item in known.items}
        else:
            stored = {
                row.ORDERITEMS_ID: _item_row(order.order_id, _item(row))
                for row in connection.execute(_ITEMS_OF, {"order_id": order.order_id})
            }
        wanted = {item.order_item_id: _item_row(order.order_id, item) for item in order.items}
        gone = [item_id for item_id in stored if item_id not in wanted]
        if gone:
            connection.execute(_DELETE_ITEMS, {"item_ids": gone})
        new = [row for item_id, row in wanted.items() if item_id not in stored]
        if new:
            connection.execute(_INSERT_ITEMS, new)
        changed = [
            {"b_item_id": item_id, **row}
            for item_id, row in wanted.items()
            if item_id in stored and stored[item_id] != row
        ]
        if changed:
            connection.execute(_UPDATE_ITEM, changed)

    def _write_shipments(self, order: Order, known: Order | None) -> None:
        """Insert the shipments not stored yet (shipments are only ever added)."""
        if not order.shipments:
            return
        if known is not None:
            stored = {(s.order_item_id, s.tracking_number) for s in known.shipments}
        else:
            stored = {
                (row.ORDERITEMS_ID, row.TRACKINGID)
                for row in self._connection.execute(_SHIPMENTS_OF, {"order_id": order.order_id})
            }
        new = [
            _shipment_row(order.order_id, s)
            for s in order.shipments
            if (s.order_item_id, s.tracking_number) not in stored
        ]
        if new:
            self._connection.execute(_INSERT_SHIPMENTS, new)

    def _one(self, rows: Sequence[Row[Any]]) -> Order | None:
        """The order of `_GET`/`_CART_OF` rows (one per item, or one with NULL item columns)."""
        if not rows:
            return None
        head = rows[0]
        items = tuple(_item(row, "I_") for row in rows if row.I_ORDERITEMS_ID is not None)
        shipments: tuple[Shipment, ...] = ()
        if head.HAS_SHIPMENTS:
            found = self._connection.execute(_SHIPMENTS_OF, {"order_id": head.ORDERS_ID})
            shipments = tuple(_shipment(row) for row in found)
        return self._remember(_order(head, items, shipments))

    def _remember(self, order: Order) -> Order:
        self._stored[order.order_id] = order
        return order


def _order(row: Row[Any], items: tuple[OrderItem, ...], shipments: tuple[Shipment, ...]) -> Order:
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


def _shipment(row: Row[Any]) -> Shipment:
    return Shipment(row.CARRIER, row.TRACKINGID, row.SHIPDATE, row.ORDERITEMS_ID)


def _shipment_row(order_id: int, shipment: Shipment) -> dict[str, Any]:
    return {
        "ORDERS_ID": order_id,
        "ORDERITEMS_ID": shipment.order_item_id,
        "CARRIER": shipment.carrier,
        "TRACKINGID": shipment.tracking_number,
        "SHIPDATE": shipment.ship_date,
    }


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


def _item(row: Row[Any], prefix: str = "") -> OrderItem:
    """An ORDERITEMS row; `prefix` names its columns when they come joined with the order (`I_`)."""
    column = row._mapping
    return OrderItem(
        order_item_id=column[prefix + "ORDERITEMS_ID"],
        catentry_id=column[prefix + "CATENTRY_ID"],
        part_number=column[prefix + "PARTNUM"],
        quantity=column[prefix + "QUANTITY"],
        unit_price=column[prefix + "PRICE"],
        status=OrderStatus(column[prefix + "STATUS"]),
        inventory_status=ItemInventoryStatus(column[prefix + "INVENTORYSTATUS"].strip()),
        physical_store_id=column[prefix + "STLOC_ID"],
        fulfillment_center_id=column[prefix + "FFMCENTER_ID"],
        estimated_available=column[prefix + "ESTAVAILTIME"],
    )
