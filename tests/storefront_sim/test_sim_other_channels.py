"""The other channels on their own: the scenario table, the sales process, and what a scenario without them
leaves alone."""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

import pytest
import simpy

from storefront_sim.adapter_common import withdrawal
from storefront_sim.catalog import ItemPicker
from storefront_sim.dom_side import other_channel_sales, start_other_channels
from storefront_sim.errors import ScenarioError
from storefront_sim.monitor import Monitor
from storefront_sim.ports import ONLINE
from storefront_sim.scenario import OtherChannels, list_scenarios, load_scenario, scenario_from_mapping


class SellingDom:
    """Records every sale asked of it; each item holds `stock` units at a store and `online` units online."""

    def __init__(self, stock: float = 3.0, online: float = 3.0) -> None:
        self.taken: Counter[tuple[str, str]] = Counter()
        self.initial = {"store": stock, "online": online}
        self.sales: list[tuple[str, str, float]] = []
        self.pushes: list[bool] = []

    def on_hand(self, part: str, location: str) -> float:
        held = self.initial["online" if location == ONLINE else "store"]
        return held - self.taken[(part, location)]

    def withdraw(self, part: str, location: str, quantity: float) -> float:
        taken = min(quantity, self.on_hand(part, location))
        self.taken[(part, location)] += taken
        self.sales.append((part, location, taken))
        return taken

    def set_availability_pushes(self, on: bool) -> None:
        self.pushes.append(on)


def run_sales(channels: OtherChannels, dom: SellingDom | None = None) -> tuple[SellingDom, Monitor]:
    env = simpy.Environment()
    dom = dom or SellingDom()
    monitor = Monitor(env, dom.on_hand)
    picker = ItemPicker(1, 20, 1.0)
    rng = random.Random(3)
    env.process(other_channel_sales(env, dom, channels, picker, rng, monitor))  # type: ignore[arg-type]
    env.run(until=3600)
    return dom, monitor


def test_sales_arrive_at_the_configured_rate_and_places() -> None:
    dom, _ = run_sales(OtherChannels(store_sales_per_min=4.0, stores=("20002",), online_orders_per_min=2.0))
    places = Counter(location for _, location, _ in dom.sales)
    assert set(places) == {"20002", ONLINE}
    assert 0.8 * 360 < len(dom.sales) < 1.2 * 360  # six a minute for an hour, Poisson
    assert places["20002"] > places[ONLINE]  # the tills sell twice as often


def test_only_sales_that_found_stock_count_for_restocking() -> None:
    channels = OtherChannels(store_sales_per_min=3.0, online_orders_per_min=3.0)
    dom, monitor = run_sales(channels, SellingDom(stock=2.0, online=0.0))
    assert {location for _, location, _ in dom.sales} >= {ONLINE}  # online orders came, found nothing
    sold = {(part, location) for part, location, taken in dom.sales if taken > 0}
    assert sold
    assert all(location != ONLINE for _, location in sold)
    assert monitor.sold_since_restock == sold
    assert len(monitor.other_sales) == len([taken for _, _, taken in dom.sales if taken > 0])


def started(scenario_name: str, until: float) -> SellingDom:
    """A SellingDom after the scenario's other channels (if any) ran for `until` simulated seconds."""
    env, dom = simpy.Environment(), SellingDom()
    monitor = Monitor(env, dom.on_hand)
    start_other_channels(env, load_scenario(scenario_name), dom, monitor, random.Random(1))  # type: ignore[arg-type]
    env.run(until=until)
    return dom


def test_a_scenario_without_other_channels_leaves_the_dom_alone() -> None:
    dom = started("quiet_day", 3600)
    assert (dom.sales, dom.pushes) == ([], [])


def test_the_omnichannel_scenario_turns_pushes_off_and_sells() -> None:
    dom = started("omnichannel", 600)
    assert dom.pushes == [False]
    assert dom.sales


@pytest.mark.parametrize("name", [n for n in list_scenarios() if n != "omnichannel"])
def test_the_other_shipped_scenarios_have_no_other_channels(name: str) -> None:
    scenario = load_scenario(name)
    assert (scenario.other_channels.rate_per_min, scenario.dom.availability_pushes) == (0.0, True)


def test_the_other_channels_table_is_read_from_toml() -> None:
    scenario = scenario_from_mapping(
        {
            "dom": {"availability_pushes": False},
            "other_channels": {"store_sales_per_min": 3.0, "stores": ["20001"], "quantity_weights": [1.0]},
        }
    )
    assert scenario.other_channels == OtherChannels(3.0, ("20001",), 0.0, (1.0,))
    assert scenario.dom.availability_pushes is False


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"other_channels": {"online_orders_per_min": -1.0}}, "negative"),
        ({"other_channels": {"store_sales_per_min": 1.0, "stores": ["20009"]}}, "seeded physical stores"),
        ({"other_channels": {"store_sales_per_min": 1.0, "stores": [20001]}}, "as strings"),
        ({"other_channels": {"store_sales_per_min": 1.0, "stores": []}}, "seeded physical stores"),
        ({"other_channels": {"quantity_weights": []}}, "quantity_weights"),
        ({"other_channels": {"quantity_weights": [0.0, -1.0]}}, "quantity_weights"),
        ({"other_channels": {"rate": 1.0}}, "unknown keys: rate"),
        ({"dom": {"availability_pushes": "no"}}, "true or false"),
    ],
)
def test_a_wrong_other_channels_setting_is_refused(table: dict[str, Any], message: str) -> None:
    with pytest.raises(ScenarioError, match=message):
        scenario_from_mapping(table)


def test_a_sweep_can_set_an_other_channel_rate() -> None:
    changed = load_scenario("omnichannel").with_value("other_channels.store_sales_per_min", "5")
    assert changed.other_channels.store_sales_per_min == 5.0


@pytest.mark.parametrize(
    ("available", "location", "quantity", "plan"),
    [
        ({"10001": 3.0, "10002": 5.0}, ONLINE, 6.0, [("10001", 3.0), ("10002", 3.0)]),
        ({"10001": 0.0, "10002": 5.0}, ONLINE, 2.0, [("10002", 2.0)]),
        ({"20001": 1.0}, "20001", 4.0, [("20001", 1.0)]),
        ({"20001": -2.0}, "20001", 1.0, []),
        ({}, "20003", 1.0, []),
    ],
)
def test_a_withdrawal_takes_from_each_stock_location_what_it_can_promise(
    available: dict[str, float], location: str, quantity: float, plan: list[tuple[str, float]]
) -> None:
    assert withdrawal(available, location, quantity) == plan
