"""Availability values: where an item is looked up and what the cache knows about it there.

WCS keeps one INVAVL record per item and location (facts section 3): the location is either the online store
(STORE_ID) or a physical store (STLOC_ID), never both. The record's INVENTORYSTATUS is a four-character code
(AVL / BA / UAVL) that the services and REST layer show as DOM's words (Available / Backorderable /
Unavailable, facts section 2).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum, StrEnum

from bods.messages import InventoryStatus

UNITLESS = "C62"


class InventorySystem(IntEnum):
    """STORE.INVENTORYSYSTEM (facts section 3).

    -1/-2/-3 are documented; the values for external inventory and DOM are not, so -4 and -5 are this
    project's choice [I] (the values commonly seen in WCS installations).
    """

    ATP = -1
    NON_ATP = -2
    NO_INVENTORY = -3
    EXTERNAL = -4
    DOM = -5


class AvailabilityStatus(StrEnum):
    """INVAVL.INVENTORYSTATUS: AVL available, BA backorderable, UAVL unavailable."""

    AVAILABLE = "AVL"
    BACKORDERABLE = "BA"
    UNAVAILABLE = "UAVL"

    @property
    def inventory_status(self) -> InventoryStatus:
        return _TO_INVENTORY_STATUS[self]

    @classmethod
    def of(cls, status: InventoryStatus) -> AvailabilityStatus:
        return _FROM_INVENTORY_STATUS[status]

    @classmethod
    def parse(cls, text: str) -> AvailabilityStatus:
        """Accepts the table code (AVL) or the wire word (Available), case-insensitively."""
        value = text.strip()
        for status in cls:
            if value.upper() == status.value or value.lower() == status.inventory_status.value.lower():
                return status
        raise ValueError(f"not an inventory status: {text!r}")


_TO_INVENTORY_STATUS = {
    AvailabilityStatus.AVAILABLE: InventoryStatus.AVAILABLE,
    AvailabilityStatus.BACKORDERABLE: InventoryStatus.BACKORDERABLE,
    AvailabilityStatus.UNAVAILABLE: InventoryStatus.UNAVAILABLE,
}
_FROM_INVENTORY_STATUS = {wire: code for code, wire in _TO_INVENTORY_STATUS.items()}


class LocationKind(StrEnum):
    ONLINE_STORE = "store"
    PHYSICAL_STORE = "stloc"


@dataclass(frozen=True, slots=True)
class Location:
    """An online store (STORE_ID) or a physical store (STLOC_ID).

    Identity is (kind, id); `name` is what REST shows as onlineStoreName / physicalStoreName and
    `identifier` the physical store's external identifier (e.g. `Store-20001`), which DOM uses.
    """

    kind: LocationKind
    id: int
    name: str = field(default="", compare=False)
    identifier: str = field(default="", compare=False)

    @property
    def is_online_store(self) -> bool:
        return self.kind is LocationKind.ONLINE_STORE

    def __str__(self) -> str:
        return f"{self.kind.value} {self.id}"


@dataclass(frozen=True, slots=True)
class AvailabilityRecord:
    """One cached INVAVL record (also the value kept in the memory cache).

    `quantity` None with status AVAILABLE means infinite. `last_update` is epoch seconds (None = the record
    never expires unless the configuration's expiry is 0); `availability_time` is the epoch second the item
    becomes available (the expected inventory date for backorderable items).
    """

    catentry_id: int
    location: Location
    status: AvailabilityStatus
    quantity: float | None = None
    availability_time: float | None = None
    availability_offset: int | None = None
    last_update: float | None = None
    uom: str = UNITLESS
    field1: int | None = None
    field2: float | None = None
    field3: str | None = None

    @property
    def key(self) -> tuple[int, Location]:
        return (self.catentry_id, self.location)

    @property
    def comparable_quantity(self) -> float:
        """The quantity the threshold rule compares: infinite when available without a count, else 0."""
        if self.quantity is not None:
            return self.quantity
        return float("inf") if self.status is AvailabilityStatus.AVAILABLE else 0.0


def status_for(on_hand: float, expected_date: float | None) -> AvailabilityStatus:
    """The RTAM status rule (facts section 2): Available if on hand > 0, Backorderable when future
    supply has a date, otherwise Unavailable."""
    if on_hand > 0:
        return AvailabilityStatus.AVAILABLE
    if expected_date is not None:
        return AvailabilityStatus.BACKORDERABLE
    return AvailabilityStatus.UNAVAILABLE
