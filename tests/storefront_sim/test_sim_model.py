"""The whole model against the deterministic fake storefront."""

from __future__ import annotations

import simpy
from sim_fakes import fake_pair

from storefront_sim.model import run_model, stream
from storefront_sim.null_storefront import null_pair
from storefront_sim.scenario import Scenario, load_scenario


def test_the_same_seed_gives_the_same_kpis(run, quiet_day: Scenario) -> None:
    assert run(quiet_day).kpis == run(quiet_day).kpis


def test_another_seed_gives_other_kpis(run, quiet_day: Scenario) -> None:
    assert run(quiet_day).kpis != run(quiet_day.with_value("random_seed", 43)).kpis


def test_streams_for_different_concerns_are_independent() -> None:
    assert stream(1, "arrivals").random() != stream(1, "shopper-0").random()


def test_every_requested_shopper_arrives_and_finishes(run, quiet_day: Scenario) -> None:
    kpis = run(quiet_day, shoppers=40).kpis
    assert kpis["sessions_started"] == kpis["sessions_finished"] == 40


def test_a_healthy_run_keeps_every_invariant(run, quiet_day: Scenario) -> None:
    result = run(quiet_day)
    assert result.passed, result.violations


def test_every_order_is_placed_or_failed(run) -> None:
    kpis = run(load_scenario("low_stock"), shoppers=120).kpis
    assert kpis["orders_placed"] + kpis["orders_failed"] == kpis["funnel"]["checkout_started"]


def test_running_out_of_stock_fails_reservations_but_never_oversells(run) -> None:
    kpis = run(load_scenario("low_stock"), shoppers=200).kpis
    assert kpis["reservation_failures"] > 0
    assert kpis["oversell_count"] == 0


def test_a_dom_outage_fails_orders_with_the_dom_error_key(run) -> None:
    result = run(load_scenario("dom_down"), shoppers=150)
    assert "_ERR_DOM_UNAVAILABLE" in result.kpis["order_failure_reasons"]
    assert result.kpis["dom_outage_s"] == 600.0
    assert result.outages == ((600.0, 1200.0),)


def test_the_dom_is_reachable_again_after_a_run_that_ends_during_an_outage() -> None:
    env, scenario = (
        simpy.Environment(),
        load_scenario("dom_down").with_value("dom.outages", ((30.0, 10_000.0),)),
    )
    storefront, dom = fake_pair(env, scenario.epoch)
    run_model(env, scenario, storefront, dom, shoppers=5)
    assert dom.down is False


def test_dom_calls_per_lookup_fall_when_the_cache_is_kept_longer(quiet_day: Scenario) -> None:
    def calls_per_lookup(expiry: float) -> float:
        env = simpy.Environment()
        storefront, dom = fake_pair(env, quiet_day.epoch, expiry_s=expiry)
        return run_model(env, quiet_day, storefront, dom, shoppers=80).kpis["dom_calls_per_lookup"]

    assert calls_per_lookup(3600.0) < calls_per_lookup(0.0)


def test_shipped_orders_report_an_order_to_ship_time(run, quiet_day: Scenario) -> None:
    kpis = run(quiet_day).kpis
    assert kpis["orders_shipped"] > 0
    assert kpis["order_to_ship_p50_s"] >= 600.0


def test_the_series_have_one_value_per_simulated_minute(run, quiet_day: Scenario) -> None:
    result = run(quiet_day)
    lengths = {len(values) for values in result.series.values()}
    assert lengths == {len(result.series["minute"])}
    assert sum(result.series["arrivals"]) == 60


def test_the_busiest_items_are_sampled_for_the_stock_plot(run, quiet_day: Scenario) -> None:
    assert run(quiet_day).stock


def test_progress_is_reported_until_every_session_finished(quiet_day: Scenario) -> None:
    seen: list[tuple[int, int | None]] = []
    env = simpy.Environment()
    storefront, dom = fake_pair(env, quiet_day.epoch)
    run_model(
        env,
        quiet_day,
        storefront,
        dom,
        shoppers=10,
        progress=lambda done, total, now: seen.append((done, total)),
    )
    assert seen[-1] == (10, 10)
    assert len(seen) > 2


def test_the_null_storefront_runs_the_model_without_bods(quiet_day: Scenario) -> None:
    env = simpy.Environment()
    storefront, dom = null_pair()
    result = run_model(env, quiet_day, storefront, dom, shoppers=30)
    assert result.passed
    assert result.kpis["bods_exchanged"] == 0


def test_journal_gaps_the_dom_side_reports_fail_the_run(quiet_day: Scenario) -> None:
    env = simpy.Environment()
    storefront, dom = fake_pair(env)
    dom.gaps = ["1 inbound BOD(s) of the mock_dom journal not in the commerce journal (ProcessOrder)"]
    result = run_model(env, quiet_day, storefront, dom, shoppers=5)
    assert result.journal_gaps == tuple(dom.gaps)
    assert not result.passed
