"""Storage for the mock DOM: SQLAlchemy 2 Core tables, repositories and a unit of work.

`Database(url)` owns the engine; `Database.uow` is the unit-of-work factory handed to the services.
`Database.view` is the process's `StockView` (read-through copy of catalog and stock levels, kept exact by
the units of work of this `Database`), or None with `stock_view=False`: it must be off whenever another
process writes the same database (more than one gunicorn worker), see stock_view.py.
"""

from __future__ import annotations

import threading

from sqlalchemy import delete, func, select

from mock_dom.domain.inventory import Item
from mock_dom.storage import tables
from mock_dom.storage.engine import is_sqlite_memory, make_engine
from mock_dom.storage.outbox import NewPush, PushRecord, PushStatus, StoredReply
from mock_dom.storage.stock_view import PartStock, StockView
from mock_dom.storage.uow import UnitOfWork, UnitOfWorkFactory

__all__ = [
    "Database",
    "NewPush",
    "PushRecord",
    "PushStatus",
    "StockView",
    "StoredReply",
    "UnitOfWork",
    "UnitOfWorkFactory",
]


class Database:
    def __init__(self, url: str, *, stock_view: bool = True) -> None:
        self.url = url
        self.engine = make_engine(url)
        memory = is_sqlite_memory(url)
        self._lock = threading.RLock() if memory else None
        # In memory every unit of work runs on the one connection in turn (under the lock): keep it open.
        self._shared = self.engine.connect() if memory else None
        self.view = StockView(self._load_part, self._load_item) if stock_view else None

    def create_schema(self) -> None:
        tables.metadata.create_all(self.engine)

    def uow(self, *, read_only: bool = False) -> UnitOfWork:
        return UnitOfWork(
            self.engine, read_only=read_only, lock=self._lock, view=self.view, shared=self._shared
        )

    def is_empty(self) -> bool:
        with self.uow(read_only=True) as uow:
            return uow.stock.count_items() == 0

    def wipe(self) -> None:
        """Delete every row (reset to seed); the schema stays."""
        with self.uow() as uow:
            uow.stock.forget_everything()
            connection = uow.stock.connection
            for table in reversed(tables.metadata.sorted_tables):
                connection.execute(delete(table))

    def row_counts(self) -> dict[str, int]:
        with self.uow(read_only=True) as uow:
            connection = uow.stock.connection
            return {
                table.name: int(connection.execute(select(func.count()).select_from(table)).scalar_one())
                for table in tables.metadata.sorted_tables
            }

    def _load_part(self, part_number: str) -> PartStock:
        with self.uow(read_only=True) as uow:
            return PartStock(uow.stock.part_levels(part_number))

    def _load_item(self, catalog_entry_id: str | None, part_number: str | None) -> Item | None:
        with self.uow(read_only=True) as uow:
            if catalog_entry_id:
                return uow.stock.item_by_catalog_entry_id(catalog_entry_id)
            return uow.stock.item_by_part_number(part_number or "")

    def dispose(self) -> None:
        if self._shared is not None:
            self._shared.close()
        self.engine.dispose()
