"""The RTAM status rule and online-store summing (facts section 2)."""

from __future__ import annotations

from bods.messages import InventoryStatus
from mock_dom.domain.inventory import Availability, StockLevel, availability_of

LATER = 1_715_000_000.0


def test_stock_free_on_hand_is_available() -> None:
    found = availability_of([StockLevel("P", "1", on_hand=10, reserved=4)])
    assert found == Availability(InventoryStatus.AVAILABLE, 6.0)


def test_fully_reserved_stock_with_dated_future_supply_is_backorderable() -> None:
    level = StockLevel("P", "1", on_hand=4, reserved=4, future_quantity=20, future_date=LATER)
    assert availability_of([level]) == Availability(InventoryStatus.BACKORDERABLE, 0.0, LATER)


def test_future_supply_without_a_date_does_not_make_an_item_backorderable() -> None:
    assert availability_of([StockLevel("P", "1", future_quantity=20)]).status is InventoryStatus.UNAVAILABLE


def test_future_supply_fully_promised_is_unavailable() -> None:
    level = StockLevel("P", "1", future_quantity=5, future_reserved=5, future_date=LATER)
    assert availability_of([level]).status is InventoryStatus.UNAVAILABLE


def test_no_stock_at_all_is_unavailable() -> None:
    assert availability_of([StockLevel("P", "1")]) == Availability(InventoryStatus.UNAVAILABLE, 0.0)


def test_online_store_availability_is_the_sum_over_its_fulfillment_centers() -> None:
    levels = [StockLevel("P", "10001", on_hand=5, reserved=1), StockLevel("P", "10002", on_hand=3)]
    assert availability_of(levels).quantity == 7.0


def test_over_reserved_node_counts_as_zero_not_negative() -> None:
    levels = [StockLevel("P", "10001", on_hand=1, reserved=3), StockLevel("P", "10002", on_hand=2)]
    assert availability_of(levels).quantity == 2.0


def test_earliest_future_date_over_several_nodes_is_reported() -> None:
    levels = [
        StockLevel("P", "10001", future_quantity=1, future_date=LATER + 100),
        StockLevel("P", "10002", future_quantity=1, future_date=LATER),
    ]
    assert availability_of(levels).available_at == LATER


def test_availability_offset_counts_seconds_until_the_supply_date() -> None:
    found = Availability(InventoryStatus.BACKORDERABLE, 0.0, LATER)
    assert found.offset_from(LATER - 3600) == 3600
    assert found.offset_from(LATER + 10) == 0
