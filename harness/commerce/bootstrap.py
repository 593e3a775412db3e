"""The composition root: builds the commerce server's services and wires their ports.

`bootstrap(config)` opens the database (creating and seeding it on first start), loads the catalog snapshot
and the INVCNF coverage, and builds the DOM client: the injected transport (or an httpx one to
`config.dom_services_url`) behind retries and a circuit breaker. With a `journal` (the web app passes one),
ExternalInventory and ExternalOrder post over a `JournaledTransport`, so every BOD sent to DOM is journalled;
the SimPy fast mode passes none. `create_app` and the fast mode call it; nothing is built at import time.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from bods.messages import UsernameToken
from harness.commerce.config import CommerceConfig
from harness.commerce.services.availability import InventoryAvailabilityService
from harness.commerce.services.cache import ConfigurationIndex, MemoryCache
from harness.commerce.services.circuit_breaker import CircuitBreaker
from harness.commerce.services.external_inventory import ExternalInventory
from harness.commerce.services.inventory_balance import InventoryBalanceUpdate
from harness.commerce.services.journal import JournaledTransport, catalog_part_numbers
from harness.commerce.services.transport import HttpTransport, ResilientTransport, Transport
from harness.commerce.storage.engine import create_engine_for
from harness.commerce.storage.seed import seed
from harness.commerce.storage.tables import create_schema
from harness.commerce.storage.unit_of_work import UnitOfWorkFactory, unit_of_work_factory
from mock_dom.clock import Clock, SystemClock
from mock_dom.journal import RequestJournal
from mock_dom.journal_facts import PartNumberOf

log = logging.getLogger(__name__)


@dataclass
class CommerceServices:
    """Everything a request handler needs; one instance per server process."""

    config: CommerceConfig
    clock: Clock
    engine: Engine
    uow_factory: UnitOfWorkFactory
    configurations: ConfigurationIndex
    memory: MemoryCache
    dom_transport: ResilientTransport
    availability: InventoryAvailabilityService
    balance: InventoryBalanceUpdate
    outbound: Transport | JournaledTransport  # what ExternalInventory/ExternalOrder post over
    journal: RequestJournal | None = None
    part_number_of: PartNumberOf | None = None  # catalog entry id -> part number, for journal entries

    def reload_configurations(self) -> int:
        """Re-read INVCNF/INVCNFREL (after an administrator changed them) and drop the memory cache."""
        with self.uow_factory() as uow:
            coverage = uow.configurations.coverage()
        self.configurations.reload(coverage)
        self.memory.clear()
        return len(coverage)

    def close(self) -> None:
        close = getattr(self.dom_transport.inner, "close", None)
        if close is not None:
            close()
        close_units = getattr(self.uow_factory, "close", None)
        if close_units is not None:
            close_units()
        self.engine.dispose()


def prepare_database(engine: Engine) -> bool:
    """Create the tables and write the seed when STORE is empty; True when it seeded."""
    create_schema(engine)
    factory = unit_of_work_factory(engine)
    try:
        with factory() as uow:
            if not uow.catalog.is_empty():
                return False
            seed(uow.connection)
            try:
                uow.commit()
            except IntegrityError:  # another worker seeded at the same moment
                return False
    finally:
        factory.close()
    log.info("seeded the commerce database (store 10101, SKU-0001..SKU-0500)")
    return True


def bootstrap(
    config: CommerceConfig,
    *,
    dom_transport: Transport | None = None,
    clock: Clock | None = None,
    journal: RequestJournal | None = None,
) -> CommerceServices:
    clock = clock or SystemClock()
    engine = create_engine_for(config.db_url)
    prepare_database(engine)
    uow_factory = unit_of_work_factory(engine)
    with uow_factory() as uow:
        catalog = uow.catalog.snapshot()
        configurations = ConfigurationIndex(uow.configurations.coverage())
    memory = MemoryCache()
    transport = _dom_transport(config, dom_transport, clock)
    settings = config.dom
    credentials = None
    if settings.username is not None:
        credentials = UsernameToken(settings.username, settings.password or "")
    part_number_of = catalog_part_numbers(catalog)
    outbound: Transport | JournaledTransport = transport
    if journal is not None:
        outbound = JournaledTransport(transport, journal, part_number_of)
    external = ExternalInventory(outbound, soap=settings.soap, credentials=credentials)
    return CommerceServices(
        config=config,
        clock=clock,
        engine=engine,
        uow_factory=uow_factory,
        configurations=configurations,
        memory=memory,
        dom_transport=transport,
        availability=InventoryAvailabilityService(
            catalog=catalog,
            configurations=configurations,
            memory=memory,
            uow_factory=uow_factory,
            dom=external,
            clock=clock,
        ),
        balance=InventoryBalanceUpdate(
            catalog=catalog,
            configurations=configurations,
            memory=memory,
            uow_factory=uow_factory,
            clock=clock,
            default_store_id=config.store_id,
        ),
        outbound=outbound,
        journal=journal,
        part_number_of=part_number_of,
    )


def _dom_transport(config: CommerceConfig, injected: Transport | None, clock: Clock) -> ResilientTransport:
    settings = config.dom
    inner = injected or HttpTransport(
        config.dom_services_url,
        connect_timeout=settings.connect_timeout,
        read_timeout=settings.read_timeout,
        max_connections=settings.max_connections,
    )
    breaker = CircuitBreaker(
        clock, failure_threshold=settings.breaker_failures, reset_seconds=settings.breaker_reset_seconds
    )
    return ResilientTransport(
        inner, breaker, retries=settings.retries, backoff_seconds=settings.backoff_seconds
    )
