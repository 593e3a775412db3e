"""The unit of work: one database transaction, with the repositories the services use inside it.

Services receive a factory (`() -> SqlUnitOfWork`) and write::

    with uow_factory() as uow:
        uow.availability.save(records)
        uow.commit()

Leaving the block without `commit()` (or through an exception) rolls everything back: a refused request
changes nothing. Repositories are created on first use, so a new table group is one more property here.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from types import TracebackType
from typing import Self

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

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


class SqlUnitOfWork:
    def __init__(self, session_factory: Callable[[], Session]) -> None:
        self._session_factory = session_factory
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("the unit of work is used outside its `with` block")
        return self._session

    def __enter__(self) -> Self:
        self._session = self._session_factory()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        session = self.session
        try:
            session.close()  # closing rolls back whatever was not committed (one step, not two)
        finally:
            self._session = None

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()

    @cached_property
    def catalog(self) -> CatalogRepository:
        return CatalogRepository(self.session)

    @cached_property
    def inventory(self) -> InventoryRepository:
        return InventoryRepository(self.session)

    @cached_property
    def availability(self) -> AvailabilityRepository:
        return AvailabilityRepository(self.session)

    @cached_property
    def configurations(self) -> ConfigurationRepository:
        return ConfigurationRepository(self.session)

    @cached_property
    def inbox(self) -> InboxRepository:
        return InboxRepository(self.session)

    # -- the checkout flow ----------------------------------------------------------------------------------

    @cached_property
    def shoppers(self) -> ShopperRepository:
        return ShopperRepository(self.session)

    @cached_property
    def orders(self) -> OrderRepository:
        return OrderRepository(self.session)

    @cached_property
    def payments(self) -> PaymentRepository:
        return PaymentRepository(self.session)

    @cached_property
    def outbox(self) -> OutboxRepository:
        return OutboxRepository(self.session)

    @cached_property
    def mail(self) -> MailRepository:
        return MailRepository(self.session)


UnitOfWorkFactory = Callable[[], SqlUnitOfWork]


def unit_of_work_factory(engine: Engine) -> UnitOfWorkFactory:
    """A factory of single-use units of work over `engine`."""
    sessions = sessionmaker(engine, expire_on_commit=False)
    return lambda: SqlUnitOfWork(sessions)
