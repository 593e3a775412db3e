"""XSD validation of BODs: fast and compiled once on the hot path, detailed off it.

The hot path (`validate`) uses one lxml `XMLSchema` over `schemas/bods.xsd`, compiled on first use under a
lock and shared by all threads (libxml2 validates with a per-call context, so sharing is safe; only the error
log is per schema object, which is why a failed document is explained again by a second, lock-guarded schema
object). `diagnose` uses xmlschema for readable messages with line numbers and paths; it is slow (~1
ms/document) and meant for the CLI, reports and tests, never for request handling.

A document that misses a required element or attribute (SKU, actionCode, a UniqueID ...) raises
`MissingParameter`, the documented `_ERR_CMD_MISSING_PARAM.-1` answer of the cache update service (facts
section 1); every other violation raises `BodInvalid`.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

from lxml import etree

from bods import ns
from bods.errors import BodError, BodInvalid, Diagnostic, MissingParameter
from bods.xmlsafety import DEFAULT_MAX_BYTES, new_parser, parse_xml, strip_stray_boms

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"
ENTRY_SCHEMA = SCHEMA_DIR / "bods.xsd"

_PREFIXES = {
    ns.OA: "oa",
    ns.WCF: "wcf",
    ns.INV: "inv",
    ns.WCF9: "_wcf",
    ns.INV9: "_inv",
    ns.ORD9: "_ord",
    ns.SOAP11: "soapenv",
    ns.WSSE: "wsse",
}
_CLARK = re.compile(r"\{([^}]*)\}")
# Elements and attributes whose absence is a missing command parameter, with the parameter name WCS reports.
REQUIRED_PARAMETERS = {
    "SKU": "SKU",
    "ProductIdentifier": "SKU",
    "ProductAvailability": "SKU",
    "ActionCriteria": "ActionCode",
    "ActionExpression": "ActionCode",
    "actionCode": "ActionCode",
    "fulfillmentCenterID": "FulfillmentCenterId",
    "OrderIdentifier": "OrderIdentifier",
    "StoreIdentifier": "StoreIdentifier",
    "OrderItemIdentifier": "OrderItemIdentifier",
    "UniqueID": "UniqueID",
    "PartNumber": "PartNumber",
    "NameIdentifier": "NameIdentifier",
    "Identifier": "Identifier",
    "InventoryAvailabilityIdentifier": "InventoryAvailabilityIdentifier",
    "ExternalIdentifier": "ExternalIdentifier",
    "CatalogEntryIdentifier": "CatalogEntryIdentifier",
    "InventoryStatus": "InventoryStatus",
    "Expression": "Expression",
    "Order": "Order",
    "InventoryRequirement": "InventoryRequirement",
    "InventoryAvailability": "InventoryAvailability",
    "Status": "Status",
    "name": "name",
}
_EXPECTED_ONE = re.compile(r"Expected is \( (\S+) \)")
_EXPECTED_ANY = re.compile(r"Expected is (?:one of )?\( ([^)]*) \)")
_ELEMENT = re.compile(r"^Element '([^']+)'")
_ATTRIBUTE_MISSING = re.compile(r"The attribute '([^']+)' is required but missing")


_thread = threading.local()


class _Schemas:
    """The compiled schema objects of this process (created once, on first use)."""

    _lock = threading.Lock()
    _explain_lock = threading.Lock()
    hot: etree.XMLSchema | None = None
    explainer: etree.XMLSchema | None = None
    detailed: object | None = None

    @classmethod
    def compiled(cls) -> etree.XMLSchema:
        if cls.hot is None:
            with cls._lock:
                if cls.hot is None:
                    cls.explainer = _compile()
                    cls.hot = _compile()
        return cls.hot


def _compile() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(ENTRY_SCHEMA), new_parser()))


def warm_up() -> None:
    """Compile the lxml schemas now (servers call this at start so the first request pays nothing)."""
    _Schemas.compiled()


def compiled_schema() -> etree.XMLSchema:
    """The shared lxml schema of the whole contract (compiled on first call)."""
    return _Schemas.compiled()


def validating_parser() -> etree.XMLParser:
    """This thread's hardened parser that validates against the whole contract while it parses.

    `bods.codec.parse` tries it first: one libxml2 pass instead of a parse, then a validation, and so one
    release of the GIL instead of two, which is what a busy multi-threaded server pays for most. The
    contract's SOAP Body admits its content laxly, so a known BOD inside an envelope is validated in full,
    an unknown one not at all (the codec refuses it by root tag). A document this parser refuses is parsed
    again the plain way, so errors keep exactly the messages of `validate`.
    """
    current = getattr(_thread, "validating_parser", None)
    if current is None:
        current = _thread.validating_parser = new_parser(compiled_schema())
    return current


def validate(bod: etree._Element) -> None:
    """Validate a BOD element (unwrapped from SOAP); raise MissingParameter or BodInvalid when invalid."""
    schema = _Schemas.hot
    if schema is None:
        schema = _Schemas.compiled()
    if schema.validate(bod):
        return
    if strip_stray_boms(bod) and schema.validate(bod):
        return
    diagnostics = explain(bod)
    raise error_for(diagnostics)


def explain(bod: etree._Element) -> tuple[Diagnostic, ...]:
    """lxml's diagnostics for an invalid element, from a schema object no other thread writes to."""
    _Schemas.compiled()
    with _Schemas._explain_lock:
        assert _Schemas.explainer is not None
        _Schemas.explainer.validate(bod)
        entries = list(_Schemas.explainer.error_log)
    return tuple(
        Diagnostic(message=readable(entry.message), line=entry.line or None, path=entry.path or None)
        for entry in entries
    ) or (Diagnostic(message="the document does not match the BOD schemas"),)


