"""DOM orders and their WCS status codes.

An order arrives by ProcessOrder TransferOrder (Sterling `createOrder`, facts section 2) and then moves
through the fulfillment lifecycle (see `lifecycle`): created -> scheduled -> released -> shipped, or
backordered while some line waits for stock, or canceled. Only the states WCS has a code for are synchronised
back with SyncOrder Change (facts section 4, Sterling mapping): backordered **B** (MaxOrderStatus 1300/1400),
released **R** (3200..3699), shipped **S** with its items **D**, canceled **X**. Created and scheduled have no
WCS code.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import Enum

from mock_dom.domain.allocation import Hold, SupplyKind


class OrderState(str, Enum):
    CREATED = "created"
    SCHEDULED = "scheduled"
    BACKORDERED = "backordered"
    RELEASED = "released"
    SHIPPED = "shipped"
    CANCELED = "canceled"

    @property
    def is_final(self) -> bool:
        return self in (OrderState.SHIPPED, OrderState.CANCELED)


WCS_ORDER_STATUS: dict[OrderState, str] = {
    OrderState.BACKORDERED: "B",
    OrderState.RELEASED: "R",
    OrderState.SHIPPED: "S",
    OrderState.CANCELED: "X",
}


def wcs_item_status(state: OrderState) -> str | None:
    """Item status sent with an order status: shipped items are D (deposited), others share the order's
    code."""
    return "D" if state is OrderState.SHIPPED else WCS_ORDER_STATUS.get(state)


@dataclass(frozen=True)
class Shipment:
    carrier: str
    tracking_number: str
    shipped_at: float


@dataclass(frozen=True)
class OrderLine:
    order_item_id: str
    part_number: str
    catalog_entry_id: str
    quantity: float
    physical_store_id: str | None = None
    unit_price: float | None = None
    holds: tuple[Hold, ...] = ()

    @property
    def shortfall(self) -> float:
        return max(0.0, self.quantity - sum(h.quantity for h in self.holds))

    @property
    def is_ready(self) -> bool:
        """All of the quantity is held in on-hand stock, so the line can be released to the warehouse."""
        on_hand = sum(h.quantity for h in self.holds if h.supply is SupplyKind.ON_HAND)
        return on_hand >= self.quantity


@dataclass(frozen=True)
class DomOrder:
    order_id: str
    external_order_id: str
    store_id: str
    state: OrderState
    created_at: float
    updated_at: float
    lines: tuple[OrderLine, ...]
    next_due_at: float | None = None
    store_name: str | None = None
    buyer_id: str | None = None
    buyer_logon_id: str | None = None
    placed_date: str | None = None
    currency: str | None = None
    total: float | None = None
    ship_as_complete: bool | None = None
    reservation_id: str | None = None
    shipment: Shipment | None = None

    @property
    def is_ready(self) -> bool:
        return all(line.is_ready for line in self.lines)

    def holds(self) -> tuple[Hold, ...]:
        return tuple(h for line in self.lines for h in line.holds)

    def moved(self, state: OrderState, now: float, next_due_at: float | None) -> DomOrder:
        return replace(self, state=state, updated_at=now, next_due_at=next_due_at)


def external_order_id_for(order_id: str, now: float) -> str:
    """DOM's own key for the order, shaped like a Sterling OrderHeaderKey (timestamp + order number)."""
    return datetime.fromtimestamp(now, tz=UTC).strftime("%Y%m%d%H%M%S") + order_id


def tracking_number_for(order_id: str) -> str:
    """A deterministic, carrier-looking tracking number (same order -> same number in every run)."""
    return "1Z" + hashlib.sha1(order_id.encode()).hexdigest()[:16].upper()
