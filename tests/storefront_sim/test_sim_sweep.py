from __future__ import annotations

import pytest

from storefront_sim.errors import ScenarioError
from storefront_sim.scenario import Scenario
from storefront_sim.sweep import combinations, parse_sweep


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
