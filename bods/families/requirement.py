"""The InventoryRequirement noun: ProcessInventoryRequirement (CheckInventory | ReserveInventory |
CancelInventoryReservation | DecrementCache, expression `/InventoryRequirement[1]`) ->
AcknowledgeInventoryRequirement (facts section 2, samples ReserveInventory_req/_res).

Per-line answers ride in `_ord:OrderItemStatus`: InventoryStatus (Allocated, Backordered, ...) and, INFERRED,
AvailableQuantity and AvailabilityDateTime for partial answers. The reservation id, which Sterling derives as
"WC_" + order id, is carried as `_wcf:UserData/UserDataField[@name='reservationId']` (INFERRED).
"""

from __future__ import annotations

from lxml import etree

from bods import ns
from bods.families import identifiers as ids
from bods.families.availability import USER_DATA, USER_DATA_FIELD, decode_user_data
from bods.families.common import (
    ACKNOWLEDGE,
    ORIGINAL_APPLICATION_AREA,
    PROCESS,
    Shape,
    allowed,
    bod_root,
    boolean,
    build,
    check_buildable,
    decode_action,
    decode_application_area,
    decode_change_status,
    encode_action,
    encode_application_area,
    encode_change_status,
    encode_original,
    first,
    missing,
    number,
    number_text,
    required,
    root_parts,
    sub,
    text,
)
from bods.families.order import (
    AVAILABILITY_DATETIME,
    AVAILABLE_QUANTITY,
    BUYER_IDENTIFIER,
    CATALOG_ENTRY_IDENTIFIER,
    INVENTORY_STATUS,
    ORDER_IDENTIFIER,
    ORDER_ITEM,
    ORDER_ITEM_IDENTIFIER,
    ORDER_ITEM_STATUS,
    PHYSICAL_STORE_IDENTIFIER,
    QUANTITY,
    SHIPPING_INFO,
    STORE_IDENTIFIER,
    decode_buyer,
    decode_item_id,
    decode_order_id,
    encode_buyer,
    encode_item_head,
    encode_order_id,
)
from bods.messages import (
    AcknowledgeInventoryRequirement,
    InventoryRequirement,
    ProcessInventoryRequirement,
    RequirementAction,
    RequirementItem,
)


def _inv(local: str) -> str:
    return ns.qname(ns.INV9, local)


PROCESS_ROOT = _inv("ProcessInventoryRequirement")
ACKNOWLEDGE_ROOT = _inv("AcknowledgeInventoryRequirement")
DATA_AREA = _inv("DataArea")
INVENTORY_REQUIREMENT = _inv("InventoryRequirement")
EXPRESSION = "/InventoryRequirement[1]"
VERSION = "6.0.0.4"
RESERVATION_ID = "reservationId"


# --- decode -------------------------------------------------------------------------------------------------


_PROCESS = Shape(PROCESS, INVENTORY_REQUIREMENT)
_ACKNOWLEDGE = Shape(ACKNOWLEDGE, INVENTORY_REQUIREMENT)
_REQUIREMENT = Shape(ORDER_IDENTIFIER, STORE_IDENTIFIER, USER_DATA, BUYER_IDENTIFIER, repeated=ORDER_ITEM)
_ITEM = Shape(ORDER_ITEM_IDENTIFIER, CATALOG_ENTRY_IDENTIFIER, QUANTITY, ORDER_ITEM_STATUS, SHIPPING_INFO)
_ITEM_STATUS = Shape(INVENTORY_STATUS, AVAILABLE_QUANTITY, AVAILABILITY_DATETIME, texts=(INVENTORY_STATUS,))


def decode_process(root: etree._Element) -> ProcessInventoryRequirement:
    area, data_area = root_parts(root)
    verb, requirement = _PROCESS.read(data_area)
    action = decode_action(verb, data_area)
    action = allowed(action, RequirementAction, "ProcessInventoryRequirement", data_area)  # type: ignore[assignment]
    requirement = required(requirement, "InventoryRequirement", data_area)
    return build(
        ProcessInventoryRequirement,
        {
            "application_area": decode_application_area(area),
            "action_code": action,
            "requirement": decode_requirement(requirement, strict=True),
        },
    )


def decode_acknowledge(root: etree._Element) -> AcknowledgeInventoryRequirement:
    area, data_area = root_parts(root)
    verb, requirement = _ACKNOWLEDGE.read(data_area)
    original = first(verb, ORIGINAL_APPLICATION_AREA)
    return build(
        AcknowledgeInventoryRequirement,
        {
            "application_area": decode_application_area(area),
            "original": decode_application_area(original) if original is not None else None,
            "requirement": decode_requirement(requirement, strict=False) if requirement is not None else None,
            "change_status": decode_change_status(verb),
        },
    )


