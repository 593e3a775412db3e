"""Namespace URIs and the prefixes the real documents use (facts sections 1 and 2).

Legacy (unversioned) namespaces belong to the inventory cache update service; the versioned `.../9/...` ones
to the DOM BODs. Keeping the prefixes the samples use (`_inv`, `_ord`, `_wcf`, `oa`; `inv`, `wcf`) makes
rendered documents read like the ones a WCS or DOM administrator has seen.
"""

from __future__ import annotations

OA = "http://www.openapplications.org/oagis/9"
WCF = "http://www.ibm.com/xmlns/prod/commerce/foundation"
INV = "http://www.ibm.com/xmlns/prod/commerce/inventory"
WCF9 = "http://www.ibm.com/xmlns/prod/commerce/9/foundation"
INV9 = "http://www.ibm.com/xmlns/prod/commerce/9/inventory"
ORD9 = "http://www.ibm.com/xmlns/prod/commerce/9/order"
SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12 = "http://www.w3.org/2003/05/soap-envelope"
SOAPENC = "http://schemas.xmlsoap.org/soap/encoding/"
XSD = "http://www.w3.org/2001/XMLSchema"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"
WSSE_PASSWORD_TEXT = (
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText"
)

# Prefix maps used when rendering, one per document family.
LEGACY_INVENTORY_NSMAP = {"inv": INV, "wcf": WCF, "oa": OA, "xsi": XSI}
DOM_INVENTORY_NSMAP = {"_inv": INV9, "_wcf": WCF9, "oa": OA, "xsi": XSI}
DOM_REQUIREMENT_NSMAP = {"_inv": INV9, "_ord": ORD9, "_wcf": WCF9, "oa": OA, "xsi": XSI}
DOM_ORDER_NSMAP = {"_ord": ORD9, "_wcf": WCF9, "oa": OA, "xsi": XSI}
DOM_CONFIRM_NSMAP = {"oa": OA, "_wcf": WCF9, "xsi": XSI}
LEGACY_CONFIRM_NSMAP = {"oa": OA, "xsi": XSI}
SOAP_NSMAP = {"soapenv": SOAP11, "soapenc": SOAPENC, "xsd": XSD, "xsi": XSI}


def qname(namespace: str, local: str) -> str:
    """Clark notation `{namespace}local`, the form lxml uses for tags."""
    return f"{{{namespace}}}{local}"
