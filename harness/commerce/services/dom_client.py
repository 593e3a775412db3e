"""What every outbound DOM component shares (facts section 6: one client configuration per component).

A request BOD is rendered by `bods.codec` in the configured style (SOAP with an optional UsernameToken, or
bare), posted over the transport port, and DOM's answer is read with `codec.parse(validate=False)` (or by the
transport that already read it, `transport.read_answer`): DOM's documents are known to be loose (a stray
U+FEFF, date-only CreationDateTime, facts section 2) and a tolerant reader is what WCS has too. No answer
raises DomUnavailable (from the transport); an unreadable answer, one of the wrong type, or one carrying a
ChangeStatus raises DomRejected. Over a `JournaledTransport` the request
object goes along with its rendering, so the journal entry names the BOD without parsing it again.
"""

from __future__ import annotations

from typing import TypeVar

from bods import codec
from bods.errors import BodError
from bods.messages import Bod, ChangeStatus, Envelope, UsernameToken
from harness.commerce.domain.errors import DomRejected
from harness.commerce.services.journal import JournaledTransport
from harness.commerce.services.transport import Transport, read_answer

INVENTORY_SERVICES = "InventoryServices"
ORDER_SERVICES = "OrderServices"
SOAP_HEADERS = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": '""'}
BARE_HEADERS = {"Content-Type": "application/xml; charset=utf-8"}

Answer = TypeVar("Answer")


class DomClient:
    def __init__(
        self,
        transport: Transport | JournaledTransport,
        *,
        soap: bool = True,
        credentials: UsernameToken | None = None,
        language_id: str = "-1",
    ) -> None:
        self._transport = transport
        self._journaled = transport if isinstance(transport, JournaledTransport) else None
        self._envelope = Envelope(soap=soap, security=credentials if soap else None)
        self._headers = SOAP_HEADERS if soap else BARE_HEADERS
        self._language_id = language_id

    def _exchange(self, service: str, request: Bod, what: str, expected: type[Answer]) -> Answer:
        """Send `request`, return DOM's answer of type `expected` when it carries no ChangeStatus."""
        body = codec.render(request, envelope=self._envelope)
        if self._journaled is not None:
            status, answer = self._journaled.post_bod(service, request, body, self._headers)
        else:
            status, answer = self._transport.post(service, body, self._headers)
        try:
            bod = read_answer(self._transport, answer)
        except BodError as exc:
            raise DomRejected(
                f"DOM answered {what} with HTTP {status} and no usable BOD: {exc.reason}",
                message_key=exc.reason_code.rsplit(".", 1)[0],
            ) from exc
        if not isinstance(bod, expected):
            raise DomRejected(f"DOM answered {what} with {type(bod).__name__}")
        refuse_on(getattr(bod, "change_status", None), what)
        return bod


def refuse_on(change_status: ChangeStatus | None, what: str) -> None:
    if change_status is None:
        return
    raise DomRejected(
        f"DOM refused {what}: {change_status.reason} (code {change_status.code})",
        change_status.reason_code,
        message_key=change_status.reason_code.rsplit(".", 1)[0],
    )