def decode_requirement(element: etree._Element, *, strict: bool) -> InventoryRequirement:
    """`strict` (requests): at least one line, and every line names its item and quantity."""
    (identifier, store, user_data, buyer), lines = _REQUIREMENT.read_all(element)
    order_id, _ = decode_order_id(identifier, element)
    store_id, _ = ids.store(store)
    if not store_id:
        raise missing("StoreIdentifier", element)
    if strict and not lines:
        raise missing("OrderItem", element)
    reservation_id = None
    for name, value in decode_user_data(user_data):
        if name == RESERVATION_ID:
            reservation_id = value
    return build(
        InventoryRequirement,
        {
            "order_id": order_id,
            "store_id": store_id,
            "items": tuple([decode_item(line, strict=strict) for line in lines]),
            "ship_as_complete": boolean(element.get("shipAsComplete")),
            "buyer_id": decode_buyer(buyer)[0],
            "reservation_id": reservation_id,
        },
    )


def decode_item(element: etree._Element, *, strict: bool) -> RequirementItem:
    identifier, catalog_entry, quantity, status, shipping = _ITEM.read(element)
    catentry_id, part_number = ids.catalog_entry(catalog_entry)
    if quantity is None:
        value, uom = None, "C62"
    else:
        value, uom = number(quantity), (quantity.get("uom") or "C62").strip()
    if strict and catentry_id is None and part_number is None:
        raise missing("CatalogEntryIdentifier", element)
    if strict and value is None:
        raise missing("Quantity", element)
    inventory_status, available, available_at = _ITEM_STATUS.read(status)
    item_id = decode_item_id(identifier, element)
    return build(
        RequirementItem,
        {
            "order_item_id": item_id,
            "quantity": 0.0 if value is None else value,
            "catalog_entry_id": catentry_id,
            "part_number": part_number,
            "uom": uom,
            "physical_store_id": ids.unique_id(first(shipping, PHYSICAL_STORE_IDENTIFIER)),
            "inventory_status": inventory_status or None,
            "available_quantity": number(available),
            "availability_datetime": text(available_at),
        },
    )


check_buildable(
    AcknowledgeInventoryRequirement, InventoryRequirement, ProcessInventoryRequirement, RequirementItem
)


# --- encode -------------------------------------------------------------------------------------------------


def encode_process(bod: ProcessInventoryRequirement) -> etree._Element:
    root = bod_root(PROCESS_ROOT, ns.DOM_REQUIREMENT_NSMAP, version=VERSION)
    encode_application_area(root, bod.application_area, with_context=True)
    data_area = sub(root, DATA_AREA)
    encode_action(data_area, PROCESS, RequirementAction(bod.action_code).value, EXPRESSION)
    encode_requirement(data_area, bod.requirement)
    return root


def encode_acknowledge(bod: AcknowledgeInventoryRequirement) -> etree._Element:
    root = bod_root(ACKNOWLEDGE_ROOT, ns.DOM_REQUIREMENT_NSMAP)
    encode_application_area(root, bod.application_area)
    data_area = sub(root, DATA_AREA)
    verb = sub(data_area, ACKNOWLEDGE)
    encode_original(verb, bod.original)
    encode_change_status(verb, bod.change_status)
    if bod.requirement is not None:
        encode_requirement(data_area, bod.requirement)
    return root


def encode_requirement(parent: etree._Element, requirement: InventoryRequirement) -> None:
    element = sub(parent, INVENTORY_REQUIREMENT)
    if requirement.ship_as_complete is not None:
        element.set("shipAsComplete", "true" if requirement.ship_as_complete else "false")
    encode_order_id(element, requirement.order_id)
    ids.encode_store(element, STORE_IDENTIFIER, requirement.store_id, None)
    encode_buyer(element, requirement.buyer_id)
    for item in requirement.items:
        encode_item(element, item)
    if requirement.reservation_id is not None:
        sub(sub(element, USER_DATA), USER_DATA_FIELD, requirement.reservation_id, name=RESERVATION_ID)


def encode_item(parent: etree._Element, item: RequirementItem) -> None:
    element = encode_item_head(
        parent, item.order_item_id, item.catalog_entry_id, item.part_number, item.quantity, item.uom
    )
    if item.physical_store_id is not None:
        ids.encode_physical_store(
            sub(element, SHIPPING_INFO), PHYSICAL_STORE_IDENTIFIER, item.physical_store_id, None
        )
    if (
        item.inventory_status is None
        and item.available_quantity is None
        and item.availability_datetime is None
    ):
        return
    status = sub(element, ORDER_ITEM_STATUS)
    if item.inventory_status is not None:
        sub(status, INVENTORY_STATUS, item.inventory_status)
    if item.available_quantity is not None:
        sub(status, AVAILABLE_QUANTITY, number_text(item.available_quantity), uom=item.uom)
    if item.availability_datetime is not None:
        sub(status, AVAILABILITY_DATETIME, item.availability_datetime)
