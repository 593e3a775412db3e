"""What every use case shares: the ports (database, clock, id source), the settings, the cached location
topology, item look-up, and the two things that follow any change: the inventory monitor and the outbox.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from bods.messages import ApplicationArea
from mock_dom.clock import Clock
from mock_dom.domain.errors import MissingData, UnknownItem
from mock_dom.domain.events import AvailabilityChanged, Event
from mock_dom.domain.inventory import UNAVAILABLE, Availability, Item
from mock_dom.domain.locations import Location, LocationKind, Topology
from mock_dom.domain.timefmt import iso_datetime
from mock_dom.pushes import outbox_entry
from mock_dom.seed import availability_at
from mock_dom.services.settings import DomSettings
from mock_dom.storage import Database, UnitOfWork


class ServiceContext:
    def __init__(
        self, database: Database, clock: Clock, settings: DomSettings, new_id: Callable[[], str]
    ) -> None:
        self.database = database
        self.clock = clock
        self.settings = settings
        self.new_id = new_id
        self._topology: Topology | None = None
        self._lock = threading.Lock()

    def uow(self, *, read_only: bool = False) -> UnitOfWork:
        return self.database.uow(read_only=read_only)

    def now(self) -> float:
        return self.clock.now()

    def topology(self, uow: UnitOfWork) -> Topology:
        with self._lock:
            if self._topology is None:
                self._topology = uow.stock.topology()
            return self._topology

    def forget_topology(self) -> None:
        with self._lock:
            self._topology = None

    def application_area(self, now: float, store_id: str | None = None) -> ApplicationArea:
        """A fresh ApplicationArea for an answer or a push: new BODID, creation time from the clock."""
        context = (("storeId", store_id),) if store_id else ()
        return ApplicationArea(iso_datetime(now), self.new_id(), context)

    def resolve_item(self, uow: UnitOfWork, catalog_entry_id: str | None, part_number: str | None) -> Item:
        """The item named by catalog entry id (preferred, as WCS sends it) or part number (as Sterling keys
        it)."""
        if catalog_entry_id:
            item = uow.stock.item_by_catalog_entry_id(catalog_entry_id)
            if item is None and part_number:
                item = uow.stock.item_by_part_number(part_number)
            if item is None:
                raise UnknownItem.by_id(catalog_entry_id)
            return item
        if part_number:
            item = uow.stock.item_by_part_number(part_number)
            if item is None:
                raise UnknownItem.by_part_number(part_number)
            return item
        raise MissingData("An item names neither a catalog entry id nor a part number.")

    def enqueue(self, uow: UnitOfWork, event: Event, now: float) -> None:
        uow.outbox.add(outbox_entry(event, bodid=self.new_id(), now=now))

    def after_stock_change(self, uow: UnitOfWork, now: float) -> int:
        """Run the inventory monitor over every location whose stock changed in this unit of work."""
        policy = self.settings.monitor
        touched = sorted(uow.stock.touched)
        uow.stock.touched.clear()
        if not policy.enabled or not touched:
            return 0
        topology = self.topology(uow)
        pairs = {(part, loc) for part, node in touched for loc in topology.reporting_locations(node)}
        sent = 0
        for part, location in sorted(pairs, key=lambda pair: (pair[0], pair[1].location_id)):
            current = availability_at(uow, topology, part, location)
            baseline = uow.stock.mark(part, location.location_id) or UNAVAILABLE
            if policy.should_notify(baseline, current):
                uow.stock.set_mark(part, location.location_id, current)
                self.enqueue(uow, self._availability_event(uow, topology, part, location, current, now), now)
                sent += 1
        return sent

    @staticmethod
    def _availability_event(
        uow: UnitOfWork, topology: Topology, part: str, location: Location, current: Availability, now: float
    ) -> AvailabilityChanged:
        item = uow.stock.item_by_part_number(part)
        store = location if location.kind is LocationKind.ONLINE_STORE else topology.default_online_store()
        return AvailabilityChanged(
            part_number=part,
            catalog_entry_id=item.catalog_entry_id if item else "",
            location_id=location.location_id,
            location_kind=location.kind,
            location_name=location.name,
            store_id=store.location_id,
            status=current.status,
            quantity=current.quantity,
            available_at=current.available_at,
            occurred_at=now,
        )
