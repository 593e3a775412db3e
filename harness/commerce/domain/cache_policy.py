"""The DOM inventory cache rules: which INVCNF applies, whether a cached record is still valid, what to do.

Mirrors facts section 3. An INVCNF row is a cache configuration; INVCNFREL rows say which items and
locations it covers (NULL = all). For an item at a location the most specific configuration wins
(item+location > item+any > any+location > any+any), then the highest PRECEDENCE, then the lowest id.

Expiry [I]: a record expires `CHEXPABOVETHRES` seconds after LASTUPDATE when its quantity minus the requested
quantity is at or above THRESHOLDQUANTITY (NULL threshold = minus infinity, so always "above"), else
`CHEXPBELOWTHRES` seconds after. An expiry of 0 means always expired, NULL never; a record without
LASTUPDATE never expires unless the expiry is 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import IntFlag
from functools import lru_cache

from harness.commerce.domain.availability import AvailabilityRecord, Location, LocationKind


class CacheFlags(IntFlag):
    """INVCNF.FLAGS bits."""

    MEMORY = 1  # cache in the (distributed) object cache of the server
    DATABASE = 2  # cache in INVAVL
    CALL_DOM = 4  # call GetInventoryAvailability when not cached or no longer valid
    DECREMENT_ON_SUBMIT = 8  # decrement cached records when an order is submitted
    STORE_DOM_RESULT = 16  # update the cached records with what DOM answered


@dataclass(frozen=True, slots=True)
class InventoryConfiguration:
    """One INVCNF row."""

    id: int
    identifier: str
    flags: CacheFlags
    precedence: float = 0.0
    threshold: float | None = None
    expiry_above: int | None = None
    expiry_below: int | None = None
    description: str = ""
    # FLAGS as a plain int and the two bits every look-up tests, computed once: IntFlag arithmetic costs a
    # Python-level call, plain int attributes do not (the cached look-up is the server's hot path).
    bits: int = field(init=False, repr=False, compare=False)
    in_memory: bool = field(init=False, repr=False, compare=False)
    in_database: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        bits = int(self.flags)
        object.__setattr__(self, "bits", bits)
        object.__setattr__(self, "in_memory", bool(bits & CacheFlags.MEMORY.value))
        object.__setattr__(self, "in_database", bool(bits & CacheFlags.DATABASE.value))

    def caches(self, flag: CacheFlags) -> bool:
        return bool(self.bits & flag.value)


# Used when no INVCNFREL row covers an item and location: ask DOM every time and keep nothing [I].
UNCONFIGURED = InventoryConfiguration(
    id=0, identifier="(none)", flags=CacheFlags.CALL_DOM, expiry_above=0, expiry_below=0
)


@dataclass(frozen=True, slots=True)
class ConfigurationScope:
    """One INVCNFREL row: the configuration covers `catentry_id` (None = all items) at the online store
    `store_id` or the physical store `stloc_id` (both None = all locations)."""

    configuration_id: int
    catentry_id: int | None = None
    store_id: int | None = None
    stloc_id: int | None = None

    def specificity(self, catentry_id: int, location: Location) -> int | None:
        """3 item+location, 2 item+any, 1 any+location, 0 any+any; None when the scope does not cover it."""
        if self.catentry_id is not None and self.catentry_id != catentry_id:
            return None
        if self.store_id is not None or self.stloc_id is not None:
            wanted = self.store_id if location.kind is LocationKind.ONLINE_STORE else self.stloc_id
            if wanted != location.id:
                return None
            location_rank = 1
        else:
            location_rank = 0
        return (2 if self.catentry_id is not None else 0) + location_rank


def resolve_configuration(
    candidates: Iterable[tuple[InventoryConfiguration, ConfigurationScope]],
    catentry_id: int,
    location: Location,
) -> InventoryConfiguration:
    """The configuration that governs `catentry_id` at `location` (UNCONFIGURED when none covers it)."""
    best: tuple[int, float, int] | None = None
    chosen = UNCONFIGURED
    for configuration, scope in candidates:
        rank = scope.specificity(catentry_id, location)
        if rank is None:
            continue
        score = (rank, configuration.precedence, -configuration.id)
        if best is None or score > best:
            best, chosen = score, configuration
    return chosen


def is_expired(
    configuration: InventoryConfiguration,
    cached: AvailabilityRecord,
    now: float,
    requested_quantity: float = 0.0,
) -> bool:
    """Facts section 3 [I]: pick the above/below-threshold expiry, then compare it with the record's age."""
    threshold = configuration.threshold
    if threshold is None or cached.comparable_quantity - requested_quantity >= threshold:
        expiry = configuration.expiry_above
    else:
        expiry = configuration.expiry_below
    if expiry == 0:
        return True
    if expiry is None or cached.last_update is None:
        return False
    return now - cached.last_update > expiry


@dataclass(frozen=True, slots=True)
class CacheDecision:
    """What to do for one item at one location.

    `serve_cached`: answer with the cached record. `call_dom`: ask DOM (GetInventoryAvailability).
    `store_in_memory` / `store_in_database`: where DOM's answer goes. `stale`: the cached record is present
    but expired (it is still the fall-back when DOM cannot answer). `decrement_on_submit`: checkout
    decrements the cached record (FLAGS & 8).
    """

    serve_cached: bool
    call_dom: bool
    store_in_memory: bool
    store_in_database: bool
    stale: bool
    decrement_on_submit: bool


def decide(
    configuration: InventoryConfiguration,
    cached: AvailabilityRecord | None,
    now: float,
    requested_quantity: float = 0.0,
) -> CacheDecision:
    """The cache decision for one record: serve it, or go to DOM (and where to keep the answer).

    A valid record is served. A missing or expired one sends the request to DOM when FLAGS & 4; without that
    flag an expired record is still served (it is the best the server knows) [I]. DOM's answer is kept only
    when FLAGS & 16, in memory for FLAGS & 1 and in INVAVL for FLAGS & 2.
    """
    fresh = cached is not None and not is_expired(configuration, cached, now, requested_quantity)
    return _decision(configuration.bits, fresh, cached is not None)


@lru_cache(maxsize=256)
def _decision(bits: int, fresh: bool, cached: bool) -> CacheDecision:
    """The decision depends only on the flags and the record's state: built once per combination."""
    flags = CacheFlags(bits)
    call_dom = not fresh and bool(flags & CacheFlags.CALL_DOM)
    keep = call_dom and bool(flags & CacheFlags.STORE_DOM_RESULT)
    return CacheDecision(
        serve_cached=fresh or (cached and not call_dom),
        call_dom=call_dom,
        store_in_memory=keep and bool(flags & CacheFlags.MEMORY),
        store_in_database=keep and bool(flags & CacheFlags.DATABASE),
        stale=cached and not fresh,
        decrement_on_submit=bool(flags & CacheFlags.DECREMENT_ON_SUBMIT),
    )
