"""Every shipped scenario keeps the invariants in fast mode, and its settings reach both servers."""

from __future__ import annotations

from pathlib import Path

import pytest
import simpy
from sqlalchemy import select

from harness.commerce.bootstrap import prepare_database
from harness.commerce.storage.configuration import INVCNF
from harness.commerce.storage.engine import create_engine_for
from storefront_sim import fast
from storefront_sim.model import run_model
from storefront_sim.scenario import list_scenarios, load_scenario
from storefront_sim.server_settings import apply_cache_settings, cache_columns, lifecycle_delays


@pytest.mark.parametrize("name", list_scenarios())
def test_a_shipped_scenario_keeps_every_invariant_in_fast_mode(name: str) -> None:
    scenario = load_scenario(name)
    env = simpy.Environment()
    dom = fast.open_dom(scenario, env)
    try:
        result = run_model(env, scenario, fast.open_storefront(scenario, env, dom), dom, shoppers=15)
    finally:
        dom.close()
    assert result.passed, result.violations
    assert result.kpis["sessions_finished"] == 15
    assert result.kpis["bods_exchanged"] > 0


def invcnf_rows(url: str) -> dict[str, tuple[float | None, int | None, int | None]]:
    engine = create_engine_for(url)
    with engine.connect() as connection:
        rows = connection.execute(
            select(
                INVCNF.c.IDENTIFIER,
                INVCNF.c.THRESHOLDQUANTITY,
                INVCNF.c.CHEXPABOVETHRES,
                INVCNF.c.CHEXPBELOWTHRES,
            )
        ).all()
    engine.dispose()
    return {row[0]: tuple(row[1:]) for row in rows}


def test_the_scenario_cache_settings_replace_the_store_wide_invcnf_rows(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'commerce.db'}"
    engine = create_engine_for(url)
    prepare_database(engine)
    changed = apply_cache_settings(engine, load_scenario("flash_sale"))
    engine.dispose()
    rows = invcnf_rows(url)
    assert changed == 2
    assert rows["Default"] == (20.0, 60, 0)
    assert rows["PhysicalStores"] == (20.0, 60, 0)
    assert rows["RealTime"] == (None, 0, 0)  # item-specific rows keep their own settings


def test_live_mode_scales_expiries_to_the_wall_clock_and_keeps_positive_ones_positive() -> None:
    scenario = load_scenario("quiet_day")  # 300 s above the threshold, 30 s below
    assert cache_columns(scenario, 1 / 60) == {
        "THRESHOLDQUANTITY": 10.0,
        "CHEXPABOVETHRES": 5,
        "CHEXPBELOWTHRES": 1,
    }


def test_never_expiring_is_a_null_expiry() -> None:
    scenario = load_scenario("quiet_day").with_value("cache.expiry_above_s", "never")
    assert cache_columns(scenario)["CHEXPABOVETHRES"] is None


def test_the_fulfillment_delay_is_split_over_the_dom_lifecycle_steps() -> None:
    delays = lifecycle_delays(load_scenario("quiet_day"), 1 / 60)  # 1800 s at speed 60 = 30 wall seconds
    assert delays.schedule_s + delays.release_s + delays.ship_s == pytest.approx(30.0)
    assert delays.ship_s > delays.release_s > delays.schedule_s > 0
