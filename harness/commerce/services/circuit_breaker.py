"""A circuit breaker for the calls to DOM: closed -> open after N consecutive failures -> half-open after a
clock-driven cool-down (one trial call) -> closed on success, open again on failure.

WCS documents no timeout, retry or breaker for the outbound DOM services (facts section 6 [I]); the harness
makes them parameters so a test or a demo can show a server that stops hammering a DOM that is down and
serves its cached availability instead.
"""

from __future__ import annotations

from enum import StrEnum
from threading import Lock

from mock_dom.clock import Clock


class BreakerState(StrEnum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half-open"


class CircuitBreaker:
    def __init__(self, clock: Clock, *, failure_threshold: int = 5, reset_seconds: float = 10.0) -> None:
        self._clock = clock
        self._threshold = max(1, failure_threshold)
        self._reset_seconds = reset_seconds
        self._lock = Lock()
        self._failures = 0
        self._opened_at: float | None = None
        self._trial_in_flight = False

    @property
    def state(self) -> BreakerState:
        with self._lock:
            return self._state()

    def allow(self) -> bool:
        """May a call go out now? In half-open state only one trial call at a time is let through."""
        with self._lock:
            state = self._state()
            if state is BreakerState.CLOSED:
                return True
            if state is BreakerState.HALF_OPEN and not self._trial_in_flight:
                self._trial_in_flight = True
                return True
            return False

    def record_success(self) -> None:
        with self._lock:
            self._failures = 0
            self._opened_at = None
            self._trial_in_flight = False

    def record_failure(self) -> None:
        with self._lock:
            if self._state() is BreakerState.HALF_OPEN or self._trial_in_flight:
                self._open()
                return
            self._failures += 1
            if self._failures >= self._threshold:
                self._open()

    def _open(self) -> None:
        self._opened_at = self._clock.now()
        self._trial_in_flight = False
        self._failures = 0

    def _state(self) -> BreakerState:
        if self._opened_at is None:
            return BreakerState.CLOSED
        if self._clock.now() - self._opened_at >= self._reset_seconds:
            return BreakerState.HALF_OPEN
        return BreakerState.OPEN
