"""`/webapp/wcs/services/<Service>`: the thin Flask wrapper shared by InventoryServices and OrderServices.

POST hands the body to the service's Flask-free BOD handler and, when the server keeps a request journal,
records the exchange as an INBOUND entry (`services.journal.inbound_exchange`); GET serves `?wsdl` and
`?xsd=<name>`. The body is read up to one byte past the limit, so an oversized message gets the documented
`_ERR_BOD_TOO_LARGE.-1` answer from the handler instead of a bare 413.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping

from flask import Blueprint, Response, request

from harness.commerce.domain.errors import NotFound
from harness.commerce.services.journal import inbound_exchange
from harness.commerce.web import wsdl
from harness.commerce.web.bod_handler import Reply
from mock_dom.journal import RequestJournal
from mock_dom.journal_facts import PartNumberOf
from mock_dom.serving import read_body

XML = "text/xml; charset=utf-8"


def bod_service_blueprint(
    definition: wsdl.ServiceDefinition,
    handle: Callable[[str, bytes, Mapping[str, str]], Reply],
    max_bytes: int,
    journal: RequestJournal | None = None,
    part_number_of: PartNumberOf | None = None,
) -> Blueprint:
    service = definition.name
    path = "/webapp/wcs/services/" + service
    blueprint = Blueprint(f"wcs_{service}", __name__)

    @blueprint.post(path)
    def post_bod() -> Response:
        started = time.perf_counter()
        body = read_body(request.environ, max_bytes)
        reply = handle(service, body, request.headers)
        if journal is not None:
            latency_ms = round((time.perf_counter() - started) * 1000, 3)
            journal.record(inbound_exchange(service, body, reply, latency_ms, part_number_of))
        return Response(reply.body, status=reply.status, content_type=reply.content_type)

    @blueprint.get(path)
    def describe() -> Response:
        endpoint = request.base_url
        if "wsdl" in request.args:
            return Response(wsdl.wsdl(endpoint, definition), content_type=XML)
        name = request.args.get("xsd")
        if name:
            document = wsdl.schema(endpoint, name)
            if document is None:
                raise NotFound(f'No schema named "{name}".', name, message_key="_ERR_SCHEMA_NOT_FOUND")
            return Response(document, content_type=XML)
        raise NotFound(
            f"GET {path} serves ?wsdl or ?xsd=<name>; BODs are POSTed.", message_key="_ERR_HTTP_404"
        )

    return blueprint
