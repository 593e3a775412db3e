"""The Flask-free handler of `POST /webapp/wcs/services/InventoryServices` (facts section 1, seed text of the
inventory cache update service).

`handle(service, body, headers) -> Reply`: hardened parse and schema validation (`bods.codec`), WS-Security
check, dispatch, and the answer in the style the request came in (SOAP in -> SOAP out, bare in -> bare out):

- SyncProductAvailability -> InventoryBalanceUpdate -> legacy ConfirmBOD (empty `oa:Confirm`, echo of the
  request's CreationDateTime/BODID, empty BODSuccessMessage);
- SyncInventoryAvailability (DOM push) -> DOM-style ConfirmBOD (original ApplicationArea echoed in Confirm).

Every refusal is a ConfirmBOD with Confirm/ResponseCriteria/ChangeStatus: Code = a fresh correlation id
(also in the server log line), ReasonCode = `<messageKey>.-1`, Reason = the message, plus the matching
BODFailureMessage. Only a broken SOAP envelope gets a SOAP fault. Before a document could be decoded its
type is unknown, so those refusals use the legacy form (this endpoint's documented service) and the style
the headers suggest (a SOAPAction header or text/xml means SOAP).
"""

from __future__ import annotations

import hmac
import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace

from bods import codec
from bods.errors import BodError, SoapError, UnknownBod
from bods.messages import (
    ApplicationArea,
    Bod,
    ChangeStatus,
    ConfirmBOD,
    Envelope,
    Family,
    SyncInventoryAvailability,
    SyncProductAvailability,
    UsernameToken,
)
from harness.commerce.domain.errors import AuthenticationFailed, CommerceError
from harness.commerce.services.inbox import Applied
from harness.commerce.services.inventory_balance import InventoryBalanceUpdate
from mock_dom.clock import Clock
from mock_dom.domain.timefmt import iso_datetime

log = logging.getLogger(__name__)

SERVICE = "InventoryServices"
SOAP_CONTENT_TYPE = "text/xml; charset=utf-8"
BARE_CONTENT_TYPE = "application/xml; charset=utf-8"


@dataclass(frozen=True)
class Reply:
    """The HTTP answer, plus what the request journal says about the request (read while handling it, so
    the edge never parses a document twice): its type and decoded BOD, whether it was readable and valid,
    and the ReasonCode/Reason of a refusal."""

    status: int
    body: bytes
    content_type: str
    bod_type: str | None = None
    request: Bod | None = None
    valid: bool = True
    reason_code: str | None = None
    reason: str | None = None


