"""Carts and orders: the ORDERS / ORDERITEMS values, their WCS status codes and the transfer status.

A cart is an order in status P (pending). Submitting it (ProcessOrder Submit, flow step 5-6) moves it to M
(payment initiated / authorization pending) or C (payment authorization complete), facts section 4. For a
store whose inventory system is DOM the order is then transferred (ProcessOrder TransferOrder); the transfer
has its own code, DOM's "order transfer status" (facts section 4): **F** hold on transfer (queued, or DOM
answered with an error), **H** failed to transfer (error on the commerce side: transport, DOM unreachable),
**G** successfully transferred. DOM's fulfillment updates (SyncOrder Change, step 7) then move the order to
B backordered / R released / S shipped, its items to S / D, or everything to X canceled.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class OrderStatus(StrEnum):
    """ORDERS.STATUS / ORDERITEMS.STATUS codes used by this flow (facts section 4, cossostat)."""

    PENDING = "P"
    PAYMENT_INITIATED = "M"
    PAYMENT_AUTHORIZED = "C"
    BACKORDERED = "B"
    RELEASED = "R"
    SHIPPED = "S"
    DEPOSITED = "D"
    CANCELED = "X"

    @property
    def description(self) -> str:
        return _DESCRIPTIONS[self]


_DESCRIPTIONS = {
    OrderStatus.PENDING: "Pending (shopping cart)",
    OrderStatus.PAYMENT_INITIATED: "Payment initiated, authorization pending",
    OrderStatus.PAYMENT_AUTHORIZED: "Payment authorization complete",
    OrderStatus.BACKORDERED: "Backordered",
    OrderStatus.RELEASED: "Released to fulfillment",
    OrderStatus.SHIPPED: "Shipped",
    OrderStatus.DEPOSITED: "Shipped and deposited",
    OrderStatus.CANCELED: "Canceled",
}


class TransferStatus(StrEnum):
    """DOM order transfer status codes (facts section 4)."""

    HELD = "F"
    FAILED = "H"
    TRANSFERRED = "G"

    @property
    def description(self) -> str:
        return {
            TransferStatus.HELD: "Hold on transfer",
            TransferStatus.FAILED: "Failed to transfer",
            TransferStatus.TRANSFERRED: "Successfully transferred",
        }[self]


class ItemInventoryStatus(StrEnum):
    """ORDERITEMS.INVENTORYSTATUS: not allocated, allocated, backordered, fulfilled."""

    NOT_ALLOCATED = "NALC"
    ALLOCATED = "ALLC"
    BACKORDERED = "BO"
    FULFILLED = "FUL"

    @classmethod
    def from_dom(cls, verdict: str | None) -> ItemInventoryStatus:
        """DOM's OrderItemStatus/InventoryStatus in AcknowledgeInventoryRequirement (Allocated, Backordered,
        Unavailable) as the item's WCS inventory status."""
        return {"allocated": cls.ALLOCATED, "backordered": cls.BACKORDERED}.get(
            (verdict or "").strip().lower(), cls.NOT_ALLOCATED
        )


# The order of progress an order's status can only move forward in (see `fulfillment`): an out-of-order
# SyncOrder never moves an order backwards. X is terminal and handled apart.
STATUS_RANK: dict[OrderStatus, int] = {
    OrderStatus.PENDING: 0,
    OrderStatus.PAYMENT_INITIATED: 1,
    OrderStatus.PAYMENT_AUTHORIZED: 1,
    OrderStatus.BACKORDERED: 3,
    OrderStatus.RELEASED: 3,
    OrderStatus.SHIPPED: 4,
    OrderStatus.DEPOSITED: 5,
}
TRANSFERRED_RANK = 2


