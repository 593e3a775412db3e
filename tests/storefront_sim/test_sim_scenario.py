from __future__ import annotations

from pathlib import Path

import pytest

from storefront_sim.errors import ScenarioError
from storefront_sim.scenario import list_scenarios, load_scenario, scenario_from_mapping

SHIPPED = ["quiet_day", "flash_sale", "dom_slow", "dom_down", "low_stock", "omnichannel"]


def test_the_named_scenarios_ship_with_the_package() -> None:
    assert set(SHIPPED) <= set(list_scenarios())


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_scenario_loads_under_its_own_name(name: str) -> None:
    assert load_scenario(name).name == name


def test_dom_down_takes_the_dom_away_for_ten_minutes() -> None:
    assert [duration for _, duration in load_scenario("dom_down").dom.outages] == [600.0]


def test_a_scenario_file_can_be_loaded_by_path(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text("random_seed = 5\n[arrivals]\nrate_per_min = 3.5\n[cache]\nexpiry_above_s = 10.0\n")
    scenario = load_scenario(path)
    assert (scenario.name, scenario.random_seed, scenario.arrivals.rate_per_min) == ("mine", 5, 3.5)
    assert scenario.cache_settings() == {"expiry_above_s": 10.0}


def test_an_unknown_key_is_refused_rather_than_ignored() -> None:
    with pytest.raises(ScenarioError, match="unknown keys: rate"):
        scenario_from_mapping({"arrivals": {"rate": 3}})


def test_probabilities_outside_zero_to_one_are_refused() -> None:
    with pytest.raises(ScenarioError, match="pickup_share"):
        scenario_from_mapping({"session": {"pickup_share": 1.5}})


def test_checkout_and_abandon_cannot_exceed_certainty() -> None:
    with pytest.raises(ScenarioError, match="checkout_probability"):
        scenario_from_mapping({"session": {"checkout_probability": 0.8, "abandon_probability": 0.3}})


def test_a_daily_profile_needs_an_hour_by_hour_multiplier() -> None:
    with pytest.raises(ScenarioError, match="24"):
        scenario_from_mapping({"arrivals": {"daily_profile": [1.0, 2.0]}})


def test_an_unknown_scenario_name_lists_the_known_ones() -> None:
    with pytest.raises(ScenarioError, match="quiet_day"):
        load_scenario("no_such_day")


def test_with_value_changes_one_nested_parameter_and_coerces_its_type() -> None:
    changed = load_scenario("quiet_day").with_value("arrivals.rate_per_min", "7")
    assert changed.arrivals.rate_per_min == 7.0


def test_with_value_overrides_a_cache_setting_and_keeps_the_others() -> None:
    changed = load_scenario("quiet_day").with_value("cache.expiry_above_s", 0.0)
    assert changed.cache_settings() == {"expiry_above_s": 0.0, "expiry_below_s": 30.0, "threshold": 10.0}


def test_with_value_refuses_an_unknown_parameter() -> None:
    with pytest.raises(ScenarioError):
        load_scenario("quiet_day").with_value("arrivals.speed", 1)


def test_the_start_time_gives_the_clock_epoch_and_hour_of_day() -> None:
    scenario = load_scenario("quiet_day")
    assert (scenario.epoch % 86400, scenario.start_hour) == (9 * 3600, 9.0)
