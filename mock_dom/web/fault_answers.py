"""The wrong answers a fault rule asks for, built with the real codec so they look like DOM's own.

* `error`: the documented error form of the request's type (ShowInventoryAvailability,
  AcknowledgeInventoryRequirement, AcknowledgeOrder; ConfirmBOD otherwise) with ResponseCriteria/ChangeStatus
  carrying a fresh correlation id, the rule's ReasonCode and Reason (facts section 6), in the request's style.
* `soapFault`: a SOAP 1.1 Fault, HTTP 500 (what a WCS-style SOAP stack answers when it breaks).
* `httpStatus`: that status with a short text body, as a proxy or a down server would answer.
* `malformed`: DOM's real answer cut in half: not well-formed XML any more.
* `invalid`: DOM's real answer with an element the schema does not allow before ApplicationArea:
  well-formed, schema-invalid.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from http import HTTPStatus

from lxml import etree

from bods import codec, xmlsafety
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
    ShowInventoryAvailability,
)
from bods.soap import BODY, ENVELOPE
from mock_dom.faults import FaultAction

SOAP_CONTENT_TYPE = "text/xml; charset=utf-8"
BARE_CONTENT_TYPE = "application/xml; charset=utf-8"
UNEXPECTED_TAG = "{urn:dom-harness:fault}UnexpectedElement"


def content_type(envelope: Envelope) -> str:
    return SOAP_CONTENT_TYPE if envelope.soap else BARE_CONTENT_TYPE


def error_answer(
    action: FaultAction, request: Bod | None, envelope: Envelope, new_area: Callable[[], ApplicationArea]
) -> tuple[bytes, str]:
    """The error BOD of `request`'s type; a ConfirmBOD when the request could not be read at all."""
    status = ChangeStatus(str(uuid.uuid4()), action.reason_code or "", action.reason or "")
    original = request.application_area if request is not None else None
    answer: Bod
    if isinstance(request, GetInventoryAvailability):
        answer = ShowInventoryAvailability(new_area(), (), status)
    elif isinstance(request, ProcessInventoryRequirement):
        answer = AcknowledgeInventoryRequirement(new_area(), original, None, status)
    elif isinstance(request, ProcessOrder):
        answer = AcknowledgeOrder(new_area(), original, None, status)
    else:
        answer = ConfirmBOD(new_area(), original, status, Family.DOM)
    reply_envelope = codec.reply_envelope(envelope)
    return codec.render(answer, envelope=reply_envelope), content_type(reply_envelope)


def soap_fault(action: FaultAction) -> bytes:
    return codec.soap_fault(action.reason or "", fault_code=action.fault_code or "soapenv:Server")


def http_status_body(action: FaultAction) -> bytes:
    if action.body is not None:
        return action.body.encode("utf-8")
    try:
        return HTTPStatus(action.status or 503).phrase.encode("ascii")
    except ValueError:
        return b"error"


def malformed(body: bytes) -> bytes:
    """Half of the document: the closing tags are gone, so no XML parser accepts it."""
    return body[: max(1, len(body) // 2)]


def schema_invalid(body: bytes) -> bytes:
    """The same document with an element no BOD schema allows as the BOD's first child."""
    try:
        root = xmlsafety.parse_xml(body)
    except Exception:  # noqa: BLE001 - not our XML (an HTTP-status text, say): corrupt it another way
        return b"<?xml version='1.0' encoding='UTF-8'?>\n<UnexpectedElement/>\n"
    bod = root
    if root.tag == ENVELOPE:
        soap_body = root.find(BODY)
        children = [c for c in soap_body if isinstance(c.tag, str)] if soap_body is not None else []
        bod = children[0] if children else root
    bod.insert(0, etree.Element(UNEXPECTED_TAG))
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(root, encoding="UTF-8")
