"""The request journal: every BOD the mock DOM answered or pushed, kept in memory for tests to query.

Modelled on WireMock's `InMemoryRequestJournal` and its verification API: a bounded, thread-safe log of
exchanges (oldest dropped first), filters that read like the WCS/DOM vocabulary (BOD type, action code, part
number, store), `count`, and `verify(criteria, count=..., at_least=...)` that answers with the entries that
*almost* matched when the expectation fails, so a failing test says why.
"""

from __future__ import annotations

import itertools
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields
from enum import Enum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mock_dom.pushes import PushAttempt

DEFAULT_CAPACITY = 10_000
DEFAULT_BODY_LIMIT = 65_536  # characters kept of each request/response body
NEAR_MISS_LIMIT = 3


class Direction(str, Enum):
    """As seen by the server keeping the journal. In the mock DOM's: INBOUND the commerce -> DOM requests it
    answered, OUTBOUND the pushes it sent. In the reference commerce server's: INBOUND the BODs DOM sent it,
    OUTBOUND the requests it sent to DOM."""

    INBOUND = "inbound"
    OUTBOUND = "outbound"


@dataclass(frozen=True)
class Exchange:
    """What the edge knows about one BOD exchange when it records it (the journal adds id and time)."""

    direction: Direction
    service: str
    bod_type: str | None = None
    action_code: str | None = None
    valid: bool = True
    errors: tuple[str, ...] = ()
    status: int | None = None
    latency_ms: float | None = None
    part_numbers: tuple[str, ...] = ()
    store_id: str | None = None
    fault: str | None = None
    outcome: str | None = None
    request_body: str = ""
    response_body: str = ""


@dataclass(frozen=True)
class JournalEntry(Exchange):
    """A recorded exchange. `id` grows by one per entry and is never reused, even after `clear()`."""

    id: int = 0
    timestamp: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "timestamp": self.timestamp,
            "direction": self.direction.value,
            "service": self.service,
            "bodType": self.bod_type,
            "actionCode": self.action_code,
            "valid": self.valid,
            "errors": list(self.errors),
            "status": self.status,
            "latencyMs": self.latency_ms,
            "partNumbers": list(self.part_numbers),
            "storeId": self.store_id,
            "fault": self.fault,
            "outcome": self.outcome,
            "requestBody": self.request_body,
            "responseBody": self.response_body,
        }


class CriteriaError(ValueError):
    """A journal query that cannot be understood (unknown field, wrong type)."""


# JSON / query-string names of the criteria, mapped to JournalCriteria fields.
_CRITERIA_NAMES = {
    "bodType": "bod_type",
    "type": "bod_type",
    "actionCode": "action_code",
    "action": "action_code",
    "direction": "direction",
    "valid": "valid",
    "partNumber": "part_number",
    "storeId": "store_id",
    "store": "store_id",
    "service": "service",
    "status": "status",
    "sinceId": "since_id",
    "fault": "has_fault",
}


@dataclass(frozen=True)
class JournalCriteria:
    """Which entries to select. Unset fields match anything; set fields must all hold."""

    bod_type: str | None = None
    action_code: str | None = None
    direction: Direction | None = None
    valid: bool | None = None
    part_number: str | None = None
    store_id: str | None = None
    service: str | None = None
    status: int | None = None
    since_id: int | None = None
    has_fault: bool | None = None

    @classmethod
    def from_mapping(cls, raw: Mapping[str, Any]) -> JournalCriteria:
        """Build from JSON or query-string values (`"true"`, `"3"` are accepted as well as true, 3)."""
        values: dict[str, Any] = {}
        for key, value in raw.items():
            name = _CRITERIA_NAMES.get(key, key if key in _FIELD_NAMES else None)
            if name is None:
                raise CriteriaError(f"unknown criterion {key!r}; known: {', '.join(sorted(_CRITERIA_NAMES))}")
            if value is None or value == "":
                continue
            values[name] = _coerce(name, value)
        return cls(**values)

    def mismatches(self, entry: JournalEntry) -> list[str]:
        """The criteria `entry` fails, each as a short sentence (empty when it matches)."""
        return [reason for check in _CHECKS if (reason := check(self, entry))]

    def matches(self, entry: JournalEntry) -> bool:
        return not self.mismatches(entry)

    def to_json(self) -> dict[str, Any]:
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is not None:
                out[f.name] = value.value if isinstance(value, Enum) else value
        return out


_FIELD_NAMES = {f.name for f in fields(JournalCriteria)}


def _coerce(name: str, value: Any) -> Any:
    try:
        if name == "direction":
            return Direction(value)
        if name in ("valid", "has_fault"):
            return _boolean(value)
        if name in ("status", "since_id"):
            if isinstance(value, bool):
                raise ValueError(value)
            return int(value)
    except ValueError as error:
        raise CriteriaError(f"bad value for {name}: {value!r}") from error
    if not isinstance(value, str):
        raise CriteriaError(f"bad value for {name}: {value!r} (expected text)")
    return value


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "1", "yes"):
        return True
    if isinstance(value, str) and value.lower() in ("false", "0", "no"):
        return False
    raise ValueError(value)


def _differs(name: str, wanted: Any, actual: Any) -> str | None:
    if wanted is None or wanted == actual:
        return None
    shown = actual.value if isinstance(actual, Enum) else actual
    return f"{name} is {shown!r}, expected {wanted.value if isinstance(wanted, Enum) else wanted!r}"


