"""A deterministic in-memory storefront and DOM for the simulation's tests.

Small but shaped like the real flows: a TTL availability cache in front of DOM stock, CheckInventory on add to
cart, ReserveInventory at precheckout (failing when stock ran out or DOM is down), Transfer at checkout (held
and retried while DOM is down), shipment after a fulfillment delay. Every DOM exchange is captured as a BOD.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from bods.messages import InventoryStatus
from storefront_sim.catalog import part_number
from storefront_sim.ports import (
    ALLOCATED,
    ONLINE,
    Availability,
    AvailabilitySource,
    BodDirection,
    CapturedBod,
    CartResult,
    CheckoutResult,
    ItemStatus,
    OrderView,
    PrecheckoutResult,
    Result,
    Shopper,
    SimClock,
)


def seeded_stock(part: str, location: str) -> float:
    number = int(part.removeprefix("SKU-"))
    if number % 10 == 0:
        return 0.0
    return float(3 + (number * 7) % 20) if location == ONLINE else float(number % 3)


@dataclass
class FakeOrder:
    order_id: str
    lines: list[tuple[str, str, float]] = field(default_factory=list)  # product, location, quantity
    submitted_at: float | None = None
    transfer: str | None = None  # F held, G transferred
    shipped: bool = False


class FakeDom:
    """DOM stock, outage and latency switches, fulfillment by tick, captured BODs."""

    def __init__(self, clock: SimClock, fulfillment_delay_s: float = 600.0) -> None:
        self.clock = clock
        self.delay = fulfillment_delay_s
        self.stock: dict[tuple[str, str], float] = {}
        self.down = False
        self.latency = 0.0
        self.bods: list[CapturedBod] = []
        self.gaps: list[str] = []
        self.orders: list[FakeOrder] = []

    def exchange(self, request: str, response: str, action: str | None, order_id: str | None = None) -> None:
        at = self.clock.now() - self.clock.epoch
        for bod_type in (request, response):
            self.bods.append(
                CapturedBod(
                    bod_type,
                    action,
                    BodDirection.TO_DOM,
                    True,
                    (),
                    b"<bod/>",
                    at,
                    self.latency if bod_type == request else None,
                    order_id,
                )
            )

    def level(self, part: str, location: str) -> float:
        return self.stock.setdefault((part, location), seeded_stock(part, location))

    def replenish(self, part_number: str, location: str, quantity: float) -> None:
        self.stock[(part_number, location)] = self.level(part_number, location) + quantity

    def set_outage(self, down: bool) -> None:
        self.down = down

    def set_latency(self, seconds: float) -> None:
        self.latency = seconds

    def tick(self) -> None:
        now = self.clock.now()
        for order in self.orders:
            if order.transfer == "F" and not self.down:
                self.exchange("ProcessOrder", "AcknowledgeOrder", "TransferOrder", order.order_id)
                order.transfer = "G"
            if (
                order.transfer == "G"
                and not order.shipped
                and now - (order.submitted_at or now) >= self.delay
            ):
                order.shipped = True
                self.bods.append(
                    CapturedBod(
                        "SyncOrder",
                        "Change",
                        BodDirection.TO_COMMERCE,
                        True,
                        at=now - self.clock.epoch,
                        order_id=order.order_id,
                    )
                )

    def on_hand(self, part_number: str, location: str) -> float:
        return self.level(part_number, location)

    def captured_bods(self) -> list[CapturedBod]:
        return list(self.bods)

    def journal_gaps(self) -> list[str]:
        return list(self.gaps)


class FakeStorefront:
    """The commerce side: cache with one expiry, carts by shopper, orders transferred to the FakeDom."""

    def __init__(self, dom: FakeDom, expiry_s: float = 60.0) -> None:
        self.dom = dom
        self.expiry = expiry_s
        self.cache: dict[tuple[str, str], tuple[float, float]] = {}  # quantity, fetched at
        self.carts: dict[str, FakeOrder] = {}
        self.orders: dict[str, FakeOrder] = {}
        self.ids = itertools.count(1)

    def guest_identity(self) -> Shopper:
        return Shopper(f"guest-{next(self.ids)}")

    def record(self, product: str, location: str) -> tuple[float | None, AvailabilitySource | None]:
        now, cached = self.dom.clock.now(), self.cache.get((product, location))
        if cached and now - cached[1] < self.expiry:
            return cached[0], AvailabilitySource.CACHE
        if not self.dom.down:
            self.dom.exchange("GetInventoryAvailability", "ShowInventoryAvailability", "IBM_Store_Details")
            quantity = self.dom.level(part_number(product), location)
            self.cache[(product, location)] = (quantity, now)
            return quantity, AvailabilitySource.DOM
        return (cached[0], AvailabilitySource.STALE) if cached else (None, None)

    def availability(self, product: str, location: str) -> Availability:
        quantity, source = self.record(product, location)
        status = InventoryStatus.AVAILABLE if quantity else InventoryStatus.UNAVAILABLE
        return Availability(product, location, status, quantity, source)

    def inventory_availability(
        self, product_ids: Sequence[str], physical_store_ids: Sequence[str] = ()
    ) -> list[Availability]:
        return [self.availability(p, where) for p in product_ids for where in (ONLINE, *physical_store_ids)]

    def add_to_cart(
        self, shopper: Shopper, product_id: str, quantity: float, physical_store_id: str | None = None
    ) -> CartResult:
        location = physical_store_id or ONLINE
        if (self.availability(product_id, location).quantity or 0.0) < quantity:
            return CartResult(False, None, "_ERR_PROD_NOT_ORDERABLE")
        cart = self.carts.setdefault(shopper.user_id, FakeOrder(str(next(self.ids))))
        cart.lines.append((product_id, location, quantity))
        return CartResult(True, cart.order_id)

    def precheckout(self, shopper: Shopper) -> PrecheckoutResult:
        cart = self.carts.get(shopper.user_id)
        if cart is None:
            return PrecheckoutResult(False, None, (), "_ERR_ORDER_NOT_FOUND")
        if self.dom.down:
            return PrecheckoutResult(False, cart.order_id, (), "_ERR_DOM_UNAVAILABLE")
        self.dom.exchange(
            "ProcessInventoryRequirement",
            "AcknowledgeInventoryRequirement",
            "ReserveInventory",
            cart.order_id,
        )
        needed = {}
        for product, location, quantity in cart.lines:
            key = (part_number(product), location)
            needed[key] = needed.get(key, 0.0) + quantity
        if any(self.dom.level(*key) < units for key, units in needed.items()):
            return PrecheckoutResult(False, cart.order_id, (), "_ERR_INVENTORY_NOT_RESERVED")
        for key, units in needed.items():
            self.dom.stock[key] -= units
        return PrecheckoutResult(
            True, cart.order_id, tuple(ItemStatus(p, ALLOCATED) for p, _, _ in cart.lines)
        )

    def add_payment(self, shopper: Shopper, method: str) -> Result:
        return Result(True)

    def checkout(self, shopper: Shopper) -> CheckoutResult:
        order = self.carts.pop(shopper.user_id, None)
        if order is None:
            return CheckoutResult(False, None, "_ERR_ORDER_NOT_FOUND")
        order.submitted_at = self.dom.clock.now()
        order.transfer = "F"
        if not self.dom.down:
            self.dom.exchange("ProcessOrder", "AcknowledgeOrder", "TransferOrder", order.order_id)
            order.transfer = "G"
        self.orders[order.order_id] = order
        self.dom.orders.append(order)
        return CheckoutResult(True, order.order_id)

    def order_status(self, shopper: Shopper, order_id: str) -> OrderView:
        order = self.orders[order_id]
        return OrderView("S" if order.shipped else "M", order.transfer)


def fake_pair(
    env: object, epoch: float = 1_741_000_000.0, expiry_s: float = 60.0
) -> tuple[FakeStorefront, FakeDom]:
    dom = FakeDom(SimClock(env, epoch))  # type: ignore[arg-type]
    return FakeStorefront(dom, expiry_s), dom
