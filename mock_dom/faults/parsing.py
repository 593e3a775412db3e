"""Reading fault rules from their JSON form, with a clear message for every mistake (the admin API's 400s)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from enum import Enum
from typing import Any

from mock_dom.faults.model import (
    DEFAULT_TIMEOUT_SECONDS,
    PUSH_KINDS,
    REQUEST_KINDS,
    FaultAction,
    FaultKind,
    FaultMatch,
    FaultRule,
    FaultRuleError,
    Target,
)

_MATCH_NAMES = {
    "operation": "operation",
    "bodType": "operation",
    "action": "action",
    "actionCode": "action",
    "partNumber": "part_number",
    "store": "store",
    "storeId": "store",
    "nth": "nth",
    "every": "every",
}
_RULE_KEYS = {"id", "on", "match", "fault", "times", "activeFrom", "activeUntil", "forSeconds", "description"}


def parse_rule(data: Mapping[str, Any], *, default_id: str, now: float) -> FaultRule:
    """Turn the JSON form into a FaultRule, checking every field.

    `forSeconds` counts from `activeFrom`, or from `now` when there is none.
    """
    if not isinstance(data, Mapping):
        raise FaultRuleError("a fault rule is a JSON object")
    unknown = set(data) - _RULE_KEYS
    if unknown:
        raise FaultRuleError(f"unknown fault rule fields: {', '.join(sorted(unknown))}")
    target = _enum(Target, data.get("on", Target.REQUESTS.value), "on")
    action = parse_action(data.get("fault"), target)
    active_from = _instant(data.get("activeFrom"), "activeFrom")
    active_until = _instant(data.get("activeUntil"), "activeUntil")
    if data.get("forSeconds") is not None:
        active_until = (active_from if active_from is not None else now) + _positive(
            data["forSeconds"], "forSeconds"
        )
    rule_id = data.get("id", default_id)
    if not isinstance(rule_id, str) or not rule_id:
        raise FaultRuleError("id must be a non-empty string")
    times = None if data.get("times") is None else int(_positive(data["times"], "times", integer=True))
    return FaultRule(
        id=rule_id,
        target=target,
        match=parse_match(data.get("match", {})),
        action=action,
        times=times,
        active_from=active_from,
        active_until=active_until,
        description=_text(data.get("description"), "description"),
    )


def parse_match(data: Any) -> FaultMatch:
    if not isinstance(data, Mapping):
        raise FaultRuleError("match must be a JSON object")
    values: dict[str, Any] = {}
    for key, value in data.items():
        name = _MATCH_NAMES.get(key)
        if name is None:
            raise FaultRuleError(f"unknown match field {key!r}; known: {', '.join(sorted(_MATCH_NAMES))}")
        if name in ("nth", "every"):
            values[name] = int(_positive(value, key, integer=True))
        else:
            values[name] = _text(value, key)
    return FaultMatch(**values)


_ACTION_FIELDS: dict[FaultKind, dict[str, str]] = {
    FaultKind.LATENCY: {"seconds": "seconds", "median": "median", "p99": "p99"},
    FaultKind.DELAY: {"seconds": "seconds", "median": "median", "p99": "p99"},
    FaultKind.TIMEOUT: {"seconds": "seconds", "afterProcessing": "after_processing"},
    FaultKind.ERROR: {"reasonCode": "reason_code", "reason": "reason"},
    FaultKind.SOAP_FAULT: {"faultCode": "fault_code", "reason": "reason"},
    FaultKind.HTTP_STATUS: {"status": "status", "body": "body", "afterProcessing": "after_processing"},
    FaultKind.DUPLICATE: {"copies": "copies"},
    FaultKind.DROP: {"afterProcessing": "after_processing"},
    FaultKind.MALFORMED: {},
    FaultKind.INVALID: {},
}
_DEFAULTS: dict[FaultKind, dict[str, Any]] = {
    FaultKind.TIMEOUT: {"seconds": DEFAULT_TIMEOUT_SECONDS},
    FaultKind.ERROR: {
        "reason_code": "_ERR_DOM_FAULT_INJECTED.-1",
        "reason": "Fault injected by the mock DOM",
    },
    FaultKind.SOAP_FAULT: {"fault_code": "soapenv:Server", "reason": "Fault injected by the mock DOM"},
    FaultKind.HTTP_STATUS: {"status": 503},
    FaultKind.DUPLICATE: {"copies": 2},
}


def parse_action(data: Any, target: Target) -> FaultAction:
    if not isinstance(data, Mapping) or "type" not in data:
        raise FaultRuleError('fault must be a JSON object with a "type"')
    kind = _enum(FaultKind, data["type"], "fault.type")
    allowed = REQUEST_KINDS if target is Target.REQUESTS else PUSH_KINDS
    if kind not in allowed:
        raise FaultRuleError(
            f"fault type {kind.value!r} does not apply to {target.value}; "
            f"use one of {', '.join(sorted(k.value for k in allowed))}"
        )
    names = dict(_ACTION_FIELDS[kind])
    if target is Target.PUSHES:
        names.pop("afterProcessing", None)
    unknown = set(data) - set(names) - {"type"}
    if unknown:
        raise FaultRuleError(f"unknown fields for a {kind.value} fault: {', '.join(sorted(unknown))}")
    values = dict(_DEFAULTS.get(kind, {}))
    for key, name in names.items():
        if key in data:
            values[name] = _action_value(name, data[key], key)
    return _checked(replace(FaultAction(kind), **values))


def _action_value(name: str, value: Any, key: str) -> Any:
    if name in ("seconds", "median", "p99"):
        return _positive(value, key, allow_zero=name == "seconds")
    if name in ("status", "copies"):
        return int(_positive(value, key, integer=True))
    if name == "after_processing":
        if not isinstance(value, bool):
            raise FaultRuleError(f"{key} must be true or false, not {value!r}")
        return value
    return _text(value, key)


def _checked(action: FaultAction) -> FaultAction:
    if action.kind in (FaultKind.LATENCY, FaultKind.DELAY):
        lognormal = action.median is not None or action.p99 is not None
        if lognormal and (action.median is None or action.p99 is None):
            raise FaultRuleError("log-normal latency needs both median and p99")
        if lognormal and action.p99 <= action.median:  # type: ignore[operator]
            raise FaultRuleError("p99 must be greater than median")
        if not lognormal and action.seconds is None:
            raise FaultRuleError(f"a {action.kind.value} fault needs seconds, or median and p99")
    if action.kind is FaultKind.HTTP_STATUS and not 100 <= (action.status or 0) <= 599:
        raise FaultRuleError("status must be an HTTP status code (100-599)")
    return action


def _enum(kind: type[Enum], value: Any, key: str) -> Any:
    try:
        return kind(value)
    except ValueError:
        known = ", ".join(str(member.value) for member in kind)  # type: ignore[attr-defined]
        raise FaultRuleError(f"{key} must be one of {known}, not {value!r}") from None


def _positive(value: Any, key: str, *, integer: bool = False, allow_zero: bool = False) -> float:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or (integer and not float(value).is_integer())
    ):
        raise FaultRuleError(f"{key} must be a {'whole ' if integer else ''}number, not {value!r}")
    if value < 0 or (value == 0 and not allow_zero):
        raise FaultRuleError(f"{key} must be {'zero or ' if allow_zero else ''}positive, not {value!r}")
    return float(value)


def _text(value: Any, key: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise FaultRuleError(f"{key} must be a string, not {value!r}")
    return value


def _instant(value: Any, key: str) -> float | None:
    """Epoch seconds, or an ISO 8601 date-time with a zone (`2024-05-01T10:00:00Z`)."""
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            if moment.tzinfo is not None:
                return moment.timestamp()
    raise FaultRuleError(f"{key} must be epoch seconds or an ISO 8601 date-time with a zone, not {value!r}")
