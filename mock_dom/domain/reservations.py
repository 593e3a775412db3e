"""Inventory reservations, as DOM keeps them for `ProcessInventoryRequirement` / ReserveInventory.

Sterling's mapping (facts section 2): ReservationID = "WC_" + order id, LineID = "WC_" + order item id,
ItemID = part number, RequiredQty = the line quantity. A reservation lives for a hold time (the mock's
counterpart of STORE.ALLOCATIONGOODFOR / Sterling's reservation expiration) and then expires, giving its
stock back. A second ReserveInventory for the same order replaces the first one (WCS re-prepares a changed
cart), CancelInventoryReservation releases it, and TransferOrder turns it into the order's allocation.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

from mock_dom.domain.allocation import Hold, LineVerdict, StockLedger, SupplyKind, allocate, verdict_of
from mock_dom.domain.locations import Topology

PREFIX = "WC_"


def reservation_id_for(order_id: str) -> str:
    return PREFIX + order_id


def line_id_for(order_item_id: str) -> str:
    return PREFIX + order_item_id


class ReservationState(str, Enum):
    ACTIVE = "active"
    RELEASED = "released"
    EXPIRED = "expired"
    TRANSFERRED = "transferred"


@dataclass(frozen=True)
class ReservationLine:
    order_item_id: str
    part_number: str
    catalog_entry_id: str
    quantity: float
    physical_store_id: str | None = None
    holds: tuple[Hold, ...] = ()

    @property
    def line_id(self) -> str:
        return line_id_for(self.order_item_id)

    @property
    def verdict(self) -> LineVerdict:
        return verdict_of(self.quantity, self.holds)

    @property
    def held_quantity(self) -> float:
        return sum(h.quantity for h in self.holds)

    @property
    def on_hand_quantity(self) -> float:
        return sum(h.quantity for h in self.holds if h.supply is SupplyKind.ON_HAND)

    @property
    def available_at(self) -> float | None:
        dates = [h.available_at for h in self.holds if h.supply is SupplyKind.FUTURE and h.available_at]
        return max(dates) if dates else None


@dataclass(frozen=True)
class Reservation:
    reservation_id: str
    order_id: str
    store_id: str
    created_at: float
    expires_at: float
    lines: tuple[ReservationLine, ...]
    state: ReservationState = ReservationState.ACTIVE

    @property
    def is_active(self) -> bool:
        return self.state is ReservationState.ACTIVE

    def is_expired(self, now: float) -> bool:
        return self.is_active and now >= self.expires_at

    def line_for(self, order_item_id: str) -> ReservationLine | None:
        return next((line for line in self.lines if line.order_item_id == order_item_id), None)

    def holds(self) -> tuple[Hold, ...]:
        return tuple(h for line in self.lines for h in line.holds)

    def ended(self, state: ReservationState) -> Reservation:
        return replace(self, state=state)


def reserve_lines(
    wanted: tuple[ReservationLine, ...], ledger: StockLedger, topology: Topology, store_id: str
) -> tuple[ReservationLine, ...]:
    """Hold stock for each wanted line (see `allocation.allocate` for the partial-stock rule)."""
    reserved = []
    for line in wanted:
        nodes = topology.sourcing_nodes(store_id, line.physical_store_id)
        allocation = allocate(ledger, line.part_number, nodes, line.quantity)
        reserved.append(replace(line, holds=allocation.holds))
    return tuple(reserved)


def release_holds(holds: tuple[Hold, ...], ledger: StockLedger) -> None:
    for hold in holds:
        ledger.release(hold)
