"""The storefront simulation: shoppers arriving at a store whose inventory lives in a DOM.

Covers: a Poisson source shaped by the hour of day, shopper processes walking the shared journey, and the DOM
side (restocking, outages, fulfillment ticks, stock watching, other channels selling), all against the
`Storefront` and `DomControl` ports. The same model runs on `simpy.Environment` with in-process adapters
(fast) or on `simpy.rt.RealtimeEnvironment` with HTTP adapters against running servers (live).

Randomness: one `random.Random` per concern (arrivals, each shopper), each seeded from the scenario's seed and
the concern's name, so a seed and a deterministic storefront always give the same KPIs.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable
from typing import Any

from storefront_sim.catalog import ItemPicker
from storefront_sim.dom_side import (
    dom_outages,
    fulfillment_driver,
    start_other_channels,
    stock_watcher,
    warehouse_restocker,
)
from storefront_sim.invariants import evaluate_invariants
from storefront_sim.journeys import shopper_journey
from storefront_sim.kpis import compute_kpis, outage_windows, timings
from storefront_sim.monitor import MeasuredStorefront, Monitor
from storefront_sim.ports import DomControl, Storefront
from storefront_sim.results import SimResult
from storefront_sim.scenario import Scenario
from storefront_sim.series import stock_series, time_series
from storefront_sim.shopper import Habits, shopper
from storefront_sim.sources import arrivals

Progress = Callable[[int, "int | None", float], None]  # (sessions finished, expected or None, env.now)
PROGRESS_EVERY_S = 60.0  # simulated seconds between progress reports


def stream(seed: int, concern: str) -> random.Random:
    """An independent random stream for one concern of the run (string seeds are hashed with SHA-512)."""
    return random.Random(f"{seed}:{concern}")


def habits_for(scenario: Scenario) -> Habits:
    c = scenario.catalog
    picker = ItemPicker(c.first_sku, c.size, c.zipf_exponent, c.hot_skus, c.hot_share)
    return Habits(picker, scenario.session, scenario.think.review_order_s)


def progress_reporter(env: Any, monitor: Monitor, expected: int | None, progress: Progress) -> Any:
    """Tells the caller how far the run is, once per simulated minute."""
    while True:
        progress(monitor.finished, expected, env.now)
        yield env.timeout(PROGRESS_EVERY_S)


def start_dom_side(env: Any, scenario: Scenario, dom: DomControl, monitor: Monitor) -> None:
    dom.set_latency(scenario.dom.latency_s)
    env.process(warehouse_restocker(env, dom, scenario.dom, monitor))
    env.process(dom_outages(env, dom, scenario.dom, monitor))
    env.process(fulfillment_driver(env, dom, scenario.dom))
    env.process(stock_watcher(env, dom, scenario.dom, monitor))
    start_other_channels(env, scenario, dom, monitor, stream(scenario.random_seed, "other-channels"))


def run_model(
    env: Any,
    scenario: Scenario,
    storefront: Storefront,
    dom: DomControl,
    *,
    shoppers: int | None = None,
    progress: Progress | None = None,
) -> SimResult:
    """Run one scenario to the end and return its result.

    `shoppers` fixes the number of visits (default: the scenario's `shoppers`, else arrivals for
    `duration_s`); the run ends when the last visit has ended. The DOM is left reachable afterwards.
    """
    monitor = Monitor(env, dom.on_hand)
    measured = MeasuredStorefront(storefront, monitor)
    journey, habits = shopper_journey(scenario), habits_for(scenario)
    expected = shoppers if shoppers is not None else scenario.shoppers
    start_dom_side(env, scenario, dom, monitor)

    def start_shopper(number: int) -> Any:
        rng = stream(scenario.random_seed, f"shopper-{number}")
        return env.process(shopper(env, number, journey, measured, rng, monitor, habits))

    source = env.process(
        arrivals(env, scenario, stream(scenario.random_seed, "arrivals"), start_shopper, limit=expected)
    )
    if progress is not None:
        env.process(progress_reporter(env, monitor, expected, progress))
    env.run(until=source)
    if monitor.outages and monitor.outages[-1].down:
        dom.set_outage(False)
    if progress is not None:
        progress(monitor.finished, expected, env.now)
    return build_result(scenario, monitor, dom.captured_bods(), env.now, gaps=dom.journal_gaps())


def build_result(
    scenario: Scenario, monitor: Monitor, bods: list[Any], end: float, *, gaps: list[str] | None = None
) -> SimResult:
    """Aggregate the observations into a SimResult and check the invariants against it."""
    result = SimResult(
        scenario=scenario.name,
        seed=scenario.random_seed,
        sim_seconds=round(end, 3),
        kpis=compute_kpis(monitor, bods),
        series=time_series(monitor, bods, end),
        stock=stock_series(monitor),
        outages=tuple(outage_windows(monitor, end)),
        bods=tuple(bods),
        orders=tuple(monitor.orders),
        shipments=tuple(monitor.shipments),
        timings=timings(monitor),
        journal_gaps=tuple(gaps or ()),
    )
    return dataclasses.replace(result, invariants=evaluate_invariants(result))
