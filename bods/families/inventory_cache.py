"""SyncProductAvailability: the legacy inventory cache update service (facts section 1).

Unversioned namespaces (`inv`, `wcf`), a `wcf:ApplicationArea`, blank releaseID/versionID, and the request
XPath table of the service: ActionCode Update|Delete, SKU_i required, global and per-fulfillment-center
quantities on hand and expected inventory with their available dates.
"""

from __future__ import annotations

from lxml import etree

from bods import ns
from bods.families.common import (
    SYNC,
    Shape,
    allowed,
    build,
    check_buildable,
    child_text,
    decode_action,
    decode_application_area,
    encode_action,
    encode_application_area,
    invalid,
    missing,
    number,
    number_text,
    root_parts,
    sub,
)
from bods.messages import (
    CacheAction,
    ExpectedInventory,
    FulfillmentCenterInventory,
    ProductAvailability,
    SyncProductAvailability,
)


def _inv(local: str) -> str:
    return ns.qname(ns.INV, local)


ROOT = _inv("SyncProductAvailability")
DATA_AREA = _inv("DataArea")
PRODUCT_AVAILABILITY = _inv("ProductAvailability")
QUANTITY_ON_HAND = _inv("QuantityOnHand")
EXPECTED_INVENTORY = _inv("ExpectedInventory")
QUANTITY = _inv("Quantity")
AVAILABLE_DATETIME = _inv("AvailableDateTime")
FULFILLMENT_CENTER_INVENTORY = _inv("FulfillmentCenterInventory")
APPLICATION_AREA = ns.qname(ns.WCF, "ApplicationArea")
PRODUCT_IDENTIFIER = ns.qname(ns.WCF, "ProductIdentifier")
SKU = ns.qname(ns.WCF, "SKU")
ACTION_EXPRESSION_TEXT = "ProductAvailability"


# --- decode -------------------------------------------------------------------------------------------------


_DATA_AREA = Shape(SYNC, repeated=PRODUCT_AVAILABILITY)
_EXPECTED = Shape(QUANTITY, AVAILABLE_DATETIME, texts=(AVAILABLE_DATETIME,))


def decode(root: etree._Element) -> SyncProductAvailability:
    area, data_area = root_parts(root)
    (verb,), products = _DATA_AREA.read_all(data_area)
    action = allowed(decode_action(verb, data_area), CacheAction, "SyncProductAvailability", data_area)
    if not products:
        raise missing("SKU", data_area)
    return build(
        SyncProductAvailability,
        {
            "application_area": decode_application_area(area),
            "action_code": action,
            "products": tuple([_product(element) for element in products]),
        },
    )


def _product(element: etree._Element) -> ProductAvailability:
    identifier = on_hand = None
    expected: list[ExpectedInventory] = []
    centers: list[FulfillmentCenterInventory] = []
    for child in element[:]:
        tag = child.tag
        if tag == PRODUCT_IDENTIFIER:
            identifier = child
        elif tag == QUANTITY_ON_HAND:
            on_hand = child
        elif tag == EXPECTED_INVENTORY:
            expected.append(_expected(child))
        elif tag == FULFILLMENT_CENTER_INVENTORY:
            centers.append(_center(child))
    sku = child_text(identifier, SKU)
    if not sku:
        raise missing("SKU", identifier if identifier is not None else element)
    return build(
        ProductAvailability,
        {
            "sku": sku,
            "quantity_on_hand": number(on_hand),
            "uom": _uom(on_hand),
            "expected": tuple(expected),
            "fulfillment_centers": tuple(centers),
        },
    )


def _expected(element: etree._Element) -> ExpectedInventory:
    quantity, available_at = _EXPECTED.read(element)
    return build(
        ExpectedInventory,
        {"quantity": number(quantity), "uom": _uom(quantity), "available_datetime": available_at},
    )


def _center(element: etree._Element) -> FulfillmentCenterInventory:
    raw = element.get("fulfillmentCenterID")
    if raw is None or not raw.strip():
        raise missing("FulfillmentCenterId", element)
    try:
        center_id = int(raw)
    except ValueError:
        raise invalid(f"fulfillmentCenterID {raw!r} is not an integer", element) from None
    on_hand = None
    expected: list[etree._Element] = []
    for child in element[:]:
        tag = child.tag
        if tag == QUANTITY_ON_HAND:
            if on_hand is None:
                on_hand = child
        elif tag == EXPECTED_INVENTORY:
            expected.append(child)
    return build(
        FulfillmentCenterInventory,
        {
            "fulfillment_center_id": center_id,
            "quantity_on_hand": number(on_hand),
            "uom": _uom(on_hand),
            "expected": tuple([_expected(item) for item in expected]),
        },
    )


def _uom(element: etree._Element | None) -> str | None:
    if element is None:
        return None
    value = element.get("uom")
    return value.strip() if value is not None else None


check_buildable(ExpectedInventory, FulfillmentCenterInventory, ProductAvailability, SyncProductAvailability)


# --- encode -------------------------------------------------------------------------------------------------


def encode(bod: SyncProductAvailability) -> etree._Element:
    root = etree.Element(ROOT, nsmap=ns.LEGACY_INVENTORY_NSMAP)
    root.set("versionID", "")  # the service wants blank release/version attributes
    root.set("releaseID", "")
    encode_application_area(
        root, bod.application_area, tag=APPLICATION_AREA, context_ns=ns.WCF, xsi_type=None, with_context=True
    )
    data_area = sub(root, DATA_AREA)
    encode_action(
        data_area,
        SYNC,
        CacheAction(bod.action_code).value,
        ACTION_EXPRESSION_TEXT,
        language="XPath",
        language_first=True,
    )
    for product in bod.products:
        _encode_product(data_area, product)
    return root


def _encode_product(parent: etree._Element, product: ProductAvailability) -> None:
    element = sub(parent, PRODUCT_AVAILABILITY)
    sub(sub(element, PRODUCT_IDENTIFIER), SKU, product.sku)
    _quantity(element, QUANTITY_ON_HAND, product.quantity_on_hand, product.uom)
    for expected in product.expected:
        _encode_expected(element, expected)
    for center in product.fulfillment_centers:
        center_element = sub(
            element, FULFILLMENT_CENTER_INVENTORY, fulfillmentCenterID=str(center.fulfillment_center_id)
        )
        _quantity(center_element, QUANTITY_ON_HAND, center.quantity_on_hand, center.uom)
        for expected in center.expected:
            _encode_expected(center_element, expected)


def _encode_expected(parent: etree._Element, expected: ExpectedInventory) -> None:
    element = sub(parent, EXPECTED_INVENTORY)
    _quantity(element, QUANTITY, expected.quantity, expected.uom)
    if expected.available_datetime is not None:
        sub(element, AVAILABLE_DATETIME, expected.available_datetime)


def _quantity(parent: etree._Element, tag: str, value: float | None, uom: str | None) -> None:
    if value is None:
        return
    element = sub(parent, tag, number_text(value))
    if uom is not None:
        element.set("uom", uom)
