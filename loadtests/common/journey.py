"""The shopper journey of the simulation, as a Locust `MarkovTaskSet`: one behaviour model for both.

`storefront_sim.journeys.shopper_journey(scenario)` defines the visit as a Markov chain of states, each with
an action, a mean think time and integer transition weights (the form Locust's `transitions` takes). This
module turns it into a task set class: one task per state, named `at_<state>`, calling the user's
`perform(action)`. A state without transitions ends the visit, so its task leads back to the start (a new
visit); a failed action follows the state's `on_failure` (or ends the visit). Think times are the journey's
exponential draws scaled by `think_scale`, and every visit is cut at the journey's `max_steps`.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from locust import MarkovTaskSet, transitions

from storefront_sim.journeys import Action, Journey, State


def task_name(state: str) -> str:
    return f"at_{state}"


def journey_task_set(
    journey: Journey, think_scale: float, name: str = "ShopperJourney"
) -> type[MarkovTaskSet]:
    """A MarkovTaskSet class walking `journey`; its user must offer `perform(action: Action) -> bool`."""
    ordered = [journey.state(journey.start), *(s for s in journey.states if s.name != journey.start)]
    body: dict[str, Any] = {task_name(state.name): _task(journey, state) for state in ordered}
    body["wait_time"] = _wait_time(journey, think_scale)
    body["on_start"] = _on_start(journey)
    body["__doc__"] = f"The shopper journey starting at {journey.start!r} ({len(ordered)} states)."
    return type(MarkovTaskSet)(name, (MarkovTaskSet,), body)


def _task(journey: Journey, state: State) -> Callable[[Any], None]:
    weights = {task_name(to): weight for to, weight in state.weights().items()}
    restart = task_name(journey.start)

    def run(self: Any) -> None:
        self.last_state = state.name
        self.steps = 1 if state.name == journey.start else self.steps + 1
        succeeded = self.user.perform(state.action)
        if self.steps >= journey.max_steps:
            self.current = getattr(self, restart)
        elif not succeeded:
            self.current = getattr(self, task_name(state.on_failure) if state.on_failure else restart)

    run.__name__ = task_name(state.name)
    run.__doc__ = f"{state.action.value}, then {', '.join(state.weights()) or 'a new visit'}"
    return transitions(weights or {restart: 1})(run)


def _wait_time(journey: Journey, think_scale: float) -> Callable[[Any], float]:
    def wait_time(self: Any) -> float:
        return journey.think_time(self.last_state, self.rng) * think_scale

    return wait_time


def _on_start(journey: Journey) -> Callable[[Any], None]:
    def on_start(self: Any) -> None:
        self.rng = random.Random()
        self.last_state = journey.start
        self.steps = 0

    return on_start


__all__ = ["Action", "journey_task_set", "task_name"]
