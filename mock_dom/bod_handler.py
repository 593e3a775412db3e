"""The Flask-free BOD endpoint of the mock DOM: bytes in, bytes out, never a traceback.

`BodHandler.handle(service, body, headers)` parses (hardened, XSD-validated, SOAP unwrapped by `bods.codec`),
dispatches to `DomService` and renders the answer in the style the request came in (SOAP 1.1 in -> SOAP 1.1
out, bare in -> bare out). Services: "InventoryServices" takes GetInventoryAvailability and
ProcessInventoryRequirement, "OrderServices" takes ProcessOrder (facts section 2).

Errors become the documented answer of the request's type (ShowInventoryAvailability,
AcknowledgeInventoryRequirement, AcknowledgeOrder) with ResponseCriteria/ChangeStatus: Code = a fresh
correlation id (also logged), ReasonCode, Reason (facts section 6); a ConfirmBOD with ChangeStatus when the
type is unknown or unreadable; a SOAP fault only when the envelope itself is broken. HTTP status:

| what went wrong                                                       | status | body                     |
|-----------------------------------------------------------------------|--------|--------------------------|
| nothing                                                               | 200    | the answer               |
| DOM refused (DomError: unknown item/store/order, bad quantity ...)    | 200    | error answer of the type |
| a required parameter is missing / the Get expression is not valid     | 200    | error answer of the type |
| schema-invalid BOD                                                    | 400    | error answer of the type |
| a BOD this service does not take (ProcessOrder, SyncOrder here)       | 400    | its error / ConfirmBOD   |
| not XML, hostile (DTD/entities), unknown root element                 | 400    | ConfirmBOD               |
| larger than max_body_bytes                                            | 413    | ConfirmBOD               |
| broken SOAP envelope                                                  | 500    | SOAP fault               |
| unknown service name                                                  | 404    | ConfirmBOD               |
| a bug                                                                 | 500    | error answer / ConfirmBOD |

Refused input changes nothing: parsing and validation happen before any service call, and each service call
is one transaction. A mutating request (ReserveInventory, CancelInventoryReservation, ProcessOrder) that
succeeded is remembered by BODID: the same BODID again gets the same answer without running twice.
ShowInventoryAvailability answers are written through `ShowTemplates` (answer_templates.py): byte for byte
what `codec.render` writes, rendered once per distinct set of records. Requests go through a
`bods.query_memo.QueryMemo`: a GetInventoryAvailability already accepted is not parsed again.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass

from bods import codec, soap, xmlsafety
from bods.errors import BadExpression, BodError, BodInvalid, BodTooLarge, MissingParameter, SoapError
from bods.messages import (
    AcknowledgeInventoryRequirement,
    AcknowledgeOrder,
    ApplicationArea,
    Bod,
    ChangeStatus,
    ConfirmBOD,
    Envelope,
    Family,
    GetInventoryAvailability,
    ProcessInventoryRequirement,
    ProcessOrder,
    RequirementAction,
    ShowInventoryAvailability,
)
from bods.query_memo import QueryMemo
from mock_dom.answer_templates import ShowTemplates
from mock_dom.domain.errors import DomError
from mock_dom.services import DomService
from mock_dom.storage import StoredReply

log = logging.getLogger(__name__)

INVENTORY_SERVICES = "InventoryServices"
ORDER_SERVICES = "OrderServices"
ACCEPTS: dict[str, tuple[type, ...]] = {
    INVENTORY_SERVICES: (GetInventoryAvailability, ProcessInventoryRequirement),
    ORDER_SERVICES: (ProcessOrder,),
}
SOAP_CONTENT_TYPE = "text/xml; charset=utf-8"
BARE_CONTENT_TYPE = "application/xml; charset=utf-8"
SOAP_NS = b"http://schemas.xmlsoap.org/soap/envelope/"
REMEMBERED = (RequirementAction.RESERVE, RequirementAction.CANCEL_RESERVATION)
MAX_BODID = 128


@dataclass(frozen=True)
class Reply:
    """The HTTP answer plus what the journal and fault rules need, so nobody parses the document twice."""

    status: int
    body: bytes
    content_type: str
    bod_type: str | None = None
    action_code: str | None = None
    valid: bool = True
    reason_code: str | None = None
    error_reason: str | None = None
    correlation_id: str | None = None
    part_numbers: tuple[str, ...] = ()
    store_id: str | None = None
    order_id: str | None = None
    answer_type: str | None = None
    replayed: bool = False
    request: Bod | None = None


@dataclass(frozen=True)
class _Refusal:
    status: int
    reason_code: str
    reason: str
    valid: bool


class BodHandler:
    def __init__(self, service: DomService, *, max_bytes: int = 1_048_576, validate: bool = True) -> None:
        self.service = service
        self.max_bytes = max_bytes
        self.validate = validate
        self._shows = ShowTemplates()
        self._queries = QueryMemo()

    def handle(self, service: str, body: bytes, headers: Mapping[str, str] | None = None) -> Reply:
        if service not in ACCEPTS:
            refusal = _Refusal(
                404, "_ERR_SERVICE_NOT_FOUND.-1", f'There is no BOD service "{service}".', False
            )
            return self._confirm(refusal, _guess_envelope(body), None)
        try:
            document = self._queries.parse(body, max_bytes=self.max_bytes, validate=self.validate)
        except SoapError as error:
            return self._soap_fault(error)
        except BodError as error:
            return self._unreadable(error, body)
        bod, envelope = document.bod, codec.reply_envelope(document.envelope)
        if not isinstance(bod, ACCEPTS[service]):
            reason = f"{type(bod).__name__} is not taken by {service}."
            return self._refuse(bod, envelope, _Refusal(400, "_ERR_BOD_WRONG_SERVICE.-1", reason, True))
        try:
            return self._answer(service, bod, envelope)
        except (DomError, BodError) as error:
            code = error.reason_code
            return self._refuse(
                bod, envelope, _Refusal(200, code, error.reason, not isinstance(error, BodInvalid))
            )
        except Exception:
            log.exception("unexpected failure answering %s", type(bod).__name__)
            refusal = _Refusal(500, "_ERR_DOM_INTERNAL.-1", "DOM could not process the request.", True)
            return self._refuse(bod, envelope, refusal)

    # --- success --------------------------------------------------------------------------------------------

    def _answer(self, service: str, bod: Bod, envelope: Envelope) -> Reply:
        bodid = _remembered_bodid(bod)
        if bodid is not None:
            stored = self.service.processed_reply(
                bodid, service=service, bod_type=type(bod).__name__, action_code=_action(bod)
            )
            if stored is not None:
                return self._reply(bod, stored.status, stored.body, stored.content_type, None, replayed=True)
        answer = self._dispatch(bod)
        content_type = _content_type(envelope)
        if isinstance(answer, ShowInventoryAvailability):
            rendered = self._shows.render(answer, envelope)
        else:
            rendered = codec.render(answer, envelope=envelope)
        if bodid is not None:
            self.service.remember_reply(
                bodid,
                service=service,
                bod_type=type(bod).__name__,
                action_code=_action(bod),
                reply=StoredReply(200, rendered, content_type),
            )
        return self._reply(bod, 200, rendered, content_type, answer)

    def _dispatch(self, bod: Bod) -> Bod:
        if isinstance(bod, GetInventoryAvailability):
            return self.service.get_inventory_availability(bod)
        if isinstance(bod, ProcessInventoryRequirement):
            return self.service.process_inventory_requirement(bod)
        assert isinstance(bod, ProcessOrder)
        return self.service.process_order(bod)

    # --- refusals -------------------------------------------------------------------------------------------

    def _refuse(self, bod: Bod, envelope: Envelope, refusal: _Refusal) -> Reply:
        """The error answer of the request's own type (a ConfirmBOD for types DOM does not answer)."""
        status = self._change_status(refusal)
        area, original = self.service.application_area(), bod.application_area
        answer: Bod
        if isinstance(bod, GetInventoryAvailability):
            answer = ShowInventoryAvailability(area, (), status)
        elif isinstance(bod, ProcessInventoryRequirement):
            answer = AcknowledgeInventoryRequirement(area, original, None, status)
        elif isinstance(bod, ProcessOrder):
            answer = AcknowledgeOrder(area, original, None, status)
        else:
            answer = ConfirmBOD(area, original, status, Family.DOM)
        body = codec.render(answer, envelope=envelope)
        return self._reply(
            bod,
            refusal.status,
            body,
            _content_type(envelope),
            answer,
            refusal=refusal,
            correlation_id=status.code,
        )

    def _unreadable(self, error: BodError, body: bytes) -> Reply:
        envelope = _guess_envelope(body)
        kind = _root_name(body, self.max_bytes)
        if isinstance(error, BodTooLarge):
            status = 413
        elif isinstance(error, MissingParameter | BadExpression):
            status = 200
        else:
            status = 400
        refusal = _Refusal(status, error.reason_code, error.reason, False)
        if isinstance(error, BodInvalid | BadExpression) and kind in _ERROR_ANSWERS:
            return self._refuse_unread(kind, envelope, refusal)
        return self._confirm(refusal, envelope, kind)

    def _refuse_unread(self, kind: str, envelope: Envelope, refusal: _Refusal) -> Reply:
        """A known request type that failed validation: its error answer, without the (unread) original."""
        status = self._change_status(refusal)
        answer = _ERROR_ANSWERS[kind](self.service.application_area(), status)
        body = codec.render(answer, envelope=envelope)
        return Reply(
            refusal.status,
            body,
            _content_type(envelope),
            bod_type=kind,
            valid=False,
            reason_code=refusal.reason_code,
            error_reason=refusal.reason,
            correlation_id=status.code,
            answer_type=type(answer).__name__,
        )

    def _confirm(self, refusal: _Refusal, envelope: Envelope, kind: str | None) -> Reply:
        status = self._change_status(refusal)
        answer = ConfirmBOD(self.service.application_area(), None, status, Family.DOM)
        body = codec.render(answer, envelope=envelope)
        return Reply(
            refusal.status,
            body,
            _content_type(envelope),
            bod_type=kind,
            valid=refusal.valid,
            reason_code=refusal.reason_code,
            error_reason=refusal.reason,
            correlation_id=status.code,
            answer_type="ConfirmBOD",
        )

    def _soap_fault(self, error: SoapError) -> Reply:
        code = self.service.new_id()
        log.warning("BOD refused [%s] %s: %s", code, error.reason_code, error.reason)
        body = codec.soap_fault(error.reason, detail=f"{error.reason_code} correlation {code}")
        return Reply(
            500,
            body,
            SOAP_CONTENT_TYPE,
            valid=False,
            reason_code=error.reason_code,
            error_reason=error.reason,
            correlation_id=code,
            answer_type="Fault",
        )

    def _change_status(self, refusal: _Refusal) -> ChangeStatus:
        code = self.service.new_id()
        log.warning("BOD refused [%s] %s: %s", code, refusal.reason_code, refusal.reason)
        return ChangeStatus(code, refusal.reason_code, refusal.reason)

    def _reply(
        self,
        bod: Bod,
        status: int,
        body: bytes,
        content_type: str,
        answer: Bod | None,
        *,
        refusal: _Refusal | None = None,
        correlation_id: str | None = None,
        replayed: bool = False,
    ) -> Reply:
        return Reply(
            status,
            body,
            content_type,
            bod_type=type(bod).__name__,
            action_code=_action(bod),
            valid=refusal.valid if refusal else True,
            reason_code=refusal.reason_code if refusal else None,
            error_reason=refusal.reason if refusal else None,
            correlation_id=correlation_id,
            part_numbers=_part_numbers(bod, answer),
            store_id=_store_id(bod),
            order_id=_order_id(bod),
            answer_type=type(answer).__name__ if answer is not None else None,
            replayed=replayed,
            request=bod,
        )


