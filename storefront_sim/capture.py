"""What a captured BOD is: its type, action, order and whether it conforms, read with the `bods` codec only.

Both adapters see BODs as bytes (the fast one on its in-process transports, the live one in the mock DOM's
request journal) and turn them into `CapturedBod`s here, so the report's conformance table comes from one
schema check: `bods.codec.parse` with validation (hardened parse, SOAP unwrap, the compiled XSDs). A document
that fails keeps the codec's reason as its error; its type is still named from the root element.
"""

from __future__ import annotations

from dataclasses import dataclass

from bods import codec, soap, xmlsafety
from bods.errors import BodError
from bods.messages import (
    AcknowledgeInventoryRequirement,
    AcknowledgeOrder,
    Bod,
    GetInventoryAvailability,
    ProcessInventoryRequirement,
    ProcessOrder,
    SyncOrder,
)
from storefront_sim.ports import BodDirection, CapturedBod

UNREADABLE = "(unreadable)"  # type of a document whose root element could not even be read


@dataclass(frozen=True)
class Inspection:
    """What the codec says about one document."""

    type: str
    action: str | None
    order_id: str | None
    valid: bool
    errors: tuple[str, ...] = ()


def action_of(bod: Bod) -> str | None:
    """The action code (ReserveInventory, TransferOrder, Change ...); `Get` for GetInventoryAvailability."""
    code = getattr(bod, "action_code", None)
    if code is None:
        return "Get" if isinstance(bod, GetInventoryAvailability) else None
    return str(getattr(code, "value", code))


def order_id_of(bod: Bod) -> str | None:
    """The commerce order a BOD concerns (reservations use the order id too: WC_<order id>)."""
    if isinstance(bod, ProcessInventoryRequirement | AcknowledgeInventoryRequirement):
        requirement = bod.requirement
        return requirement.order_id if requirement is not None else None
    if isinstance(bod, ProcessOrder | AcknowledgeOrder | SyncOrder):
        return bod.order.order_id if bod.order is not None else None
    return None


def inspect(xml: bytes) -> Inspection:
    """Validate and decode `xml`; an invalid document is described by its root element and the reason."""
    return read(xml)[0]


def read(xml: bytes) -> tuple[Inspection, Bod | None]:
    """What `inspect` says, plus the decoded BOD when the document conforms (None when it does not), so the
    side that receives the document can use this reading instead of parsing it once more."""
    try:
        bod = codec.parse(xml).bod
    except BodError as refused:
        facts = Inspection(root_name(xml), None, None, False, (f"{refused.reason_code}: {refused.reason}",))
        return facts, None
    return described(bod), bod


def described(bod: Bod) -> Inspection:
    """The facts of a BOD that a validating parse (here, or by the side that received it) has decoded."""
    return Inspection(type(bod).__name__, action_of(bod), order_id_of(bod), True)


def root_name(xml: bytes) -> str:
    """Local name of the BOD element (inside a SOAP envelope if there is one), read without validation."""
    try:
        element, _ = soap.unwrap(xmlsafety.parse_xml(xml))
    except (BodError, ValueError):
        return UNREADABLE
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else UNREADABLE


def captured(
    xml: bytes,
    direction: BodDirection,
    *,
    at: float | None,
    latency: float | None = None,
    seen: Inspection | None = None,
) -> CapturedBod:
    """A CapturedBod of `xml`; `seen` skips the codec when the receiving handler already validated it."""
    facts = seen or inspect(xml)
    return CapturedBod(
        type=facts.type,
        action=facts.action,
        direction=direction,
        valid=facts.valid,
        errors=facts.errors,
        xml=xml,
        at=at,
        latency=latency,
        order_id=facts.order_id,
    )
