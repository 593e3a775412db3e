"""Storage for the mock DOM: SQLAlchemy 2 Core tables, repositories and a unit of work.

`Database(url)` owns the engine; `Database.uow` is the unit-of-work factory handed to the services.
"""

from __future__ import annotations

import threading

from sqlalchemy import delete, func, select

from mock_dom.storage import tables
from mock_dom.storage.engine import is_sqlite_memory, make_engine
from mock_dom.storage.outbox import NewPush, PushRecord, PushStatus, StoredReply
from mock_dom.storage.uow import UnitOfWork, UnitOfWorkFactory

__all__ = [
    "Database",
    "NewPush",
    "PushRecord",
    "PushStatus",
    "StoredReply",
    "UnitOfWork",
    "UnitOfWorkFactory",
]


class Database:
    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self._lock = threading.RLock() if is_sqlite_memory(url) else None

    def create_schema(self) -> None:
        tables.metadata.create_all(self.engine)

    def uow(self, *, read_only: bool = False) -> UnitOfWork:
        return UnitOfWork(self.engine, read_only=read_only, lock=self._lock)

    def is_empty(self) -> bool:
        with self.uow(read_only=True) as uow:
            return uow.stock.count_items() == 0

    def wipe(self) -> None:
        """Delete every row (reset to seed); the schema stays."""
        with self.uow() as uow:
            session = uow.stock.session
            for table in reversed(tables.metadata.sorted_tables):
                session.execute(delete(table))

    def row_counts(self) -> dict[str, int]:
        with self.uow(read_only=True) as uow:
            session = uow.stock.session
            return {
                table.name: int(session.execute(select(func.count()).select_from(table)).scalar_one())
                for table in tables.metadata.sorted_tables
            }

    def dispose(self) -> None:
        self.engine.dispose()
