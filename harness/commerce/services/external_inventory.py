"""ExternalInventory: the component that sends inventory requests to DOM (facts section 2,
`com.ibm.commerce.inventory.external`).

GetInventoryAvailability (access profile IBM_Store_Details) goes out as a BOD rendered by `bods.codec`, over
the transport port, and DOM's ShowInventoryAvailability comes back through `bods.codec.parse`. Answers are
decoded without schema validation: DOM's documents are known to be loose (a stray U+FEFF, date-only
CreationDateTime, facts section 2), and a tolerant reader is what WCS has too.
"""

from __future__ import annotations

from bods import codec
from bods.errors import BodError
from bods.expression import render_query
from bods.messages import (
    ApplicationArea,
    AvailabilityQuery,
    Envelope,
    GetInventoryAvailability,
    InventoryAvailability,
    ShowInventoryAvailability,
    UsernameToken,
)
from harness.commerce.domain.errors import DomRejected
from harness.commerce.services.transport import Transport

INVENTORY_SERVICES = "InventoryServices"
SOAP_HEADERS = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": '""'}
BARE_HEADERS = {"Content-Type": "application/xml; charset=utf-8"}


class ExternalInventory:
    def __init__(
        self,
        transport: Transport,
        *,
        soap: bool = True,
        credentials: UsernameToken | None = None,
        language_id: str = "-1",
    ) -> None:
        self._transport = transport
        self._envelope = Envelope(soap=soap, security=credentials if soap else None)
        self._headers = SOAP_HEADERS if soap else BARE_HEADERS
        self._language_id = language_id

    def get_inventory_availability(
        self, store_id: int, query: AvailabilityQuery
    ) -> tuple[InventoryAvailability, ...]:
        """DOM's records for `query`; DomUnavailable when DOM does not answer, DomRejected when it refuses."""
        request = GetInventoryAvailability(
            application_area=ApplicationArea(
                context=(("storeId", str(store_id)), ("langId", self._language_id))
            ),
            expression=render_query(query),
            query=query,
        )
        body = codec.render(request, envelope=self._envelope)
        status, answer = self._transport.post(INVENTORY_SERVICES, body, self._headers)
        try:
            document = codec.parse(answer, validate=False)
        except BodError as exc:
            raise DomRejected(
                f"DOM answered HTTP {status} with no usable ShowInventoryAvailability: {exc.reason}",
                message_key=exc.reason_code.rsplit(".", 1)[0],
            ) from exc
        show = document.bod
        if not isinstance(show, ShowInventoryAvailability):
            raise DomRejected(f"DOM answered GetInventoryAvailability with {document.type_name}")
        if show.change_status is not None:
            raise DomRejected(
                f"DOM refused GetInventoryAvailability: {show.change_status.reason} "
                f"(code {show.change_status.code})",
                message_key=show.change_status.reason_code.rsplit(".", 1)[0],
            )
        return show.records
