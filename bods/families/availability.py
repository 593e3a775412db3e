"""The InventoryAvailability noun: GetInventoryAvailability -> ShowInventoryAvailability, and the
SyncInventoryAvailability push (facts section 2, samples GetInventoryAvailability_req/_res and
SyncInventoryAvailability_req).
"""

from __future__ import annotations

from lxml import etree

from bods import ns
from bods.expression import parse_query, render_query
from bods.families import identifiers as ids
from bods.families.common import (
    DOM_EXPRESSION_LANGUAGE,
    EXPRESSION,
    GET,
    SHOW,
    SYNC,
    Shape,
    bod_root,
    build,
    check_buildable,
    child_text,
    decode_action,
    decode_application_area,
    decode_change_status,
    encode_action,
    encode_application_area,
    encode_change_status,
    first,
    integer,
    invalid,
    missing,
    number,
    number_text,
    root_parts,
    sub,
    text,
    wcf9,
)
from bods.messages import (
    GetInventoryAvailability,
    InventoryAvailability,
    InventoryStatus,
    ShowInventoryAvailability,
    SyncInventoryAvailability,
)


def _inv(local: str) -> str:
    return ns.qname(ns.INV9, local)


GET_ROOT = _inv("GetInventoryAvailability")
SHOW_ROOT = _inv("ShowInventoryAvailability")
SYNC_ROOT = _inv("SyncInventoryAvailability")
DATA_AREA = _inv("DataArea")
INVENTORY_AVAILABILITY = _inv("InventoryAvailability")
IDENTIFIER = _inv("InventoryAvailabilityIdentifier")
INVENTORY_STATUS = _inv("InventoryStatus")
AVAILABLE_QUANTITY = _inv("AvailableQuantity")
AVAILABILITY_DATETIME = _inv("AvailabilityDateTime")
AVAILABILITY_OFFSET = _inv("AvailabilityOffset")
USER_DATA = wcf9("UserData")
USER_DATA_FIELD = wcf9("UserDataField")
VERSION = "7.0.0.0"
SYNC_EXPRESSION = "/InventoryAvailability[1]"
_STATUSES = {status.value: status for status in InventoryStatus}


# --- decode -------------------------------------------------------------------------------------------------


def decode_get(root: etree._Element) -> GetInventoryAvailability:
    area, data_area = root_parts(root)
    get = first(data_area, GET)
    expression = child_text(get, EXPRESSION)
    if not expression:
        raise missing("Expression", get if get is not None else data_area)
    return build(
        GetInventoryAvailability,
        {
            "application_area": decode_application_area(area),
            "expression": expression,
            "query": parse_query(expression),
        },
    )


_SHOW = Shape(SHOW, repeated=INVENTORY_AVAILABILITY)
_SYNC = Shape(SYNC, repeated=INVENTORY_AVAILABILITY)


def decode_show(root: etree._Element) -> ShowInventoryAvailability:
    area, data_area = root_parts(root)
    (verb,), records = _SHOW.read_all(data_area)
    return build(
        ShowInventoryAvailability,
        {
            "application_area": decode_application_area(area),
            "records": tuple([decode_record(record) for record in records]),
            "change_status": decode_change_status(verb),
        },
    )


def decode_sync(root: etree._Element) -> SyncInventoryAvailability:
    area, data_area = root_parts(root)
    (verb,), records = _SYNC.read_all(data_area)
    action = decode_action(verb, data_area)
    if action != "Change":
        raise invalid(
            f"actionCode {action!r} is not allowed for SyncInventoryAvailability (expected Change)", data_area
        )
    if not records:
        raise missing("InventoryAvailability", data_area)
    return build(
        SyncInventoryAvailability,
        {
            "application_area": decode_application_area(area),
            "records": tuple([decode_record(record) for record in records]),
            "action_code": action,
        },
    )


_RECORD = Shape(
    IDENTIFIER,
    INVENTORY_STATUS,
    AVAILABLE_QUANTITY,
    AVAILABILITY_DATETIME,
    AVAILABILITY_OFFSET,
    USER_DATA,
    texts=(AVAILABILITY_DATETIME,),
)
_RECORD_ID = Shape(ids.UNIQUE_ID, ids.EXTERNAL_IDENTIFIER, texts=(ids.UNIQUE_ID,))
_EXTERNAL = Shape(ids.CATALOG_ENTRY_IDENTIFIER, ids.ONLINE_STORE_IDENTIFIER, ids.PHYSICAL_STORE_IDENTIFIER)


