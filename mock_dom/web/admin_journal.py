"""`/__admin/requests` and `/__admin/faults`: the journal and the fault rules over JSON (WireMock's nouns).

GET    /__admin/requests?bodType=&actionCode=&direction=&valid=&partNumber=&storeId=&sinceId=&limit=
GET    /__admin/requests/count?<same filters>
POST   /__admin/requests/verify   {"criteria": {...}, "count": 1} or {"criteria": {...}, "atLeast": 2}
DELETE /__admin/requests
GET    /__admin/faults            POST /__admin/faults {rule}
DELETE /__admin/faults/<id>       DELETE /__admin/faults
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, Response, jsonify, request

from mock_dom import journal_queries
from mock_dom.faults import FaultRuleError
from mock_dom.journal import RequestJournal
from mock_dom.journal_queries import JournalQueryError
from mock_dom.web.context import current
from mock_dom.web.errors import AdminError
from mock_dom.web.json_input import json_object

bp = Blueprint("admin_journal", __name__, url_prefix="/__admin")


@bp.get("/requests")
def list_requests() -> Response:
    return _answer(journal_queries.list_entries, request.args.to_dict())


@bp.get("/requests/count")
def count_requests() -> Response:
    return _answer(journal_queries.count_entries, request.args.to_dict())


@bp.post("/requests/verify")
def verify_requests() -> Response:
    return _answer(journal_queries.verify_entries, json_object())


@bp.delete("/requests")
def clear_requests() -> tuple[str, int]:
    current().journal.clear()
    return "", 204


def _answer(query: Callable[[RequestJournal, Any], dict[str, Any]], given: Any) -> Response:
    try:
        return jsonify(query(current().journal, given))
    except JournalQueryError as error:
        raise AdminError(400, error.code, error.message) from error


@bp.get("/faults")
def list_faults() -> Response:
    return jsonify({"faults": current().faults.rules()})


@bp.post("/faults")
def add_fault() -> tuple[Response, int]:
    try:
        rule = current().faults.add(json_object())
    except FaultRuleError as error:
        raise AdminError(400, "bad_fault_rule", str(error)) from error
    return jsonify(rule.to_json()), 201


@bp.delete("/faults/<rule_id>")
def remove_fault(rule_id: str) -> tuple[str, int]:
    if not current().faults.remove(rule_id):
        raise AdminError(404, "fault_not_found", f"no fault rule with id {rule_id!r}")
    return "", 204


@bp.delete("/faults")
def clear_faults() -> tuple[str, int]:
    current().faults.clear()
    return "", 204
