"""Bytes <-> typed BODs: the one entry point servers, tests and tools use for the wire.

`parse` = hardened parse (bods.xmlsafety) -> SOAP unwrap (bods.soap) -> XSD validation of the BOD element
(bods.validation, compiled once) -> decode by root element (bods.families.*). The parse and the validation
run as one libxml2 pass when the document is valid; a refused one is parsed again and validated on its own,
which is where the error messages come from. `render` is the reverse and
writes documents shaped like the real samples (prefixes, releaseID/versionID, element order).
Every refusal is a `bods.errors.BodError` subclass carrying the reason code the wire answer needs.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from bods import soap, validation
from bods.errors import BodError, BodInvalid, BodSyntaxError, UnknownBod
from bods.families import availability, confirm, inventory_cache, order, requirement
from bods.families.common import build, check_buildable
from bods.messages import (
    AcknowledgeInventoryRequirement,
    AcknowledgeOrder,
    Bod,
    ConfirmBOD,
    Document,
    Envelope,
    GetInventoryAvailability,
    ProcessInventoryRequirement,
    ProcessOrder,
    ShowInventoryAvailability,
    SyncInventoryAvailability,
    SyncOrder,
    SyncProductAvailability,
)
from bods.xmlsafety import DEFAULT_MAX_BYTES, parse_xml

_DECODERS: dict[str, Callable[[etree._Element], Bod]] = {
    inventory_cache.ROOT: inventory_cache.decode,
    availability.GET_ROOT: availability.decode_get,
    availability.SHOW_ROOT: availability.decode_show,
    availability.SYNC_ROOT: availability.decode_sync,
    requirement.PROCESS_ROOT: requirement.decode_process,
    requirement.ACKNOWLEDGE_ROOT: requirement.decode_acknowledge,
    order.PROCESS_ROOT: order.decode_process,
    order.ACKNOWLEDGE_ROOT: order.decode_acknowledge,
    order.SYNC_ROOT: order.decode_sync,
    confirm.ROOT: confirm.decode,
}

_ENCODERS: dict[type, Callable[..., etree._Element]] = {
    SyncProductAvailability: inventory_cache.encode,
    GetInventoryAvailability: availability.encode_get,
    ShowInventoryAvailability: availability.encode_show,
    SyncInventoryAvailability: availability.encode_sync,
    ProcessInventoryRequirement: requirement.encode_process,
    AcknowledgeInventoryRequirement: requirement.encode_acknowledge,
    ProcessOrder: order.encode_process,
    AcknowledgeOrder: order.encode_acknowledge,
    SyncOrder: order.encode_sync,
    ConfirmBOD: confirm.encode,
}


check_buildable(Document)


def known_roots() -> frozenset[str]:
    """Clark-notation root tags of every BOD the codec understands."""
    return frozenset(_DECODERS)


def parse(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES, validate: bool = True) -> Document:
    """Decode an inbound document (SOAP 1.1 or bare) into a `Document`; raise a BodError if refused."""
    if validate:
        root, validated = _parse_validating(data, max_bytes)
    else:
        root, validated = parse_xml(data, max_bytes=max_bytes), False
    bod, envelope = soap.unwrap(root)
    decoder = _DECODERS.get(bod.tag)  # type: ignore[arg-type]
    if validate:
        if decoder is None:
            raise UnknownBod(f"{_describe(bod)} is not a BOD of this contract")
        if not validated:
            validation.validate(bod)
    return build(Document, {"bod": _decode(bod, decoder), "envelope": envelope, "size": len(data)})


def _parse_validating(data: bytes, max_bytes: int) -> tuple[etree._Element, bool]:
    """Parse and validate in one pass; a refused document is parsed plainly (and then said why)."""
    try:
        return parse_xml(data, max_bytes=max_bytes, using=validation.validating_parser()), True
    except BodSyntaxError:
        return parse_xml(data, max_bytes=max_bytes), False


def decode(bod: etree._Element) -> Bod:
    """Decode an (unwrapped) BOD element. Works on unvalidated trees too, refusing what it cannot read."""
    return _decode(bod, _DECODERS.get(bod.tag))  # type: ignore[arg-type]


def _decode(bod: etree._Element, decoder: Callable[[etree._Element], Bod] | None) -> Bod:
    if decoder is None:
        raise UnknownBod(f"{_describe(bod)} is not a BOD of this contract")
    try:
        return decoder(bod)
    except BodError:
        raise
    except (AttributeError, LookupError, TypeError, ValueError) as exc:  # unvalidated input of an odd shape
        raise BodInvalid(f"cannot read {etree.QName(bod).localname}: {exc}") from exc


def render(bod: Bod, *, envelope: Envelope | None = None) -> bytes:
    """Encode a BOD as UTF-8 XML; in SOAP 1.1 when `envelope.soap` (plus a UsernameToken if `security`)."""
    encoder = _ENCODERS.get(type(bod))
    if encoder is None:
        raise TypeError(f"cannot render {type(bod).__name__}: not a BOD message")
    element = encoder(bod)
    if envelope is not None and envelope.soap:
        element = soap.wrap(element, envelope)
    return _serialise(element)


def reply_envelope(received: Envelope) -> Envelope:
    """How to wrap the answer to a document that arrived in `received`: same style, no credentials echoed."""
    return Envelope(soap=received.soap)


def soap_fault(reason: str, *, fault_code: str = "soapenv:Client", detail: str | None = None) -> bytes:
    """A SOAP 1.1 Fault document, for envelopes that are themselves broken."""
    return _serialise(soap.fault(reason, fault_code=fault_code, detail=detail))


_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'


def _serialise(element: etree._Element) -> bytes:
    return _DECLARATION + etree.tostring(element, encoding="UTF-8", xml_declaration=False, pretty_print=True)


def _describe(element: etree._Element) -> str:
    if not isinstance(element.tag, str):
        return "a non-element root"
    return validation.readable(element.tag)
