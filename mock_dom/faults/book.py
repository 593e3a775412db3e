"""The live rule book: counts BODs against the rules and decides which faults apply, thread-safely."""

from __future__ import annotations

import itertools
import random
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from mock_dom.faults.model import Facts, FaultAction, FaultKind, FaultRule, FaultRuleError, Target
from mock_dom.faults.parsing import parse_rule


@dataclass
class _RuleState:
    rule: FaultRule
    matched: int = 0
    applied: int = 0

    def exhausted(self) -> bool:
        return self.rule.times is not None and self.applied >= self.rule.times

    def to_json(self, now: float) -> dict[str, Any]:
        active = not self.exhausted() and self.rule.in_window(now)
        return {**self.rule.to_json(), "matched": self.matched, "applied": self.applied, "active": active}


@dataclass(frozen=True)
class AppliedFault:
    rule_id: str
    action: FaultAction
    seconds: float | None = None

    def describe(self) -> str:
        return f"{self.action.describe(self.seconds)} (rule {self.rule_id})"


@dataclass(frozen=True)
class Decision:
    """The outcome for one BOD: total added delay plus at most one answer-changing fault."""

    delay: float = 0.0
    outcome: AppliedFault | None = None
    applied: tuple[AppliedFault, ...] = field(default=())

    def describe(self) -> str | None:
        return "; ".join(a.describe() for a in self.applied) or None


NO_FAULT = Decision()


class FaultBook:
    """The live set of fault rules with their counters; thread-safe."""

    def __init__(self, *, seed: int = 0, now: Callable[[], float] = time.time) -> None:
        self._seed = seed
        self._rng = random.Random(seed)
        self._now = now
        self._lock = threading.Lock()
        self._states: list[_RuleState] = []
        self._ids = itertools.count(1)

    def add(self, data: Mapping[str, Any]) -> FaultRule:
        """Parse and add one rule (JSON shape in the module docstring); raises FaultRuleError."""
        with self._lock:
            rule = parse_rule(data, default_id=f"f-{next(self._ids)}", now=self._now())
            if any(state.rule.id == rule.id for state in self._states):
                raise FaultRuleError(f"a fault rule with id {rule.id!r} already exists")
            self._states.append(_RuleState(rule))
        return rule

    def rules(self) -> list[dict[str, Any]]:
        now = self._now()
        with self._lock:
            return [state.to_json(now) for state in self._states]

    def remove(self, rule_id: str) -> bool:
        with self._lock:
            kept = [state for state in self._states if state.rule.id != rule_id]
            removed = len(kept) != len(self._states)
            self._states = kept
        return removed

    def clear(self) -> None:
        """Forget every rule, re-seed, number rules from f-1 again: a run after a reset repeats exactly."""
        with self._lock:
            self._states = []
            self._rng = random.Random(self._seed)
            self._ids = itertools.count(1)

    def __bool__(self) -> bool:
        return bool(self._states)

    def decide(self, facts: Facts, target: Target = Target.REQUESTS) -> Decision:
        """Count the BOD against every matching rule and return what to do with it."""
        if not self._states:
            return NO_FAULT
        now = self._now()
        applied: list[AppliedFault] = []
        delay, outcome = 0.0, None
        with self._lock:
            for state in self._states:
                if state.rule.target is not target or not state.rule.match.matches(facts):
                    continue
                if not state.rule.in_window(now) or state.exhausted():
                    continue
                state.matched += 1
                if not state.rule.match.selects(state.matched):
                    continue
                action = state.rule.action
                if action.kind is FaultKind.LATENCY:
                    hit = AppliedFault(state.rule.id, action, action.draw_seconds(self._rng))
                    delay += hit.seconds or 0.0
                elif outcome is None:
                    seconds = action.draw_seconds(self._rng) if _timed(action) else None
                    hit = outcome = AppliedFault(state.rule.id, action, seconds)
                else:
                    continue
                state.applied += 1
                applied.append(hit)
        return Decision(delay=delay, outcome=outcome, applied=tuple(applied))


def _timed(action: FaultAction) -> bool:
    return action.kind in (FaultKind.DELAY, FaultKind.TIMEOUT)
