"""The unit of work: one transaction, committed when the `with` block ends cleanly, rolled back otherwise.

    with db.uow() as uow: uow.stock.hold(...) uow.orders.add(...)

Services receive `Database.uow` (a `UnitOfWorkFactory`) as a port and never see a Session.
"""

from __future__ import annotations

import threading
from types import TracebackType
from typing import Protocol

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from mock_dom.storage.engine import READ_ONLY
from mock_dom.storage.orders import OrderRepository
from mock_dom.storage.outbox import OutboxRepository
from mock_dom.storage.reservations import ReservationRepository
from mock_dom.storage.stock import StockRepository


class UnitOfWork:
    def __init__(
        self, engine: Engine, *, read_only: bool = False, lock: threading.RLock | None = None
    ) -> None:
        self._engine = engine.execution_options(**{READ_ONLY: True}) if read_only else engine
        self._lock = lock
        self._session: Session | None = None

    def __enter__(self) -> UnitOfWork:
        if self._lock is not None:
            self._lock.acquire()
        self._session = Session(bind=self._engine, expire_on_commit=False)
        self._session.begin()
        self.stock = StockRepository(self._session)
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
            if self._lock is not None:
                self._lock.release()


class UnitOfWorkFactory(Protocol):
    def __call__(self, *, read_only: bool = False) -> UnitOfWork: ...
