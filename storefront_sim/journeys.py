"""The shopper journey as data: one definition for the SimPy shoppers and the Locust users.

A journey is a small Markov chain. Each state names the action the shopper performs on entering it (an intent
of the storefront: search, view a product, add to cart, check out, follow the order), the mean of the
exponential think time after it, and weighted transitions to the next states. Weights are integers so they can
be handed to Locust's `MarkovTaskSet` transitions as they are. Plain Python: no SimPy, no Locust import.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from enum import StrEnum

from storefront_sim.scenario import Scenario

WEIGHT_SCALE = 1000  # probabilities become integer weights per mille


class Action(StrEnum):
    """What a shopper does on entering a state, in the storefront's words."""

    ARRIVE = "arrive"  # the landing page: no inventory call
    SEARCH = "search"  # a search results page: availability of a page of products, online only
    VIEW_PRODUCT = "view_product"  # a product page: online and (sometimes) home-store availability
    ADD_TO_CART = "add_to_cart"  # POST cart (ChangeOrder Create -> CheckInventory)
    CHECKOUT = "checkout"  # precheckout (ReserveInventory), payment, checkout (Submit -> Transfer)
    TRACK_ORDER = "track_order"  # order status polls until shipped
    ABANDON_CART = "abandon_cart"  # leave with items in the cart
    LEAVE = "leave"  # leave without buying


@dataclass(frozen=True)
class Transition:
    to: str
    weight: int


@dataclass(frozen=True)
class State:
    """One step of a visit: the action, the mean think time after it (seconds), where to go next.

    `on_failure` is the state taken when the action fails (an add to cart refused, a checkout failed);
    None ends the session there. A state without transitions ends the session after its action.
    """

    name: str
    action: Action
    think_mean_s: float
    transitions: tuple[Transition, ...] = ()
    on_failure: str | None = None

    def weights(self) -> dict[str, int]:
        """Transition weights by target state: the form Locust's `transitions()` takes."""
        return {t.to: t.weight for t in self.transitions if t.weight > 0}


@dataclass(frozen=True)
class Journey:
    """A Markov shopper journey starting at `start`; `max_steps` bounds every visit."""

    start: str
    states: tuple[State, ...]
    max_steps: int = 40

    def __post_init__(self) -> None:
        names = {s.name for s in self.states}
        targets = {t.to for s in self.states for t in s.transitions} | {self.start}
        missing = targets - names
        if missing:
            raise ValueError(f"journey transitions lead to unknown states: {sorted(missing)}")
        object.__setattr__(self, "_by_name", {s.name: s for s in self.states})

    def state(self, name: str) -> State:
        return self._by_name[name]  # type: ignore[attr-defined,no-any-return]

    def next_state(self, name: str, rng: random.Random) -> str | None:
        """Draw the state after `name`; None when the visit ends."""
        transitions = self.state(name).transitions
        total = sum(t.weight for t in transitions)
        if total <= 0:
            return None
        point = rng.random() * total
        for transition in transitions:
            point -= transition.weight
            if point < 0:
                return transition.to
        return transitions[-1].to

    def think_time(self, name: str, rng: random.Random) -> float:
        """Exponential think time after the state's action, in seconds."""
        mean = self.state(name).think_mean_s
        return rng.expovariate(1.0 / mean) if mean > 0 else 0.0


def _weight(probability: float) -> int:
    return round(probability * WEIGHT_SCALE)


def _split(**probabilities: float) -> tuple[Transition, ...]:
    return tuple(Transition(to, _weight(p)) for to, p in probabilities.items())


def shopper_journey(scenario: Scenario) -> Journey:
    """The visit of a storefront shopper, its probabilities and think times taken from the scenario."""
    s, think = scenario.session, scenario.think
    view_rest = 1.0 - s.browse_more_probability - s.add_to_cart_probability
    cart_rest = 1.0 - s.checkout_probability - s.abandon_probability
    states = (
        State(
            "arrive",
            Action.ARRIVE,
            0.0,
            _split(search=s.search_probability, view_product=1 - s.search_probability),
        ),
        State(
            "search",
            Action.SEARCH,
            think.search_s,
            _split(view_product=1 - s.leave_after_search_probability, leave=s.leave_after_search_probability),
        ),
        State(
            "view_product",
            Action.VIEW_PRODUCT,
            think.view_product_s,
            _split(
                view_product=s.browse_more_probability, add_to_cart=s.add_to_cart_probability, leave=view_rest
            ),
        ),
        State(
            "add_to_cart",
            Action.ADD_TO_CART,
            think.add_to_cart_s,
            _split(
                checkout=s.checkout_probability, abandon_cart=s.abandon_probability, view_product=cart_rest
            ),
            on_failure="leave",
        ),
        State(
            "checkout",
            Action.CHECKOUT,
            think.checkout_s,
            _split(track_order=1.0 if s.track_orders else 0.0),
            on_failure=None,
        ),
        State("track_order", Action.TRACK_ORDER, think.track_order_s),
        State("abandon_cart", Action.ABANDON_CART, 0.0),
        State("leave", Action.LEAVE, 0.0),
    )
    return Journey(start="arrive", states=states, max_steps=s.max_steps)
