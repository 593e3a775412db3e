"""The BOD web services: `POST /dom/services/InventoryServices` and `POST /dom/services/OrderServices`.

The paths mirror WCS's `/webapp/wcs/services/<Service>` (facts sections 1 and 2) under a `/dom` prefix. Each
view is thin: read the body (never more than `max_body_bytes` + 1 bytes), let the fault rules decide, call the
Flask-free `BodHandler`, journal the exchange, answer. Faults that stand for "DOM never got it" (error,
soapFault, httpStatus, drop, timeout) answer *without* calling the handler, so no state changes, unless the
rule says `"afterProcessing": true` (DOM did the work, the answer was lost). `malformed` and `invalid`
garble the real answer after the work is done.

The two service paths are also registered as static routes: werkzeug matches those without running the
`<service>` converter's regular expression, which is a measurable share of a small BOD's cost.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Response, request

from bods import codec
from bods.errors import BodError
from bods.messages import Bod, Envelope
from mock_dom.faults import AppliedFault, Decision, Facts, FaultKind
from mock_dom.faults.book import NO_FAULT
from mock_dom.journal import Direction, Exchange, body_text
from mock_dom.serving import read_body
from mock_dom.web import fault_answers
from mock_dom.web.bod_facts import facts_of
from mock_dom.web.connection import can_drop, drop_connection
from mock_dom.web.context import MockDomContext, current

bp = Blueprint("bod_services", __name__, url_prefix="/dom/services")

SERVICES = ("InventoryServices", "OrderServices")
PRE_EMPTIVE = frozenset(
    {FaultKind.ERROR, FaultKind.SOAP_FAULT, FaultKind.HTTP_STATUS, FaultKind.DROP, FaultKind.TIMEOUT}
)
SOAP_NS = b"http://schemas.xmlsoap.org/soap/envelope/"
BARE = Envelope()


@dataclass(frozen=True)
class _Answer:
    """What was (or was not) sent back, plus what the journal should say about the request."""

    status: int | None
    body: bytes
    content_type: str
    bod_type: str | None = None
    action_code: str | None = None
    valid: bool = True
    errors: tuple[str, ...] = ()
    part_numbers: tuple[str, ...] = ()
    store_id: str | None = None
    outcome: str = "answered"


@bp.post("/InventoryServices", endpoint="inventory_services", defaults={"service": "InventoryServices"})
@bp.post("/OrderServices", endpoint="order_services", defaults={"service": "OrderServices"})
@bp.post("/<service>")
def bod_service(service: str) -> Response:
    context = current()
    started = time.perf_counter()
    body = read_body(request.environ, context.config.max_body_bytes)
    faults = context.faults
    request_bod, envelope = _peek(body, context) if faults else (None, BARE)
    decision = faults.decide(_facts(request_bod, context)) if faults else NO_FAULT
    if decision.delay:
        context.sleep(decision.delay)
    answer = _answer(context, service, body, decision.outcome, request_bod, envelope)
    latency_ms = round((time.perf_counter() - started) * 1000, 3)
    context.journal.record(_exchange(service, body, answer, decision, latency_ms))
    if answer.status is None:
        return drop_connection(request.environ)
    response = Response(answer.body, status=answer.status, content_type=answer.content_type)
    if len(body) > context.config.max_body_bytes:
        response.headers["Connection"] = "close"  # the rest of an oversized body is still on the socket
    return response


def _peek(body: bytes, context: MockDomContext) -> tuple[Bod | None, Envelope]:
    """Decode without validation, only to let fault rules match; unreadable input matches match-all rules."""
    try:
        document = codec.parse(body, max_bytes=context.config.max_body_bytes, validate=False)
    except BodError:
        return None, Envelope(soap=SOAP_NS in body[:4096])
    return document.bod, document.envelope


def _facts(bod: Bod | None, context: MockDomContext) -> Facts:
    return facts_of(bod, context.part_number_of) if bod is not None else Facts()


def _answer(
    context: MockDomContext,
    service: str,
    body: bytes,
    fault: AppliedFault | None,
    bod: Bod | None,
    envelope: Envelope,
) -> _Answer:
    kind = fault.action.kind if fault else None
    if fault is not None and kind in PRE_EMPTIVE:
        if fault.action.after_processing:
            _handled(context, service, body)
        return _fault_answer(context, fault, bod, envelope)
    handled = _handled(context, service, body)
    if kind is FaultKind.MALFORMED:
        return _replace_body(handled, fault_answers.malformed(handled.body))
    if kind is FaultKind.INVALID:
        return _replace_body(handled, fault_answers.schema_invalid(handled.body))
    return handled


def _handled(context: MockDomContext, service: str, body: bytes) -> _Answer:
    reply = context.dom.handler.handle(service, body, request.headers)
    errors = (f"{reply.reason_code}: {reply.error_reason}",) if reply.reason_code else ()
    return _Answer(
        reply.status,
        reply.body,
        reply.content_type,
        reply.bod_type,
        reply.action_code,
        reply.valid,
        errors,
        tuple(reply.part_numbers),
        reply.store_id,
    )


def _replace_body(answer: _Answer, body: bytes) -> _Answer:
    return _Answer(
        answer.status,
        body,
        answer.content_type,
        answer.bod_type,
        answer.action_code,
        answer.valid,
        answer.errors,
        answer.part_numbers,
        answer.store_id,
        outcome="garbled",
    )


def _fault_answer(
    context: MockDomContext, fault: AppliedFault, bod: Bod | None, envelope: Envelope
) -> _Answer:
    action, kind = fault.action, fault.action.kind
    facts = _facts(bod, context)
    described: dict[str, Any] = {
        "bod_type": facts.operation,
        "action_code": facts.action,
        "part_numbers": facts.part_numbers,
        "store_id": facts.store,
    }
    if kind is FaultKind.ERROR:
        new_area = context.dom.service.application_area
        body, content_type = fault_answers.error_answer(action, bod, envelope, new_area)
        return _Answer(200, body, content_type, **described)
    if kind is FaultKind.SOAP_FAULT:
        return _Answer(500, fault_answers.soap_fault(action), fault_answers.SOAP_CONTENT_TYPE, **described)
    if kind is FaultKind.HTTP_STATUS:
        body = fault_answers.http_status_body(action)
        return _Answer(action.status or 503, body, "text/plain; charset=utf-8", **described)
    if kind is FaultKind.TIMEOUT:
        context.sleep(min(fault.seconds or 0.0, context.config.timeout_fault_cap))
    outcome = "timed out" if kind is FaultKind.TIMEOUT else "dropped"
    if not can_drop(request.environ):
        outcome += " (no socket: answered 502)"
    return _Answer(None, b"", "", outcome=outcome, **described)


def _exchange(service: str, body: bytes, answer: _Answer, decision: Decision, latency_ms: float) -> Exchange:
    return Exchange(
        direction=Direction.INBOUND,
        service=service,
        bod_type=answer.bod_type,
        action_code=answer.action_code,
        valid=answer.valid,
        errors=answer.errors,
        status=answer.status,
        latency_ms=latency_ms,
        part_numbers=answer.part_numbers,
        store_id=answer.store_id,
        fault=decision.describe(),
        outcome=answer.outcome,
        request_body=body_text(body),
        response_body=body_text(answer.body),
    )
