"""Taking stock for an order line: what DOM's `reserveAvailableInventory` does per line (facts section 2).

DOM holds what it can: first on-hand stock at the line's ship nodes (in node order, splitting across nodes),
then, for the rest, future supply that has a date. The verdict the commerce side sees per line: **Allocated**
when on-hand stock covers the whole quantity, **Backordered** when future supply covers the rest,
**Unavailable** when even that falls short. A partial hold is kept (Sterling reserves what is available and
reports the shortfall); the commerce side cancels the reservation or lets it expire.

Holds are taken through a `StockLedger` whose `hold` is atomic and conditional (it refuses rather than
oversells), so a lost race just means re-reading the levels and trying again, a bounded number of times.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from mock_dom.domain.errors import InvalidQuantity
from mock_dom.domain.inventory import StockLevel

ATTEMPTS = 8


class SupplyKind(str, Enum):
    ON_HAND = "on_hand"
    FUTURE = "future"


class LineVerdict(str, Enum):
    """OrderItemStatus/InventoryStatus in AcknowledgeInventoryRequirement."""

    ALLOCATED = "Allocated"
    BACKORDERED = "Backordered"
    UNAVAILABLE = "Unavailable"


@dataclass(frozen=True)
class Hold:
    """Stock held for one line at one node; `available_at` is the supply date of a future hold."""

    location_id: str
    part_number: str
    quantity: float
    supply: SupplyKind = SupplyKind.ON_HAND
    available_at: float | None = None


class StockLedger(Protocol):
    def levels(self, part_number: str, location_ids: Sequence[str]) -> list[StockLevel]:
        """Current levels at these nodes, in the given order (missing nodes left out)."""
        ...

    def hold(self, part_number: str, location_id: str, quantity: float, supply: SupplyKind) -> bool:
        """Atomically add `quantity` to reserved (or future_reserved) if that much is still free."""
        ...

    def release(self, hold: Hold) -> None:
        """Give a hold back (reservation canceled or expired, order canceled)."""
        ...

    def consume(self, hold: Hold) -> None:
        """Stock leaves the node (shipment): on hand and reserved both drop by the hold."""
        ...


@dataclass(frozen=True)
class LineAllocation:
    requested: float
    holds: tuple[Hold, ...]

    @property
    def on_hand_quantity(self) -> float:
        return sum(h.quantity for h in self.holds if h.supply is SupplyKind.ON_HAND)

    @property
    def future_quantity(self) -> float:
        return sum(h.quantity for h in self.holds if h.supply is SupplyKind.FUTURE)

    @property
    def shortfall(self) -> float:
        return max(0.0, self.requested - self.on_hand_quantity - self.future_quantity)

    @property
    def verdict(self) -> LineVerdict:
        return verdict_of(self.requested, self.holds)

    @property
    def available_at(self) -> float | None:
        dates = [h.available_at for h in self.holds if h.supply is SupplyKind.FUTURE and h.available_at]
        return max(dates) if dates else None


def verdict_of(requested: float, holds: Sequence[Hold]) -> LineVerdict:
    on_hand = sum(h.quantity for h in holds if h.supply is SupplyKind.ON_HAND)
    held = sum(h.quantity for h in holds)
    if on_hand >= requested:
        return LineVerdict.ALLOCATED
    if held >= requested:
        return LineVerdict.BACKORDERED
    return LineVerdict.UNAVAILABLE


def allocate(
    ledger: StockLedger,
    part_number: str,
    location_ids: Sequence[str],
    quantity: float,
    *,
    use_future: bool = True,
) -> LineAllocation:
    """Hold up to `quantity` of the item at the nodes: on hand first, then future supply."""
    if quantity <= 0:
        raise InvalidQuantity(f"The quantity {quantity} of {part_number} must be positive.")
    holds: list[Hold] = []
    supplies = (SupplyKind.ON_HAND, SupplyKind.FUTURE) if use_future else (SupplyKind.ON_HAND,)
    for supply in supplies:
        need = quantity - sum(h.quantity for h in holds)
        holds.extend(_take(ledger, part_number, location_ids, need, supply))
    return LineAllocation(quantity, tuple(holds))


def _take(
    ledger: StockLedger, part_number: str, location_ids: Sequence[str], need: float, supply: SupplyKind
) -> list[Hold]:
    taken: list[Hold] = []
    for _ in range(ATTEMPTS):
        if need <= 0:
            break
        contended = False
        for level in ledger.levels(part_number, location_ids):
            free = level.available if supply is SupplyKind.ON_HAND else level.future_available
            take = min(need, free)
            if take <= 0:
                continue
            if not ledger.hold(part_number, level.location_id, take, supply):
                contended = True
                continue
            date = level.future_date if supply is SupplyKind.FUTURE else None
            taken.append(Hold(level.location_id, part_number, take, supply, date))
            need -= take
            if need <= 0:
                break
        if not contended:
            break
    return taken
