"""The SimPy processes on their own: arrivals, the DOM side, one shopper."""

from __future__ import annotations

import random

import simpy

from storefront_sim.dom_side import dom_outages, fulfillment_driver, warehouse_restocker
from storefront_sim.monitor import Monitor, Sale
from storefront_sim.scenario import Scenario, scenario_from_mapping
from storefront_sim.sources import arrivals, rate_per_second


class RecordingDom:
    def __init__(self, env: simpy.Environment) -> None:
        self.env = env
        self.calls: list[tuple[float, str, object]] = []

    def set_outage(self, down: bool) -> None:
        self.calls.append((self.env.now, "outage", down))

    def tick(self) -> None:
        self.calls.append((self.env.now, "tick", None))

    def on_hand(self, part: str, location: str) -> float:
        return 2.0

    def replenish(self, part: str, location: str, quantity: float) -> None:
        self.calls.append((self.env.now, "replenish", (part, location, quantity)))


def started_shoppers(env: simpy.Environment, scenario: Scenario, limit: int | None) -> list[float]:
    times: list[float] = []

    def start(number: int) -> simpy.Event:
        times.append(env.now)
        return env.timeout(0)

    env.run(until=env.process(arrivals(env, scenario, random.Random(1), start, limit=limit)))
    return times


def test_arrivals_stop_after_the_requested_number_of_shoppers(
    env: simpy.Environment, quiet_day: Scenario
) -> None:
    assert len(started_shoppers(env, quiet_day, 25)) == 25


def test_arrivals_stop_at_the_end_of_the_window_without_a_count(env: simpy.Environment) -> None:
    scenario = scenario_from_mapping({"duration_s": 600.0, "arrivals": {"rate_per_min": 6.0}})
    times = started_shoppers(env, scenario, None)
    assert times
    assert max(times) < 600.0


def test_no_one_arrives_in_an_hour_whose_multiplier_is_zero(env: simpy.Environment) -> None:
    profile = [1.0] * 24
    profile[9] = 0.0  # the scenario starts at 09:00
    scenario = scenario_from_mapping({"arrivals": {"rate_per_min": 5.0, "daily_profile": profile}})
    assert min(started_shoppers(env, scenario, 20)) >= 3600.0


def test_the_rate_follows_the_daily_profile(quiet_day: Scenario) -> None:
    assert rate_per_second(quiet_day.arrivals, 19.5) == quiet_day.arrivals.rate_per_min * 1.8 / 60


def test_the_dom_goes_down_and_comes_back_on_its_outage_window(env: simpy.Environment) -> None:
    dom, scenario = RecordingDom(env), scenario_from_mapping({"dom": {"outages": [[600.0, 600.0]]}})
    monitor = Monitor(env, dom.on_hand)
    env.process(dom_outages(env, dom, scenario.dom, monitor))  # type: ignore[arg-type]
    env.run()
    assert dom.calls == [(600.0, "outage", True), (1200.0, "outage", False)]


def test_the_fulfillment_driver_ticks_the_dom_every_tick_interval(env: simpy.Environment) -> None:
    dom, scenario = RecordingDom(env), scenario_from_mapping({"dom": {"tick_s": 30.0}})
    env.process(fulfillment_driver(env, dom, scenario.dom))  # type: ignore[arg-type]
    env.run(until=100)
    assert [t for t, _, _ in dom.calls] == [30.0, 60.0, 90.0]


def test_the_restocker_refills_items_that_sold_and_ran_low(env: simpy.Environment) -> None:
    dom = RecordingDom(env)
    scenario = scenario_from_mapping(
        {"dom": {"replenish_interval_s": 100.0, "replenish_below": 5.0, "replenish_quantity": 30.0}}
    )
    monitor = Monitor(env, dom.on_hand)
    monitor.sale(Sale(0.0, "1", "SKU-0003", "online", 1.0, True))
    env.process(warehouse_restocker(env, dom, scenario.dom, monitor))  # type: ignore[arg-type]
    env.run(until=250)
    assert dom.calls == [(100.0, "replenish", ("SKU-0003", "online", 30.0))]


def test_restocks_after_the_first_touch_raise_the_ledger_bound(env: simpy.Environment, fake: tuple) -> None:
    _, dom = fake
    monitor = Monitor(env, dom.on_hand)
    monitor.touch("SKU-0001", "online")
    monitor.restock("SKU-0001", "online", 10.0)
    assert monitor.restocked_after_baseline[("SKU-0001", "online")] == 10.0
