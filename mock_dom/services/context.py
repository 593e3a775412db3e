"""What every use case shares: the ports (database, clock, id source), the settings, the cached location
topology, item look-up, and the two things that follow any change: the inventory monitor and the outbox.

Reads that change nothing (GetInventoryAvailability, CheckInventory) go through `reading()`: the database's
`StockView` when the settings allow it (one worker: this process sees every write, storage/stock_view.py),
else the stock repository of a read-only unit of work. Both offer the same look-ups (`StockReader`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Protocol

from bods.messages import ApplicationArea
from mock_dom.clock import Clock
from mock_dom.domain.errors import MissingData, UnknownItem
from mock_dom.domain.events import AvailabilityChanged, Event
from mock_dom.domain.inventory import UNAVAILABLE, Availability, Item, StockLevel
from mock_dom.domain.locations import Location, LocationKind, Topology
from mock_dom.domain.timefmt import iso_datetime
from mock_dom.pushes import outbox_entry
from mock_dom.seed import availability_at
from mock_dom.services.location_index import LocationIndex
from mock_dom.services.settings import DomSettings
from mock_dom.storage import Database, UnitOfWork


class StockReader(Protocol):
    """What the read-only use cases look up: `StockView` and `StockRepository` both offer it."""

    def item_by_part_number(self, part_number: str) -> Item | None: ...

    def item_by_catalog_entry_id(self, catalog_entry_id: str) -> Item | None: ...

    def levels(self, part_number: str, location_ids: Sequence[str]) -> list[StockLevel]: ...

    def availability(self, part_number: str, location_ids: Sequence[str]) -> Availability: ...


class ServiceContext:
    def __init__(
        self, database: Database, clock: Clock, settings: DomSettings, new_id: Callable[[], str]
    ) -> None:
        self.database = database
        self.clock = clock
        self.settings = settings
        self.new_id = new_id
        self.monitor = settings.monitor  # settings are frozen: build the policies once
        self.lifecycle = settings.lifecycle
        self.view = database.view if settings.uses_stock_view else None
        self._locations: LocationIndex | None = None
        self._second: tuple[int, str] = (-1, "")
        self._lock = threading.Lock()

    def uow(self, *, read_only: bool = False) -> UnitOfWork:
        return self.database.uow(read_only=read_only)

    @contextmanager
    def reading(self) -> Iterator[StockReader]:
        """Stock look-ups for a use case that changes nothing: the stock view when there is one."""
        if self.view is not None:
            yield self.view
            return
        with self.uow(read_only=True) as uow:
            yield uow.stock

    def now(self) -> float:
        return self.clock.now()

    def topology(self, uow: UnitOfWork | None = None) -> Topology:
        """The locations (read once; a reset or seed load forgets them)."""
        return self.locations(uow).topology

    def locations(self, uow: UnitOfWork | None = None) -> LocationIndex:
        """The topology with its derived look-ups. Read through `uow` if the first read happens inside one,
        else in a read-only unit of work of its own (so never call it without `uow` inside a unit of work)."""
        locations = self._locations
        if locations is not None:
            return locations
        if uow is None:
            with self.uow(read_only=True) as own:
                return self.locations(own)
        with self._lock:
            if self._locations is None:
                self._locations = LocationIndex(uow.stock.topology())
            return self._locations

    def forget_topology(self) -> None:
        with self._lock:
            self._locations = None

    def application_area(self, now: float, store_id: str | None = None) -> ApplicationArea:
        """A fresh ApplicationArea for an answer or a push: new BODID, creation time from the clock."""
        context = (("storeId", store_id),) if store_id else ()
        return ApplicationArea(self.creation_time(now), self.new_id(), context)

    def creation_time(self, now: float) -> str:
        """`iso_datetime(now)`, with the text up to the whole second worked out once per second (answers
        come many per second). Milliseconds are rounded as `datetime.fromtimestamp` rounds microseconds."""
        second = int(now)
        micro = round((now - second) * 1_000_000)
        if now < 0 or micro >= 1_000_000:
            return iso_datetime(now)
        cached = self._second
        if cached[0] != second:
            cached = (second, iso_datetime(float(second))[:-4])  # "2024-05-01T10:00:00."
            self._second = cached
        return f"{cached[1]}{micro // 1000:03d}Z"

    def resolve_item(self, stock: StockReader, catalog_entry_id: str | None, part_number: str | None) -> Item:
        """The item named by catalog entry id (preferred, as WCS sends it) or part number (as Sterling keys
        it); `stock` is a unit of work's `uow.stock` or what `reading()` gave."""
        if catalog_entry_id:
            item = stock.item_by_catalog_entry_id(catalog_entry_id)
            if item is None and part_number:
                item = stock.item_by_part_number(part_number)
            if item is None:
                raise UnknownItem.by_id(catalog_entry_id)
            return item
        if part_number:
            item = stock.item_by_part_number(part_number)
            if item is None:
                raise UnknownItem.by_part_number(part_number)
            return item
        raise MissingData("An item names neither a catalog entry id nor a part number.")

    def enqueue(self, uow: UnitOfWork, event: Event, now: float) -> None:
        uow.outbox.add(outbox_entry(event, bodid=self.new_id(), now=now))

    def after_stock_change(self, uow: UnitOfWork, now: float) -> int:
        """Run the inventory monitor over every location whose stock changed in this unit of work."""
        policy = self.monitor
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
