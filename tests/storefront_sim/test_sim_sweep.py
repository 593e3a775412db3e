from __future__ import annotations

from typing import Any

import pytest

from storefront_sim.adapters import adapter_dom, adapter_storefront, null_dom, null_storefront
from storefront_sim.errors import ScenarioError
from storefront_sim.scenario import Scenario
from storefront_sim.sweep import (
    SweepPoint,
    SweepPointFailed,
    combinations,
    parse_sweep,
    run_sweep,
    worker_count,
)

SHOPPERS = 20  # enough for the KPIs to differ between points, few enough for a sweep in a second or two


def test_expiry_sets_both_cache_expiries() -> None:
    sweep = parse_sweep("expiry=0,30,300")
    assert (sweep.paths, sweep.values) == (
        ("cache.expiry_above_s", "cache.expiry_below_s"),
        (0.0, 30.0, 300.0),
    )


def test_an_unaliased_name_is_a_scenario_parameter_path() -> None:
    assert parse_sweep("session.pickup_share=0.1,0.5").paths == ("session.pickup_share",)


@pytest.mark.parametrize("text", ["expiry", "expiry=", "=1,2", "expiry=a,b"])
def test_a_malformed_sweep_is_refused(text: str) -> None:
    with pytest.raises(ScenarioError):
        parse_sweep(text)


def test_combinations_apply_every_value_pair_to_the_base_scenario(quiet_day: Scenario) -> None:
    points = combinations(quiet_day, [parse_sweep("expiry=0,300"), parse_sweep("rate=1,5")])
    assert [
        (dict(s)["expiry"], c.cache_settings()["expiry_below_s"], c.arrivals.rate_per_min) for s, c in points
    ] == [(0.0, 0.0, 1.0), (0.0, 0.0, 5.0), (300.0, 300.0, 1.0), (300.0, 300.0, 5.0)]


def test_the_other_channel_and_push_aliases_set_their_scenario_parameters(quiet_day: Scenario) -> None:
    sweeps = [parse_sweep("store_sales=0,12"), parse_sweep("online_orders=3"), parse_sweep("pushes=0")]
    points = combinations(quiet_day, sweeps)
    channels = [(c.other_channels, c.dom.availability_pushes) for _, c in points]
    assert [(o.store_sales_per_min, o.online_orders_per_min, pushes) for o, pushes in channels] == [
        (0.0, 3.0, False),
        (12.0, 3.0, False),
    ]


@pytest.mark.parametrize(("jobs", "points", "workers"), [(2, 4, 2), (8, 3, 3), (1, 4, 1), (4, 1, 1)])
def test_a_sweep_starts_no_more_workers_than_asked_nor_than_points(
    jobs: int, points: int, workers: int
) -> None:
    assert worker_count(jobs, points) == workers


def test_worker_processes_give_the_same_points_in_the_same_order_as_one_by_one(quiet_day: Scenario) -> None:
    sweeps = [parse_sweep("expiry=0,3600")]

    def sweep(jobs: int) -> list[SweepPoint]:
        return run_sweep(quiet_day, sweeps, adapter_storefront, adapter_dom, shoppers=SHOPPERS, jobs=jobs)

    in_process, in_workers = sweep(1), sweep(2)
    assert [p.settings for p in in_workers] == [(("expiry", 0.0),), (("expiry", 3600.0),)]
    assert [p.result.kpis for p in in_workers] == [p.result.kpis for p in in_process]
    # The two points differ, so equal lists mean each point came back in its own place.
    assert in_process[0].result.kpis != in_process[1].result.kpis


def test_each_finished_point_is_reported_once_with_the_count_so_far(quiet_day: Scenario) -> None:
    seen: list[tuple[int, int, str]] = []
    run_sweep(
        quiet_day,
        [parse_sweep("seed=1,2,3")],
        null_storefront,
        null_dom,
        shoppers=SHOPPERS,
        jobs=2,
        done=lambda finished, total, point: seen.append((finished, total, point.label)),
    )
    assert [(finished, total) for finished, total, _ in seen] == [(1, 3), (2, 3), (3, 3)]
    assert sorted(label for _, _, label in seen) == ["seed=1", "seed=2", "seed=3"]


def test_a_point_failing_in_a_worker_raises_an_error_naming_it(quiet_day: Scenario) -> None:
    # The null storefront refuses any DOM but the null one: it raises in the worker, after the DOM opened.
    with pytest.raises(
        SweepPointFailed,
        match=r"sweep point expiry=\d+ failed in its worker process: "
        r"TypeError: the null storefront needs the null DOM",
    ) as failure:
        run_sweep(
            quiet_day, [parse_sweep("expiry=0,60")], null_storefront, adapter_dom, shoppers=SHOPPERS, jobs=2
        )
    assert isinstance(failure.value.__cause__, TypeError)


def test_factories_a_worker_cannot_receive_are_refused_before_any_run(quiet_day: Scenario) -> None:
    def local_dom(mode: str, scenario: Scenario, env: Any) -> Any:
        return null_dom(mode, scenario, env)  # type: ignore[arg-type]

    with pytest.raises(TypeError, match="module-level factory functions"):
        run_sweep(quiet_day, [parse_sweep("expiry=0,60")], null_storefront, local_dom, shoppers=1, jobs=2)
