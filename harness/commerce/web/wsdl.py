"""The WSDL of InventoryServices and the schemas it imports, as served at `?wsdl` and `?xsd=<name>`.

Document/literal SOAP 1.1 with two operations, SyncProductAvailability (legacy inventory namespace) and
SyncInventoryAvailability (DOM's `commerce/9/inventory`), both answered by `oa:ConfirmBOD`. The types are
the project's own BOD schemas (bods/schemas); their `schemaLocation`s are rewritten to `?xsd=` URLs on this
server, and `soap:address` is the URL the request reached, so a client such as zeep can load the WSDL
from wherever the server runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from lxml import etree

from bods import ns


@dataclass(frozen=True)
class Operation:
    """One document/literal operation: the BOD it takes and the one it answers with (namespace, name)."""

    name: str
    request: tuple[str, str]
    response: tuple[str, str]


@dataclass(frozen=True)
class ServiceDefinition:
    """A BOD web service as its WSDL describes it: operations plus the schemas that define their BODs."""

    name: str
    target_namespace: str
    operations: tuple[Operation, ...]
    schemas: tuple[tuple[str, str], ...]  # (namespace, file name in bods/schemas)


INVENTORY_SERVICES = ServiceDefinition(
    name="InventoryServices",
    target_namespace="http://www.ibm.com/xmlns/prod/commerce/inventory/services",
    operations=(
        Operation("SyncProductAvailability", (ns.INV, "SyncProductAvailability"), (ns.OA, "ConfirmBOD")),
        Operation("SyncInventoryAvailability", (ns.INV9, "SyncInventoryAvailability"), (ns.OA, "ConfirmBOD")),
    ),
    schemas=((ns.INV, "commerce-inventory.xsd"), (ns.INV9, "commerce9-inventory.xsd"), (ns.OA, "oagis9.xsd")),
)

ORDER_SERVICES = ServiceDefinition(
    name="OrderServices",
    target_namespace="http://www.ibm.com/xmlns/prod/commerce/order/services",
    operations=(
        Operation("SyncOrder", (ns.ORD9, "SyncOrder"), (ns.OA, "ConfirmBOD")),
        Operation("ProcessOrder", (ns.ORD9, "ProcessOrder"), (ns.ORD9, "AcknowledgeOrder")),
    ),
    schemas=((ns.ORD9, "commerce9-order.xsd"), (ns.OA, "oagis9.xsd")),
)

WSDL_NS = "http://schemas.xmlsoap.org/wsdl/"
SOAP_BINDING_NS = "http://schemas.xmlsoap.org/wsdl/soap/"
HTTP_TRANSPORT = "http://schemas.xmlsoap.org/soap/http"


@lru_cache(maxsize=32)
def wsdl(endpoint_url: str, service: ServiceDefinition = INVENTORY_SERVICES) -> bytes:
    """The WSDL of `service` for a server reached at `endpoint_url` (scheme, host, port and path)."""
    prefixes = _prefixes(service)
    tns = service.target_namespace
    w, soap, xsd = _maker(WSDL_NS), _maker(SOAP_BINDING_NS), _maker(ns.XSD)
    nsmap = {prefix: uri for uri, prefix in prefixes.items()}
    nsmap.update(tns=tns, wsdl=WSDL_NS, soap=SOAP_BINDING_NS, xsd=ns.XSD)
    root = etree.Element(_q(WSDL_NS, "definitions"), nsmap=nsmap, name=service.name, targetNamespace=tns)
    types = etree.SubElement(root, _q(WSDL_NS, "types"))
    holder = etree.SubElement(
        types, _q(ns.XSD, "schema"), targetNamespace=tns, elementFormDefault="qualified"
    )
    for uri, name in service.schemas:
        holder.append(xsd("import", namespace=uri, schemaLocation=_xsd_url(endpoint_url, name)))
    for operation in service.operations:
        for role, (uri, local) in (("Request", operation.request), ("Response", operation.response)):
            message = etree.SubElement(root, _q(WSDL_NS, "message"), name=f"{operation.name}{role}")
            message.append(w("part", name=local, element=f"{prefixes[uri]}:{local}"))
    port_type = etree.SubElement(root, _q(WSDL_NS, "portType"), name=f"{service.name}PortType")
    binding = etree.SubElement(
        root, _q(WSDL_NS, "binding"), name=f"{service.name}SOAP11Binding", type=f"tns:{service.name}PortType"
    )
    binding.append(soap("binding", style="document", transport=HTTP_TRANSPORT))
    for operation in service.operations:
        abstract = etree.SubElement(port_type, _q(WSDL_NS, "operation"), name=operation.name)
        abstract.append(w("input", message=f"tns:{operation.name}Request"))
        abstract.append(w("output", message=f"tns:{operation.name}Response"))
        concrete = etree.SubElement(binding, _q(WSDL_NS, "operation"), name=operation.name)
        concrete.append(soap("operation", soapAction=f"{tns}/{operation.name}", style="document"))
        for direction in ("input", "output"):
            body = etree.SubElement(concrete, _q(WSDL_NS, direction))
            body.append(soap("body", use="literal"))
    port_holder = etree.SubElement(root, _q(WSDL_NS, "service"), name=service.name)
    port = etree.SubElement(
        port_holder,
        _q(WSDL_NS, "port"),
        name=f"{service.name}SOAP11Port",
        binding=f"tns:{service.name}SOAP11Binding",
    )
    port.append(soap("address", location=endpoint_url))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _prefixes(service: ServiceDefinition) -> dict[str, str]:
    """A prefix for every namespace an operation names, as the BOD samples spell them."""
    known = {ns.INV: "inv", ns.INV9: "_inv", ns.ORD9: "_ord", ns.OA: "oa"}
    uris = {uri for op in service.operations for uri, _ in (op.request, op.response)}
    return {uri: known.get(uri, f"ns{i}") for i, uri in enumerate(sorted(uris))}


def _maker(namespace: str):  # noqa: ANN202 - a tiny element factory bound to one namespace
    def make(tag: str, **attributes: str) -> etree._Element:
        return etree.Element(_q(namespace, tag), **attributes)

    return make


def _q(namespace: str, tag: str) -> str:
    return f"{{{namespace}}}{tag}"


def schema_names() -> frozenset[str]:
    return frozenset(
        entry.name
        for entry in resources.files("bods").joinpath("schemas").iterdir()
        if entry.name.endswith(".xsd")
    )


@lru_cache(maxsize=64)
def schema(endpoint_url: str, name: str) -> bytes | None:
    """bods/schemas/<name> with its imports and includes pointing back at this server; None if unknown."""
    if name not in schema_names():
        return None
    data = resources.files("bods").joinpath("schemas", name).read_bytes()
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(data, parser)
    for element in root.iter(
        ns.qname(ns.XSD, "import"), ns.qname(ns.XSD, "include"), ns.qname(ns.XSD, "redefine")
    ):
        location = element.get("schemaLocation")
        if location and "/" not in location:
            element.set("schemaLocation", _xsd_url(endpoint_url, location))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _xsd_url(endpoint_url: str, name: str) -> str:
    return f"{endpoint_url}?xsd={name}"
