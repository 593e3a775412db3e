from __future__ import annotations

import random
from collections import Counter

import pytest

from storefront_sim.journeys import Action, Journey, State, Transition, shopper_journey
from storefront_sim.scenario import Scenario


def test_transition_weights_are_integers_locust_can_take(quiet_day: Scenario) -> None:
    weights = shopper_journey(quiet_day).state("view_product").weights()
    assert weights == {"view_product": 450, "add_to_cart": 300, "leave": 250}


def test_next_state_follows_the_weights(quiet_day: Scenario) -> None:
    journey, rng = shopper_journey(quiet_day), random.Random(1)
    drawn = Counter(journey.next_state("arrive", rng) for _ in range(2000))
    assert 700 < drawn["search"] < 900
    assert drawn["search"] + drawn["view_product"] == 2000


def test_a_state_without_transitions_ends_the_visit(quiet_day: Scenario) -> None:
    assert shopper_journey(quiet_day).next_state("leave", random.Random(1)) is None


def test_a_failed_add_to_cart_sends_the_shopper_away(quiet_day: Scenario) -> None:
    assert shopper_journey(quiet_day).state("add_to_cart").on_failure == "leave"


def test_order_tracking_can_be_switched_off(quiet_day: Scenario) -> None:
    scenario = quiet_day.with_value("session.track_orders", False)
    assert shopper_journey(scenario).state("checkout").weights() == {}


def test_think_times_are_exponential_with_the_scenario_mean(quiet_day: Scenario) -> None:
    journey, rng = shopper_journey(quiet_day), random.Random(3)
    mean = sum(journey.think_time("view_product", rng) for _ in range(4000)) / 4000
    assert mean == pytest.approx(quiet_day.think.view_product_s, rel=0.1)


def test_a_journey_refuses_transitions_to_unknown_states() -> None:
    with pytest.raises(ValueError, match="nowhere"):
        Journey("a", (State("a", Action.ARRIVE, 0.0, (Transition("nowhere", 1),)),))
