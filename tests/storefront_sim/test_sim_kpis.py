"""KPI arithmetic on hand-made observations."""

from __future__ import annotations

import simpy

from storefront_sim.kpis import compute_kpis, oversold, percentile, ratio
from storefront_sim.monitor import Monitor, OrderOutcome, Sale
from storefront_sim.ports import BodDirection, CapturedBod


def monitor_with_stock(level: float) -> Monitor:
    return Monitor(simpy.Environment(), lambda part, location: level)


def bod(
    bod_type: str, action: str | None = None, order_id: str | None = None, valid: bool = True
) -> CapturedBod:
    return CapturedBod(bod_type, action, BodDirection.TO_DOM, valid, order_id=order_id, at=0.0)


def test_percentile_is_nearest_rank() -> None:
    assert (
        percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50),
        percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90),
    ) == (5, 9)


def test_a_ratio_with_nothing_to_divide_by_is_none() -> None:
    assert (ratio(1, 0), ratio(1, 3)) == (None, 0.3333)


def test_selling_more_allocated_units_than_the_baseline_is_an_oversell() -> None:
    monitor = monitor_with_stock(3.0)
    monitor.touch("SKU-0001", "online")
    monitor.sale(Sale(1.0, "a", "SKU-0001", "online", 2.0, True))
    monitor.sale(Sale(2.0, "b", "SKU-0001", "online", 2.0, True))
    assert oversold(monitor) == {("SKU-0001", "online"): 1.0}


def test_backordered_lines_do_not_count_against_stock() -> None:
    monitor = monitor_with_stock(1.0)
    monitor.touch("SKU-0001", "online")
    monitor.sale(Sale(1.0, "a", "SKU-0001", "online", 5.0, False))
    assert oversold(monitor) == {}


def test_restocking_raises_what_may_be_sold() -> None:
    monitor = monitor_with_stock(1.0)
    monitor.touch("SKU-0001", "online")
    monitor.restock("SKU-0001", "online", 4.0)
    monitor.sale(Sale(1.0, "a", "SKU-0001", "online", 5.0, True))
    assert oversold(monitor) == {}


def test_units_other_channels_take_after_the_baseline_count_against_the_stock() -> None:
    monitor = monitor_with_stock(3.0)
    monitor.other_channel_sale("SKU-0001", "online", 5.0)  # before any shopper: already out of the baseline
    monitor.touch("SKU-0001", "online")
    monitor.other_channel_sale("SKU-0001", "online", 2.0)
    monitor.sale(Sale(1.0, "a", "SKU-0001", "online", 2.0, True))
    assert oversold(monitor) == {("SKU-0001", "online"): 1.0}
    kpis = compute_kpis(monitor, [])
    assert (kpis["other_channel_sales"], kpis["other_channel_units"]) == (2, 7.0)


def test_a_negative_on_hand_sample_is_an_oversell() -> None:
    monitor = monitor_with_stock(1.0)
    monitor.stock_sample("SKU-0001", "online", -1.0)
    assert compute_kpis(monitor, [])["oversell_count"] == 1


def test_stale_availability_counts_failures_after_the_page_showed_available() -> None:
    monitor = monitor_with_stock(1.0)
    monitor.reservation("add_to_cart", "12001", "online", True, False, "_ERR_PROD_NOT_ORDERABLE")
    monitor.reservation("add_to_cart", "12002", "online", True, True, None)
    monitor.reservation("add_to_cart", "12003", "online", False, False, "_ERR_PROD_NOT_ORDERABLE")
    kpis = compute_kpis(monitor, [])
    assert (kpis["stale_availability_events"], kpis["stale_availability_rate"]) == (1, 0.5)


def test_a_repeated_transfer_of_one_order_is_a_retry() -> None:
    monitor = monitor_with_stock(1.0)
    bods = [
        bod("ProcessOrder", "TransferOrder", "7"),
        bod("ProcessOrder", "TransferOrder", "7"),
        bod("ProcessOrder", "TransferOrder", "8"),
        bod("AcknowledgeOrder", "TransferOrder", "8"),
    ]
    kpis = compute_kpis(monitor, bods)
    assert (kpis["transfer_requests"], kpis["transfer_retries"]) == (3, 1)


def test_dom_calls_per_order_count_order_requests_per_placed_order() -> None:
    monitor = monitor_with_stock(1.0)
    monitor.order(OrderOutcome(1.0, 0, "7", True, None, "done"))
    bods = [
        bod("ProcessInventoryRequirement", "ReserveInventory"),
        bod("AcknowledgeInventoryRequirement"),
        bod("ProcessOrder", "TransferOrder", "7"),
        bod("GetInventoryAvailability"),
    ]
    assert compute_kpis(monitor, bods)["dom_calls_per_order"] == 2.0


def test_bod_conformance_is_counted_per_type() -> None:
    kpis = compute_kpis(monitor_with_stock(1.0), [bod("SyncOrder"), bod("SyncOrder", valid=False)])
    assert kpis["bods_by_type"] == {"SyncOrder": {"count": 2, "valid": 1, "invalid": 1}}


def test_failure_reasons_are_counted_by_error_key() -> None:
    monitor = monitor_with_stock(1.0)
    for key in ("_ERR_A", "_ERR_B", "_ERR_A"):
        monitor.order(OrderOutcome(1.0, 0, None, False, key, "precheckout"))
    assert compute_kpis(monitor, [])["order_failure_reasons"] == {"_ERR_A": 2, "_ERR_B": 1}