def decode_record(element: etree._Element) -> InventoryAvailability:
    identifier, status, quantity, available_at, offset, user_data = _RECORD.read(element)
    if identifier is None:
        raise missing("InventoryAvailabilityIdentifier", element)
    unique_id, external = _RECORD_ID.read(identifier)
    catalog_entry, online_store, physical_store = _EXTERNAL.read(external)
    catentry_id, part_number = ids.catalog_entry(catalog_entry)
    if catentry_id is None and part_number is None:
        raise missing("CatalogEntryIdentifier", identifier)
    online_id, online_name = ids.store(online_store)
    physical_id, physical_name = ids.physical_store(physical_store)
    return build(
        InventoryAvailability,
        {
            "status": _status(status, element),
            "catalog_entry_id": catentry_id,
            "part_number": part_number,
            "online_store_id": online_id,
            "physical_store_id": physical_id,
            "quantity": number(quantity),
            "uom": (quantity.get("uom") or "C62").strip() if quantity is not None else "C62",
            "availability_datetime": available_at,
            "availability_offset": integer(offset),
            "unique_id": unique_id,
            "user_data": decode_user_data(user_data),
            "online_store_name": online_name,
            "physical_store_name": physical_name,
        },
    )


def _status(status: etree._Element | None, record: etree._Element) -> InventoryStatus:
    value = text(status)
    if not value:
        raise missing("InventoryStatus", record)
    try:
        return _STATUSES[value]
    except KeyError:
        message = f"InventoryStatus {value!r} is not Available, Backorderable or Unavailable"
        raise invalid(message, status) from None  # type: ignore[arg-type]


def decode_user_data(element: etree._Element | None) -> tuple[tuple[str, str], ...]:
    if element is None:
        return ()
    return tuple(
        [(field.get("name", ""), field.text or "") for field in element[:] if field.tag == USER_DATA_FIELD]
    )


check_buildable(
    GetInventoryAvailability, InventoryAvailability, ShowInventoryAvailability, SyncInventoryAvailability
)


# --- encode -------------------------------------------------------------------------------------------------


def encode_get(bod: GetInventoryAvailability) -> etree._Element:
    root = bod_root(GET_ROOT, ns.DOM_INVENTORY_NSMAP, version=VERSION)
    encode_application_area(root, bod.application_area, with_context=True)
    get = sub(sub(root, DATA_AREA), GET)
    sub(
        get, EXPRESSION, bod.expression or render_query(bod.query), expressionLanguage=DOM_EXPRESSION_LANGUAGE
    )
    return root


def encode_show(bod: ShowInventoryAvailability) -> etree._Element:
    root = bod_root(SHOW_ROOT, ns.DOM_INVENTORY_NSMAP)
    encode_application_area(root, bod.application_area)
    data_area = sub(root, DATA_AREA)
    count = str(len(bod.records))
    show = sub(
        data_area,
        SHOW,
        recordSetCompleteIndicator="true",
        recordSetCount=count,
        recordSetStartNumber="0",
        recordSetTotal=count,
    )
    sub(show, ns.qname(ns.OA, "OriginalApplicationArea"))
    encode_change_status(show, bod.change_status)
    for record in bod.records:
        encode_record(data_area, record)
    return root


def encode_sync(bod: SyncInventoryAvailability) -> etree._Element:
    root = bod_root(SYNC_ROOT, ns.DOM_INVENTORY_NSMAP, version=VERSION)
    encode_application_area(root, bod.application_area, with_context=True)
    data_area = sub(root, DATA_AREA)
    encode_action(data_area, SYNC, bod.action_code, SYNC_EXPRESSION)
    for record in bod.records:
        encode_record(data_area, record)
    return root


def encode_record(parent: etree._Element, record: InventoryAvailability) -> None:
    element = sub(parent, INVENTORY_AVAILABILITY)
    identifier = sub(element, IDENTIFIER)
    if record.unique_id is not None:
        sub(identifier, ids.UNIQUE_ID, record.unique_id)
    external = sub(identifier, ids.EXTERNAL_IDENTIFIER)
    ids.encode_catalog_entry(
        external, ids.CATALOG_ENTRY_IDENTIFIER, record.catalog_entry_id, record.part_number
    )
    if record.online_store_id is not None or record.online_store_name is not None:
        ids.encode_store(
            external, ids.ONLINE_STORE_IDENTIFIER, record.online_store_id, record.online_store_name
        )
    elif record.physical_store_id is not None or record.physical_store_name is not None:
        ids.encode_physical_store(
            external, ids.PHYSICAL_STORE_IDENTIFIER, record.physical_store_id, record.physical_store_name
        )
    else:
        raise ValueError("an InventoryAvailability record must name its online store or a physical store")
    sub(element, INVENTORY_STATUS, InventoryStatus(record.status).value)
    if record.quantity is not None:
        sub(element, AVAILABLE_QUANTITY, number_text(record.quantity), uom=record.uom)
    if record.availability_datetime is not None:
        sub(element, AVAILABILITY_DATETIME, record.availability_datetime)
    if record.availability_offset is not None:
        sub(element, AVAILABILITY_OFFSET, str(record.availability_offset))
    encode_user_data(element, record.user_data)


def encode_user_data(parent: etree._Element, user_data: tuple[tuple[str, str], ...]) -> None:
    if not user_data:
        return
    element = sub(parent, USER_DATA)
    for name, value in user_data:
        sub(element, USER_DATA_FIELD, value, name=name)
