"""The seeded catalogue as shoppers see it, and how popular each item is.

Seed contract: part numbers SKU-0001..SKU-0500 are catalog entry ids 12001..12500 (SKU-n <-> 12000+n); the
REST storefront speaks catalog entry ids (productId), the DOM part numbers. Popularity is Zipf-like: the n-th
most popular item is picked with weight 1/n**s, optionally with a few hot items taking a fixed share (a sale).
"""

from __future__ import annotations

import bisect
import itertools
import random
from collections.abc import Sequence

CATENTRY_BASE = 12000  # catalog entry id of SKU-n is CATENTRY_BASE + n
PHYSICAL_STORES = ("20001", "20002", "20003")  # seeded physical store ids


def product_id(sku_number: int) -> str:
    """Catalog entry id (REST productId) of SKU-`sku_number`."""
    return str(CATENTRY_BASE + sku_number)


def part_number(product: str) -> str:
    """Part number (DOM ItemID) of a catalog entry id: '12001' -> 'SKU-0001'."""
    return f"SKU-{int(product) - CATENTRY_BASE:04d}"


class ItemPicker:
    """Draws products by popularity: Zipf over the catalogue, with a share kept for hot items."""

    def __init__(
        self,
        first: int,
        size: int,
        zipf_exponent: float,
        hot_items: Sequence[int] = (),
        hot_share: float = 0.0,
    ) -> None:
        self.products = [product_id(n) for n in range(first, first + size)]
        weights = [1.0 / rank**zipf_exponent for rank in range(1, size + 1)]
        self._cumulative = list(itertools.accumulate(weights))
        self._hot = [product_id(n) for n in hot_items]
        self._hot_share = hot_share if self._hot else 0.0

    def pick(self, rng: random.Random) -> str:
        """One product id; hot items first with probability `hot_share`, else by Zipf rank."""
        if self._hot_share and rng.random() < self._hot_share:
            return self._hot[int(rng.random() * len(self._hot))]
        point = rng.random() * self._cumulative[-1]
        return self.products[bisect.bisect_right(self._cumulative, point)]

    def pick_distinct(self, rng: random.Random, count: int) -> list[str]:
        """Up to `count` different products (a search results page), bounded in draws."""
        found: list[str] = []
        for _ in range(count * 4):
            item = self.pick(rng)
            if item not in found:
                found.append(item)
            if len(found) == count:
                break
        return found
