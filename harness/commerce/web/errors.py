"""WCS's REST error body for every refusal and every unexpected failure (never a stack trace).

    {"errors": [{"errorKey": "...", "errorParameters": [...], "errorMessage": "...", "errorCode": "..."}]}

The shape is facts section 5 [I]; `errorKey` is the WCS message key, `errorCode` the HTTP status [I].
"""

from __future__ import annotations

import json
import logging
import uuid

from flask import Flask, Response
from werkzeug.exceptions import HTTPException

from harness.commerce.domain.errors import (
    AuthenticationFailed,
    AvailabilityNotFound,
    BodConflict,
    CommerceError,
    DomRejected,
    DomUnavailable,
    NotFound,
)

log = logging.getLogger(__name__)

STATUS_BY_ERROR: tuple[tuple[type[CommerceError], int], ...] = (
    (NotFound, 404),
    (AvailabilityNotFound, 404),
    (DomUnavailable, 503),
    (DomRejected, 502),
    (AuthenticationFailed, 401),
    (BodConflict, 409),
)


def status_of(error: CommerceError) -> int:
    return next((status for kind, status in STATUS_BY_ERROR if isinstance(error, kind)), 400)


def error_response(status: int, key: str, message: str, parameters: tuple[str, ...] = ()) -> Response:
    body = {
        "errors": [
            {
                "errorKey": key,
                "errorParameters": list(parameters),
                "errorMessage": message,
                "errorCode": str(status),
            }
        ]
    }
    return Response(json.dumps(body), status=status, mimetype="application/json")


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(CommerceError)
    def _refused(error: CommerceError) -> Response:
        return error_response(status_of(error), error.message_key, error.reason, error.parameters)

    @app.errorhandler(HTTPException)
    def _http(error: HTTPException) -> Response:
        status = error.code or 500
        return error_response(status, f"_ERR_HTTP_{status}", error.description or error.name)

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> Response:
        correlation = str(uuid.uuid4())
        log.exception("unexpected error, correlation id %s", correlation)
        return error_response(
            500, "_ERR_GENERIC", f"An internal error occurred (correlation id {correlation}).", (correlation,)
        )
