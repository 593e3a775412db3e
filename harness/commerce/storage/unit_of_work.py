"""The unit of work: one database transaction, with the repositories the services use inside it.

Services receive a factory (`() -> SqlUnitOfWork`) and write::

    with uow_factory() as uow:
        uow.availability.save(records)
        uow.commit()

Leaving the block without `commit()` (or through an exception) rolls everything back: a refused request
changes nothing. Repositories are created on first use, so a new table group is one more property here.

The repositories run Core statements only, so a unit of work is a plain SQLAlchemy `Connection` (its
transaction begins with the first statement); an ORM `Session` would add bookkeeping to every statement and
transaction and give nothing back. The seed and key allocation use it as `uow.connection`.

Whoever keeps something derived from orders in memory can `watch_orders` on the factory: after every commit
that wrote orders, the watchers get those orders' ids (every write of ORDERS goes through
`OrderRepository.add` / `save`).

An in-memory SQLite database is one connection (StaticPool): units of work from several threads would
interleave their transactions on it. For that case the factory keeps one `Connection` open and lends it to
one unit of work at a time, under a lock; each ends its transaction (commit, or rollback of what was not
committed) before handing it on. Opening and closing a `Connection` per unit of work also cost more than
most of the statements run inside one.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection
from functools import cached_property
from types import TracebackType
from typing import Self

from sqlalchemy import Connection, Engine
from sqlalchemy.pool import StaticPool

from harness.commerce.storage.availability import AvailabilityRepository
from harness.commerce.storage.catalog import CatalogRepository
from harness.commerce.storage.configuration import ConfigurationRepository
from harness.commerce.storage.inbox import InboxRepository
from harness.commerce.storage.inventory import InventoryRepository
from harness.commerce.storage.mail import MailRepository
from harness.commerce.storage.orders import OrderRepository
from harness.commerce.storage.outbox import OutboxRepository
from harness.commerce.storage.payments import PaymentRepository
from harness.commerce.storage.shoppers import ShopperRepository

OrderWatcher = Callable[[Collection[int]], None]


class SharedConnection:
    """The one connection of a single-connection database, lent to one unit of work at a time."""

    def __init__(self, engine: Engine) -> None:
        self.connection = engine.connect()
        self.lock = threading.RLock()

    def close(self) -> None:
        with self.lock:
            self.connection.close()


class SqlUnitOfWork:
    def __init__(
        self,
        engine: Engine,
        order_watchers: list[OrderWatcher] | None = None,
        shared: SharedConnection | None = None,
    ) -> None:
        self._engine = engine
        self._order_watchers = order_watchers if order_watchers is not None else []
        self._shared = shared
        self._connection: Connection | None = None

    @property
    def connection(self) -> Connection:
        """The unit of work's connection (one transaction at a time)."""
        if self._connection is None:
            raise RuntimeError("the unit of work is used outside its `with` block")
        return self._connection

    def __enter__(self) -> Self:
        if self._shared is None:
            self._connection = self._engine.connect()
            return self
        self._shared.lock.acquire()
        self._connection = self._shared.connection
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        connection = self.connection
        try:
            if self._shared is None:
                connection.close()  # closing rolls back whatever was not committed (one step, not two)
            elif connection.in_transaction():
                connection.rollback()
        finally:
            self._connection = None
            if self._shared is not None:
                self._shared.lock.release()

    def commit(self) -> None:
        self.connection.commit()
        orders = self.__dict__.get("orders")  # only when this unit of work used its order repository
        if orders is not None and self._order_watchers:
            written = orders.take_written()
            if written:
                for watcher in self._order_watchers:
                    watcher(written)

    def rollback(self) -> None:
        self.connection.rollback()
        orders = self.__dict__.get("orders")
        if orders is not None:
            orders.take_written()

    @cached_property
    def catalog(self) -> CatalogRepository:
        return CatalogRepository(self.connection)

    @cached_property
    def inventory(self) -> InventoryRepository:
        return InventoryRepository(self.connection)

    @cached_property
    def availability(self) -> AvailabilityRepository:
        return AvailabilityRepository(self.connection)

    @cached_property
    def configurations(self) -> ConfigurationRepository:
        return ConfigurationRepository(self.connection)

    @cached_property
    def inbox(self) -> InboxRepository:
        return InboxRepository(self.connection)

    # -- the checkout flow ----------------------------------------------------------------------------------

    @cached_property
    def shoppers(self) -> ShopperRepository:
        return ShopperRepository(self.connection)

    @cached_property
    def orders(self) -> OrderRepository:
        return OrderRepository(self.connection)

    @cached_property
    def payments(self) -> PaymentRepository:
        return PaymentRepository(self.connection)

    @cached_property
    def outbox(self) -> OutboxRepository:
        return OutboxRepository(self.connection)

    @cached_property
    def mail(self) -> MailRepository:
        return MailRepository(self.connection)


UnitOfWorkFactory = Callable[[], SqlUnitOfWork]


class SqlUnitOfWorkFactory:
    """Single-use units of work over one engine, and the watchers of the orders they commit."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._order_watchers: list[OrderWatcher] = []
        self._shared = SharedConnection(engine) if isinstance(engine.pool, StaticPool) else None

    def __call__(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.engine, self._order_watchers, self._shared)

    def close(self) -> None:
        """Give back the connection kept for a single-connection database (before disposing the engine)."""
        if self._shared is not None:
            self._shared.close()

    def watch_orders(self, watcher: OrderWatcher) -> None:
        """Call `watcher` with the ids of the orders each commit wrote (after the commit)."""
        self._order_watchers.append(watcher)


def unit_of_work_factory(engine: Engine) -> SqlUnitOfWorkFactory:
    """A factory of single-use units of work over `engine`."""
    return SqlUnitOfWorkFactory(engine)
