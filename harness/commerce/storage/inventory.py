"""INVENTORY: the non-ATP stock levels per item, fulfillment center and store (facts section 3).

The inventory cache update service writes here (InventoryBalanceUpdate): a global level goes to the store's
default fulfillment center, a per-center level to that center.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Column, Connection, Float, ForeignKey, Integer, String, Table, func, select

from harness.commerce.domain.availability import UNITLESS
from harness.commerce.storage.metadata import metadata
from harness.commerce.storage.upsert import upsert

INVENTORY = Table(
    "INVENTORY",
    metadata,
    Column("CATENTRY_ID", Integer, ForeignKey("CATENTRY.CATENTRY_ID"), primary_key=True, autoincrement=False),
    Column(
        "FFMCENTER_ID", Integer, ForeignKey("FFMCENTER.FFMCENTER_ID"), primary_key=True, autoincrement=False
    ),
    Column("STORE_ID", Integer, ForeignKey("STORE.STORE_ID"), primary_key=True, autoincrement=False),
    Column("QUANTITY", Float, nullable=False, default=0.0),
    Column("QUANTITYMEASURE", String(16), nullable=False, default=UNITLESS),
    # 1 noUpdate, 2 noCheck, 4 actualQuantity
    Column("INVENTORYFLAGS", Integer, nullable=False, default=0),
)

NO_UPDATE = 1
NO_CHECK = 2
ACTUAL_QUANTITY = 4


@dataclass(frozen=True)
class InventoryLevel:
    catentry_id: int
    ffmcenter_id: int
    store_id: int
    quantity: float
    uom: str = UNITLESS
    flags: int = 0


class InventoryRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def save(self, levels: Iterable[InventoryLevel]) -> None:
        """Insert or update the levels (INVENTORYFLAGS of existing rows are kept)."""
        rows = [
            {
                "CATENTRY_ID": level.catentry_id,
                "FFMCENTER_ID": level.ffmcenter_id,
                "STORE_ID": level.store_id,
                "QUANTITY": level.quantity,
                "QUANTITYMEASURE": level.uom,
            }
            for level in levels
        ]
        upsert(self._connection, INVENTORY, rows, keys=("CATENTRY_ID", "FFMCENTER_ID", "STORE_ID"))

    def level(self, catentry_id: int, ffmcenter_id: int, store_id: int) -> InventoryLevel | None:
        row = self._connection.execute(
            select(INVENTORY).where(
                catentry_id == INVENTORY.c.CATENTRY_ID,
                ffmcenter_id == INVENTORY.c.FFMCENTER_ID,
                store_id == INVENTORY.c.STORE_ID,
            )
        ).first()
        if row is None:
            return None
        return InventoryLevel(
            row.CATENTRY_ID,
            row.FFMCENTER_ID,
            row.STORE_ID,
            row.QUANTITY,
            row.QUANTITYMEASURE,
            row.INVENTORYFLAGS,
        )

    def store_quantity(self, catentry_id: int, store_id: int) -> float:
        """The item's quantity summed over the store's fulfillment centers."""
        total = self._connection.execute(
            select(func.coalesce(func.sum(INVENTORY.c.QUANTITY), 0.0)).where(
                catentry_id == INVENTORY.c.CATENTRY_ID, store_id == INVENTORY.c.STORE_ID
            )
        ).scalar_one()
        return float(total)

    def count(self) -> int:
        return int(self._connection.execute(select(func.count()).select_from(INVENTORY)).scalar_one())
