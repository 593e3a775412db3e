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

import hmac
import logging
import uuid
from collections.abc import Mapping
from functools import lru_cache
from xml.sax.saxutils import quoteattr

from flask import Blueprint, Response, request

from bods import codec, factory, ns
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
from harness.commerce.domain.errors import AuthenticationFailed, CommerceError, NotFound
from harness.commerce.services.order_status import OrderStatusService
from harness.commerce.web import wsdl
from harness.commerce.web.bod_handler import BARE_CONTENT_TYPE, SOAP_CONTENT_TYPE, Reply, _looks_like_soap
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
            correlation = str(uuid.uuid4())
            log.warning("%s: broken SOAP envelope, code=%s: %s", SERVICE, correlation, broken.reason)
            fault = codec.soap_fault(
                broken.reason, detail=f"{broken.reason_code} correlation id {correlation}"
            )
            return Reply(500, fault, SOAP_CONTENT_TYPE)
        except BodError as refused:
            return self._refuse(refused, None, Envelope(soap=_looks_like_soap(headers)), "(undecoded)")
        bod = document.bod
        envelope = Envelope(soap=document.envelope.soap)
        area = getattr(bod, "application_area", None)
        try:
            self._authenticate(document.envelope)
            answer = self._dispatch(service, bod)
        except (BodError, CommerceError) as refused:
            return self._refuse(refused, bod, envelope, document.type_name)
        except Exception:  # a defect: the documented form, the trace only in the log
            correlation = str(uuid.uuid4())
            log.exception(
                "%s: unexpected error handling %s, code=%s", SERVICE, document.type_name, correlation
            )
            internal = CommerceError(f"An internal error occurred (correlation id {correlation}).")
            return self._refuse(internal, bod, envelope, document.type_name, correlation)
        log.info("%s: %s BODID=%s answered", SERVICE, document.type_name, area.bodid if area else None)
        return _reply(answer, envelope)

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

    def _authenticate(self, envelope: Envelope) -> None:
        expected = self._credentials
        if expected is None:
            return
        given = envelope.security
        if given is None:
            raise AuthenticationFailed("A WS-Security UsernameToken is required.")
        same_user = hmac.compare_digest(given.username.encode(), expected.username.encode())
        same_password = hmac.compare_digest(given.password.encode(), expected.password.encode())
        if not (same_user and same_password):
            raise AuthenticationFailed("The WS-Security UsernameToken is not valid.")

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
        return _reply(answer, envelope)


def _reply(answer: ConfirmBOD | AcknowledgeOrder, envelope: Envelope) -> Reply:
    content_type = SOAP_CONTENT_TYPE if envelope.soap else BARE_CONTENT_TYPE
    return Reply(200, codec.render(answer, envelope=envelope), content_type)


def order_services_blueprint(handler: OrderServicesHandler, max_bytes: int) -> Blueprint:
    blueprint = Blueprint("wcs_order_services", __name__)

    @blueprint.post(PATH)
    def post_bod() -> Response:
        body = request.stream.read(max_bytes + 1)
        reply = handler.handle(SERVICE, body, request.headers)
        return Response(reply.body, status=reply.status, content_type=reply.content_type)

    @blueprint.get(PATH)
    def describe() -> Response:
        endpoint = request.base_url
        if "wsdl" in request.args:
            return Response(order_services_wsdl(endpoint), content_type="text/xml; charset=utf-8")
        name = request.args.get("xsd")
        if name:
            document = wsdl.schema(endpoint, name)
            if document is None:
                raise NotFound(f'No schema named "{name}".', name, message_key="_ERR_SCHEMA_NOT_FOUND")
            return Response(document, content_type="text/xml; charset=utf-8")
        raise NotFound(
            f"GET {PATH} serves ?wsdl or ?xsd=<name>; BODs are POSTed.", message_key="_ERR_HTTP_404"
        )

    return blueprint


TARGET_NS = "http://www.ibm.com/xmlns/prod/commerce/order/services"

WSDL_TEMPLATE = """<?xml version="1.0" encoding="UTF-8"?>
<wsdl:definitions name="OrderServices" targetNamespace="{tns}"
    xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xsd="{xsd}" xmlns:tns="{tns}" xmlns:_ord="{ord9}" xmlns:oa="{oa}">
  <wsdl:types>
    <xsd:schema targetNamespace="{tns}" elementFormDefault="qualified">
{imports}
    </xsd:schema>
  </wsdl:types>
  <wsdl:message name="SyncOrderRequest"><wsdl:part name="SyncOrder" element="_ord:SyncOrder"/></wsdl:message>
  <wsdl:message name="ConfirmBODResponse">
    <wsdl:part name="ConfirmBOD" element="oa:ConfirmBOD"/>
  </wsdl:message>
  <wsdl:message name="ProcessOrderRequest">
    <wsdl:part name="ProcessOrder" element="_ord:ProcessOrder"/>
  </wsdl:message>
  <wsdl:message name="AcknowledgeOrderResponse">
    <wsdl:part name="AcknowledgeOrder" element="_ord:AcknowledgeOrder"/>
  </wsdl:message>
  <wsdl:portType name="OrderServicesPortType">
    <wsdl:operation name="SyncOrder">
      <wsdl:input message="tns:SyncOrderRequest"/><wsdl:output message="tns:ConfirmBODResponse"/>
    </wsdl:operation>
    <wsdl:operation name="ProcessOrder">
      <wsdl:input message="tns:ProcessOrderRequest"/><wsdl:output message="tns:AcknowledgeOrderResponse"/>
    </wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="OrderServicesSOAP11Binding" type="tns:OrderServicesPortType">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="SyncOrder">
      <soap:operation soapAction="{tns}/SyncOrder" style="document"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>
    <wsdl:operation name="ProcessOrder">
      <soap:operation soapAction="{tns}/ProcessOrder" style="document"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="OrderServices">
    <wsdl:port name="OrderServicesSOAP11Port" binding="tns:OrderServicesSOAP11Binding">
      <soap:address location={address}/>
    </wsdl:port>
  </wsdl:service>
</wsdl:definitions>
"""


@lru_cache(maxsize=16)
def order_services_wsdl(endpoint_url: str) -> bytes:
    """The WSDL for a server reached at `endpoint_url`; types are bods/schemas served at `?xsd=`."""
    imports = "\n".join(
        f"      <xsd:import namespace={quoteattr(uri)} "
        f"schemaLocation={quoteattr(f'{endpoint_url}?xsd={name}')}/>"
        for uri, name in ((ns.ORD9, "commerce9-order.xsd"), (ns.OA, "oagis9.xsd"))
    )
    return WSDL_TEMPLATE.format(
        tns=TARGET_NS, xsd=ns.XSD, ord9=ns.ORD9, oa=ns.OA, imports=imports, address=quoteattr(endpoint_url)
    ).encode("utf-8")
