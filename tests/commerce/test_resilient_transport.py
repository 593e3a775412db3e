"""Bounded retries with backoff and the circuit breaker around the DOM transport (clock-driven)."""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from harness.commerce.domain.errors import DomUnavailable
from harness.commerce.services.circuit_breaker import BreakerState, CircuitBreaker
from harness.commerce.services.transport import ResilientTransport


class ScriptedTransport:
    """Plays back a script of outcomes: an int status, or an exception to raise."""

    def __init__(self, *outcomes: int | Exception) -> None:
        self.outcomes = list(outcomes)
        self.calls = 0

    def post(self, service: str, body: bytes, headers: Mapping[str, str]) -> tuple[int, bytes]:
        self.calls += 1
        outcome = self.outcomes.pop(0) if self.outcomes else 200
        if isinstance(outcome, Exception):
            raise outcome
        return outcome, b"<answer/>"


DOWN = DomUnavailable("connection refused")


def resilient(inner, clock, *, retries=1, threshold=3, reset=10.0, sleeps=None):
    breaker = CircuitBreaker(clock, failure_threshold=threshold, reset_seconds=reset)
    sleep = sleeps.append if sleeps is not None else (lambda _s: None)
    return ResilientTransport(inner, breaker, retries=retries, backoff_seconds=0.1, sleep=sleep)


def test_a_failed_call_is_retried_with_growing_backoff(clock) -> None:
    inner, sleeps = ScriptedTransport(DOWN, 503, 200), []
    transport = resilient(inner, clock, retries=2, sleeps=sleeps)
    assert transport.post("InventoryServices", b"", {}) == (200, b"<answer/>")
    assert inner.calls == 3
    assert sleeps == [0.1, 0.2]


def test_retries_are_bounded(clock) -> None:
    inner = ScriptedTransport(DOWN, DOWN, DOWN, DOWN)
    with pytest.raises(DomUnavailable, match="after 2 attempts"):
        resilient(inner, clock, retries=1).post("InventoryServices", b"", {})
    assert inner.calls == 2


def test_a_client_error_answer_is_not_retried(clock) -> None:
    inner = ScriptedTransport(500)
    assert resilient(inner, clock).post("InventoryServices", b"", {})[0] == 500
    assert inner.calls == 1


def test_breaker_opens_after_consecutive_failures_and_stops_calling(clock) -> None:
    inner = ScriptedTransport(*[DOWN] * 6)
    transport = resilient(inner, clock, retries=0, threshold=3)
    for _ in range(3):
        with pytest.raises(DomUnavailable):
            transport.post("InventoryServices", b"", {})
    assert transport.breaker.state is BreakerState.OPEN
    with pytest.raises(DomUnavailable, match="circuit breaker"):
        transport.post("InventoryServices", b"", {})
    assert inner.calls == 3


def test_breaker_half_opens_after_the_cool_down_and_closes_on_success(clock) -> None:
    inner = ScriptedTransport(DOWN, DOWN, 200)
    transport = resilient(inner, clock, retries=0, threshold=2, reset=10.0)
    for _ in range(2):
        with pytest.raises(DomUnavailable):
            transport.post("InventoryServices", b"", {})
    clock.advance(9.9)
    assert transport.breaker.state is BreakerState.OPEN
    clock.advance(0.1)
    assert transport.breaker.state is BreakerState.HALF_OPEN
    assert transport.post("InventoryServices", b"", {})[0] == 200
    assert transport.breaker.state is BreakerState.CLOSED


def test_a_failed_trial_call_opens_the_breaker_again(clock) -> None:
    inner = ScriptedTransport(DOWN, DOWN)
    transport = resilient(inner, clock, retries=0, threshold=1, reset=5.0)
    with pytest.raises(DomUnavailable):
        transport.post("InventoryServices", b"", {})
    clock.advance(5)
    with pytest.raises(DomUnavailable, match="connection refused"):
        transport.post("InventoryServices", b"", {})
    assert transport.breaker.state is BreakerState.OPEN
    assert inner.calls == 2


def test_half_open_lets_one_trial_through_at_a_time(clock) -> None:
    breaker = CircuitBreaker(clock, failure_threshold=1, reset_seconds=1.0)
    breaker.record_failure()
    clock.advance(1)
    assert breaker.allow() is True
    assert breaker.allow() is False


def test_success_resets_the_failure_count(clock) -> None:
    breaker = CircuitBreaker(clock, failure_threshold=2)
    breaker.record_failure()
    breaker.record_success()
    breaker.record_failure()
    assert breaker.state is BreakerState.CLOSED