# --- helpers ------------------------------------------------------------------------------------------------


def _show_error(area: ApplicationArea, status: ChangeStatus) -> Bod:
    return ShowInventoryAvailability(area, (), status)


def _ack_requirement_error(area: ApplicationArea, status: ChangeStatus) -> Bod:
    return AcknowledgeInventoryRequirement(area, None, None, status)


def _ack_order_error(area: ApplicationArea, status: ChangeStatus) -> Bod:
    return AcknowledgeOrder(area, None, None, status)


_ERROR_ANSWERS = {
    "GetInventoryAvailability": _show_error,
    "ProcessInventoryRequirement": _ack_requirement_error,
    "ProcessOrder": _ack_order_error,
}


def _content_type(envelope: Envelope) -> str:
    return SOAP_CONTENT_TYPE if envelope.soap else BARE_CONTENT_TYPE


def _guess_envelope(body: bytes) -> Envelope:
    """For input we could not read: answer in SOAP if it looks like SOAP."""
    return Envelope(soap=SOAP_NS in body[:4096])


def _root_name(body: bytes, max_bytes: int) -> str | None:
    """The local name of the BOD element, when the document is at least well-formed XML."""
    try:
        element, _ = soap.unwrap(xmlsafety.parse_xml(body, max_bytes=max_bytes))
    except (BodError, ValueError):
        return None
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else None