_CHECKS: tuple[Callable[[JournalCriteria, JournalEntry], str | None], ...] = (
    lambda c, e: _differs("bodType", c.bod_type, e.bod_type),
    lambda c, e: _differs("actionCode", c.action_code, e.action_code),
    lambda c, e: _differs("direction", c.direction, e.direction),
    lambda c, e: _differs("valid", c.valid, e.valid),
    lambda c, e: _differs("storeId", c.store_id, e.store_id),
    lambda c, e: _differs("service", c.service, e.service),
    lambda c, e: _differs("status", c.status, e.status),
    lambda c, e: (
        None
        if c.part_number is None or c.part_number in e.part_numbers
        else f"partNumbers are {list(e.part_numbers)}, expected to include {c.part_number!r}"
    ),
    lambda c, e: None if c.since_id is None or e.id > c.since_id else f"id {e.id} is not after {c.since_id}",
    lambda c, e: (
        None if c.has_fault is None or (e.fault is not None) == c.has_fault else f"fault is {e.fault!r}"
    ),
)


@dataclass(frozen=True)
class NearMiss:
    """An entry that failed some criteria, with the reasons (WireMock's near-miss report)."""

    entry: JournalEntry
    differences: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        summary = {k: v for k, v in self.entry.to_json().items() if k not in ("requestBody", "responseBody")}
        return {"entry": summary, "differences": list(self.differences)}


@dataclass(frozen=True)
class Verification:
    """The answer to `verify`: did the expectation hold, how many matched, and what nearly matched."""

    ok: bool
    actual: int
    near_misses: tuple[NearMiss, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "actual": self.actual, "nearMisses": [m.to_json() for m in self.near_misses]}


def _entry_id(entry: JournalEntry) -> int:
    return entry.id


class RequestJournal:
    """Bounded in-memory journal; safe to use from every request thread and the push worker at once."""

    def __init__(
        self,
        capacity: int = DEFAULT_CAPACITY,
        *,
        body_limit: int = DEFAULT_BODY_LIMIT,
        now: Callable[[], float] = time.time,
    ) -> None:
        if capacity < 1:
            raise ValueError("journal capacity must be at least 1")
        self._entries: deque[JournalEntry] = deque(maxlen=capacity)
        self._body_limit = body_limit
        self._now = now
        self._ids = itertools.count(1)

    @property
    def capacity(self) -> int:
        return self._entries.maxlen or 0

    def record(self, exchange: Exchange) -> JournalEntry:
        """Append one exchange; the oldest entry goes when the journal is full.

        No lock: taking the next id and appending to the deque are each atomic in CPython, and a lock here
        made every request thread queue behind whichever one the interpreter had paused while holding it.
        Two threads may append in the other order than their ids; readers sort by id.
        """
        clipped = {
            "request_body": self._clip(exchange.request_body),
            "response_body": self._clip(exchange.response_body),
        }
        entry = JournalEntry(**(vars(exchange) | clipped), id=next(self._ids), timestamp=self._now())
        self._entries.append(entry)
        return entry

    def entries(
        self, criteria: JournalCriteria | None = None, *, limit: int | None = None
    ) -> list[JournalEntry]:
        """Matching entries, oldest first; `limit` keeps the newest `limit` of them."""
        selected = [e for e in self._snapshot() if criteria is None or criteria.matches(e)]
        return selected[-limit:] if limit is not None and limit >= 0 else selected

    def count(self, criteria: JournalCriteria | None = None) -> int:
        return len(self.entries(criteria))

    def verify(
        self, criteria: JournalCriteria, count: int | None = None, at_least: int | None = None
    ) -> Verification:
        """Check how many entries match: exactly `count`, at least `at_least`, or (neither given) any."""
        snapshot = self._snapshot()
        actual = sum(1 for e in snapshot if criteria.matches(e))
        ok = actual == count if count is not None else actual >= (1 if at_least is None else at_least)
        near = () if ok else tuple(_near_misses(criteria, snapshot))
        return Verification(ok=ok, actual=actual, near_misses=near)

    def clear(self) -> None:
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)

    def _snapshot(self) -> list[JournalEntry]:
        return sorted(self._entries.copy(), key=_entry_id)

    def _clip(self, text: str) -> str:
        if len(text) <= self._body_limit:
            return text
        return text[: self._body_limit] + f"...[{len(text) - self._body_limit} more characters]"


def _near_misses(criteria: JournalCriteria, entries: Iterable[JournalEntry]) -> list[NearMiss]:
    """Entries failing the fewest criteria (at least one), newest first among equals."""
    scored = []
    for entry in entries:
        differences = criteria.mismatches(entry)
        if differences:
            scored.append((len(differences), -entry.id, NearMiss(entry, tuple(differences))))
    scored.sort(key=lambda item: (item[0], item[1]))
    return [miss for _, _, miss in scored[:NEAR_MISS_LIMIT]]


def body_text(data: bytes) -> str:
    """Bodies are journalled as text; bytes that are not UTF-8 are shown as replacement characters."""
    return data.decode("utf-8", errors="replace")


def push_recorder(journal: RequestJournal) -> Callable[[PushAttempt], None]:
    """The outbox's `record` hook: every push attempt becomes an OUTBOUND entry (outcome sent/retry/...)."""

    def record(attempt: PushAttempt) -> None:
        journal.record(
            Exchange(
                direction=Direction.OUTBOUND,
                service=attempt.path.rstrip("/").rsplit("/", 1)[-1],
                bod_type=attempt.bod_type,
                action_code=attempt.action_code,
                valid=attempt.error is None,
                errors=(attempt.error,) if attempt.error else (),
                status=attempt.http_status,
                latency_ms=round(attempt.latency_s * 1000, 3),
                part_numbers=tuple(attempt.part_numbers),
                store_id=attempt.store_id,
                fault=attempt.fault,
                outcome=attempt.outcome,
                request_body=body_text(attempt.request_body),
                response_body=body_text(attempt.response_body),
            )
        )

    return record
