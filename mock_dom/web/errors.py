"""JSON errors for the admin API and every route the server does not know.

Every refusal is `{"error": {"code": ..., "message": ...}}` with a 4xx status for bad input; nothing ever
answers with a stack trace or Flask's HTML error page. BOD services answer in BOD form instead (see
`bod_services`), except when the request never reached them (unknown path, wrong method).
"""

from __future__ import annotations

import logging
import uuid

from flask import Flask, Response, jsonify
from werkzeug.exceptions import HTTPException

from mock_dom.domain.errors import (
    DomError,
    IllegalTransition,
    InvalidQuantity,
    OrderNotFound,
    ReservationNotFound,
    UnknownItem,
    UnknownLocation,
)

log = logging.getLogger(__name__)

# Domain refusals seen through the admin API, as HTTP statuses.
DOMAIN_STATUS: tuple[tuple[type[DomError], int], ...] = (
    (OrderNotFound, 404),
    (ReservationNotFound, 404),
    (UnknownItem, 404),
    (UnknownLocation, 404),
    (IllegalTransition, 409),
    (InvalidQuantity, 400),
)


class AdminError(Exception):
    """A refused admin request: a stable machine-readable `code`, a message for people, an HTTP status."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def error_response(status: int, code: str, message: str) -> tuple[Response, int]:
    return jsonify({"error": {"code": code, "message": message}}), status


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(AdminError, _admin_error)
    app.register_error_handler(DomError, _dom_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)


def _admin_error(error: AdminError) -> tuple[Response, int]:
    return error_response(error.status, error.code, error.message)


def _dom_error(error: DomError) -> tuple[Response, int]:
    status = next((code for kind, code in DOMAIN_STATUS if isinstance(error, kind)), 400)
    return error_response(status, error.reason_code, error.reason)


def _http_error(error: HTTPException) -> tuple[Response, int]:
    status = error.code or 500
    code = (error.name or "error").lower().replace(" ", "_")
    return error_response(status, code, error.description or error.name)


def _unexpected(error: Exception) -> tuple[Response, int]:
    """Log the trace under a correlation id; the client only gets the id."""
    correlation = str(uuid.uuid4())
    log.exception("unexpected error %s", correlation)
    return error_response(500, "internal_error", f"unexpected server error (correlation id {correlation})")
