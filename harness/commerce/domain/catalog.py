"""The store topology and catalog the availability look-ups name: STORE, STLOC, FFMCENTER and CATENTRY.

They change only through administration (or a data load), so the server keeps one in-memory snapshot and the
hot path resolves ids without touching the database.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from harness.commerce.domain.availability import InventorySystem, Location, LocationKind
from harness.commerce.domain.errors import (
    UnknownCatalogEntry,
    UnknownFulfillmentCenter,
    UnknownPhysicalStore,
    UnknownStore,
)


@dataclass(frozen=True, slots=True)
class OnlineStore:
    """A STORE row. `fulfillment_center_id` is STORE.FFMCENTER_ID, the store's default fulfillment center."""

    store_id: int
    identifier: str
    inventory_system: InventorySystem
    fulfillment_center_id: int | None = None

    @property
    def location(self) -> Location:
        return Location(LocationKind.ONLINE_STORE, self.store_id, self.identifier)


@dataclass(frozen=True, slots=True)
class PhysicalStore:
    """A STLOC row: `identifier` is the external identifier DOM knows it by, `name` its display name."""

    stloc_id: int
    identifier: str
    name: str
    store_id: int | None = None

    @property
    def location(self) -> Location:
        return Location(LocationKind.PHYSICAL_STORE, self.stloc_id, self.name, self.identifier)


@dataclass(frozen=True, slots=True)
class FulfillmentCenter:
    ffmcenter_id: int
    name: str


@dataclass(frozen=True, slots=True)
class CatalogEntry:
    catentry_id: int
    part_number: str


class Catalog:
    """Look-ups by id, external identifier and part number; each raises the documented NotFound error."""

    def __init__(
        self,
        stores: Iterable[OnlineStore],
        physical_stores: Iterable[PhysicalStore],
        fulfillment_centers: Iterable[FulfillmentCenter],
        entries: Iterable[CatalogEntry],
    ) -> None:
        self._stores = {store.store_id: store for store in stores}
        self._locations = {store.store_id: store.location for store in self._stores.values()}
        self._by_name = {store.identifier: store.location for store in self._stores.values()}
        self._physical = {store.stloc_id: store for store in physical_stores}
        self._physical_locations = {stloc.stloc_id: stloc.location for stloc in self._physical.values()}
        self._physical_by_identifier = {stloc.identifier: stloc for stloc in self._physical.values()}
        self._centers = {center.ffmcenter_id: center for center in fulfillment_centers}
        self._entries = {entry.catentry_id: entry for entry in entries}
        self._by_part_number = {entry.part_number: entry for entry in self._entries.values()}

    def store(self, store_id: int) -> OnlineStore:
        found = self._stores.get(store_id)
        if found is None:
            raise UnknownStore.by_id(store_id)
        return found

    def store_location(self, store_id: int) -> Location:
        found = self._locations.get(store_id)
        if found is None:
            raise UnknownStore.by_id(store_id)
        return found

    def store_location_named(self, identifier: str) -> Location:
        """An online store by its NameIdentifier (STORE.IDENTIFIER, e.g. `AuroraESite`)."""
        found = self._by_name.get(identifier)
        if found is None:
            raise UnknownStore.by_name(identifier)
        return found

    def physical_store(self, stloc_id: int) -> PhysicalStore:
        found = self._physical.get(stloc_id)
        if found is None:
            raise UnknownPhysicalStore.by_id(stloc_id)
        return found

    def physical_location(self, stloc_id: int) -> Location:
        found = self._physical_locations.get(stloc_id)
        if found is None:
            raise UnknownPhysicalStore.by_id(stloc_id)
        return found

    def physical_store_by_identifier(self, identifier: str) -> PhysicalStore:
        found = self._physical_by_identifier.get(identifier)
        if found is None:
            raise UnknownPhysicalStore.by_external_identifier(identifier)
        return found

    def physical_location_of(self, value: str) -> Location:
        """A physical store named by its STLOC_ID (digits) or its external identifier."""
        if value.isdigit():
            return self.physical_location(int(value))
        return self.physical_store_by_identifier(value).location

    def physical_stores(self) -> tuple[PhysicalStore, ...]:
        return tuple(self._physical.values())

    def fulfillment_center(
        self, ffmcenter_id: int, parameter: str = "FulfillmentCenterId"
    ) -> FulfillmentCenter:
        found = self._centers.get(ffmcenter_id)
        if found is None:
            raise UnknownFulfillmentCenter.by_id(ffmcenter_id, parameter)
        return found

    def entry(self, catentry_id: int) -> CatalogEntry:
        found = self._entries.get(catentry_id)
        if found is None:
            raise UnknownCatalogEntry.by_id(catentry_id)
        return found

    def has_entry(self, catentry_id: int) -> bool:
        return catentry_id in self._entries

    def entry_by_part_number(self, part_number: str) -> CatalogEntry:
        found = self._by_part_number.get(part_number)
        if found is None:
            raise UnknownCatalogEntry.by_part_number(part_number)
        return found

    def entries(self) -> tuple[CatalogEntry, ...]:
        return tuple(self._entries.values())
