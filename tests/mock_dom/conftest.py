"""Fixtures for the mock DOM's domain, storage, services, pushes and BOD handler tests."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pytest

from mock_dom.clock import ManualClock
from mock_dom.domain.allocation import Hold, SupplyKind
from mock_dom.domain.inventory import StockLevel
from mock_dom.domain.locations import Location, LocationKind, Topology

DAY = 86_400.0


class InMemoryLedger:
    """A StockLedger over a dict, for domain tests: same conditional-hold contract as the database one."""

    def __init__(self, levels: Sequence[StockLevel] = ()) -> None:
        self.stock = {(lv.part_number, lv.location_id): lv for lv in levels}

    def levels(self, part_number: str, location_ids: Sequence[str]) -> list[StockLevel]:
        return [self.stock[(part_number, loc)] for loc in location_ids if (part_number, loc) in self.stock]

    def level(self, part_number: str, location_id: str) -> StockLevel:
        return self.stock[(part_number, location_id)]

    def hold(self, part_number: str, location_id: str, quantity: float, supply: SupplyKind) -> bool:
        level = self.stock.get((part_number, location_id))
        if level is None:
            return False
        if supply is SupplyKind.ON_HAND:
            if level.available < quantity:
                return False
            level = replace(level, reserved=level.reserved + quantity)
        else:
            if level.future_available < quantity:
                return False
            level = replace(level, future_reserved=level.future_reserved + quantity)
        self.stock[(part_number, location_id)] = level
        return True

    def release(self, hold: Hold) -> None:
        level = self.stock[(hold.part_number, hold.location_id)]
        if hold.supply is SupplyKind.ON_HAND:
            level = replace(level, reserved=level.reserved - hold.quantity)
        else:
            level = replace(level, future_reserved=level.future_reserved - hold.quantity)
        self.stock[(hold.part_number, hold.location_id)] = level

    def consume(self, hold: Hold) -> None:
        level = self.stock[(hold.part_number, hold.location_id)]
        self.stock[(hold.part_number, hold.location_id)] = replace(
            level, on_hand=level.on_hand - hold.quantity, reserved=level.reserved - hold.quantity
        )


@pytest.fixture
def topology() -> Topology:
    return Topology(
        (
            Location("10101", LocationKind.ONLINE_STORE, "AuroraESite"),
            Location("10001", LocationKind.FULFILLMENT_CENTER, "FC-10001", "10101"),
            Location("10002", LocationKind.FULFILLMENT_CENTER, "FC-10002", "10101"),
            Location("20001", LocationKind.PHYSICAL_STORE, "Store-20001"),
            Location("20002", LocationKind.PHYSICAL_STORE, "Store-20002"),
        )
    )


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def ledger(clock: ManualClock) -> InMemoryLedger:
    soon = clock.now() + 7 * DAY
    return InMemoryLedger(
        [
            StockLevel("SKU-0001", "10001", on_hand=5),
            StockLevel("SKU-0001", "10002", on_hand=3),
            StockLevel("SKU-0001", "20001", on_hand=2),
            StockLevel("SKU-0025", "10001", future_quantity=10, future_date=soon),
            StockLevel("SKU-0025", "10002"),
            StockLevel("SKU-0050", "10001"),
            StockLevel("SKU-0050", "10002"),
        ]
    )