def error_for(diagnostics: tuple[Diagnostic, ...]) -> BodInvalid:
    """MissingParameter when the first violation is an absent required element/attribute, else BodInvalid."""
    first = diagnostics[0]
    parameter = missing_parameter(first.message)
    if parameter is not None:
        return MissingParameter(
            f'CMN0206E Please check all fields. "{parameter}" is a required field.', diagnostics=diagnostics
        )
    return BodInvalid(f"the BOD does not match its schema: {first}", diagnostics=diagnostics)


def missing_parameter(message: str) -> str | None:
    """The WCS parameter name if `message` (lxml wording) reports a missing required element or attribute."""
    attribute = _ATTRIBUTE_MISSING.search(message)
    if attribute:
        return REQUIRED_PARAMETERS.get(attribute.group(1), attribute.group(1))
    if "Missing child element(s)" in message:
        expected = _EXPECTED_ANY.search(message)
        names = [_local(name) for name in expected.group(1).split(", ")] if expected else []
        return next(
            (REQUIRED_PARAMETERS[n] for n in names if n in REQUIRED_PARAMETERS), names[0] if names else "?"
        )
    if "This element is not expected" in message:
        expected = _EXPECTED_ONE.search(message)
        if expected and _local(expected.group(1)) in REQUIRED_PARAMETERS:
            return REQUIRED_PARAMETERS[_local(expected.group(1))]
    if "minLength" in message and "has a length of '0'" in message:
        element = _ELEMENT.match(message)
        if element:
            return REQUIRED_PARAMETERS.get(_local(element.group(1)), _local(element.group(1)))
    return None


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].rsplit(":", 1)[-1]


def readable(message: str) -> str:
    """Replace `{namespace-uri}` with the prefix the samples use, so messages fit on a line."""
    return _CLARK.sub(
        lambda m: f"{_PREFIXES[m.group(1)]}:" if m.group(1) in _PREFIXES else m.group(0), message
    )


# --- detailed diagnostics (xmlschema; off the hot path) -----------------------------------------------------


def detailed_schema() -> object:
    """The xmlschema view of the same schema set (built on first call, ~0.3 s)."""
    if _Schemas.detailed is None:
        import xmlschema

        with _Schemas._lock:
            if _Schemas.detailed is None:
                _Schemas.detailed = xmlschema.XMLSchema10(str(ENTRY_SCHEMA))
    return _Schemas.detailed


def diagnose(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Diagnostic]:
    """Everything wrong with a document, with line numbers and paths; [] when the codec accepts it.

    Covers refusal by the hardened parser, the SOAP envelope, every schema violation (xmlschema), and then
    the rules only the codec checks (action code per BOD, the Get expression grammar).
    """
    from bods import codec, soap

    try:
        root = parse_xml(data, max_bytes=max_bytes)
        bod, _ = soap.unwrap(root)
    except BodError as exc:
        return [Diagnostic(message=f"{type(exc).__name__}: {exc.reason}")]
    if bod.tag not in codec.known_roots():
        return [
            Diagnostic(f"UnknownBod: {readable(str(bod.tag))} is not a BOD of this contract", bod.sourceline)
        ]
    found = [_from_xmlschema(error) for error in detailed_schema().iter_errors(bod)]  # type: ignore[attr-defined]
    if found:
        return found
    try:
        codec.decode(bod)
    except BodError as exc:
        return list(exc.diagnostics) or [Diagnostic(message=f"{type(exc).__name__}: {exc.reason}")]
    return []


def _from_xmlschema(error: object) -> Diagnostic:
    reason = getattr(error, "reason", None) or str(error)
    validator = getattr(error, "validator", None)
    rule = _rule_name(validator)
    message = f"{readable(reason)} [rule: {rule}]" if rule else readable(reason)
    return Diagnostic(
        message=message, line=getattr(error, "sourceline", None), path=getattr(error, "path", None)
    )


def _rule_name(validator: object) -> str | None:
    if validator is None:
        return None
    name = getattr(validator, "prefixed_name", None) or getattr(validator, "local_name", None)
    kind = type(validator).__name__.removeprefix("Xsd")
    return f"{kind} {name}" if name else kind
