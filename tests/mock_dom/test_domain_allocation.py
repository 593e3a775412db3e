"""Holding stock for a line: full, split, partial, backordered, unavailable, never oversold."""

from __future__ import annotations

import pytest

from mock_dom.domain.allocation import LineVerdict, SupplyKind, allocate
from mock_dom.domain.errors import InvalidQuantity

FCS = ("10001", "10002")


def test_line_covered_by_one_node_is_allocated_there(ledger) -> None:
    found = allocate(ledger, "SKU-0001", FCS, 4)
    assert found.verdict is LineVerdict.ALLOCATED
    assert [(h.location_id, h.quantity) for h in found.holds] == [("10001", 4)]
    assert ledger.level("SKU-0001", "10001").reserved == 4


def test_line_larger_than_one_node_is_split_across_fulfillment_centers(ledger) -> None:
    found = allocate(ledger, "SKU-0001", FCS, 7)
    assert [(h.location_id, h.quantity) for h in found.holds] == [("10001", 5), ("10002", 2)]
    assert found.verdict is LineVerdict.ALLOCATED


def test_line_beyond_stock_holds_what_there_is_and_is_unavailable(ledger) -> None:
    found = allocate(ledger, "SKU-0001", FCS, 10)
    assert found.verdict is LineVerdict.UNAVAILABLE
    assert found.on_hand_quantity == 8
    assert found.shortfall == 2


def test_line_covered_by_future_supply_is_backordered_with_its_date(ledger, clock) -> None:
    found = allocate(ledger, "SKU-0025", FCS, 3)
    assert found.verdict is LineVerdict.BACKORDERED
    assert found.holds[0].supply is SupplyKind.FUTURE
    assert found.available_at == ledger.level("SKU-0025", "10001").future_date
    assert ledger.level("SKU-0025", "10001").future_reserved == 3


def test_future_supply_is_not_promised_twice(ledger) -> None:
    allocate(ledger, "SKU-0025", FCS, 8)
    assert allocate(ledger, "SKU-0025", FCS, 3).verdict is LineVerdict.UNAVAILABLE


def test_out_of_stock_line_holds_nothing(ledger) -> None:
    found = allocate(ledger, "SKU-0050", FCS, 1)
    assert found.holds == ()
    assert found.verdict is LineVerdict.UNAVAILABLE


def test_a_non_positive_quantity_is_refused(ledger) -> None:
    with pytest.raises(InvalidQuantity):
        allocate(ledger, "SKU-0001", FCS, 0)


class RacingLedger:
    """Another buyer takes 3 units between our read and our first hold."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.raced = False

    def levels(self, part_number, location_ids):
        return self.inner.levels(part_number, location_ids)

    def hold(self, part_number, location_id, quantity, supply):
        if not self.raced:
            self.raced = True
            self.inner.hold(part_number, location_id, 3, supply)
        return self.inner.hold(part_number, location_id, quantity, supply)


def test_a_lost_race_rereads_the_stock_instead_of_overselling(ledger) -> None:
    found = allocate(RacingLedger(ledger), "SKU-0001", ("10001",), 5)
    assert found.on_hand_quantity == 2
    assert ledger.level("SKU-0001", "10001").reserved == 5
