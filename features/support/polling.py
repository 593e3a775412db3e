"""Waiting for something that happens in the background (an outbox worker, a queued push), with a bound.

The servers never send pushes or transfers inline from a request handler (they queue them), so a scenario
that checks their effect polls until it holds or the deadline passes. The deadline only bounds the wait;
nothing asserts how long it took.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

DEADLINE = 15.0  # seconds; a generous bound for a loaded CI machine
INTERVAL = 0.05  # seconds between checks


class NeverHappened(AssertionError):
    """The awaited condition did not hold before the deadline; says what was awaited and the last value."""


def eventually(
    probe: Callable[[], T],
    until: Callable[[T], bool] = bool,
    *,
    what: str,
    deadline: float = DEADLINE,
    interval: float = INTERVAL,
) -> T:
    """Call `probe` until `until(value)` holds; return that value, or raise NeverHappened at the deadline."""
    end = time.monotonic() + deadline
    value = probe()
    while not until(value):
        if time.monotonic() >= end:
            raise NeverHappened(f"{what}: still not the case after {deadline:g}s (last seen: {value!r})")
        time.sleep(interval)
        value = probe()
    return value
