"""Fixtures for the simulation tests: small scenarios and the deterministic fake storefront."""

from __future__ import annotations

from typing import Any

import pytest
import simpy
from sim_fakes import FakeDom, FakeStorefront, fake_pair

from storefront_sim.model import run_model
from storefront_sim.results import SimResult
from storefront_sim.scenario import Scenario, load_scenario


@pytest.fixture
def env() -> simpy.Environment:
    return simpy.Environment()


@pytest.fixture
def quiet_day() -> Scenario:
    return load_scenario("quiet_day")


@pytest.fixture
def fake(env: simpy.Environment, quiet_day: Scenario) -> tuple[FakeStorefront, FakeDom]:
    return fake_pair(env, quiet_day.epoch)


def simulate(scenario: Scenario, shoppers: int = 60, **kwargs: Any) -> SimResult:
    """One run of `scenario` against a fresh fake storefront."""
    env = simpy.Environment()
    storefront, dom = fake_pair(env, scenario.epoch)
    return run_model(env, scenario, storefront, dom, shoppers=shoppers, **kwargs)


@pytest.fixture
def run() -> Any:
    return simulate
