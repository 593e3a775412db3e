"""Time as a port: everything clock-driven in the mock DOM (reservation holds, fulfillment delays, push
backoff) reads `Clock.now()` so the SimPy fast mode and the tests can run the very same services on simulated
or hand-moved time.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float:
        """Epoch seconds, UTC."""
        ...


class SystemClock:
    """Wall-clock time for the servers."""

    def now(self) -> float:
        return time.time()


class ManualClock:
    """A clock that only moves when told to (tests, scripted demos)."""

    def __init__(self, start: float = 1_714_557_600.0) -> None:  # 2024-05-01T10:00:00Z
        self._now = start
        self._lock = threading.Lock()

    def now(self) -> float:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> float:
        with self._lock:
            self._now += seconds
            return self._now

    def set(self, epoch: float) -> None:
        with self._lock:
            self._now = epoch


class FunctionClock:
    """Adapts any `() -> float` (e.g. `lambda: origin + env.now` in SimPy) to the Clock port."""

    def __init__(self, read: Callable[[], float]) -> None:
        self._read = read

    def now(self) -> float:
        return self._read()
