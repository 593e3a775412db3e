"""The shipped sample BODs: valid documents for every BOD of the contract, and documents that must be refused.

Valid samples (`names()`, `load(name)`) follow the seed contract (store 10101 AuroraESite, SKU-0001.. =
catalog entries 12001..) and start with a comment saying what they show. Invalid samples live in `invalid/`;
`INVALID` says which `BodError` subclass each must raise and which rule it breaks (the same table is in
invalid/README.md for readers).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
INVALID_DIR = HERE / "invalid"


@dataclass(frozen=True)
class InvalidSample:
    """An invalid sample: the `bods.errors` class name it must raise and the rule it breaks."""

    error: str
    rule: str


INVALID: dict[str, InvalidSample] = {
    "missing_sku": InvalidSample("MissingParameter", "ProductAvailability/ProductIdentifier/SKU is required"),
    "empty_sku": InvalidSample("MissingParameter", "a blank SKU counts as missing"),
    "missing_action_code": InvalidSample("MissingParameter", "ActionExpression/@actionCode is required"),
    "missing_order_identifier": InvalidSample("MissingParameter", "Order/OrderIdentifier is required"),
    "reserve_without_order_items": InvalidSample(
        "MissingParameter", "a requirement request needs an OrderItem"
    ),
    "unknown_action_code": InvalidSample("BodInvalid", "actionCode must be a known action code"),
    "action_code_of_another_bod": InvalidSample(
        "BodInvalid", "SyncProductAvailability accepts Update|Delete"
    ),
    "non_numeric_quantity": InvalidSample("BodInvalid", "quantities are numbers"),
    "infinite_quantity": InvalidSample("BodInvalid", "quantities are finite"),
    "non_integer_fulfillment_center": InvalidSample("BodInvalid", "@fulfillmentCenterID is an int"),
    "elements_out_of_order": InvalidSample("BodInvalid", "elements come in schema order"),
    "unexpected_element": InvalidSample("BodInvalid", "no undeclared elements"),
    "unknown_inventory_status": InvalidSample(
        "BodInvalid", "InventoryStatus is Available|Backorderable|Unavailable"
    ),
    "unknown_order_status": InvalidSample("BodInvalid", "order status is a WCS status code"),
    "bad_expression": InvalidSample("BadExpression", "the Get expression matches a documented variant"),
    "unsupported_access_profile": InvalidSample("BadExpression", "the access profile is IBM_Store_Details"),
    "xxe_external_entity": InvalidSample("BodHostile", "no external entities (XXE)"),
    "external_dtd": InvalidSample("BodHostile", "no document type declarations"),
    "billion_laughs": InvalidSample("BodHostile", "no entity declarations (exponential expansion)"),
    "parameter_entity": InvalidSample("BodHostile", "no parameter entities"),
    "not_well_formed": InvalidSample("BodSyntaxError", "the document is well-formed XML"),
    "not_xml": InvalidSample("BodSyntaxError", "the document is XML"),
    "unknown_root": InvalidSample("UnknownBod", "the root is a BOD of this contract"),
    "legacy_order_namespace": InvalidSample("UnknownBod", "order BODs use the versioned namespace"),
    "soap_without_body": InvalidSample("SoapError", "a SOAP envelope has a Body"),
    "soap_two_payloads": InvalidSample("SoapError", "the SOAP Body carries exactly one BOD"),
    "soap_1_2_envelope": InvalidSample("SoapError", "envelopes are SOAP 1.1"),
    "soap_fault": InvalidSample("SoapError", "a Fault is not a BOD"),
}


def names(*, invalid: bool = False) -> list[str]:
    """Sample names, sorted: the valid ones, or (invalid=True) the ones under invalid/ as "invalid/<name>"."""
    if invalid:
        return sorted(f"invalid/{path.stem}" for path in INVALID_DIR.glob("*.xml"))
    return sorted(path.stem for path in HERE.glob("*.xml"))


def path(name: str) -> Path:
    """The file of a sample ("ConfirmBOD_1", "ConfirmBOD_1.xml" or "invalid/missing_sku")."""
    stem = name.removesuffix(".xml")
    candidate = (HERE / f"{stem}.xml").resolve()
    if candidate.parent not in (HERE, INVALID_DIR) or not candidate.is_file():
        raise KeyError(f"no sample named {name!r}; known: {', '.join(names())}")
    return candidate


def load(name: str) -> bytes:
    """The bytes of a sample, exactly as shipped."""
    return path(name).read_bytes()
