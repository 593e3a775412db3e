"""Load shapes to add to a run: `locust -f loadtests/locustfile.py,loadtests/shapes.py --headless -H ...`.

A `LoadTestShape` in the loaded files takes over users and spawn rate from -u/-r, so it lives apart from
the locustfile. `StepsShape` ramps up in stages (a catalogue warming its cache, then a lunchtime peak),
holds, and stops; every stage is bounded, so the run always ends.
"""

from __future__ import annotations

from locust import LoadTestShape

# (until second, users, spawn rate per second)
STAGES = (
    (10, 10, 10),
    (30, 50, 10),
    (50, 100, 20),
    (60, 20, 20),
)


class StepsShape(LoadTestShape):
    """Ten users, then fifty, then a peak of a hundred, then back down; stops after the last stage."""

    def tick(self) -> tuple[int, float] | None:
        elapsed = self.get_run_time()
        for until, users, rate in STAGES:
            if elapsed < until:
                return users, rate
        return None
