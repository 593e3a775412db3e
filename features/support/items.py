"""Seed items for scenarios: each scenario takes items nobody else in the run has touched.

Shared seed contract: part numbers SKU-0001..SKU-0500 are catalog entries 12001..12500 (SKU-n <-> 12000+n).
The mock DOM's default seed gives every 50th item no stock, every other 25th item only future supply
(Backorderable), items with n % 20 == 7 a low stock, the rest plenty (mock_dom/seed_data/README.md); the
reference commerce seed re-checks SKU-0491..SKU-0500 with DOM on every look-up (INVCNF `RealTime`).

Taking a fresh, randomly chosen item per scenario keeps scenarios independent of each other's cache entries
and keeps repeated live runs against the same servers apart.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from enum import StrEnum

FIRST_CATENTRY = 12000
ORDINARY_RANGE = range(101, 491)  # items no scenario relies on for anything special
REALTIME_RANGE = range(491, 501)  # re-checked with DOM on every look-up (expiry 0)


class ItemKind(StrEnum):
    PLENTIFUL = "plentiful"
    LOW = "low"
    UNAVAILABLE = "unavailable"
    BACKORDERABLE = "backorderable"
    REALTIME = "realtime"


@dataclass(frozen=True)
class Item:
    """An item as both sides name it: DOM by part number, the storefront by catalog entry id."""

    number: int

    @property
    def part_number(self) -> str:
        return f"SKU-{self.number:04d}"

    @property
    def product_id(self) -> str:
        return str(FIRST_CATENTRY + self.number)

    @classmethod
    def named(cls, name: str) -> Item:
        """From `SKU-0042` or `12042`."""
        if name.upper().startswith("SKU-"):
            return cls(int(name[4:]))
        return cls(int(name) - FIRST_CATENTRY)

    def __str__(self) -> str:
        return self.part_number


def kind_of(number: int) -> ItemKind:
    if number in REALTIME_RANGE:
        return ItemKind.REALTIME
    if number % 50 == 0:
        return ItemKind.UNAVAILABLE
    if number % 25 == 0:
        return ItemKind.BACKORDERABLE
    if number % 20 == 7:
        return ItemKind.LOW
    return ItemKind.PLENTIFUL


class ItemPool:
    """Hands out each seed item at most once per test session."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._taken: set[int] = set()

    def take(self, kind: ItemKind = ItemKind.PLENTIFUL) -> Item:
        span = REALTIME_RANGE if kind is ItemKind.REALTIME else ORDINARY_RANGE
        free = [n for n in span if n not in self._taken and kind_of(n) is kind]
        if not free:
            raise LookupError(f"no unused {kind.value} seed item left in this session")
        number = self._rng.choice(free)
        self._taken.add(number)
        return Item(number)
