"""Where DOM keeps and reports inventory.

WCS knows two kinds of location (facts section 2, InventoryAvailabilityIdentifier): the online store
(`OnlineStoreIdentifier`, by UniqueID or NameIdentifier) and physical stores (`PhysicalStoreIdentifier`, by
UniqueID or ExternalIdentifier). DOM itself keeps stock at ship nodes: the online store sells from its
fulfillment centers (Sterling's `monitorItemAvailability` sums the nodes of the organization), a physical
store is its own node (`findInventory`). So an online store owns no stock row; its availability is the sum
over its fulfillment centers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from mock_dom.domain.errors import UnknownLocation


class LocationKind(str, Enum):
    ONLINE_STORE = "online_store"
    FULFILLMENT_CENTER = "fulfillment_center"
    PHYSICAL_STORE = "physical_store"


@dataclass(frozen=True)
class Location:
    """One location. `name` is the online store's NameIdentifier (e.g. `AuroraESite`), a physical store's
    ExternalIdentifier (e.g. `Store-20001`) or a fulfillment center's label; `parent_id` ties a
    fulfillment center to the online store it ships for."""

    location_id: str
    kind: LocationKind
    name: str
    parent_id: str | None = None

    @property
    def holds_stock(self) -> bool:
        return self.kind is not LocationKind.ONLINE_STORE


@dataclass(frozen=True)
class Topology:
    """All locations, with the look-ups the GetInventoryAvailability expression variants need."""

    locations: tuple[Location, ...]

    def find(self, location_id: str) -> Location | None:
        return next((loc for loc in self.locations if loc.location_id == location_id), None)

    def online_store_by_id(self, store_id: str) -> Location:
        found = self._one(LocationKind.ONLINE_STORE, lambda loc: loc.location_id == store_id)
        if found is None:
            raise UnknownLocation.online_store_by_id(store_id)
        return found

    def online_store_by_name(self, name: str) -> Location:
        found = self._one(LocationKind.ONLINE_STORE, lambda loc: loc.name == name)
        if found is None:
            raise UnknownLocation.online_store_by_name(name)
        return found

    def physical_store_by_id(self, store_id: str) -> Location:
        found = self._one(LocationKind.PHYSICAL_STORE, lambda loc: loc.location_id == store_id)
        if found is None:
            raise UnknownLocation.physical_store_by_id(store_id)
        return found

    def physical_store_by_external_id(self, identifier: str) -> Location:
        found = self._one(LocationKind.PHYSICAL_STORE, lambda loc: loc.name == identifier)
        if found is None:
            raise UnknownLocation.physical_store_by_external_id(identifier)
        return found

    def fulfillment_centers(self, online_store_id: str) -> tuple[Location, ...]:
        return tuple(
            loc
            for loc in self.locations
            if loc.kind is LocationKind.FULFILLMENT_CENTER and loc.parent_id == online_store_id
        )

    def online_stores(self) -> tuple[Location, ...]:
        return tuple(loc for loc in self.locations if loc.kind is LocationKind.ONLINE_STORE)

    def physical_stores(self) -> tuple[Location, ...]:
        return tuple(loc for loc in self.locations if loc.kind is LocationKind.PHYSICAL_STORE)

    def default_online_store(self) -> Location:
        stores = self.online_stores()
        if not stores:
            raise UnknownLocation.no_location()
        return stores[0]

    def sourcing_nodes(self, store_id: str | None, physical_store_id: str | None) -> tuple[str, ...]:
        """Ship nodes an order line draws from: the pickup store for in-store pickup, else the fulfillment
        centers of the line's online store (the first online store when the store id is not one of ours)."""
        if physical_store_id:
            return (self.physical_store_by_id(physical_store_id).location_id,)
        online = self._one(LocationKind.ONLINE_STORE, lambda loc: loc.location_id == store_id)
        online = online or self.default_online_store()
        return tuple(fc.location_id for fc in self.fulfillment_centers(online.location_id))

    def reporting_locations(self, node_id: str) -> tuple[Location, ...]:
        """The locations WCS sees whose availability a stock change at `node_id` moves (for the monitor)."""
        node = self.find(node_id)
        if node is None:
            return ()
        if node.kind is LocationKind.FULFILLMENT_CENTER:
            parent = self.find(node.parent_id or "")
            return (parent,) if parent is not None else ()
        return (node,)

    def _one(self, kind: LocationKind, match: Callable[[Location], bool]) -> Location | None:
        return next((loc for loc in self.locations if loc.kind is kind and match(loc)), None)
