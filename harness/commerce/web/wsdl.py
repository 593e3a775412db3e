"""The WSDL of InventoryServices and the schemas it imports, as served at `?wsdl` and `?xsd=<name>`.

Document/literal SOAP 1.1 with two operations, SyncProductAvailability (legacy inventory namespace) and
SyncInventoryAvailability (DOM's `commerce/9/inventory`), both answered by `oa:ConfirmBOD`. The types are
the project's own BOD schemas (bods/schemas); their `schemaLocation`s are rewritten to `?xsd=` URLs on this
server, and `soap:address` is the URL the request reached, so a client such as zeep can load the WSDL
from wherever the server runs.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from xml.sax.saxutils import quoteattr

from lxml import etree

from bods import ns

TARGET_NS = "http://www.ibm.com/xmlns/prod/commerce/inventory/services"
IMPORTED = ((ns.INV, "commerce-inventory.xsd"), (ns.INV9, "commerce9-inventory.xsd"), (ns.OA, "oagis9.xsd"))

WSDL_TEMPLATE = """<?xml version="1.0" encoding="UTF-8"?>
<wsdl:definitions name="InventoryServices" targetNamespace="{tns}"
    xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xsd="{xsd}" xmlns:tns="{tns}" xmlns:inv="{inv}" xmlns:_inv="{inv9}" xmlns:oa="{oa}">
  <wsdl:types>
    <xsd:schema targetNamespace="{tns}" elementFormDefault="qualified">
{imports}
    </xsd:schema>
  </wsdl:types>
  <wsdl:message name="SyncProductAvailabilityRequest">
    <wsdl:part name="SyncProductAvailability" element="inv:SyncProductAvailability"/>
  </wsdl:message>
  <wsdl:message name="SyncInventoryAvailabilityRequest">
    <wsdl:part name="SyncInventoryAvailability" element="_inv:SyncInventoryAvailability"/>
  </wsdl:message>
  <wsdl:message name="ConfirmBODResponse">
    <wsdl:part name="ConfirmBOD" element="oa:ConfirmBOD"/>
  </wsdl:message>
  <wsdl:portType name="InventoryServicesPortType">
    <wsdl:operation name="SyncProductAvailability">
      <wsdl:input message="tns:SyncProductAvailabilityRequest"/>
      <wsdl:output message="tns:ConfirmBODResponse"/>
    </wsdl:operation>
    <wsdl:operation name="SyncInventoryAvailability">
      <wsdl:input message="tns:SyncInventoryAvailabilityRequest"/>
      <wsdl:output message="tns:ConfirmBODResponse"/>
    </wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="InventoryServicesSOAP11Binding" type="tns:InventoryServicesPortType">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="SyncProductAvailability">
      <soap:operation soapAction="{tns}/SyncProductAvailability" style="document"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>
    <wsdl:operation name="SyncInventoryAvailability">
      <soap:operation soapAction="{tns}/SyncInventoryAvailability" style="document"/>
      <wsdl:input><soap:body use="literal"/></wsdl:input>
      <wsdl:output><soap:body use="literal"/></wsdl:output>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="InventoryServices">
    <wsdl:port name="InventoryServicesSOAP11Port" binding="tns:InventoryServicesSOAP11Binding">
      <soap:address location={address}/>
    </wsdl:port>
  </wsdl:service>
</wsdl:definitions>
"""


def schema_names() -> frozenset[str]:
    return frozenset(
        entry.name
        for entry in resources.files("bods").joinpath("schemas").iterdir()
        if entry.name.endswith(".xsd")
    )


@lru_cache(maxsize=16)
def wsdl(endpoint_url: str) -> bytes:
    """The WSDL for a server reached at `endpoint_url` (scheme, host, port and path of the endpoint)."""
    lines = []
    for uri, name in IMPORTED:
        location = quoteattr(_xsd_url(endpoint_url, name))
        lines.append(f"      <xsd:import namespace={quoteattr(uri)} schemaLocation={location}/>")
    imports = "\n".join(lines)
    return WSDL_TEMPLATE.format(
        tns=TARGET_NS,
        xsd=ns.XSD,
        inv=ns.INV,
        inv9=ns.INV9,
        oa=ns.OA,
        imports=imports,
        address=quoteattr(endpoint_url),
    ).encode("utf-8")


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
