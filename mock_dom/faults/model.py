"""The fault rule model: kinds, what a rule matches, what it does, and its active window."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from enum import Enum
from typing import Any

Z_99 = 2.3263478740408408  # standard normal quantile at 0.99
DEFAULT_TIMEOUT_SECONDS = 30.0


class FaultRuleError(ValueError):
    """A fault rule that cannot be understood; the admin API answers 400 with this message."""


class Target(str, Enum):
    REQUESTS = "requests"
    PUSHES = "pushes"


class FaultKind(str, Enum):
    LATENCY = "latency"
    ERROR = "error"
    SOAP_FAULT = "soapFault"
    HTTP_STATUS = "httpStatus"
    TIMEOUT = "timeout"
    DROP = "drop"
    MALFORMED = "malformed"
    INVALID = "invalid"
    DELAY = "delay"
    DUPLICATE = "duplicate"


REQUEST_KINDS = frozenset(
    {
        FaultKind.LATENCY,
        FaultKind.ERROR,
        FaultKind.SOAP_FAULT,
        FaultKind.HTTP_STATUS,
        FaultKind.TIMEOUT,
        FaultKind.DROP,
        FaultKind.MALFORMED,
        FaultKind.INVALID,
    }
)
PUSH_KINDS = frozenset({FaultKind.DELAY, FaultKind.DROP, FaultKind.DUPLICATE})


@dataclass(frozen=True)
class Facts:
    """What a rule can match on, taken from the BOD being answered or pushed."""

    operation: str | None = None
    action: str | None = None
    part_numbers: tuple[str, ...] = ()
    store: str | None = None


@dataclass(frozen=True)
class FaultAction:
    """What happens. Only the fields of its `kind` are set (see the module docstring for each kind)."""

    kind: FaultKind
    seconds: float | None = None
    median: float | None = None
    p99: float | None = None
    status: int | None = None
    body: str | None = None
    reason_code: str | None = None
    reason: str | None = None
    fault_code: str | None = None
    copies: int | None = None
    after_processing: bool | None = None

    def draw_seconds(self, rng: random.Random) -> float:
        """Latency/delay/timeout length: fixed, or log-normal with the given median and 99th percentile."""
        if self.median is not None and self.p99 is not None:
            sigma = math.log(self.p99 / self.median) / Z_99
            return rng.lognormvariate(math.log(self.median), sigma)
        return self.seconds or 0.0

    def describe(self, seconds: float | None = None) -> str:
        if self.kind in (FaultKind.LATENCY, FaultKind.DELAY, FaultKind.TIMEOUT):
            return f"{self.kind.value} {seconds if seconds is not None else self.seconds or 0:.3f}s"
        if self.kind is FaultKind.HTTP_STATUS:
            return f"httpStatus {self.status}"
        if self.kind is FaultKind.ERROR:
            return f"error {self.reason_code}"
        if self.kind is FaultKind.DUPLICATE:
            return f"duplicate x{self.copies}"
        return self.kind.value

    def to_json(self) -> dict[str, Any]:
        names = {
            "reason_code": "reasonCode",
            "fault_code": "faultCode",
            "after_processing": "afterProcessing",
        }
        out: dict[str, Any] = {"type": self.kind.value}
        for key in (
            "seconds",
            "median",
            "p99",
            "status",
            "body",
            "reason_code",
            "reason",
            "fault_code",
            "copies",
            "after_processing",
        ):
            if (value := getattr(self, key)) is not None:
                out[names.get(key, key)] = value
        return out


@dataclass(frozen=True)
class FaultMatch:
    """Which BODs a rule applies to; unset fields match anything. `nth`/`every` count matching BODs."""

    operation: str | None = None
    action: str | None = None
    part_number: str | None = None
    store: str | None = None
    nth: int | None = None
    every: int | None = None

    def matches(self, facts: Facts) -> bool:
        return (
            _same(self.operation, facts.operation)
            and _same(self.action, facts.action)
            and _same(self.store, facts.store)
            and (self.part_number is None or self.part_number in facts.part_numbers)
        )

    def selects(self, ordinal: int) -> bool:
        """Whether the `ordinal`-th matching BOD (1-based) is the one to fault."""
        if self.nth is not None and ordinal != self.nth:
            return False
        return self.every is None or ordinal % self.every == 0

    def to_json(self) -> dict[str, Any]:
        names = {"part_number": "partNumber"}
        return {names.get(k, k): v for k, v in vars(self).items() if v is not None}


def _same(wanted: str | None, actual: str | None) -> bool:
    return wanted is None or wanted == actual


@dataclass(frozen=True)
class FaultRule:
    id: str
    target: Target
    match: FaultMatch
    action: FaultAction
    times: int | None = None
    active_from: float | None = None
    active_until: float | None = None
    description: str | None = None

    def in_window(self, now: float) -> bool:
        return (self.active_from is None or now >= self.active_from) and (
            self.active_until is None or now < self.active_until
        )

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "on": self.target.value,
            "match": self.match.to_json(),
            "fault": self.action.to_json(),
        }
        for key, name in (
            ("times", "times"),
            ("active_from", "activeFrom"),
            ("active_until", "activeUntil"),
            ("description", "description"),
        ):
            if (value := getattr(self, key)) is not None:
                out[name] = value
        return out
