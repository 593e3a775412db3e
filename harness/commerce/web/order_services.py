"""`POST /webapp/wcs/services/OrderServices`: DOM's inbound order services (facts sections 2 and 4), with the
Flask-free handler and its thin Flask wrapper, `?wsdl` and `?xsd=<name>` as InventoryServices has them.

`OrderServicesHandler.handle(service, body, headers) -> Reply` follows the InventoryServices handler
(web.bod_handler): hardened parse and schema validation, the WS-Security UsernameToken check when the server
is configured with one, dispatch, the answer in the request's style (SOAP in -> SOAP out, bare -> bare):

- SyncOrder Change -> OrderStatusService.sync_order -> DOM-style ConfirmBOD (a redelivered BODID gets the
  first answer again and changes nothing);
- ProcessOrder Cancel -> OrderStatusService.cancel -> AcknowledgeOrder with the canceled order.

Refusals are the documented error form of the operation: ConfirmBOD (SyncOrder) or AcknowledgeOrder
(ProcessOrder) carrying ResponseCriteria/ChangeStatus with a fresh correlation id (also logged),
`<messageKey>.-1` and the message. Only a broken SOAP envelope gets a SOAP fault.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from dataclasses import replace

from bods import codec, factory
from bods.errors import BodError, SoapError, UnknownBod
from bods.messages import (
    AcknowledgeOrder,
    ApplicationArea,
    ConfirmBOD,
    Envelope,
    Family,
    OrderAction,
    ProcessOrder,
    SyncOrder,
    UsernameToken,
)
from bods.messages import Order as WireOrder
from harness.commerce.domain.errors import CommerceError
from harness.commerce.services.order_status import OrderStatusService
from harness.commerce.web.bod_handler import (
    BARE_CONTENT_TYPE,
    SOAP_CONTENT_TYPE,
    Reply,
    _looks_like_soap,
    broken_envelope_reply,
    check_username_token,
)
from mock_dom.domain.timefmt import iso_datetime

log = logging.getLogger(__name__)

SERVICE = "OrderServices"
PATH = "/webapp/wcs/services/" + SERVICE


class OrderServicesHandler:
    def __init__(
        self,
        order_status: OrderStatusService,
        *,
        credentials: UsernameToken | None = None,
        max_bytes: int = 1_048_576,
    ) -> None:
        self._order_status = order_status
        self._credentials = credentials
        self._max_bytes = max_bytes

    def handle(self, service: str, body: bytes, headers: Mapping[str, str]) -> Reply:
        try:
            document = codec.parse(body, max_bytes=self._max_bytes)
        except SoapError as broken:
            return broken_envelope_reply(SERVICE, broken)
        except BodError as refused:
            reply = self._refuse(refused, None, Envelope(soap=_looks_like_soap(headers)), "(undecoded)")
            return replace(reply, valid=False)
        bod = document.bod
        envelope = Envelope(soap=document.envelope.soap)
        area = getattr(bod, "application_area", None)
        try:
            check_username_token(document.envelope, self._credentials)
            answer = self._dispatch(service, bod)
        except (BodError, CommerceError) as refused:
            reply = self._refuse(refused, bod, envelope, document.type_name)
            return replace(reply, bod_type=document.type_name, request=bod)
        except Exception:  # a defect: the documented form, the trace only in the log
            correlation = str(uuid.uuid4())
            log.exception(
                "%s: unexpected error handling %s, code=%s", SERVICE, document.type_name, correlation
            )
            internal = CommerceError(f"An internal error occurred (correlation id {correlation}).")
            reply = self._refuse(internal, bod, envelope, document.type_name, correlation)
            return replace(reply, bod_type=document.type_name, request=bod)
        log.info("%s: %s BODID=%s answered", SERVICE, document.type_name, area.bodid if area else None)
        return replace(_reply(answer, envelope), bod_type=document.type_name, request=bod)

    def _dispatch(self, service: str, bod: object) -> ConfirmBOD | AcknowledgeOrder:
        if service != SERVICE:
            raise UnknownBod(f"the service {service!r} is not served here; use {SERVICE}")
        if isinstance(bod, SyncOrder):
            applied = self._order_status.sync_order(bod)
            area = ApplicationArea(iso_datetime(applied.reply_time), applied.reply_bodid)
            return ConfirmBOD(area, bod.application_area, family=Family.DOM)
        if isinstance(bod, ProcessOrder) and bod.action_code is OrderAction.CANCEL:
            applied, order = self._order_status.cancel(bod)
            area = ApplicationArea(iso_datetime(applied.reply_time), applied.reply_bodid)
            answered = WireOrder(
                order_id=str(order.order_id),
                store_id=str(order.store_id),
                status=order.status.value,
                external_order_id=order.external_order_id,
            )
            return AcknowledgeOrder(area, bod.application_area, answered)
        if isinstance(bod, ProcessOrder):
            raise UnknownBod(
                f"ProcessOrder {bod.action_code.value} is not an operation of {SERVICE} (Cancel)"
            )
        raise UnknownBod(
            f"{type(bod).__name__} is not an operation of {SERVICE} (SyncOrder, ProcessOrder Cancel)"
        )

    def _refuse(
        self,
        refused: BodError | CommerceError,
        bod: object,
        envelope: Envelope,
        bod_type: str,
        correlation: str | None = None,
    ) -> Reply:
        status = factory.change_status(refused.reason_code, refused.reason, code=correlation)
        original = getattr(bod, "application_area", None)
        log.warning(
            "%s: refused %s BODID=%s code=%s reasonCode=%s reason=%s",
            SERVICE,
            bod_type,
            original.bodid if original else None,
            status.code,
            status.reason_code,
            status.reason,
        )
        if isinstance(bod, ProcessOrder):
            answer: ConfirmBOD | AcknowledgeOrder = AcknowledgeOrder(
                factory.new_application_area(), original, None, status
            )
        else:
            answer = factory.confirm(original or ApplicationArea(), family=Family.DOM, change_status=status)
        return replace(_reply(answer, envelope), reason_code=status.reason_code, reason=status.reason)


def _reply(answer: ConfirmBOD | AcknowledgeOrder, envelope: Envelope) -> Reply:
    content_type = SOAP_CONTENT_TYPE if envelope.soap else BARE_CONTENT_TYPE
    return Reply(200, codec.render(answer, envelope=envelope), content_type)
