"""InventoryAvailabilityService: WCS's GetInventoryAvailability for a store whose inventory system is DOM.

Flow (seed-dom-integration-flows.txt, availability steps 2-3; facts section 3): for each item at the online
store and at each requested physical store, resolve the INVCNF, read the memory cache (FLAGS & 1) and then
INVAVL (FLAGS & 2), and serve a valid record. Misses and expired records go to DOM in one outbound
GetInventoryAvailability (FLAGS & 4) through the ExternalInventory client; its answer is kept per
FLAGS & 16 / 1 / 2. When DOM cannot answer, the stale record is served with a WARNING; without one the
request fails (facts section 6 [I]: the failure surfaces to the storefront).

The hot path (every record valid in memory) does two dict look-ups per record and nothing else.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from bods.messages import AvailabilityQuery, InventoryAvailability
from harness.commerce.domain.availability import (
    AvailabilityRecord,
    InventorySystem,
)
from harness.commerce.domain.cache_policy import (
    CacheDecision,
    InventoryConfiguration,
    decide,
    is_expired,
)
from harness.commerce.domain.catalog import Catalog
from harness.commerce.domain.errors import (
    AvailabilityNotFound,
    CommerceError,
    DomUnavailable,
    UnsupportedInventorySystem,
)
from harness.commerce.services.cache import ConfigurationIndex, Key, MemoryCache
from harness.commerce.services.wire import number, record_from_wire, wire_key
from harness.commerce.storage.unit_of_work import UnitOfWorkFactory
from mock_dom.clock import Clock

log = logging.getLogger(__name__)

DOM_STORES = frozenset({InventorySystem.DOM, InventorySystem.EXTERNAL})


class AvailabilitySource(Protocol):
    """The ExternalInventory port: DOM's GetInventoryAvailability."""

    def get_inventory_availability(
        self, store_id: int, query: AvailabilityQuery
    ) -> tuple[InventoryAvailability, ...]: ...


@dataclass
class AvailabilityStats:
    """Counters for tests, the health endpoint and the benchmark (approximate under threads)."""

    memory_hits: int = 0
    database_hits: int = 0
    dom_calls: int = 0
    stale_served: int = 0


@dataclass(frozen=True, slots=True)
class _Pending:
    key: Key
    configuration: InventoryConfiguration
    cached: AvailabilityRecord | None


