"""The journal's HTTP query language, Flask-free, so both servers answer `/__admin/requests` alike.

    GET    /__admin/requests?bodType=&actionCode=&direction=&valid=&partNumber=&storeId=&sinceId=&limit=
    GET    /__admin/requests/count?<same filters>
    POST   /__admin/requests/verify   {"criteria": {...}, "count": 1} or {"criteria": {...}, "atLeast": 2}

The mock DOM's admin API and the reference commerce server's both call these with the query string (a
mapping) or the parsed JSON body and send back the dict they return; bad input raises `JournalQueryError`
with a stable code (`bad_criteria`, `bad_request`) that each server renders in its own error form.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mock_dom.journal import CriteriaError, JournalCriteria, RequestJournal


class JournalQueryError(ValueError):
    """A journal query that cannot be answered: `code` for machines, the message for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def criteria_from(raw: Mapping[str, Any]) -> JournalCriteria:
    try:
        return JournalCriteria.from_mapping(raw)
    except CriteriaError as error:
        raise JournalQueryError("bad_criteria", str(error)) from error


def list_entries(journal: RequestJournal, args: Mapping[str, str]) -> dict[str, Any]:
    """`{"requests": [...], "count": n}`, oldest first; `limit` keeps the newest n, `bodies=false` leaves
    the bodies out."""
    filters = dict(args)
    limit = whole_number(filters.pop("limit", None), "limit")
    include_bodies = str(filters.pop("bodies", "true")).lower() != "false"
    rows = [entry.to_json() for entry in journal.entries(criteria_from(filters), limit=limit)]
    if not include_bodies:
        for row in rows:
            row.pop("requestBody")
            row.pop("responseBody")
    return {"requests": rows, "count": len(rows)}


def count_entries(journal: RequestJournal, args: Mapping[str, str]) -> dict[str, Any]:
    return {"count": journal.count(criteria_from(args))}


def verify_entries(journal: RequestJournal, body: Any) -> dict[str, Any]:
    """`{"ok", "actual", "nearMisses"}` for `{"criteria": {...}, "count": n}` or `{..., "atLeast": n}`."""
    if not isinstance(body, dict):
        raise JournalQueryError("bad_request", "the body must be a JSON object")
    unknown = set(body) - {"criteria", "count", "atLeast"}
    if unknown:
        raise JournalQueryError("bad_request", f"unknown fields: {', '.join(sorted(unknown))}")
    criteria = body.get("criteria", {})
    if not isinstance(criteria, dict):
        raise JournalQueryError("bad_criteria", "criteria must be a JSON object")
    count = whole_number(body.get("count"), "count")
    at_least = whole_number(body.get("atLeast"), "atLeast")
    return journal.verify(criteria_from(criteria), count=count, at_least=at_least).to_json()


def whole_number(value: Any, key: str) -> int | None:
    """A whole number >= 0 from JSON or a query string, or None when not given."""
    if value is None or value == "":
        return None
    refusal = JournalQueryError("bad_request", f"{key} must be a whole number >= 0, not {value!r}")
    if isinstance(value, bool):
        raise refusal
    try:
        count = int(value)
    except (TypeError, ValueError):
        raise refusal from None
    if count < 0 or (isinstance(value, float) and not value.is_integer()):
        raise refusal
    return count
