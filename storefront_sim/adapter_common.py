"""What the fast and the live adapter share: the seed's locations, where a lookup's records came from, and the
per-shopper bookkeeping a storefront keeps between calls.

Seed contract (mock_dom/seed_data/README.md): online store 10101 sells from fulfillment centers 10001 and
10002; physical stores 20001..20003 hold their own stock. `ONLINE` in the ports means the online store.
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from storefront_sim.ports import ONLINE, Availability, AvailabilitySource, Shopper

STORE_ID = 10101  # the seed's online store (AuroraESite)
FULFILLMENT_CENTERS = ("10001", "10002")  # the online store's ship nodes in the mock DOM
RESTOCK_CENTER = "10001"  # where the warehouse restocks online stock


class QuietLoggers:
    """Raise the level of some loggers while an adapter is open and put it back on `restore()`: in-process
    servers warn on every call during an outage and httpx logs every request at INFO, which would bury the
    progress bar (the run's KPIs and BOD log tell that story instead)."""

    def __init__(self, names: Sequence[str], level: int) -> None:
        self._saved = {name: logging.getLogger(name).level for name in names}
        for name in names:
            logging.getLogger(name).setLevel(level)

    def restore(self) -> None:
        for name, level in self._saved.items():
            logging.getLogger(name).setLevel(level)


def stock_locations(location: str) -> tuple[str, ...]:
    """The mock DOM locations whose stock makes up `location` (ONLINE = the fulfillment centers)."""
    return FULFILLMENT_CENTERS if location == ONLINE else (location,)


def restock_location(location: str) -> str:
    return RESTOCK_CENTER if location == ONLINE else location


def withdrawal(available: Mapping[str, float], location: str, quantity: float) -> list[tuple[str, float]]:
    """(stock location, units) pairs a sale of `quantity` at `location` takes: from its stock locations in
    turn (ONLINE: the fulfillment centers in order), never more than `available` (on hand minus reserved)."""
    plan, left = [], quantity
    for place in stock_locations(location):
        units = min(left, max(0.0, available.get(place, 0.0)))
        if units > 0:
            plan.append((place, units))
            left -= units
    return plan


def label_sources(records: Sequence[Availability], cache_hits: int, stale: int) -> list[Availability]:
    """Mark where the records of one lookup came from, given the commerce server's counters for it: that many
    records were served from a valid cache entry (memory or INVAVL), that many stale after DOM failed, the
    rest fetched from DOM now. The counters say how many, not which, so the marks follow record order."""
    labelled = []
    for index, record in enumerate(records):
        if index < cache_hits:
            source = AvailabilitySource.CACHE
        elif index < cache_hits + stale:
            source = AvailabilitySource.STALE
        else:
            source = AvailabilitySource.DOM
        labelled.append(dataclasses.replace(record, source=source))
    return labelled


Identity = TypeVar("Identity")


@dataclass
class Visitor(Generic[Identity]):
    """One shopper as the storefront adapter knows them: the commerce guest identity (None until created),
    the open cart and its lines."""

    identity: Identity | None = None
    cart_id: str | None = None
    products: dict[str, str] = field(default_factory=dict)  # orderItemId -> productId


class Visitors(Generic[Identity]):
    """Shopper handles given to the model, and what the adapter remembers about each."""

    def __init__(self) -> None:
        self._numbers = itertools.count(1)
        self._known: dict[str, Visitor[Identity]] = {}

    def new(self) -> Shopper:
        shopper = Shopper(user_id=f"visitor-{next(self._numbers)}")
        self._known[shopper.user_id] = Visitor()
        return shopper

    def of(self, shopper: Shopper) -> Visitor[Identity]:
        return self._known.setdefault(shopper.user_id, Visitor())
