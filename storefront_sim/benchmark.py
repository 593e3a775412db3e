"""`domh bench sim`: shopper sessions per wall-clock second, full model vs a bare SimPy model.

(a) bare: the same arrival source, journey walk and think times, but window shoppers who call nothing and
record nothing; (b) full: `run_model` with a storefront and DOM from the given factories (default: the fast
adapters, i.e. the real commerce and mock DOM services in process with every exchange encoded, validated and
decoded by `bods`; pass `null_storefront`/`null_dom` to measure the model alone). Both run in batches of
shoppers until the time budget is spent; the ratio full/bare says how much the model and the storefront cost
on top of SimPy itself.
Targets for fast mode: at least 2000 sessions/s and at least 0.1 of bare.

With `breakdown` (the default) one more full batch runs with a stack sampler and the result says where a
session's time goes, layer by layer (`session_costs`), with the SQL statements and BODs a session costs;
from that batch's documents and statement count it also measures the floor under a session
(`session_floor`), which says whether a target is within reach of tuning at all.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import simpy

from storefront_sim.adapters import (
    DomFactory,
    StorefrontFactory,
    adapter_dom,
    adapter_storefront,
    close,
)
from storefront_sim.journeys import shopper_journey
from storefront_sim.model import run_model, stream
from storefront_sim.results import SimResult
from storefront_sim.scenario import Scenario, load_scenario
from storefront_sim.session_costs import LAYERS, SessionCosts, can_sample, sample_batch
from storefront_sim.session_floor import REPEATS, SessionFloor, session_floor
from storefront_sim.shopper import window_shopper
from storefront_sim.sources import arrivals

BATCH_SHOPPERS = 500  # shoppers per measured run
MAX_BATCHES = 1000  # bound on runs per subject, whatever the budget
TARGET_SESSIONS_PER_S = 2000.0
TARGET_RATIO = 0.1


def bare_batch(scenario: Scenario, batch: int, shoppers: int) -> int:
    """One bare run: arrivals and think times only. Returns the sessions completed."""
    env, done = simpy.Environment(), []
    journey, seed = shopper_journey(scenario), scenario.random_seed + batch

    def start(number: int) -> Any:
        return env.process(window_shopper(env, number, journey, stream(seed, f"shopper-{number}"), done))

    env.run(until=env.process(arrivals(env, scenario, stream(seed, "arrivals"), start, limit=shoppers)))
    return len(done)


def full_run(
    scenario: Scenario,
    batch: int,
    shoppers: int,
    storefront_factory: StorefrontFactory,
    dom_factory: DomFactory,
) -> SimResult:
    """One full run of the model against fresh adapters."""
    env = simpy.Environment()
    dom = dom_factory("fast", scenario, env)
    storefront = storefront_factory("fast", scenario, env, dom)
    try:
        seeded = scenario.with_value("random_seed", scenario.random_seed + batch)
        return run_model(env, seeded, storefront, dom, shoppers=shoppers)
    finally:
        close(storefront, dom)


def full_batch(
    scenario: Scenario,
    batch: int,
    shoppers: int,
    storefront_factory: StorefrontFactory,
    dom_factory: DomFactory,
) -> int:
    """One full run. Returns the sessions completed."""
    result = full_run(scenario, batch, shoppers, storefront_factory, dom_factory)
    return int(result.kpis["sessions_finished"])


def measure(batch_run: Callable[[int], int], seconds: float) -> dict[str, float]:
    """Run batches until `seconds` of wall-clock time are spent (at least one batch)."""
    sessions, started = 0, time.perf_counter()
    for batch in range(MAX_BATCHES):
        sessions += batch_run(batch)
        if time.perf_counter() - started >= seconds:
            break
    wall = time.perf_counter() - started
    return {"sessions": sessions, "wall_s": round(wall, 3), "sessions_per_s": round(sessions / wall, 1)}


def run(
    seconds: float = 3.0,
    *,
    scenario: str = "flash_sale",
    shoppers: int = BATCH_SHOPPERS,
    storefront_factory: StorefrontFactory = adapter_storefront,
    dom_factory: DomFactory = adapter_dom,
    breakdown: bool = True,
) -> dict[str, Any]:
    """Measure bare and full sessions/s for `seconds` each and return both with their ratio (and, with
    `breakdown`, where a full session's time goes)."""
    chosen = load_scenario(scenario)
    bare = measure(lambda batch: bare_batch(chosen, batch, shoppers), seconds)
    full = measure(
        lambda batch: full_batch(chosen, batch, shoppers, storefront_factory, dom_factory), seconds
    )
    ratio = full["sessions_per_s"] / bare["sessions_per_s"] if bare["sessions_per_s"] else 0.0
    result = {
        "scenario": scenario,
        "storefront": getattr(storefront_factory, "__name__", str(storefront_factory)),
        "bare": bare,
        "full": full,
        "ratio": round(ratio, 3),
        "targets": {"sessions_per_s": TARGET_SESSIONS_PER_S, "ratio": TARGET_RATIO},
        "meets_targets": full["sessions_per_s"] >= TARGET_SESSIONS_PER_S and ratio >= TARGET_RATIO,
    }
    if breakdown and can_sample():
        sampled: list[SimResult] = []

        def sampled_batch() -> tuple[int, int]:
            sampled.append(full_run(chosen, 0, shoppers, storefront_factory, dom_factory))
            return int(sampled[0].kpis["sessions_finished"]), len(sampled[0].bods)

        costs = sample_batch(sampled_batch)
        result["breakdown"] = breakdown_figures(costs, full["sessions_per_s"])
        documents = [bod.xml for bod in sampled[0].bods if bod.xml]
        floor = session_floor(bare["sessions_per_s"], documents, costs.sessions, costs.sql_per_session)
        result["floor"] = floor_figures(floor)
    return result


def breakdown_figures(costs: SessionCosts, sessions_per_s: float) -> dict[str, Any]:
    """The sampled batch as plain values: per layer its share and microseconds per session."""
    us = costs.us_per_session(sessions_per_s)
    return {
        "sampled_sessions": costs.sessions,
        "samples": costs.samples,
        "us_per_session": round(1e6 / sessions_per_s, 1) if sessions_per_s else 0.0,
        "target_us_per_session": round(1e6 / TARGET_SESSIONS_PER_S, 1),
        "sql_statements_per_session": round(costs.sql_per_session, 1),
        "bods_per_session": round(costs.bods_per_session, 1),
        "layers": {
            name: {"share": round(costs.shares[name], 3), "us": round(us[name], 1)} for name in LAYERS
        },
    }


def floor_figures(floor: SessionFloor) -> dict[str, float]:
    """The floor as plain values, with the cost per session each target allows."""
    return {
        "bare_us": round(floor.bare_us, 1),
        "validation_us": round(floor.validation_us, 1),
        "reading_us": round(floor.reading_us, 1),
        "statements_us": round(floor.statements_us, 1),
        "total_us": round(floor.total_us, 1),
        "max_sessions_per_s": round(1e6 / floor.total_us, 1) if floor.total_us else 0.0,
        "target_us": round(1e6 / TARGET_SESSIONS_PER_S, 1),
        "ratio_target_us": round(floor.bare_us / TARGET_RATIO, 1),
    }


def subject_line(name: str, figures: dict[str, float]) -> str:
    return (
        f"  {name:<16}  {figures['sessions_per_s']:>10,.1f}  "
        f"({figures['sessions']:.0f} sessions in {figures['wall_s']} s)"
    )


def format_result(result: dict[str, Any]) -> str:
    """The benchmark as a few aligned lines for the terminal."""
    bare, full = result["bare"], result["full"]
    verdict = "meets" if result["meets_targets"] else "misses"
    return "\n".join(
        [
            f"shopper sessions/s, scenario {result['scenario']} (storefront: {result['storefront']})",
            subject_line("bare SimPy model", bare),
            subject_line("full model", full),
            f"  full / bare       {result['ratio']:>10.3f}",
            f"  {verdict} the targets (>= {result['targets']['sessions_per_s']:.0f} sessions/s and "
            f">= {result['targets']['ratio']} of bare)",
            *breakdown_lines(result.get("breakdown")),
            *floor_lines(result.get("floor"), result.get("breakdown")),
        ]
    )


def breakdown_lines(breakdown: dict[str, Any] | None) -> list[str]:
    """Where a session's time goes, one line per layer, largest first."""
    if not breakdown:
        return []
    layers = sorted(breakdown["layers"].items(), key=lambda item: -item[1]["share"])
    return [
        "",
        f"where a full session's time goes (one batch of {breakdown['sampled_sessions']} sessions, "
        f"{breakdown['samples']} stack samples):",
        *(f"  {name:<38} {row['share']:>6.0%}  {row['us']:>9,.0f} us" for name, row in layers),
        f"  {'a session':<38} {'':>6}  {breakdown['us_per_session']:>9,.0f} us"
        f"  (the target allows {breakdown['target_us_per_session']:,.0f} us)",
        f"  a session runs {breakdown['sql_statements_per_session']:g} SQL statements and exchanges "
        f"{breakdown['bods_per_session']:g} BODs",
    ]


def floor_lines(floor: dict[str, float] | None, breakdown: dict[str, Any] | None) -> list[str]:
    """The least a session can cost (`session_floor`), against what each target allows."""
    if not floor or not breakdown:
        return []
    rows = [
        ("the bare model's session", floor["bare_us"]),
        (
            f"checking its {breakdown['bods_per_session']:g} BODs once (lxml parse + validate)",
            floor["validation_us"],
        ),
        ("reading every element of them once from Python", floor["reading_us"]),
        (
            f"its {breakdown['sql_statements_per_session']:g} SQL statements at the cheapest one's cost",
            floor["statements_us"],
        ),
    ]
    return [
        "",
        f"the least a session can cost here (each part alone, best of {REPEATS}; "
        "storefront_sim/session_floor.py):",
        *(f"  {name:<58} {us:>9,.0f} us" for name, us in rows),
        f"  {'floor':<58} {floor['total_us']:>9,.0f} us"
        f"  (at most {floor['max_sessions_per_s']:,.0f} sessions/s)",
        f"  the targets allow {floor['target_us']:,.0f} us ({TARGET_SESSIONS_PER_S:,.0f} sessions/s) and "
        f"{floor['ratio_target_us']:,.0f} us ({TARGET_RATIO} of bare)",
    ]
