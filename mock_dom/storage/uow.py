"""The unit of work: one transaction, committed when the `with` block ends cleanly, rolled back otherwise.

    with db.uow() as uow: uow.stock.hold(...) uow.orders.add(...)

Services receive `Database.uow` (a `UnitOfWorkFactory`) as a port and never see a Session. When the process
keeps a `StockView`, the unit of work tells it which parts' stock it changed once the transaction has ended
(committed or rolled back), so the view drops them (see stock_view.py).
"""

from __future__ import annotations

import threading
from types import TracebackType
from typing import Protocol

from sqlalchemy import Engine
from sqlalchemy.orm import Session

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
        lock: threading.RLock | None = None,
        view: StockView | None = None,
    ) -> None:
        """`engine` is the database's engine, or for read-only work its variant with the READ_ONLY execution
        option (built once by `Database`), which opens a deferred `BEGIN` instead of `BEGIN IMMEDIATE`."""
        self._engine = engine
        self._lock = lock
        self._view = view
        self._session: Session | None = None

    def __enter__(self) -> UnitOfWork:
        if self._lock is not None:
            self._lock.acquire()
        self._session = Session(bind=self._engine, expire_on_commit=False)
        self._session.begin()
        self.stock = StockRepository(self._session, self._view)
        self.reservations = ReservationRepository(self._session)
        self.orders = OrderRepository(self._session)
        self.outbox = OutboxRepository(self._session)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        assert self._session is not None
        try:
            if exc_type is None:
                self._session.commit()
            else:
                self._session.rollback()
        finally:
            self._session.close()
            self._session = None
            stock = self.stock
            if self._view is not None and (stock.changed_parts or stock.changed_everything):
                self._view.written(stock.changed_parts, everything=stock.changed_everything)
            if self._lock is not None:
                self._lock.release()


class UnitOfWorkFactory(Protocol):
    def __call__(self, *, read_only: bool = False) -> UnitOfWork: ...
