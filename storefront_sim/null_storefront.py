"""A storefront and DOM that do almost nothing: the stand-in for measuring the model's own cost.

Everything is Available in unlimited quantity from the cache, every cart checks out, and every order ships at
the DOM's next tick. No BODs are exchanged. It keeps the model honest about its overhead until the in-process
storefront (the real commerce and DOM services under a SimClock) is plugged into the benchmark.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from bods.messages import InventoryStatus
from storefront_sim.ports import (
    ONLINE,
    Availability,
    AvailabilitySource,
    CapturedBod,
    CartResult,
    CheckoutResult,
    OrderView,
    PrecheckoutResult,
    Result,
    Shopper,
)

UNLIMITED = 1_000_000.0  # on-hand the null DOM reports for every item


class NullStorefront:
    """Always-yes storefront: carts by shopper, orders shipped by `NullDom.tick`."""

    def __init__(self, dom: NullDom) -> None:
        self._dom = dom
        self._ids = itertools.count(1)
        self._carts: dict[str, str] = {}

    def guest_identity(self) -> Shopper:
        return Shopper(user_id=f"guest-{next(self._ids)}")

    def inventory_availability(
        self, product_ids: Sequence[str], physical_store_ids: Sequence[str] = ()
    ) -> list[Availability]:
        return [
            Availability(p, where, InventoryStatus.AVAILABLE, None, AvailabilitySource.CACHE)
            for p in product_ids
            for where in (ONLINE, *physical_store_ids)
        ]

    def add_to_cart(
        self, shopper: Shopper, product_id: str, quantity: float, physical_store_id: str | None = None
    ) -> CartResult:
        order_id = self._carts.setdefault(shopper.user_id, str(next(self._ids)))
        return CartResult(True, order_id)

    def precheckout(self, shopper: Shopper) -> PrecheckoutResult:
        return PrecheckoutResult(True, self._carts.get(shopper.user_id))

    def add_payment(self, shopper: Shopper, method: str) -> Result:
        return Result(True)

    def checkout(self, shopper: Shopper) -> CheckoutResult:
        order_id = self._carts.pop(shopper.user_id, None)
        if order_id is None:
            return CheckoutResult(False, None, "_ERR_ORDER_NOT_FOUND")
        self._dom.submitted.append(order_id)
        return CheckoutResult(True, order_id)

    def order_status(self, shopper: Shopper, order_id: str) -> OrderView:
        return OrderView("S" if order_id in self._dom.shipped else "M", "G")


class NullDom:
    """A DOM with unlimited stock that ships everything submitted at its next tick."""

    def __init__(self) -> None:
        self.submitted: list[str] = []
        self.shipped: set[str] = set()

    def replenish(self, part_number: str, location: str, quantity: float) -> None:
        return None

    def set_outage(self, down: bool) -> None:
        return None

    def set_latency(self, seconds: float) -> None:
        return None

    def tick(self) -> None:
        self.shipped.update(self.submitted)
        self.submitted.clear()

    def on_hand(self, part_number: str, location: str) -> float:
        return UNLIMITED

    def captured_bods(self) -> list[CapturedBod]:
        return []

    def journal_gaps(self) -> list[str]:
        return []


def null_pair() -> tuple[NullStorefront, NullDom]:
    dom = NullDom()
    return NullStorefront(dom), dom
