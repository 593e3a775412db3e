"""What the simulation observes, appended to plain lists as it happens (SimPy's monitoring guide).

Processes call one `Monitor` method per observation; nothing is aggregated during the run. `kpis.py` turns the
lists into figures afterwards. The stock ledger remembers each item-location's on-hand when shoppers first
touch it, so that units sold can be checked against stock (no overselling) without knowing the DOM's seed.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import Any, NamedTuple

from storefront_sim.ports import (
    Availability,
    CartResult,
    CheckoutResult,
    OrderView,
    PrecheckoutResult,
    Result,
    Shopper,
    SimulationTime,
    Storefront,
)


class Stage(StrEnum):
    """Funnel stages a session passes through."""

    ARRIVED = "arrived"
    SEARCHED = "searched"
    VIEWED_PRODUCT = "viewed_product"
    ADDED_TO_CART = "added_to_cart"
    CHECKOUT_STARTED = "checkout_started"
    ORDER_PLACED = "order_placed"
    ORDER_FAILED = "order_failed"
    ORDER_SHIPPED = "order_shipped"
    ABANDONED_CART = "abandoned_cart"
    LEFT_WITHOUT_CART = "left_without_cart"
    FINISHED = "finished"


class Lookup(NamedTuple):
    t: float
    product_id: str
    location: str
    status: str
    source: str | None


class Call(NamedTuple):
    t: float
    kind: str
    seconds: float  # wall-clock duration of the storefront call


class Funnel(NamedTuple):
    t: float
    shopper: int
    stage: Stage


class Reservation(NamedTuple):
    """An add to cart (CheckInventory) or one line of a precheckout (ReserveInventory)."""

    t: float
    stage: str  # "add_to_cart" | "precheckout"
    product_id: str
    location: str
    seen_available: bool
    ok: bool
    error_key: str | None


class OrderOutcome(NamedTuple):
    """How one checkout attempt ended: placed, or failed with the errorKey and the step that failed."""

    t: float
    shopper: int
    order_id: str | None
    placed: bool
    error_key: str | None
    step: str  # "precheckout" | "payment" | "checkout" | "done"


class Sale(NamedTuple):
    t: float
    order_id: str
    part_number: str
    location: str
    quantity: float
    allocated: bool


class Shipment(NamedTuple):
    t: float
    order_id: str
    placed_at: float
    shipped: bool
    status: str
    transfer_status: str | None


class StockSample(NamedTuple):
    t: float
    part_number: str
    location: str
    on_hand: float


class Restock(NamedTuple):
    t: float
    part_number: str
    location: str
    quantity: float


class OtherChannelSale(NamedTuple):
    """Units another channel (store till, marketplace, call center) took from DOM's stock."""

    t: float
    part_number: str
    location: str
    quantity: float


class Outage(NamedTuple):
    t: float
    down: bool


