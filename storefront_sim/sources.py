"""Where shoppers come from: a Poisson stream whose rate follows the hour of day."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from storefront_sim.scenario import Arrivals, Scenario

Process = Any


def rate_per_second(arrivals: Arrivals, hour_of_day: float) -> float:
    """Arrival rate (shoppers/s) at a fractional hour of day: the base rate times that hour's multiplier."""
    multiplier = arrivals.daily_profile[int(hour_of_day) % 24] if arrivals.daily_profile else 1.0
    return arrivals.rate_per_min * multiplier / 60.0


def peak_rate_per_second(arrivals: Arrivals) -> float:
    return arrivals.rate_per_min * max(arrivals.daily_profile or (1.0,)) / 60.0


def arrivals(
    env: Any,
    scenario: Scenario,
    rng: random.Random,
    start_shopper: Callable[[int], Process],
    *,
    limit: int | None = None,
) -> Any:
    """Shoppers arrive as a Poisson stream shaped by the daily profile, until `limit` shoppers or the window
    ends.

    The varying rate is drawn by thinning: candidates come at the peak rate and each is kept with probability
    rate(now) / peak. When the stream stops, the source waits for every visit it started to end.
    """
    peak = peak_rate_per_second(scenario.arrivals)
    visits = []
    number = 0
    while limit is None or number < limit:
        yield env.timeout(rng.expovariate(peak))
        if limit is None and env.now >= scenario.duration_s:
            break
        hour = scenario.start_hour + env.now / 3600.0
        if rng.random() * peak <= rate_per_second(scenario.arrivals, hour):
            visits.append(start_shopper(number))
            number += 1
    yield env.all_of(visits)
