"""The unit of work: one transaction, committed when the `with` block ends cleanly, rolled back otherwise.

    with db.uow() as uow: uow.stock.hold(...) uow.orders.add(...)

Services receive `Database.uow` (a `UnitOfWorkFactory`) as a port and never see the connection. The
repositories run Core statements only, so a unit of work is a plain `Connection` with one transaction (an ORM
`Session` would add bookkeeping to every statement and transaction and give nothing back). When the process
keeps a `StockView`, the unit of work tells it which parts' stock it changed once the transaction has ended
(committed or rolled back), so the view drops them (see stock_view.py).
"""

from __future__ import annotations

import threading
from types import TracebackType
from typing import Protocol

from sqlalchemy import Connection, Engine, RootTransaction

from mock_dom.storage.engine import begin
from mock_dom.storage.orders import OrderRepository
from mock_dom.storage.outbox import OutboxRepository
from mock_dom.storage.reservations import ReservationRepository
from mock_dom.storage.stock import StockRepository
from mock_dom.storage.stock_view import StockView


class UnitOfWork:
    def __init__(
        self,
        engine: Engine,
        *,
        read_only: bool = False,
        lock: threading.RLock | None = None,
        view: StockView | None = None,
        shared: Connection | None = None,
    ) -> None:
        """`read_only` work opens a deferred `BEGIN` instead of `BEGIN IMMEDIATE` on SQLite (engine.py).
        `shared` is a connection every unit of work of the database uses in turn (in-memory SQLite, where
        `lock` serializes them anyway), kept open between them; otherwise each opens its own."""
        self._engine = engine
        self._read_only = read_only
        self._shared = shared
        self._lock = lock
        self._view = view
        self._connection: Connection | None = None
        self._transaction: RootTransaction | None = None

    def __enter__(self) -> UnitOfWork:
        if self._lock is not None:
            self._lock.acquire()
        try:
            connection = self._shared if self._shared is not None else self._engine.connect()
            try:
                self._transaction = begin(connection, read_only=self._read_only)
            except BaseException:
                if connection is not self._shared:
                    connection.close()
                raise
        except BaseException:
            if self._lock is not None:
                self._lock.release()
            raise
        self._connection = connection
        self.stock = StockRepository(connection, self._view)
        self.reservations = ReservationRepository(connection)
        self.orders = OrderRepository(connection)
        self.outbox = OutboxRepository(connection)
        self.stock.on_holds_rewritten = self.orders.forget
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        assert self._connection is not None
        assert self._transaction is not None
        try:
            if exc_type is None:
                self._transaction.commit()
            else:
                self._transaction.rollback()
        finally:
            if self._connection is not self._shared:
                self._connection.close()
            self._connection = None
            self._transaction = None
            stock = self.stock
            if self._view is not None and (stock.changed_parts or stock.changed_everything):
                self._view.written(stock.changed_parts, everything=stock.changed_everything)
            if self._lock is not None:
                self._lock.release()


class UnitOfWorkFactory(Protocol):
    def __call__(self, *, read_only: bool = False) -> UnitOfWork: ...
