"""STORE, STLOC, FFMCENTER and CATENTRY: the store topology and the catalog entries (SKUs).

Only the columns the availability and checkout flows read are kept. STORE.FFMCENTER_ID is the store's default
fulfillment center (where the cache update service writes global quantities); STLOC.IDENTIFIER is the
physical store's external identifier (e.g. `Store-20001`), the name DOM knows it by.
"""

from __future__ import annotations

from sqlalchemy import Column, Connection, ForeignKey, Integer, SmallInteger, String, Table, select

from harness.commerce.domain.availability import InventorySystem
from harness.commerce.domain.catalog import (
    Catalog,
    CatalogEntry,
    FulfillmentCenter,
    OnlineStore,
    PhysicalStore,
)
from harness.commerce.storage.metadata import metadata

FFMCENTER = Table(
    "FFMCENTER",
    metadata,
    Column("FFMCENTER_ID", Integer, primary_key=True, autoincrement=False),
    Column("NAME", String(128), nullable=False),
)

STORE = Table(
    "STORE",
    metadata,
    Column("STORE_ID", Integer, primary_key=True, autoincrement=False),
    Column("IDENTIFIER", String(254), nullable=False, unique=True),
    Column("INVENTORYSYSTEM", SmallInteger, nullable=False, default=int(InventorySystem.NON_ATP)),
    Column("FFMCENTER_ID", Integer, ForeignKey("FFMCENTER.FFMCENTER_ID"), nullable=True),
)

STLOC = Table(
    "STLOC",
    metadata,
    Column("STLOC_ID", Integer, primary_key=True, autoincrement=False),
    Column("STOREENT_ID", Integer, ForeignKey("STORE.STORE_ID"), nullable=True),
    Column("IDENTIFIER", String(254), nullable=False, unique=True),
    Column("NAME", String(128), nullable=False),
    Column("ACTIVE", SmallInteger, nullable=False, default=1),
)

CATENTRY = Table(
    "CATENTRY",
    metadata,
    Column("CATENTRY_ID", Integer, primary_key=True, autoincrement=False),
    Column("PARTNUMBER", String(64), nullable=False, unique=True),
    Column("CATENTTYPE_ID", String(16), nullable=False, default="ItemBean"),
    Column("BUYABLE", SmallInteger, nullable=False, default=1),
    Column("MARKFORDELETE", SmallInteger, nullable=False, default=0),
)


class CatalogRepository:
    """Reads the topology and catalog as one snapshot (they change only through administration)."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def is_empty(self) -> bool:
        return self._connection.execute(select(STORE.c.STORE_ID).limit(1)).first() is None

    def snapshot(self) -> Catalog:
        connection = self._connection
        stores = [
            OnlineStore(row.STORE_ID, row.IDENTIFIER, InventorySystem(row.INVENTORYSYSTEM), row.FFMCENTER_ID)
            for row in connection.execute(select(STORE))
        ]
        physical = [
            PhysicalStore(row.STLOC_ID, row.IDENTIFIER, row.NAME, row.STOREENT_ID)
            for row in connection.execute(select(STLOC).where(STLOC.c.ACTIVE == 1))
        ]
        centers = [
            FulfillmentCenter(row.FFMCENTER_ID, row.NAME) for row in connection.execute(select(FFMCENTER))
        ]
        entries = [
            CatalogEntry(row.CATENTRY_ID, row.PARTNUMBER)
            for row in connection.execute(
                select(CATENTRY.c.CATENTRY_ID, CATENTRY.c.PARTNUMBER).where(CATENTRY.c.MARKFORDELETE == 0)
            )
        ]
        return Catalog(stores, physical, centers, entries)