def _action(bod: Bod) -> str | None:
    code = getattr(bod, "action_code", None)
    if code is None:
        return "Get" if isinstance(bod, GetInventoryAvailability) else None
    return str(getattr(code, "value", code))


def _remembered_bodid(bod: Bod) -> str | None:
    bodid = bod.application_area.bodid
    if not bodid or len(bodid) > MAX_BODID:
        return None
    if isinstance(bod, ProcessOrder):
        return bodid
    if isinstance(bod, ProcessInventoryRequirement) and bod.action_code in REMEMBERED:
        return bodid
    return None


def _part_numbers(bod: Bod, answer: Bod | None) -> tuple[str, ...]:
    """Part numbers as DOM resolved them (from the answer) or as the request named them."""
    names: list[str | None] = []
    if isinstance(answer, ShowInventoryAvailability):
        names += [r.part_number for r in answer.records]
    elif isinstance(answer, AcknowledgeInventoryRequirement) and answer.requirement:
        names += [i.part_number for i in answer.requirement.items]
    elif isinstance(answer, AcknowledgeOrder) and answer.order:
        names += [i.part_number for i in answer.order.items]
    if isinstance(bod, GetInventoryAvailability):
        names += list(bod.query.part_numbers)
    elif isinstance(bod, ProcessInventoryRequirement):
        names += [i.part_number for i in bod.requirement.items]
    elif isinstance(bod, ProcessOrder):
        names += [i.part_number for i in bod.order.items]
    return tuple(dict.fromkeys(n for n in names if n))


def _store_id(bod: Bod) -> str | None:
    if isinstance(bod, ProcessInventoryRequirement) and bod.requirement.store_id:
        return bod.requirement.store_id
    if isinstance(bod, ProcessOrder) and bod.order.store_id:
        return bod.order.store_id
    if isinstance(bod, GetInventoryAvailability) and bod.query.online_store_id:
        return bod.query.online_store_id
    return bod.application_area.store_id


def _order_id(bod: Bod) -> str | None:
    if isinstance(bod, ProcessInventoryRequirement):
        return bod.requirement.order_id
    if isinstance(bod, ProcessOrder):
        return bod.order.order_id
    return None