class InventoryServicesHandler:
    def __init__(
        self,
        balance: InventoryBalanceUpdate,
        clock: Clock,
        *,
        credentials: UsernameToken | None = None,
        max_bytes: int = 1_048_576,
    ) -> None:
        self._balance = balance
        self._clock = clock
        self._credentials = credentials
        self._max_bytes = max_bytes

    def handle(self, service: str, body: bytes, headers: Mapping[str, str]) -> Reply:
        soap_hint = _looks_like_soap(headers)
        try:
            document = codec.parse(body, max_bytes=self._max_bytes)
        except SoapError as broken:
            return broken_envelope_reply(SERVICE, broken)
        except BodError as refused:
            reply = self._refuse(refused, None, Family.LEGACY, Envelope(soap=soap_hint), "(undecoded)")
            return replace(reply, valid=False)
        bod = document.bod
        envelope = Envelope(soap=document.envelope.soap)
        family = Family.DOM if isinstance(bod, SyncInventoryAvailability) else Family.LEGACY
        area = getattr(bod, "application_area", None)
        echo = _echo(area, family)
        try:
            check_username_token(document.envelope, self._credentials)
            applied = self._dispatch(service, bod)
        except (BodError, CommerceError) as refused:
            reply = self._refuse(refused, echo, family, envelope, document.type_name)
            return replace(reply, bod_type=document.type_name, request=bod)
        except Exception:  # a defect: answer in the documented form, keep the trace in the log only
            correlation = str(uuid.uuid4())
            log.exception(
                "%s: unexpected error handling %s, code=%s", SERVICE, document.type_name, correlation
            )
            internal = CommerceError(f"An internal error occurred (correlation id {correlation}).")
            reply = self._refuse(internal, echo, family, envelope, document.type_name, correlation)
            return replace(reply, bod_type=document.type_name, request=bod)
        log.info(
            "%s: %s BODID=%s %s, reply BODID=%s",
            SERVICE,
            document.type_name,
            area.bodid if area else None,
            "redelivered (already applied)" if applied.redelivered else "applied",
            applied.reply_bodid,
        )
        confirm = ConfirmBOD(
            application_area=ApplicationArea(
                creation_datetime=iso_datetime(applied.reply_time), bodid=applied.reply_bodid
            ),
            original=echo,
            family=family,
        )
        return replace(_reply(200, confirm, envelope), bod_type=document.type_name, request=bod)

    def _dispatch(self, service: str, bod: object) -> Applied:
        if service != SERVICE:
            raise UnknownBod(f"the service {service!r} is not served here; use {SERVICE}")
        if isinstance(bod, SyncProductAvailability):
            return self._balance.sync_product_availability(bod)
        if isinstance(bod, SyncInventoryAvailability):
            return self._balance.sync_inventory_availability(bod)
        raise UnknownBod(
            f"{type(bod).__name__} is not an operation of {SERVICE} "
            "(SyncProductAvailability, SyncInventoryAvailability)"
        )

    def _refuse(
        self,
        refused: BodError | CommerceError,
        original: ApplicationArea | None,
        family: Family,
        envelope: Envelope,
        bod_type: str,
        correlation: str | None = None,
    ) -> Reply:
        status = ChangeStatus(correlation or str(uuid.uuid4()), refused.reason_code, refused.reason)
        log.warning(
            "%s: refused %s BODID=%s code=%s reasonCode=%s reason=%s",
            SERVICE,
            bod_type,
            original.bodid if original else None,
            status.code,
            status.reason_code,
            status.reason,
        )
        reply_area = ApplicationArea(
            creation_datetime=iso_datetime(self._clock.now()), bodid=str(uuid.uuid4())
        )
        reply = _reply(200, ConfirmBOD(reply_area, original, status, family), envelope)
        return replace(reply, reason_code=status.reason_code, reason=status.reason)


def _echo(area: ApplicationArea | None, family: Family) -> ApplicationArea | None:
    """What the answer echoes: legacy ConfirmBOD1 only CreationDateTime and BODID, DOM's the whole area."""
    if area is None or family is Family.DOM:
        return area
    return ApplicationArea(creation_datetime=area.creation_datetime, bodid=area.bodid)


def _reply(status: int, confirm: ConfirmBOD, envelope: Envelope) -> Reply:
    content_type = SOAP_CONTENT_TYPE if envelope.soap else BARE_CONTENT_TYPE
    return Reply(status, codec.render(confirm, envelope=envelope), content_type)


def _looks_like_soap(headers: Mapping[str, str]) -> bool:
    lowered = {key.lower(): value for key, value in headers.items()}
    return "soapaction" in lowered or lowered.get("content-type", "").startswith("text/xml")


def check_username_token(envelope: Envelope, expected: UsernameToken | None) -> None:
    """The WS-Security check of the inbound services: only when the server is configured with credentials."""
    if expected is None:
        return
    given = envelope.security
    if given is None:
        raise AuthenticationFailed("A WS-Security UsernameToken is required.")
    same_user = hmac.compare_digest(given.username.encode(), expected.username.encode())
    same_password = hmac.compare_digest(given.password.encode(), expected.password.encode())
    if not (same_user and same_password):
        raise AuthenticationFailed("The WS-Security UsernameToken is not valid.")


def broken_envelope_reply(service: str, broken: SoapError) -> Reply:
    """A SOAP fault, the one answer for an envelope too broken to carry a BOD; its id is also logged."""
    correlation = str(uuid.uuid4())
    log.warning("%s: broken SOAP envelope, code=%s: %s", service, correlation, broken.reason)
    fault = codec.soap_fault(broken.reason, detail=f"{broken.reason_code} correlation id {correlation}")
    return Reply(
        500, fault, SOAP_CONTENT_TYPE, valid=False, reason_code=broken.reason_code, reason=broken.reason
    )
