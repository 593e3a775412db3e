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
    allowed,
    bod_root,
    boolean,
    decode_action,
    decode_application_area,
    decode_change_status,
    encode_action,
    encode_application_area,
    encode_change_status,
    encode_original,
    first,
    index,
    missing,
    number,
    number_text,
    required_part,
    root_parts,
    split,
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
    decode_quantity,
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


def decode_process(root: etree._Element) -> ProcessInventoryRequirement:
    area, data_area = root_parts(root)
    parts = index(data_area)
    action = decode_action(parts.get(PROCESS), data_area)
    action = allowed(action, RequirementAction, "ProcessInventoryRequirement", data_area)  # type: ignore[assignment]
    requirement = required_part(parts, INVENTORY_REQUIREMENT, "InventoryRequirement", data_area)
    return ProcessInventoryRequirement(
        application_area=decode_application_area(area),
        action_code=action,  # type: ignore[arg-type]
        requirement=decode_requirement(requirement, strict=True),
    )


def decode_acknowledge(root: etree._Element) -> AcknowledgeInventoryRequirement:
    area, data_area = root_parts(root)
    parts = index(data_area)
    verb = parts.get(ACKNOWLEDGE)
    original = first(verb, ORIGINAL_APPLICATION_AREA)
    requirement = parts.get(INVENTORY_REQUIREMENT)
    return AcknowledgeInventoryRequirement(
        application_area=decode_application_area(area),
        original=decode_application_area(original) if original is not None else None,
        requirement=decode_requirement(requirement, strict=False) if requirement is not None else None,
        change_status=decode_change_status(verb),
    )


def decode_requirement(element: etree._Element, *, strict: bool) -> InventoryRequirement:
    """`strict` (requests): at least one line, and every line names its item and quantity."""
    parts, lines = split(element, ORDER_ITEM)
    order_id, _ = decode_order_id(parts.get(ORDER_IDENTIFIER), element)
    store_id, _ = ids.store(parts.get(STORE_IDENTIFIER))
    if not store_id:
        raise missing("StoreIdentifier", element)
    if strict and not lines:
        raise missing("OrderItem", element)
    user_data = dict(decode_user_data(parts.get(USER_DATA))) if USER_DATA in parts else {}
    return InventoryRequirement(
        order_id=order_id,
        store_id=store_id,
        items=tuple(decode_item(line, strict=strict) for line in lines),
        ship_as_complete=boolean(element.get("shipAsComplete")),
        buyer_id=decode_buyer(parts.get(BUYER_IDENTIFIER))[0],
        reservation_id=user_data.get(RESERVATION_ID),
    )


def decode_item(element: etree._Element, *, strict: bool) -> RequirementItem:
    parts = index(element)
    catentry_id, part_number = ids.catalog_entry(parts.get(CATALOG_ENTRY_IDENTIFIER))
    quantity, uom = decode_quantity(parts.get(QUANTITY))
    if strict and catentry_id is None and part_number is None:
        raise missing("CatalogEntryIdentifier", element)
    if strict and quantity is None:
        raise missing("Quantity", element)
    status = index(parts.get(ORDER_ITEM_STATUS))
    shipping = parts.get(SHIPPING_INFO)
    return RequirementItem(
        order_item_id=decode_item_id(parts.get(ORDER_ITEM_IDENTIFIER), element),
        quantity=0.0 if quantity is None else quantity,
        catalog_entry_id=catentry_id,
        part_number=part_number,
        uom=uom,
        physical_store_id=ids.physical_store(first(shipping, PHYSICAL_STORE_IDENTIFIER))[0],
        inventory_status=text(status.get(INVENTORY_STATUS)) or None,
        available_quantity=number(status.get(AVAILABLE_QUANTITY)),
        availability_datetime=text(status.get(AVAILABILITY_DATETIME)),
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
