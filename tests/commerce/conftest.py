"""Fixtures for the commerce server tests: a seeded in-memory database, a hand-moved clock, a fake DOM."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import pytest
from flask import Flask
from flask.testing import FlaskClient

from bods import codec
from bods.messages import (
    ApplicationArea,
    AvailabilityQuery,
    Envelope,
    GetInventoryAvailability,
    InventoryAvailability,
    InventoryStatus,
    ShowInventoryAvailability,
)
from harness.commerce.config import CommerceConfig, DomClientSettings
from harness.commerce.domain.catalog import Catalog
from harness.commerce.domain.errors import CommerceError, DomUnavailable
from harness.commerce.services.availability import InventoryAvailabilityService
from harness.commerce.services.cache import ConfigurationIndex, MemoryCache
from harness.commerce.services.inventory_balance import InventoryBalanceUpdate
from harness.commerce.storage.engine import create_engine_for
from harness.commerce.storage.seed import seed
from harness.commerce.storage.tables import create_schema
from harness.commerce.storage.unit_of_work import UnitOfWorkFactory, unit_of_work_factory
from harness.commerce.web.app import create_app
from mock_dom.clock import ManualClock


@dataclass
class FakeDom:
    """Answers GetInventoryAvailability from `levels` (part of the cross product asked), or fails."""

    levels: dict[tuple[str, str], tuple[InventoryStatus, float]] = field(default_factory=dict)
    failure: CommerceError | None = None
    queries: list[AvailabilityQuery] = field(default_factory=list)

    def get_inventory_availability(
        self, store_id: int, query: AvailabilityQuery
    ) -> tuple[InventoryAvailability, ...]:
        self.queries.append(query)
        if self.failure is not None:
            raise self.failure
        records = []
        for item in query.catalog_entry_ids:
            locations = [("online", query.online_store_id)] if query.online_store_id else []
            locations += [("physical", p) for p in query.physical_store_ids]
            for kind, location in locations:
                status, quantity = self.levels.get((item, location), (InventoryStatus.AVAILABLE, 42.0))
                records.append(
                    InventoryAvailability(
                        status=status,
                        catalog_entry_id=item,
                        online_store_id=location if kind == "online" else None,
                        physical_store_id=location if kind == "physical" else None,
                        quantity=quantity,
                    )
                )
        return tuple(records)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def uow_factory() -> Iterator[UnitOfWorkFactory]:
    engine = create_engine_for("sqlite://")
    create_schema(engine)
    factory = unit_of_work_factory(engine)
    with factory() as uow:
        seed(uow.connection)
        uow.commit()
    yield factory
    factory.close()
    engine.dispose()


@pytest.fixture
def catalog(uow_factory: UnitOfWorkFactory) -> Catalog:
    with uow_factory() as uow:
        return uow.catalog.snapshot()


@pytest.fixture
def configurations(uow_factory: UnitOfWorkFactory) -> ConfigurationIndex:
    with uow_factory() as uow:
        return ConfigurationIndex(uow.configurations.coverage())


@pytest.fixture
def memory() -> MemoryCache:
    return MemoryCache()


@pytest.fixture
def dom() -> FakeDom:
    return FakeDom()


@pytest.fixture
def availability(uow_factory, catalog, configurations, memory, dom, clock) -> InventoryAvailabilityService:
    return InventoryAvailabilityService(
        catalog=catalog,
        configurations=configurations,
        memory=memory,
        uow_factory=uow_factory,
        dom=dom,
        clock=clock,
    )


@pytest.fixture
def balance(uow_factory, catalog, configurations, memory, clock) -> InventoryBalanceUpdate:
    return InventoryBalanceUpdate(
        catalog=catalog,
        configurations=configurations,
        memory=memory,
        uow_factory=uow_factory,
        clock=clock,
        default_store_id=10101,
    )


class DomOverTheWire:
    """A transport that answers GetInventoryAvailability like DOM would, through the real codec.

    `calls` counts posts; `down = True` makes every post fail as an unreachable DOM does.
    """

    def __init__(self, dom: FakeDom) -> None:
        self.dom = dom
        self.calls = 0
        self.down = False

    def post(self, service: str, body: bytes, headers: Mapping[str, str]) -> tuple[int, bytes]:
        self.calls += 1
        if self.down:
            raise DomUnavailable("connection refused")
        request = codec.parse(body).bod
        assert isinstance(request, GetInventoryAvailability)
        records = self.dom.get_inventory_availability(
            int(request.application_area.store_id or 0), request.query
        )
        answer = ShowInventoryAvailability(ApplicationArea("2024-05-01T10:00:03.000Z", "show-1"), records)
        return 200, codec.render(answer, envelope=Envelope(soap=True))


@pytest.fixture
def wire_dom(dom: FakeDom) -> DomOverTheWire:
    return DomOverTheWire(dom)


@pytest.fixture
def commerce_config() -> CommerceConfig:
    return CommerceConfig(db_url="sqlite://", dom=DomClientSettings(retries=0, breaker_failures=3))


@pytest.fixture
def app(commerce_config: CommerceConfig, wire_dom: DomOverTheWire, clock: ManualClock) -> Iterator[Flask]:
    application = create_app(commerce_config, dom_transport=wire_dom, clock=clock)
    yield application
    application.extensions["commerce"].close()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()
