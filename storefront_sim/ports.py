"""The two ports the simulation drives: the shopper-facing storefront and the DOM's control surface.

`Storefront` mirrors the WCS REST storefront a shopper's browser talks to (facts section 5): guest identity,
`GET inventoryavailability/{productIds}?physicalStoreId=..`, `POST cart`, `PUT cart/@self/precheckout`,
payment instruction, `POST cart/@self/checkout` and the order view. Behind it the commerce server runs the
two DOM flows (seed-dom-integration-flows.txt): availability from cache or DOM, CheckInventory on add to cart,
ReserveInventory at precheckout, Transfer and DecrementCache after submit, SyncOrder status updates back.

`DomControl` is what a test operator does to the DOM (stock, sales through other channels, availability
pushes on or off, outages, latency, stepping the fulfillment lifecycle) and what it can observe (on-hand, the
BODs exchanged). Two adapters implement both ports: an HTTP one (live mode, real sockets,
`simpy.rt.RealtimeEnvironment`) and an in-process one (fast mode, the same services called through the BOD
codec with a `SimClock`). The simulation imports nothing else from the servers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from bods.messages import InventoryStatus

ONLINE = "online"  # Availability.location of the online store's record (onlineStoreId in the REST answer)

SHIPPED_STATUSES = frozenset({"S", "D"})  # ORDERS.STATUS shipped / deposited (facts section 4)
TRANSFER_FAILED = "H"  # transfer status "Failed To Transfer" (facts section 4)
ALLOCATED = "Allocated"  # OrderItemStatus/InventoryStatus after ReserveInventory (facts section 2)


class AvailabilitySource(StrEnum):
    """Where the commerce server took an availability record from (INVCNF cache rules, facts section 3)."""

    CACHE = "cache"  # a fresh cached INVAVL / memory record
    DOM = "dom"  # fetched now with GetInventoryAvailability
    STALE = "stale"  # an expired cached record served because DOM did not answer


class BodDirection(StrEnum):
    """Which way a captured BOD travelled."""

    TO_DOM = "commerce_to_dom"  # outbound ExternalInventory / ExternalOrder requests and their answers
    TO_COMMERCE = "dom_to_commerce"  # inbound SyncOrder / SyncInventoryAvailability pushes and their answers


RESPONSE_VERBS = ("Show", "Acknowledge", "Confirm", "Respond")  # OAGIS verbs that answer a request


@dataclass(frozen=True)
class Shopper:
    """A guest identity (`POST guestidentity`): the user id and the tokens later calls carry."""

    user_id: str
    wc_token: str = ""
    wc_trusted_token: str = ""


@dataclass(frozen=True)
class Availability:
    """One InventoryAvailability record of the REST answer: one per product and location.

    `location` is `ONLINE` for the online store record or a physical store id; `quantity` is None when the
    answer carries none (status AVL with a NULL quantity means unlimited, facts section 3). `source` is filled
    by adapters that can tell whether the commerce cache answered.
    """

    product_id: str
    location: str
    status: InventoryStatus
    quantity: float | None = None
    source: AvailabilitySource | None = None

    @property
    def available(self) -> bool:
        return self.status is InventoryStatus.AVAILABLE


@dataclass(frozen=True)
class Result:
    """Outcome of a storefront call that returns nothing else; `error_key` is the WCS errorKey on failure."""

    ok: bool
    error_key: str | None = None


@dataclass(frozen=True)
class CartResult:
    """`POST cart`: the pending order (cart) id, or the errorKey (_ERR_PROD_NOT_ORDERABLE ...)."""

    ok: bool
    order_id: str | None = None
    error_key: str | None = None


@dataclass(frozen=True)
class ItemStatus:
    """Inventory status of one order line after precheckout (ReserveInventory), e.g. `Allocated`."""

    product_id: str
    status: str


@dataclass(frozen=True)
class PrecheckoutResult:
    """`PUT cart/@self/precheckout`: the order prepared and its items reserved (or why not)."""

    ok: bool
    order_id: str | None = None
    item_statuses: tuple[ItemStatus, ...] = ()
    error_key: str | None = None


@dataclass(frozen=True)
class CheckoutResult:
    """`POST cart/@self/checkout`: 201 with the submitted order id, or the errorKey."""

    ok: bool
    order_id: str | None = None
    error_key: str | None = None


@dataclass(frozen=True)
class OrderLine:
    """One line of an order as the order view shows it (ORDERITEMS)."""

    product_id: str
    quantity: float
    status: str


@dataclass(frozen=True)
class OrderView:
    """The order as the shopper sees it: ORDERS.STATUS, the DOM transfer status (H/F/G) and its lines."""

    status: str
    transfer_status: str | None = None
    items: tuple[OrderLine, ...] = ()

    @property
    def shipped(self) -> bool:
        return self.status in SHIPPED_STATUSES


@dataclass(frozen=True)
class CapturedBod:
    """One BOD seen on the wire between commerce and DOM, with its validation result.

    `type` is the root element name (GetInventoryAvailability, SyncOrder, ...),
    `action` the action code or Get expression kind, `at` the simulation time (env.now seconds) it was seen,
    `latency` the seconds the exchange took (wall-clock live, simulated fast),
    `order_id` the order it concerns.
    """

    type: str
    action: str | None
    direction: BodDirection
    valid: bool
    errors: tuple[str, ...] = ()
    xml: bytes = b""
    at: float | None = None
    latency: float | None = None
    order_id: str | None = None

    @property
    def is_request(self) -> bool:
        """True for a request BOD (Get/Process/Sync), False for an answer (Show/Acknowledge/Confirm)."""
        return not self.type.startswith(RESPONSE_VERBS)


class Storefront(Protocol):
    """The WCS REST storefront, one method per shopper intent (facts section 5)."""

    def guest_identity(self) -> Shopper: ...

    def inventory_availability(
        self, product_ids: Sequence[str], physical_store_ids: Sequence[str] = ()
    ) -> list[Availability]: ...

    def add_to_cart(
        self, shopper: Shopper, product_id: str, quantity: float, physical_store_id: str | None = None
    ) -> CartResult: ...

    def precheckout(self, shopper: Shopper) -> PrecheckoutResult: ...

    def add_payment(self, shopper: Shopper, method: str) -> Result: ...

    def checkout(self, shopper: Shopper) -> CheckoutResult: ...

    def order_status(self, shopper: Shopper, order_id: str) -> OrderView: ...


class DomControl(Protocol):
    """What a test operator can do to the DOM and observe of it.

    `location` is `ONLINE` (the online store's fulfillment centers) or a physical store id.
    """

    def replenish(self, part_number: str, location: str, quantity: float) -> None: ...

    def withdraw(self, part_number: str, location: str, quantity: float) -> float:
        """Another channel sells: take up to `quantity` of what DOM can still promise at `location`
        (reserved units stay); returns the units taken."""
        ...

    def set_availability_pushes(self, on: bool) -> None:
        """Whether DOM pushes SyncInventoryAvailability to commerce when an item's availability changes."""
        ...

    def set_outage(self, down: bool) -> None: ...

    def set_latency(self, seconds: float) -> None: ...

    def tick(self) -> None: ...

    def on_hand(self, part_number: str, location: str) -> float: ...

    def captured_bods(self) -> list[CapturedBod]: ...

    def journal_gaps(self) -> list[str]:
        """BODs one server journaled and the other did not (lost on the way), as readable lines; empty
        when the journals agree or when the BODs were captured in one place (fast mode)."""
        ...


class SimulationTime(Protocol):
    """The part of a SimPy environment a clock needs."""

    @property
    def now(self) -> float: ...


class SimClock:
    """The `Clock` port over simulated time: epoch seconds (UTC) = `epoch` + env.now.

    Cache expiry, reservation holds and fulfillment delays in the real services read this clock in fast mode,
    so they run unchanged under simulated time.
    """

    def __init__(self, env: SimulationTime, epoch: float) -> None:
        self._env = env
        self.epoch = epoch

    def now(self) -> float:
        return self.epoch + self._env.now
