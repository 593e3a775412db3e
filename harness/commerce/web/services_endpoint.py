"""`/webapp/wcs/services/InventoryServices`: the thin Flask wrapper around the BOD handler, plus `?wsdl` and
`?xsd=<name>` (GET). The body is read up to one byte past the limit, so an oversized message gets the
documented `_ERR_BOD_TOO_LARGE.-1` ConfirmBOD from the handler instead of a bare 413."""

from __future__ import annotations

from flask import Blueprint, Response, request

from harness.commerce.domain.errors import NotFound
from harness.commerce.web import wsdl
from harness.commerce.web.bod_handler import SERVICE, InventoryServicesHandler

PATH = "/webapp/wcs/services/" + SERVICE


def services_blueprint(handler: InventoryServicesHandler, max_bytes: int) -> Blueprint:
    blueprint = Blueprint("wcs_inventory_services", __name__)

    @blueprint.post(PATH)
    def post_bod() -> Response:
        body = request.stream.read(max_bytes + 1)
        reply = handler.handle(SERVICE, body, request.headers)
        return Response(reply.body, status=reply.status, content_type=reply.content_type)

    @blueprint.get(PATH)
    def describe() -> Response:
        endpoint = request.base_url
        if "wsdl" in request.args:
            return Response(wsdl.wsdl(endpoint), content_type="text/xml; charset=utf-8")
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