class InventoryAvailabilityService:
    def __init__(
        self,
        *,
        catalog: Catalog,
        configurations: ConfigurationIndex,
        memory: MemoryCache,
        uow_factory: UnitOfWorkFactory,
        dom: AvailabilitySource,
        clock: Clock,
    ) -> None:
        self.catalog = catalog
        self.configurations = configurations
        self.memory = memory
        self._uow_factory = uow_factory
        self._dom = dom
        self._clock = clock
        self.stats = AvailabilityStats()

    def get(
        self,
        store_id: int,
        *,
        product_ids: Sequence[str] = (),
        part_numbers: Sequence[str] = (),
        online_store_id: str | None = None,
        physical_store_ids: Sequence[str] = (),
        requested_quantity: float = 0.0,
    ) -> list[AvailabilityRecord]:
        """One record per item at the online store, then one per item at each physical store (REST order)."""
        keys = self.keys(store_id, product_ids, part_numbers, online_store_id, physical_store_ids)
        now = self._clock.now()
        found: dict[Key, AvailabilityRecord] = {}
        pending: list[_Pending] = []
        memory, configuration_of = self.memory, self.configurations.configuration
        for key in keys:
            configuration = configuration_of(*key)
            record = memory.get(key) if configuration.in_memory else None
            if record is not None and decide(configuration, record, now, requested_quantity).serve_cached:
                found[key] = record
                continue
            pending.append(_Pending(key, configuration, record))
        self.stats.memory_hits += len(found)
        if pending:
            self._resolve(store_id, pending, now, requested_quantity, found)
        return [found[key] for key in keys]

    def keys(
        self,
        store_id: int,
        product_ids: Sequence[str],
        part_numbers: Sequence[str],
        online_store_id: str | None,
        physical_store_ids: Sequence[str],
    ) -> list[Key]:
        """Validate the request against the catalog snapshot: (catentry, location) in REST order."""
        catalog = self.catalog
        store = catalog.store(store_id)
        if store.inventory_system not in DOM_STORES:
            raise UnsupportedInventorySystem(
                f"Store {store_id} uses inventory system {store.inventory_system.name}, not DOM.",
                str(store_id),
            )
        items = [catalog.entry(number("productId", p)).catentry_id for p in product_ids]
        items += [catalog.entry_by_part_number(p).catentry_id for p in part_numbers]
        online = catalog.store_location(
            number("onlineStoreId", online_store_id) if online_store_id else store_id
        )
        locations = [online] + [catalog.physical_location_of(p) for p in physical_store_ids]
        return [(item, location) for item in items for location in locations]

    # -- the slow path: INVAVL, then DOM -------------------------------------------------------------------

    def _resolve(
        self,
        store_id: int,
        pending: list[_Pending],
        now: float,
        requested: float,
        found: dict[Key, AvailabilityRecord],
    ) -> None:
        pending = self._read_database(pending, now, requested, found)
        ask: list[tuple[_Pending, CacheDecision]] = []
        for item in pending:
            decision = decide(item.configuration, item.cached, now, requested)
            if decision.call_dom:
                ask.append((item, decision))
            elif decision.serve_cached and item.cached is not None:
                found[item.key] = item.cached
            else:
                raise AvailabilityNotFound(
                    f"No inventory availability is cached for catalog entry {item.key[0]} at {item.key[1]} "
                    f"and configuration {item.configuration.identifier} does not call DOM.",
                    str(item.key[0]),
                )
        if ask:
            self._ask_dom(store_id, ask, now, found)

    def _read_database(
        self, pending: list[_Pending], now: float, requested: float, found: dict[Key, AvailabilityRecord]
    ) -> list[_Pending]:
        in_database = [p for p in pending if p.configuration.in_database]
        if not in_database:
            return pending
        with self._uow_factory() as uow:
            rows = uow.availability.get_many(p.key for p in in_database)
        remaining = []
        for item in pending:
            record = item.cached
            if item.configuration.in_database:
                record = rows.get(item.key, item.cached)
            from_database = record is not None and record is not item.cached
            if from_database and not is_expired(item.configuration, record, now, requested):
                found[item.key] = record
                self.stats.database_hits += 1
                if item.configuration.in_memory:
                    self.memory.put(record)
                continue
            remaining.append(_Pending(item.key, item.configuration, record))
        return remaining

    def _ask_dom(
        self,
        store_id: int,
        ask: list[tuple[_Pending, CacheDecision]],
        now: float,
        found: dict[Key, AvailabilityRecord],
    ) -> None:
        try:
            answered = self._call_dom(store_id, [item.key for item, _ in ask], now)
        except CommerceError as failure:
            self._serve_stale(ask, failure, found)
            return
        to_database = []
        for item, decision in ask:
            record = answered.get(item.key)
            if record is None:
                self._serve_stale([(item, decision)], AvailabilityNotFound("DOM returned no record."), found)
                continue
            found[item.key] = record
            if decision.store_in_memory:
                self.memory.put(record)
            if decision.store_in_database:
                to_database.append(record)
        if to_database:
            with self._uow_factory() as uow:
                uow.availability.save(to_database)
                uow.commit()

    def _call_dom(self, store_id: int, keys: list[Key], now: float) -> dict[Key, AvailabilityRecord]:
        items = sorted({catentry for catentry, _ in keys})
        online = sorted({loc.id for _, loc in keys if loc.is_online_store})
        physical = sorted({loc.id for _, loc in keys if not loc.is_online_store})
        query = AvailabilityQuery(
            catalog_entry_ids=tuple(str(i) for i in items),
            online_store_id=str(online[0]) if online else None,
            physical_store_ids=tuple(str(p) for p in physical),
        )
        self.stats.dom_calls += 1
        records = self._dom.get_inventory_availability(store_id, query)
        answered = {}
        for wire in records:
            record = self.from_dom(wire, now)
            if record is not None:
                answered[record.key] = record
        return answered

    def _serve_stale(
        self,
        ask: list[tuple[_Pending, CacheDecision]],
        failure: CommerceError,
        found: dict[Key, AvailabilityRecord],
    ) -> None:
        for item, _ in ask:
            if item.cached is None:
                if isinstance(failure, DomUnavailable | AvailabilityNotFound):
                    raise type(failure)(
                        f"Inventory availability of catalog entry {item.key[0]} at {item.key[1]} is not "
                        f"cached and DOM could not provide it: {failure.reason}",
                        str(item.key[0]),
                    ) from failure
                raise failure
            log.warning(
                "DOM could not answer (%s): serving the stale cached availability of catalog entry %s at %s "
                "(last updated %s)",
                failure.reason,
                item.key[0],
                item.key[1],
                item.cached.last_update,
            )
            self.stats.stale_served += 1
            found[item.key] = item.cached

    def from_dom(self, wire: InventoryAvailability, now: float) -> AvailabilityRecord | None:
        """DOM's record as a cache record stamped `now`; None (logged) for an unknown item or location."""
        try:
            catentry, location = wire_key(self.catalog, wire)
            return record_from_wire(wire, catentry, location, now)
        except CommerceError as unknown:
            log.warning("ignoring a DOM availability record: %s", unknown.reason)
            return None
