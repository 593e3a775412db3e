"""`/__admin/requests` on the commerce server: its request journal, with the mock DOM's filters and shape.

GET    /__admin/requests?bodType=&actionCode=&direction=&valid=&partNumber=&storeId=&sinceId=&limit=
GET    /__admin/requests/count?<same filters>
POST   /__admin/requests/verify   {"criteria": {...}, "count": 1} or {"criteria": {...}, "atLeast": 2}
DELETE /__admin/requests

The queries are `mock_dom.journal_queries`, the same code the mock DOM answers them with, so a client (the
drivers, `harness.run.collect_journals`) reads both servers alike. Bad input is a 400 in this server's WCS
error form, with the journal's code as `errorKey` (`bad_criteria`, `bad_request`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, Response, jsonify, request

from harness.commerce.web.errors import error_response
from mock_dom import journal_queries
from mock_dom.journal import RequestJournal
from mock_dom.journal_queries import JournalQueryError


def journal_blueprint(journal: RequestJournal) -> Blueprint:
    blueprint = Blueprint("commerce_journal", __name__, url_prefix="/__admin")

    def answer(query: Callable[[RequestJournal, Any], dict[str, Any]], given: Any) -> Response:
        try:
            return jsonify(query(journal, given))
        except JournalQueryError as error:
            return error_response(400, error.code, error.message)

    @blueprint.get("/requests")
    def list_requests() -> Response:
        return answer(journal_queries.list_entries, request.args.to_dict())

    @blueprint.get("/requests/count")
    def count_requests() -> Response:
        return answer(journal_queries.count_entries, request.args.to_dict())

    @blueprint.post("/requests/verify")
    def verify_requests() -> Response:
        return answer(journal_queries.verify_entries, request.get_json(silent=True, force=True))

    @blueprint.delete("/requests")
    def clear_requests() -> tuple[str, int]:
        journal.clear()
        return "", 204

    return blueprint
