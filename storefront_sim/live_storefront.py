"""The live-mode storefront: WCS REST calls to a running commerce server through `CommerceDriver`.

One `CommerceDriver` (one pooled httpx client) serves every shopper; each call names its shopper and cart
explicitly (a guest identity that could not be created at the start of the visit is tried again at the first
cart call). Which lookup records came from the cache, from DOM or stale is read from the server's
availability counters (`GET /__admin/health`), taken after every call that can move them; the simulation
calls the storefront one call at a time, so the difference between two readings belongs to one lookup.
Transport failures become `ok=False` with `_ERR_CONNECTION`, never an exception into the model.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

import httpx

from bods.messages import InventoryStatus
from harness.drivers import AvailabilityRecord, CommerceDriver, DriverError, GuestIdentity, routes
from harness.drivers.answers import Answer
from storefront_sim.adapter_common import Visitor, Visitors, label_sources
from storefront_sim.ports import (
    ONLINE,
    Availability,
    CartResult,
    CheckoutResult,
    ItemStatus,
    OrderLine,
    OrderView,
    PrecheckoutResult,
    Result,
    Shopper,
)

CONNECTION_FAILED = "_ERR_CONNECTION"
NO_CART = "_ERR_ORDER_NOT_FOUND"
T = TypeVar("T")


def availability_of(record: AvailabilityRecord) -> Availability | None:
    try:
        status = InventoryStatus(record.status)
    except ValueError:
        return None
    location = ONLINE if record.physical_store_id is None else record.physical_store_id
    return Availability(record.product_id or "", location, status, record.quantity)


def item_statuses(body: Any, visitor: Visitor[GuestIdentity]) -> tuple[ItemStatus, ...]:
    entries = body.get("orderItem") if isinstance(body, Mapping) else None
    return tuple(
        ItemStatus(visitor.products.get(str(e.get("orderItemId")), ""), str(e.get("inventoryStatus", "")))
        for e in entries or ()
        if isinstance(e, Mapping)
    )


def order_view(body: Any) -> OrderView:
    if not isinstance(body, Mapping):
        return OrderView("?")
    lines = tuple(
        OrderLine(
            str(i.get("productId")), float(i.get("quantity", 0) or 0), str(i.get("orderItemInventoryStatus"))
        )
        for i in body.get("orderItem") or ()
        if isinstance(i, Mapping)
    )
    return OrderView(str(body.get("orderStatus", "?")), body.get("transferStatus"), lines)


class LiveStorefront:
    """Storefront over HTTP against the commerce server at `base_url`."""

    def __init__(self, base_url: str, *, timeout: float = 10.0) -> None:
        self.driver = CommerceDriver(base_url, timeout=timeout)
        self._visitors: Visitors[GuestIdentity] = Visitors()
        self._counters = self._read_counters()

    def close(self) -> None:
        self.driver.close()

    # --- plumbing -----------------------------------------------------------------------------------------

    def _read_counters(self) -> tuple[int, int]:
        """(records served from a valid cache entry, stale records served) so far, from the health page."""
        try:
            cache = self.driver.send(routes.admin("health")).json().get("cache", {})
        except (httpx.HTTPError, ValueError):
            return self._counters if hasattr(self, "_counters") else (0, 0)
        return int(cache.get("memory_hits", 0)) + int(cache.get("database_hits", 0)), int(
            cache.get("stale_served", 0)
        )

    def _moved_counters(self) -> tuple[int, int]:
        before, self._counters = self._counters, self._read_counters()
        return self._counters[0] - before[0], self._counters[1] - before[1]

    @staticmethod
    def _safely(call: Callable[[], T], failed: T) -> T:
        try:
            return call()
        except (httpx.HTTPError, DriverError):
            return failed

    def _identity(self, visitor: Visitor[GuestIdentity]) -> GuestIdentity:
        if visitor.identity is None:
            visitor.identity = self.driver.guest_identity()
        return visitor.identity

    # --- storefront ---------------------------------------------------------------------------------------

    def guest_identity(self) -> Shopper:
        """`POST guestidentity` for a new visit."""
        shopper = self._visitors.new()
        self._safely(lambda: self._identity(self._visitors.of(shopper)), None)
        return shopper

    def inventory_availability(
        self, product_ids: Sequence[str], physical_store_ids: Sequence[str] = ()
    ) -> list[Availability]:
        try:
            answer = self.driver.availability(list(product_ids), physical_store_ids=list(physical_store_ids))
        except httpx.HTTPError:
            return []
        hits, stale = self._moved_counters()
        if not answer.ok:
            return []
        found = [a for a in (availability_of(r) for r in answer.records) if a is not None]
        return label_sources(found, hits, stale)

    def add_to_cart(
        self, shopper: Shopper, product_id: str, quantity: float, physical_store_id: str | None = None
    ) -> CartResult:
        visitor = self._visitors.of(shopper)

        def add() -> CartResult:
            answer = self.driver.add_to_cart(
                product_id, quantity, physical_store_id, shopper=self._identity(visitor)
            )
            self._counters = self._read_counters()  # CheckInventory looked availability up
            if not answer.ok:
                return CartResult(False, visitor.cart_id, answer.error_key)
            visitor.cart_id = str(answer.get("orderId"))
            for item in answer.get("orderItem") or ():
                visitor.products[str(item.get("orderItemId"))] = product_id
            return CartResult(True, visitor.cart_id)

        return self._safely(add, CartResult(False, visitor.cart_id, CONNECTION_FAILED))

    def precheckout(self, shopper: Shopper) -> PrecheckoutResult:
        visitor = self._visitors.of(shopper)
        if visitor.cart_id is None or visitor.identity is None:
            return PrecheckoutResult(False, None, (), NO_CART)

        def prepare() -> PrecheckoutResult:
            answer = self.driver.precheckout(visitor.cart_id, shopper=visitor.identity)
            statuses = item_statuses(answer.body, visitor)
            if not answer.ok:
                return PrecheckoutResult(False, visitor.cart_id, statuses, answer.error_key)
            return PrecheckoutResult(True, str(answer.get("orderId", visitor.cart_id)), statuses)

        return self._safely(prepare, PrecheckoutResult(False, visitor.cart_id, (), CONNECTION_FAILED))

    def add_payment(self, shopper: Shopper, method: str) -> Result:
        visitor = self._visitors.of(shopper)
        if visitor.cart_id is None or visitor.identity is None:
            return Result(False, NO_CART)

        def pay() -> Result:
            answer = self.driver.add_payment(method, order_id=visitor.cart_id, shopper=visitor.identity)
            return Result(answer.ok, None if answer.ok else answer.error_key)

        return self._safely(pay, Result(False, CONNECTION_FAILED))

    def checkout(self, shopper: Shopper) -> CheckoutResult:
        visitor = self._visitors.of(shopper)
        if visitor.cart_id is None or visitor.identity is None:
            return CheckoutResult(False, None, NO_CART)

        def submit() -> CheckoutResult:
            answer: Answer = self.driver.checkout(visitor.cart_id, shopper=visitor.identity)
            if not answer.ok:
                return CheckoutResult(False, visitor.cart_id, answer.error_key)
            order_id = str(answer.get("orderId", visitor.cart_id))
            visitor.cart_id = None
            return CheckoutResult(True, order_id)

        return self._safely(submit, CheckoutResult(False, visitor.cart_id, CONNECTION_FAILED))

    def order_status(self, shopper: Shopper, order_id: str) -> OrderView:
        visitor = self._visitors.of(shopper)
        if visitor.identity is None:
            return OrderView("?")
        return self._safely(
            lambda: order_view(self.driver.order(order_id, shopper=visitor.identity).body), OrderView("?")
        )
