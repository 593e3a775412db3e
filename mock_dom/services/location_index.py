"""The locations and what availability answers derive from them, worked out once per topology.

A GetInventoryAvailability names its locations by online store id or name, physical store id or external
identifier, or not at all (then the BusinessContext storeId is the online store, facts section 2). The
same few combinations come again and again, so the resolved locations are kept per combination, as are
the ship nodes each location reports (an online store: its fulfillment centers; a physical store: itself).
A reset or seed load replaces the whole index (`ServiceContext.forget_topology`).
"""

from __future__ import annotations

import threading

from bods.messages import AvailabilityQuery
from mock_dom.domain.errors import UnknownLocation
from mock_dom.domain.locations import Location, LocationKind, Topology

MAX_REMEMBERED_QUERIES = 4096  # location combinations kept; any further one is worked out each time

QueryKey = tuple[str | None, str | None, tuple[str, ...], tuple[str, ...], str | None]


class LocationIndex:
    def __init__(self, topology: Topology) -> None:
        self.topology = topology
        self._nodes: dict[str, tuple[str, ...]] = {}
        self._queries: dict[QueryKey, tuple[Location, ...]] = {}
        self._lock = threading.Lock()

    def nodes_of(self, location: Location) -> tuple[str, ...]:
        """The ship nodes whose stock a location reports."""
        nodes = self._nodes.get(location.location_id)
        if nodes is None:
            if location.kind is LocationKind.ONLINE_STORE:
                centers = self.topology.fulfillment_centers(location.location_id)
                nodes = tuple(fc.location_id for fc in centers)
            else:
                nodes = (location.location_id,)
            self._nodes[location.location_id] = nodes
        return nodes

    def query_locations(self, query: AvailabilityQuery, context_store_id: str | None) -> tuple[Location, ...]:
        """The locations a GetInventoryAvailability expression names, in order, without repeats; an unknown
        one raises UnknownLocation (refusals are never remembered)."""
        key: QueryKey = (
            query.online_store_id,
            query.online_store_name,
            tuple(query.physical_store_ids),
            tuple(query.physical_store_names),
            context_store_id,
        )
        found = self._queries.get(key)
        if found is None:
            found = self._resolve(query, context_store_id)
            with self._lock:
                if len(self._queries) < MAX_REMEMBERED_QUERIES:
                    self._queries[key] = found
        return found

    def _resolve(self, query: AvailabilityQuery, context_store_id: str | None) -> tuple[Location, ...]:
        topology = self.topology
        found: list[Location] = []
        if query.online_store_id:
            found.append(topology.online_store_by_id(query.online_store_id))
        if query.online_store_name:
            found.append(topology.online_store_by_name(query.online_store_name))
        found += [topology.physical_store_by_id(store) for store in query.physical_store_ids]
        found += [topology.physical_store_by_external_id(name) for name in query.physical_store_names]
        if not found:
            if not context_store_id:
                raise UnknownLocation.no_location()
            found.append(topology.online_store_by_id(context_store_id))
        return tuple(dict.fromkeys(found))
