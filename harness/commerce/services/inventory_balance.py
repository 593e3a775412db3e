"""The inbound inventory services: the cache update service (SyncProductAvailability, WCS command
InventoryBalanceUpdate, facts section 1) and DOM's SyncInventoryAvailability push (facts section 2).

SyncProductAvailability `Update` writes INVENTORY (a global QuantityOnHand to the store's default
fulfillment center, a FulfillmentCenterInventory level to that center) and refreshes the item's cached
record at the online store: quantity = INVENTORY summed over the store's centers, status by the RTAM rule,
AVAILTIME = the earliest expected inventory date. `Delete` removes the item's cached records (online store
and physical stores, memory and INVAVL) so the next look-up asks DOM; INVENTORY is kept.
SyncInventoryAvailability `Change` replaces the cached records DOM names.

Cached records are written where the item's INVCNF keeps them (FLAGS & 1 memory, FLAGS & 2 INVAVL).
Every BOD is validated completely before anything is written; a refused BOD changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from bods.messages import (
    CacheAction,
    ExpectedInventory,
    ProductAvailability,
    SyncInventoryAvailability,
    SyncProductAvailability,
)
from harness.commerce.domain.availability import AvailabilityRecord, status_for
from harness.commerce.domain.catalog import Catalog, OnlineStore
from harness.commerce.domain.errors import InvalidParameter, MissingParameter
from harness.commerce.services.cache import ConfigurationIndex, MemoryCache
from harness.commerce.services.inbox import Applied, apply_once
from harness.commerce.services.wire import number, record_from_wire, wire_key
from harness.commerce.storage.inventory import InventoryLevel
from harness.commerce.storage.unit_of_work import SqlUnitOfWork, UnitOfWorkFactory
from mock_dom.clock import Clock
from mock_dom.domain.timefmt import parse_datetime

T = TypeVar("T")


@dataclass(frozen=True)
class _ProductUpdate:
    """One ProductAvailability, validated: the levels to write and the earliest expected date."""

    catentry_id: int
    levels: tuple[InventoryLevel, ...]
    expected_date: float | None


class InventoryBalanceUpdate:
    def __init__(
        self,
        *,
        catalog: Catalog,
        configurations: ConfigurationIndex,
        memory: MemoryCache,
        uow_factory: UnitOfWorkFactory,
        clock: Clock,
        default_store_id: int,
    ) -> None:
        self._catalog = catalog
        self._configurations = configurations
        self._memory = memory
        self._uow_factory = uow_factory
        self._clock = clock
        self._default_store_id = default_store_id

    # -- SyncProductAvailability ----------------------------------------------------------------------------

    def sync_product_availability(self, bod: SyncProductAvailability) -> Applied:
        store = self._store(bod.application_area.store_id)
        now = self._clock.now()
        if bod.action_code is CacheAction.DELETE:
            items = [self._entry(product, i) for i, product in enumerate(bod.products, start=1)]
            return apply_once(self._uow_factory, bod, now, lambda uow: self._uncache(uow, store, items))
        updates = [self._product_update(store, product, i) for i, product in enumerate(bod.products, start=1)]
        return apply_once(self._uow_factory, bod, now, lambda uow: self._update(uow, store, updates, now))

    def _store(self, store_id: str | None) -> OnlineStore:
        if not store_id:
            return self._catalog.store(self._default_store_id)
        return self._catalog.store(number("storeId", store_id))

    def _entry(self, product: ProductAvailability, i: int) -> int:
        if not product.sku or not product.sku.strip():
            raise MissingParameter.named(f"SKU_{i}")
        return self._catalog.entry_by_part_number(product.sku.strip()).catentry_id

    def _product_update(self, store: OnlineStore, product: ProductAvailability, i: int) -> _ProductUpdate:
        catentry = self._entry(product, i)
        levels = []
        dates = [
            _expected_date(e, f"GlobalEstimatedAvailableDateTime_{i}_{j}")
            for j, e in _numbered(product.expected)
        ]
        if product.quantity_on_hand is not None:
            if store.fulfillment_center_id is None:
                raise InvalidParameter.named(
                    f"GlobalQuantityOnHand_{i}", "store has no default fulfillment center"
                )
            levels.append(
                _level(catentry, store.fulfillment_center_id, store, product.quantity_on_hand, product.uom)
            )
        for m, center in _numbered(product.fulfillment_centers):
            self._catalog.fulfillment_center(center.fulfillment_center_id, f"FulfillmentCenterId_{i}_{m}")
            if center.quantity_on_hand is not None:
                levels.append(
                    _level(catentry, center.fulfillment_center_id, store, center.quantity_on_hand, center.uom)
                )
            dates += [
                _expected_date(e, f"EstimatedAvailableDateTime_{i}_{m}_{n}")
                for n, e in _numbered(center.expected)
            ]
        known = [d for d in dates if d is not None]
        return _ProductUpdate(catentry, tuple(levels), min(known) if known else None)

    def _update(
        self, uow: SqlUnitOfWork, store: OnlineStore, updates: list[_ProductUpdate], now: float
    ) -> Callable[[], None]:
        uow.inventory.save(level for update in updates for level in update.levels)
        location = store.location
        records = []
        for update in updates:
            on_hand = uow.inventory.store_quantity(update.catentry_id, store.store_id)
            expected = update.expected_date
            records.append(
                AvailabilityRecord(
                    catentry_id=update.catentry_id,
                    location=location,
                    status=status_for(on_hand, expected),
                    quantity=on_hand,
                    availability_time=expected,
                    availability_offset=max(0, int(expected - now)) if expected is not None else None,
                    last_update=now,
                )
            )
        return self._cache(uow, records)

    def _uncache(self, uow: SqlUnitOfWork, store: OnlineStore, items: list[int]) -> Callable[[], None]:
        locations = [store.location] + [p.location for p in self._catalog.physical_stores()]
        for catentry in items:
            uow.availability.delete(catentry, locations)

        def forget() -> None:
            for catentry in items:
                for location in locations:
                    self._memory.discard((catentry, location))

        return forget

    # -- SyncInventoryAvailability (DOM push) ---------------------------------------------------------------

    def sync_inventory_availability(self, bod: SyncInventoryAvailability) -> Applied:
        if bod.action_code != "Change":
            raise InvalidParameter.named("actionCode", bod.action_code)
        now = self._clock.now()
        records = []
        for wire in bod.records:
            catentry, location = wire_key(self._catalog, wire)
            records.append(record_from_wire(wire, catentry, location, now))
        return apply_once(self._uow_factory, bod, now, lambda uow: self._cache(uow, records))

    # -- shared ----------------------------------------------------------------------------------------------

    def _cache(self, uow: SqlUnitOfWork, records: list[AvailabilityRecord]) -> Callable[[], None]:
        """Write the records to INVAVL now and to memory once committed, each where its INVCNF caches."""
        in_memory = []
        in_database = []
        for record in records:
            configuration = self._configurations.configuration(record.catentry_id, record.location)
            if configuration.in_database:
                in_database.append(record)
            if configuration.in_memory:
                in_memory.append(record)
        uow.availability.save(in_database)

        def remember() -> None:
            for record in in_memory:
                self._memory.put(record)

        return remember


def _numbered(values: Sequence[T]) -> list[tuple[int, T]]:
    """1-based positions, as the command parameters number them (SKU_1, FulfillmentCenterId_1_2 ...)."""
    return list(enumerate(values, start=1))


def _level(
    catentry: int, center: int, store: OnlineStore, quantity: float, uom: str | None
) -> InventoryLevel:
    return InventoryLevel(catentry, center, store.store_id, quantity, uom or "C62")


def _expected_date(expected: ExpectedInventory, parameter: str) -> float | None:
    """The date of expected supply (ignored when its quantity is zero)."""
    quantity, when = expected.quantity, expected.available_datetime
    if not when or (quantity is not None and quantity <= 0):
        return None
    try:
        return parse_datetime(when)
    except ValueError as exc:
        raise InvalidParameter.named(parameter, when) from exc
