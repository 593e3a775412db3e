"""Stock levels and the availability status rule.

The status rule is the one Sterling's RTAM mapping documents for SyncInventoryAvailability (facts section 2):
**Available** if the on-hand available quantity (on hand minus what reservations and open orders hold) is
above zero; otherwise **Backorderable** if there is future supply with a date (and some of it is not already
promised); otherwise **Unavailable**. AvailableQuantity is the on-hand available quantity, so a
Backorderable record carries 0.0 and the first future availability date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bods.messages import InventoryStatus


@dataclass(frozen=True)
class Item:
    """A sellable item: WCS names it by catalog entry id, Sterling by part number (ItemID)."""

    part_number: str
    catalog_entry_id: str


@dataclass(frozen=True)
class StockLevel:
    """One item at one ship node.

    `reserved` is what reservations and not yet shipped orders hold of `on_hand`; `future_reserved` what
    backordered lines hold of `future_quantity`, which arrives at `future_date` (epoch seconds).
    """

    part_number: str
    location_id: str
    on_hand: float = 0.0
    reserved: float = 0.0
    future_quantity: float = 0.0
    future_reserved: float = 0.0
    future_date: float | None = None

    @property
    def available(self) -> float:
        return max(0.0, self.on_hand - self.reserved)

    @property
    def future_available(self) -> float:
        if self.future_date is None:
            return 0.0
        return max(0.0, self.future_quantity - self.future_reserved)


@dataclass(frozen=True)
class Availability:
    """What DOM reports for an item at a location: status, on-hand available quantity, first future date."""

    status: InventoryStatus
    quantity: float
    available_at: float | None = None

    def offset_from(self, now: float) -> int | None:
        """AvailabilityOffset: seconds from `now` until the future supply date (never negative)."""
        if self.available_at is None:
            return None
        return max(0, int(round(self.available_at - now)))


UNAVAILABLE = Availability(InventoryStatus.UNAVAILABLE, 0.0)


def availability_of(levels: Iterable[StockLevel]) -> Availability:
    """The status rule over one node (a physical store) or several (an online store's fulfillment centers)."""
    levels = tuple(levels)
    on_hand = sum(level.available for level in levels)
    if on_hand > 0:
        return Availability(InventoryStatus.AVAILABLE, on_hand)
    dates = [
        level.future_date for level in levels if level.future_available > 0 and level.future_date is not None
    ]
    if dates:
        return Availability(InventoryStatus.BACKORDERABLE, 0.0, min(dates))
    return UNAVAILABLE
