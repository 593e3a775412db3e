"""Post a BOD to a service endpoint and decode the answer with `bods.codec` (no XML code of our own).

Used for both directions: a test acting as DOM posts SyncProductAvailability, SyncInventoryAvailability or
SyncOrder to the commerce server's `/webapp/wcs/services/...`; a test acting as commerce posts
GetInventoryAvailability, ProcessInventoryRequirement or ProcessOrder to a DOM's `/dom/services/...`.
"""

from __future__ import annotations

import httpx

from bods import codec
from bods.errors import BodError
from bods.messages import Bod, Envelope
from harness.drivers.answers import BodExchange

SOAP_HEADERS = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": '""'}


def encode(bod: Bod | bytes | str, *, soap: bool = True) -> bytes:
    """Bytes to send. Bytes and text go out exactly as given (so hostile or broken documents can be sent);
    a BOD dataclass is rendered by the codec, inside a SOAP 1.1 envelope when `soap`."""
    if isinstance(bod, bytes):
        return bod
    if isinstance(bod, str):
        return bod.encode("utf-8")
    return codec.render(bod, envelope=Envelope(soap=soap))


def post_bod(
    client: httpx.Client, path: str, bod: Bod | bytes | str, *, soap: bool = True, validate: bool = True
) -> BodExchange:
    """POST the document to `path`; decode what comes back (validated against the XSDs unless told not to)."""
    response = client.post(path, content=encode(bod, soap=soap), headers=SOAP_HEADERS)
    content_type = response.headers.get("content-type", "")
    try:
        document = codec.parse(response.content, validate=validate)
    except BodError as error:
        return BodExchange(response.status_code, response.content, error=error, content_type=content_type)
    return BodExchange(response.status_code, response.content, document=document, content_type=content_type)
