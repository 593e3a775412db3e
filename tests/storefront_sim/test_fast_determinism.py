"""Fast mode: the real services in process on simulated time give the same KPIs for the same seed."""

from __future__ import annotations

import pytest
import simpy

from bods import codec
from storefront_sim import fast
from storefront_sim.model import run_model
from storefront_sim.results import SimResult
from storefront_sim.scenario import load_scenario


def fast_run(name: str, shoppers: int, seed: int | None = None) -> SimResult:
    scenario = load_scenario(name)
    if seed is not None:
        scenario = scenario.with_value("random_seed", seed)
    env = simpy.Environment()
    dom = fast.open_dom(scenario, env)
    try:
        return run_model(env, scenario, fast.open_storefront(scenario, env, dom), dom, shoppers=shoppers)
    finally:
        dom.close()


@pytest.fixture(scope="module")
def first() -> SimResult:
    return fast_run("flash_sale", 20)


def test_the_same_seed_gives_the_same_kpis(first: SimResult) -> None:
    again = fast_run("flash_sale", 20)
    assert again.kpis == first.kpis
    assert again.series == first.series


def test_another_seed_gives_other_kpis(first: SimResult) -> None:
    assert fast_run("flash_sale", 20, seed=first.seed + 1).kpis != first.kpis


def test_the_run_exchanged_bods_both_ways_and_each_one_decodes(first: SimResult) -> None:
    types = {bod.type for bod in first.bods}
    assert {"GetInventoryAvailability", "ProcessInventoryRequirement", "ProcessOrder", "SyncOrder"} <= types
    assert all(codec.parse(bod.xml).type_name == bod.type for bod in first.bods)


def test_the_cache_answers_part_of_the_lookups(first: SimResult) -> None:
    assert first.kpis["cache_hits"] > 0
    assert first.kpis["dom_fetches"] > 0


def test_orders_are_placed_transferred_and_shipped(first: SimResult) -> None:
    kpis = first.kpis
    assert kpis["orders_placed"] > 0
    assert kpis["transfer_requests"] == kpis["orders_placed"]
    assert kpis["orders_shipped"] == kpis["orders_placed"]
