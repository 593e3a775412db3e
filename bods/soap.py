"""SOAP 1.1 envelopes around BODs: unwrap what arrives, wrap what leaves, and the fault for broken envelopes.

WCS exposes its BOD services as SOAP 1.1 web services (InventoryServices, OrderServices) and the SyncOrder
sample authenticates with a WS-Security UsernameToken (facts sections 1 and 4). DOM samples also travel bare,
so both forms are accepted and `Envelope` records which one arrived, letting a server answer in the same
style. Only envelope structure is checked here; the BOD inside is the codec's business.
"""

from __future__ import annotations

from lxml import etree

from bods import ns
from bods.errors import SoapError
from bods.messages import Envelope, UsernameToken

ENVELOPE = ns.qname(ns.SOAP11, "Envelope")
HEADER = ns.qname(ns.SOAP11, "Header")
BODY = ns.qname(ns.SOAP11, "Body")
FAULT = ns.qname(ns.SOAP11, "Fault")
MUST_UNDERSTAND = ns.qname(ns.SOAP11, "mustUnderstand")
SECURITY = ns.qname(ns.WSSE, "Security")
USERNAME_TOKEN = ns.qname(ns.WSSE, "UsernameToken")
USERNAME = ns.qname(ns.WSSE, "Username")
PASSWORD = ns.qname(ns.WSSE, "Password")
SOAP12_ENVELOPE = ns.qname(ns.SOAP12, "Envelope")

BARE = Envelope()
_SOAP_PREFIX = "{" + ns.SOAP11 + "}"


def unwrap(root: etree._Element) -> tuple[etree._Element, Envelope]:
    """Return the BOD element and how it was wrapped. A bare BOD is returned as is."""
    tag = root.tag
    if tag != ENVELOPE:
        if tag == SOAP12_ENVELOPE:
            raise SoapError("SOAP 1.2 envelopes are not supported; BOD services speak SOAP 1.1")
        return root, BARE
    header, body = _header_and_body(root)
    payload = [child for child in body[:] if isinstance(child.tag, str)]
    if len(payload) != 1:
        raise SoapError(f"the SOAP Body must carry exactly one BOD, found {len(payload)} elements")
    if payload[0].tag == FAULT:
        raise SoapError(f"SOAP fault received: {fault_string(payload[0])}")
    return payload[0], Envelope(soap=True, security=username_token(header))


def _header_and_body(root: etree._Element) -> tuple[etree._Element | None, etree._Element]:
    header = body = None
    for child in root[:]:
        tag = child.tag
        if tag == HEADER and header is None and body is None:
            header = child
        elif tag == BODY and body is None:
            body = child
        elif isinstance(tag, str) and (body is None or tag.startswith(_SOAP_PREFIX)):
            raise SoapError(f"unexpected element {etree.QName(child).localname} in the SOAP envelope")
    if body is None:
        raise SoapError("SOAP envelope without a Body")
    return header, body


def username_token(header: etree._Element | None) -> UsernameToken | None:
    """The WS-Security UsernameToken of a SOAP header, if any (password text as sent)."""
    token = _child(_child(header, SECURITY), USERNAME_TOKEN)
    if token is None:
        return None
    username = _child(token, USERNAME)
    password = _child(token, PASSWORD)
    return UsernameToken(
        username=(username.text or "").strip() if username is not None else "",
        password=(password.text or "") if password is not None else "",
    )


def _child(element: etree._Element | None, tag: str) -> etree._Element | None:
    if element is None:
        return None
    for child in element[:]:
        if child.tag == tag:
            return child
    return None


def fault_string(fault: etree._Element) -> str:
    return (fault.findtext("faultstring") or "").strip() or "(no faultstring)"


def wrap(bod: etree._Element, envelope: Envelope) -> etree._Element:
    """Put a rendered BOD into a SOAP 1.1 envelope, with a UsernameToken header when `envelope.security`."""
    root = _EMPTY_ENVELOPE.__copy__()  # copying a kept element beats declaring its namespaces anew
    header, body = root[0], root[1]
    if envelope.security is not None:
        security = etree.SubElement(header, SECURITY, {MUST_UNDERSTAND: "1"}, nsmap={"wsse": ns.WSSE})
        token = etree.SubElement(security, USERNAME_TOKEN)
        etree.SubElement(token, USERNAME).text = envelope.security.username
        etree.SubElement(token, PASSWORD, Type=ns.WSSE_PASSWORD_TEXT).text = envelope.security.password
    body.append(bod)
    return root


def _empty_envelope() -> etree._Element:
    root = etree.Element(ENVELOPE, nsmap=ns.SOAP_NSMAP)
    etree.SubElement(root, HEADER)
    etree.SubElement(root, BODY)
    return root


_EMPTY_ENVELOPE = _empty_envelope()


def fault(reason: str, *, fault_code: str = "soapenv:Client", detail: str | None = None) -> etree._Element:
    """A SOAP 1.1 Fault: only for envelopes that are themselves broken (BOD errors use ChangeStatus)."""
    root = etree.Element(ENVELOPE, nsmap=ns.SOAP_NSMAP)
    body = etree.SubElement(root, BODY)
    element = etree.SubElement(body, FAULT)
    etree.SubElement(element, "faultcode").text = fault_code
    etree.SubElement(element, "faultstring").text = reason
    if detail is not None:
        etree.SubElement(element, "detail").text = detail
    return root