def progress_rank(status: OrderStatus, transfer: TransferStatus | None = None) -> int:
    """P 0 < M/C 1 < transferred (G) 2 < B/R 3 < S 4 < D 5; X ranks above everything (terminal)."""
    if status is OrderStatus.CANCELED:
        return 99
    rank = STATUS_RANK[status]
    if rank == 1 and transfer is TransferStatus.TRANSFERRED:
        return TRANSFERRED_RANK
    return rank


SHIPPED_ITEM_STATUSES = frozenset({OrderStatus.SHIPPED, OrderStatus.DEPOSITED})


@dataclass(frozen=True)
class Shipment:
    """A shipment DOM reported with a shipped status: carrier, tracking number, ship date (wire text)."""

    carrier: str | None
    tracking_number: str
    ship_date: str | None = None
    order_item_id: int | None = None


@dataclass(frozen=True)
class OrderItem:
    """One ORDERITEMS row. `physical_store_id` is set for in-store pickup lines (STLOC_ID)."""

    order_item_id: int
    catentry_id: int
    part_number: str
    quantity: float
    unit_price: float
    status: OrderStatus = OrderStatus.PENDING
    inventory_status: ItemInventoryStatus = ItemInventoryStatus.NOT_ALLOCATED
    physical_store_id: int | None = None
    fulfillment_center_id: int | None = None
    estimated_available: float | None = None

    @property
    def total(self) -> float:
        return round(self.quantity * self.unit_price, 2)


@dataclass(frozen=True)
class Order:
    """One ORDERS row with its items and shipments.

    `prepared_key` identifies the cart content that was last reserved at DOM (ProcessOrder Prepare); the
    cart must be prepared again when its lines change. `status_time` is the CreationDateTime (epoch seconds)
    of the last fulfillment update applied, the tie-breaker between updates of equal rank. `version` is
    ORDERS.OPTCOUNTER: a write succeeds only over the version it read (optimistic concurrency).
    """

    order_id: int
    store_id: int
    member_id: int
    status: OrderStatus
    items: tuple[OrderItem, ...] = ()
    currency: str = "USD"
    transfer_status: TransferStatus | None = None
    transfer_code: str | None = None
    transfer_message: str | None = None
    placed: float | None = None
    last_update: float | None = None
    prepared_key: str | None = None
    status_time: float | None = None
    external_order_id: str | None = None
    shipments: tuple[Shipment, ...] = ()
    fields: tuple[str | None, str | None, str | None] = (None, None, None)
    version: int = 0

    @property
    def is_cart(self) -> bool:
        return self.status is OrderStatus.PENDING

    @property
    def total(self) -> float:
        return round(sum(item.total for item in self.items), 2)

    @property
    def rank(self) -> int:
        return progress_rank(self.status, self.transfer_status)

    def item(self, order_item_id: int) -> OrderItem | None:
        return next((item for item in self.items if item.order_item_id == order_item_id), None)

    @property
    def content_key(self) -> str:
        """What a reservation was made for: the lines, quantities and pickup stores (order independent)."""
        lines = sorted(
            f"{i.order_item_id}:{i.catentry_id}:{i.quantity:g}:{i.physical_store_id or ''}"
            for i in self.items
        )
        return "|".join(lines)

    @property
    def is_prepared(self) -> bool:
        return bool(self.items) and self.prepared_key == self.content_key


def list_price(catentry_id: int) -> float:
    """The seed's deterministic offer price of an item: 5.00 .. 104.50 in steps of 0.50 [I: the seed has no
    OFFERPRICE table; prices only make totals and payment amounts realistic]."""
    return 5.0 + (catentry_id * 7 % 200) * 0.5


@dataclass(frozen=True)
class OrderSubmitted:
    """WCS's OrderSubmit event, raised by ProcessOrder Submit once the payment is authorized (flow step 6).

    Its listeners (ProcessOrderSubmitEvent: the transfer to DOM) run in the submit's own transaction, so the
    status change and everything the event causes are committed together or not at all. `order` is the
    order as just saved (with its new version).
    """

    order: Order
    occurred_at: float
