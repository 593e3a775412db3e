"""`/__admin/requests` and `/__admin/faults`: the journal and the fault rules over JSON (WireMock's nouns).

GET    /__admin/requests?bodType=&actionCode=&direction=&valid=&partNumber=&storeId=&sinceId=&limit=
GET    /__admin/requests/count?<same filters>
POST   /__admin/requests/verify   {"criteria": {...}, "count": 1} or {"criteria": {...}, "atLeast": 2}
DELETE /__admin/requests
GET    /__admin/faults            POST /__admin/faults {rule}
DELETE /__admin/faults/<id>       DELETE /__admin/faults
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, request

from mock_dom.faults import FaultRuleError
from mock_dom.journal import CriteriaError, JournalCriteria
from mock_dom.web.context import current
from mock_dom.web.errors import AdminError
from mock_dom.web.json_input import json_object, optional_count

bp = Blueprint("admin_journal", __name__, url_prefix="/__admin")


def _criteria(raw: dict[str, Any]) -> JournalCriteria:
    try:
        return JournalCriteria.from_mapping(raw)
    except CriteriaError as error:
        raise AdminError(400, "bad_criteria", str(error)) from error


@bp.get("/requests")
def list_requests() -> Response:
    args = request.args.to_dict()
    limit = optional_count(args.pop("limit", None), "limit")
    include_bodies = args.pop("bodies", "true").lower() != "false"
    entries = current().journal.entries(_criteria(args), limit=limit)
    rows = [entry.to_json() for entry in entries]
    if not include_bodies:
        for row in rows:
            row.pop("requestBody")
            row.pop("responseBody")
    return jsonify({"requests": rows, "count": len(rows)})


@bp.get("/requests/count")
def count_requests() -> Response:
    return jsonify({"count": current().journal.count(_criteria(request.args.to_dict()))})


@bp.post("/requests/verify")
def verify_requests() -> Response:
    body = json_object()
    unknown = set(body) - {"criteria", "count", "atLeast"}
    if unknown:
        raise AdminError(400, "bad_request", f"unknown fields: {', '.join(sorted(unknown))}")
    criteria = body.get("criteria", {})
    if not isinstance(criteria, dict):
        raise AdminError(400, "bad_criteria", "criteria must be a JSON object")
    count = optional_count(body.get("count"), "count")
    at_least = optional_count(body.get("atLeast"), "atLeast")
    result = current().journal.verify(_criteria(criteria), count=count, at_least=at_least)
    return jsonify(result.to_json())


@bp.delete("/requests")
def clear_requests() -> tuple[str, int]:
    current().journal.clear()
    return "", 204


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
