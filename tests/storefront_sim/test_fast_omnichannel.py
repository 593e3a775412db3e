"""Fast mode, scenario omnichannel: store tills and a marketplace sell from DOM's stock, DOM pushes no
availability, so the commerce cache expiry trades DOM calls against stale availability.

The sweep is small (a couple of hundred shoppers, the scenario's seed) but long enough for the other channels
to sell items out while the cache still shows them Available.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import simpy

from storefront_sim import fast
from storefront_sim.adapters import adapter_dom, adapter_storefront
from storefront_sim.ports import ONLINE, BodDirection
from storefront_sim.results import SimResult
from storefront_sim.scenario import load_scenario
from storefront_sim.sweep import parse_sweep, run_sweep

SHOPPERS = 200
SHORT, LONG = 0.0, 1800.0  # seconds of cache expiry: always ask DOM / keep an answer half an hour


def sweep_over_expiry(**overrides: float) -> dict[float, SimResult]:
    scenario = load_scenario("omnichannel")
    for path, value in overrides.items():
        scenario = scenario.with_value(path.replace("__", "."), value)
    points = run_sweep(
        scenario,
        [parse_sweep(f"expiry={SHORT:g},{LONG:g}")],
        adapter_storefront,
        adapter_dom,
        shoppers=SHOPPERS,
    )
    return {dict(point.settings)["expiry"]: point.result for point in points}


@pytest.fixture(scope="module")
def by_expiry() -> dict[float, SimResult]:
    return sweep_over_expiry()


def test_every_run_of_the_sweep_keeps_the_invariants(by_expiry: dict[float, SimResult]) -> None:
    assert [result.violations for result in by_expiry.values()] == [[], []]


def test_a_longer_expiry_asks_dom_far_less_often(by_expiry: dict[float, SimResult]) -> None:
    short, long = by_expiry[SHORT].kpis, by_expiry[LONG].kpis
    assert long["dom_calls_per_lookup"] < short["dom_calls_per_lookup"] / 2


def test_a_longer_expiry_shows_shoppers_sold_out_items_as_available_more_often(
    by_expiry: dict[float, SimResult],
) -> None:
    short, long = by_expiry[SHORT].kpis, by_expiry[LONG].kpis
    assert long["stale_availability_events"] > short["stale_availability_events"]
    assert long["stale_availability_rate"] >= 2 * short["stale_availability_rate"]


def test_the_other_channels_are_what_the_long_expiry_hides(by_expiry: dict[float, SimResult]) -> None:
    without = sweep_over_expiry(
        other_channels__store_sales_per_min=0.0, other_channels__online_orders_per_min=0.0
    )
    assert without[LONG].kpis["stale_availability_rate"] < by_expiry[LONG].kpis["stale_availability_rate"]
    assert without[LONG].kpis["other_channel_units"] == 0 < by_expiry[LONG].kpis["other_channel_units"]


# --- the DomControl operations the scenario uses, in process ----------------------------------------------


@pytest.fixture
def dom() -> Iterator[fast.FastDom]:
    env = simpy.Environment()
    opened = fast.open_dom(load_scenario("quiet_day"), env)
    try:
        yield opened
    finally:
        opened.close()


def test_a_store_sale_takes_at_most_what_the_store_holds(dom: fast.FastDom) -> None:
    held = dom.on_hand("SKU-0001", "20002")  # 4 units in the seed
    assert held > 0
    assert dom.withdraw("SKU-0001", "20002", held + 5) == held
    assert dom.on_hand("SKU-0001", "20002") == 0
    assert dom.withdraw("SKU-0001", "20002", 1) == 0


def test_an_online_order_takes_from_both_fulfillment_centers(dom: fast.FastDom) -> None:
    before = dom.on_hand("SKU-0001", ONLINE)  # 67 at 10001 + 53 at 10002 in the seed
    assert dom.withdraw("SKU-0001", ONLINE, 100) == 100
    assert dom.on_hand("SKU-0001", ONLINE) == before - 100


def availability_pushes(dom: fast.FastDom) -> int:
    return sum(
        1
        for bod in dom.captured_bods()
        if bod.type == "SyncInventoryAvailability" and bod.direction is BodDirection.TO_COMMERCE
    )


def test_with_availability_pushes_off_a_sell_out_reaches_commerce_only_when_on(dom: fast.FastDom) -> None:
    dom.withdraw("SKU-0001", "20002", 100)  # sold out in the store: DOM pushes the new status
    dom.tick()
    pushed = availability_pushes(dom)
    assert pushed > 0
    dom.set_availability_pushes(False)
    dom.withdraw("SKU-0002", "20002", 100)
    dom.tick()
    assert availability_pushes(dom) == pushed