class Monitor:
    """Collects observations in lists; `on_hand` reads the DOM's stock for the ledger."""

    def __init__(self, env: SimulationTime, on_hand: Callable[[str, str], float]) -> None:
        self.env = env
        self._on_hand = on_hand
        self.lookups: list[Lookup] = []
        self.calls: list[Call] = []
        self.funnel: list[Funnel] = []
        self.reservations: list[Reservation] = []
        self.orders: list[OrderOutcome] = []
        self.sales: list[Sale] = []
        self.shipments: list[Shipment] = []
        self.stock: list[StockSample] = []
        self.restocks: list[Restock] = []
        self.outages: list[Outage] = []
        self.finished = 0
        self.baseline: dict[tuple[str, str], float] = {}
        self.restocked_after_baseline: Counter[tuple[str, str]] = Counter()
        self.other_sales: list[OtherChannelSale] = []
        self.taken_after_baseline: Counter[tuple[str, str]] = Counter()
        self.carted: Counter[tuple[str, str]] = Counter()
        self.sold_since_restock: set[tuple[str, str]] = set()

    def stage(self, shopper: int, stage: Stage) -> None:
        self.funnel.append(Funnel(self.env.now, shopper, stage))
        if stage is Stage.FINISHED:
            self.finished += 1

    def lookups_seen(self, records: Sequence[Availability]) -> None:
        now = self.env.now
        self.lookups.extend(
            Lookup(now, r.product_id, r.location, r.status.value, r.source.value if r.source else None)
            for r in records
        )

    def reservation(
        self, stage: str, product: str, location: str, seen: bool, ok: bool, key: str | None
    ) -> None:
        self.reservations.append(Reservation(self.env.now, stage, product, location, seen, ok, key))

    def touch(self, part_number: str, location: str) -> None:
        """Take the item-location's on-hand as its baseline the first time a shopper tries to buy it."""
        key = (part_number, location)
        self.carted[key] += 1
        if key not in self.baseline:
            self.baseline[key] = self._on_hand(part_number, location)

    def order(self, outcome: OrderOutcome) -> None:
        self.orders.append(outcome)

    def sale(self, sale: Sale) -> None:
        self.sales.append(sale)
        self.sold_since_restock.add((sale.part_number, sale.location))

    def other_channel_sale(self, part_number: str, location: str, quantity: float) -> None:
        """Another channel took `quantity` units: they count against the stock like the shoppers' sales."""
        key = (part_number, location)
        self.other_sales.append(OtherChannelSale(self.env.now, part_number, location, quantity))
        self.sold_since_restock.add(key)
        if key in self.baseline:
            self.taken_after_baseline[key] += quantity

    def shipment(self, shipment: Shipment) -> None:
        self.shipments.append(shipment)

    def stock_sample(self, part_number: str, location: str, on_hand: float) -> None:
        self.stock.append(StockSample(self.env.now, part_number, location, on_hand))

    def restock(self, part_number: str, location: str, quantity: float) -> None:
        key = (part_number, location)
        self.restocks.append(Restock(self.env.now, part_number, location, quantity))
        if key in self.baseline:
            self.restocked_after_baseline[key] += quantity

    def outage(self, down: bool) -> None:
        self.outages.append(Outage(self.env.now, down))

    def busiest(self, count: int) -> list[tuple[str, str]]:
        """The item-locations most often put in carts so far, most first (ties by name, for determinism)."""
        ranked = sorted(self.carted.items(), key=lambda item: (-item[1], item[0]))
        return [key for key, _ in ranked[:count]]


class MeasuredStorefront:
    """Wraps a Storefront and records the wall-clock duration of every call (response times in live mode)."""

    def __init__(
        self, inner: Storefront, monitor: Monitor, stopwatch: Callable[[], float] = time.perf_counter
    ):
        self._inner = inner
        self._monitor = monitor
        self._stopwatch = stopwatch

    def _timed(self, kind: str, call: Callable[..., Any], *args: Any) -> Any:
        started = self._stopwatch()
        try:
            return call(*args)
        finally:
            self._monitor.calls.append(Call(self._monitor.env.now, kind, self._stopwatch() - started))

    def guest_identity(self) -> Shopper:
        return self._timed("guest_identity", self._inner.guest_identity)  # type: ignore[no-any-return]

    def inventory_availability(
        self, product_ids: Sequence[str], physical_store_ids: Sequence[str] = ()
    ) -> list[Availability]:
        return self._timed(
            "inventory_availability", self._inner.inventory_availability, product_ids, physical_store_ids
        )  # type: ignore[no-any-return]

    def add_to_cart(
        self, shopper: Shopper, product_id: str, quantity: float, physical_store_id: str | None = None
    ) -> CartResult:
        return self._timed(
            "add_to_cart", self._inner.add_to_cart, shopper, product_id, quantity, physical_store_id
        )  # type: ignore[no-any-return]

    def precheckout(self, shopper: Shopper) -> PrecheckoutResult:
        return self._timed("precheckout", self._inner.precheckout, shopper)  # type: ignore[no-any-return]

    def add_payment(self, shopper: Shopper, method: str) -> Result:
        return self._timed("add_payment", self._inner.add_payment, shopper, method)  # type: ignore[no-any-return]

    def checkout(self, shopper: Shopper) -> CheckoutResult:
        return self._timed("checkout", self._inner.checkout, shopper)  # type: ignore[no-any-return]

    def order_status(self, shopper: Shopper, order_id: str) -> OrderView:
        return self._timed("order_status", self._inner.order_status, shopper, order_id)  # type: ignore[no-any-return]
