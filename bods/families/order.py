"""The Order noun: ProcessOrder (TransferOrder | Transfer | Cancel) -> AcknowledgeOrder, and SyncOrder
(Change) -> ConfirmBOD (facts sections 2 and 4, samples transferOrder_req and UpdateOrderStatus_Req).

The order parts (identifiers, buyer, order items) are also what _inv:InventoryRequirement carries, so their
decoders and encoders live here and `requirement` reuses them. Element names after BuyerIdentifier are
INFERRED from the Sterling mapping tables (see bods/README.md).
"""

from __future__ import annotations

from lxml import etree

from bods import ns
from bods.families import identifiers as ids
from bods.families.common import (
    ACKNOWLEDGE,
    ORIGINAL_APPLICATION_AREA,
    PROCESS,
    SYNC,
    Shape,
    allowed,
    bod_root,
    boolean,
    build,
    check_buildable,
    child_text,
    decode_action,
    decode_application_area,
    decode_change_status,
    encode_action,
    encode_application_area,
    encode_change_status,
    encode_original,
    first,
    invalid,
    missing,
    number,
    number_text,
    required,
    root_parts,
    sub,
    wcf9,
)
from bods.messages import AcknowledgeOrder, Order, OrderAction, OrderItem, ProcessOrder, Shipment, SyncOrder


def _ord(local: str) -> str:
    return ns.qname(ns.ORD9, local)


PROCESS_ROOT = _ord("ProcessOrder")
ACKNOWLEDGE_ROOT = _ord("AcknowledgeOrder")
SYNC_ROOT = _ord("SyncOrder")
DATA_AREA = _ord("DataArea")
ORDER = _ord("Order")
ORDER_IDENTIFIER = _ord("OrderIdentifier")
STORE_IDENTIFIER = _ord("StoreIdentifier")
BUYER_IDENTIFIER = _ord("BuyerIdentifier")
ORDER_AMOUNT = _ord("OrderAmount")
ORDER_STATUS = _ord("OrderStatus")
STATUS = _ord("Status")
PLACED_DATE = _ord("PlacedDate")
ORDER_ITEM = _ord("OrderItem")
ORDER_ITEM_IDENTIFIER = _ord("OrderItemIdentifier")
CATALOG_ENTRY_IDENTIFIER = _ord("CatalogEntryIdentifier")
QUANTITY = _ord("Quantity")
ORDER_ITEM_AMOUNT = _ord("OrderItemAmount")
UNIT_PRICE = _ord("UnitPrice")
SHIPPING_INFO = _ord("OrderItemShippingInfo")
PHYSICAL_STORE_IDENTIFIER = _ord("PhysicalStoreIdentifier")
SHIPPING_CARRIER = _ord("ShippingCarrier")
TRACKING_NUMBER = _ord("TrackingNumber")
SHIP_DATE = _ord("ShipDate")
ORDER_ITEM_STATUS = _ord("OrderItemStatus")
INVENTORY_STATUS = _ord("InventoryStatus")
AVAILABLE_QUANTITY = _ord("AvailableQuantity")
AVAILABILITY_DATETIME = _ord("AvailabilityDateTime")
EXTERNAL_ORDER_ID = wcf9("ExternalOrderID")
TOTAL_PRODUCT_PRICE = wcf9("TotalProductPrice")
PRICE = wcf9("Price")
PROCESS_VERSION = "7.0.0.6"
SYNC_VERSION = "7.0.0.0"


# --- shared order parts -------------------------------------------------------------------------------------


_ORDER_ID = Shape(ids.UNIQUE_ID, EXTERNAL_ORDER_ID, texts=(ids.UNIQUE_ID, EXTERNAL_ORDER_ID))
_BUYER = Shape(
    ids.UNIQUE_ID,
    ids.DISTINGUISHED_NAME,
    ids.EXTERNAL_IDENTIFIER,
    texts=(ids.UNIQUE_ID, ids.DISTINGUISHED_NAME),
)


def decode_order_id(identifier: etree._Element | None, parent: etree._Element) -> tuple[str, str | None]:
    """(OrderIdentifier/UniqueID, OrderIdentifier/ExternalOrderID) of an Order or InventoryRequirement."""
    order_id, external_id = _ORDER_ID.read(identifier)
    if not order_id:
        raise missing("OrderIdentifier", identifier if identifier is not None else parent)
    return order_id, external_id or None


def decode_buyer(element: etree._Element | None) -> tuple[str | None, str | None, str | None]:
    """(member id, distinguished name, logon id) of a BuyerIdentifier."""
    if element is None:
        return None, None, None
    buyer_id, dn, external = _BUYER.read(element)
    return buyer_id or None, dn, child_text(external, ids.IDENTIFIER) or None


def decode_quantity(element: etree._Element | None) -> tuple[float | None, str]:
    if element is None:
        return None, "C62"
    return number(element), (element.get("uom") or "C62").strip()


def decode_item_id(identifier: etree._Element | None, item: etree._Element) -> str:
    item_id = child_text(identifier, ids.UNIQUE_ID)
    if not item_id:
        raise missing("OrderItemIdentifier", item)
    return item_id


def encode_order_id(parent: etree._Element, order_id: str, external_id: str | None = None) -> None:
    identifier = sub(parent, ORDER_IDENTIFIER)
    sub(identifier, ids.UNIQUE_ID, order_id)
    if external_id is not None:
        sub(identifier, EXTERNAL_ORDER_ID, external_id)


def encode_buyer(
    parent: etree._Element, buyer_id: str | None, dn: str | None = None, logon: str | None = None
) -> None:
    if buyer_id is None and dn is None and logon is None:
        return
    buyer = sub(parent, BUYER_IDENTIFIER)
    if buyer_id is not None:
        sub(buyer, ids.UNIQUE_ID, buyer_id)
    if dn is not None:
        sub(buyer, ids.DISTINGUISHED_NAME, dn)
    if logon is not None:
        sub(sub(buyer, ids.EXTERNAL_IDENTIFIER), ids.IDENTIFIER, logon)


def encode_item_head(
    parent: etree._Element,
    item_id: str,
    catentry: str | None,
    part: str | None,
    quantity: float,
    uom: str,
    *,
    omit_zero: bool = False,
) -> etree._Element:
    """OrderItem with its identifier, catalog entry and quantity: the part every order line shares.

    `omit_zero`: status-only lines (SyncOrder) carry no quantity; 0.0 is what reading them gives back.
    """
    element = sub(parent, ORDER_ITEM)
    sub(sub(element, ORDER_ITEM_IDENTIFIER), ids.UNIQUE_ID, item_id)
    ids.encode_catalog_entry(element, CATALOG_ENTRY_IDENTIFIER, catentry, part)
    if not (omit_zero and quantity == 0.0 and uom == "C62"):
        sub(element, QUANTITY, number_text(quantity), uom=uom)
    return element


# --- Order --------------------------------------------------------------------------------------------------


_ORDER = Shape(
    ORDER_IDENTIFIER,
    STORE_IDENTIFIER,
    BUYER_IDENTIFIER,
    ORDER_AMOUNT,
    ORDER_STATUS,
    PLACED_DATE,
    texts=(PLACED_DATE,),
    repeated=ORDER_ITEM,
)
_ORDER_ITEM = Shape(
    ORDER_ITEM_IDENTIFIER,
    CATALOG_ENTRY_IDENTIFIER,
    QUANTITY,
    SHIPPING_INFO,
    ORDER_ITEM_AMOUNT,
    ORDER_ITEM_STATUS,
)
_SHIPPING = Shape(
    PHYSICAL_STORE_IDENTIFIER,
    TRACKING_NUMBER,
    SHIPPING_CARRIER,
    SHIP_DATE,
    texts=(TRACKING_NUMBER, SHIPPING_CARRIER, SHIP_DATE),
)


def decode_order(element: etree._Element) -> Order:
    (identifier, store, buyer, amount, status, placed_date), lines = _ORDER.read_all(element)
    order_id, external_id = decode_order_id(identifier, element)
    store_id, store_name = ids.store(store)
    buyer_id, buyer_dn, buyer_logon = decode_buyer(buyer)
    total = first(amount, TOTAL_PRODUCT_PRICE)
    currency = total.get("currency") if total is not None else None
    total_value = number(total)
    ship_as_complete = boolean(element.get("shipAsComplete"))
    items = []
    for line in lines:
        item, price = decode_order_item(line)
        items.append(item)
        if not currency and price is not None:  # else the first unit price's currency
            currency = price.get("currency")
    return build(
        Order,
        {
            "order_id": order_id,
            "store_id": store_id,
            "store_name": store_name,
            "buyer_id": buyer_id,
            "buyer_dn": buyer_dn,
            "buyer_logon_id": buyer_logon,
            "placed_date": placed_date,
            "currency": currency or None,
            "total": total_value,
            "ship_as_complete": ship_as_complete,
            "status": child_text(status, STATUS) or None,
            "external_order_id": external_id,
            "items": tuple(items),
        },
    )


def decode_order_item(element: etree._Element) -> tuple[OrderItem, etree._Element | None]:
    """An order line and its UnitPrice/Price element (which may name the order's currency).

    SyncOrder lines may carry only identifier and status: quantity then reads 0.0.
    """
    identifier, catalog_entry, quantity, shipping, amount, status = _ORDER_ITEM.read(element)
    catentry_id, part_number = ids.catalog_entry(catalog_entry)
    if quantity is None:
        value, uom = 0.0, "C62"
    else:
        value, uom = number(quantity), (quantity.get("uom") or "C62").strip()  # type: ignore[assignment]
    item_id = decode_item_id(identifier, element)
    price = first(first(amount, UNIT_PRICE), PRICE)
    store, tracking, carrier, ship_date = _SHIPPING.read(shipping)
    item = build(
        OrderItem,
        {
            "order_item_id": item_id,
            "quantity": value,
            "catalog_entry_id": catentry_id,
            "part_number": part_number,
            "uom": uom,
            "unit_price": number(price),
            "physical_store_id": ids.unique_id(store),
            "status": child_text(status, STATUS) or None,
            "shipment": _shipment(tracking, carrier, ship_date),
        },
    )
    return item, price


def _shipment(tracking: str | None, carrier: str | None, ship_date: str | None) -> Shipment | None:
    if tracking is None and carrier is None and ship_date is None:
        return None
    return build(Shipment, {"tracking_number": tracking or "", "carrier": carrier, "ship_date": ship_date})


def encode_order(parent: etree._Element, order: Order) -> None:
    element = sub(parent, ORDER)
    if order.ship_as_complete is not None:
        element.set("shipAsComplete", "true" if order.ship_as_complete else "false")
    encode_order_id(element, order.order_id, order.external_order_id)
    ids.encode_store(element, STORE_IDENTIFIER, order.store_id, order.store_name)
    encode_buyer(element, order.buyer_id, order.buyer_dn, order.buyer_logon_id)
    if order.total is not None:
        price = sub(sub(element, ORDER_AMOUNT), TOTAL_PRODUCT_PRICE, number_text(order.total))
        if order.currency is not None:
            price.set("currency", order.currency)
    if order.status is not None:
        sub(sub(element, ORDER_STATUS), STATUS, order.status)
    if order.placed_date is not None:
        sub(element, PLACED_DATE, order.placed_date)
    for item in order.items:
        encode_order_item(element, item, order.currency)


def encode_order_item(parent: etree._Element, item: OrderItem, currency: str | None) -> None:
    element = encode_item_head(
        parent,
        item.order_item_id,
        item.catalog_entry_id,
        item.part_number,
        item.quantity,
        item.uom,
        omit_zero=True,
    )
    if item.unit_price is not None:
        price = sub(sub(sub(element, ORDER_ITEM_AMOUNT), UNIT_PRICE), PRICE, number_text(item.unit_price))
        if currency is not None:
            price.set("currency", currency)
    if item.physical_store_id is not None or item.shipment is not None:
        shipping = sub(element, SHIPPING_INFO)
        ids.encode_physical_store(shipping, PHYSICAL_STORE_IDENTIFIER, item.physical_store_id, None)
        if item.shipment is not None:
            _encode_shipment(shipping, item.shipment)
    if item.status is not None:
        sub(sub(element, ORDER_ITEM_STATUS), STATUS, item.status)


def _encode_shipment(shipping: etree._Element, shipment: Shipment) -> None:
    if shipment.carrier is not None:
        sub(shipping, SHIPPING_CARRIER, shipment.carrier)
    if shipment.tracking_number:
        sub(shipping, TRACKING_NUMBER, shipment.tracking_number)
    if shipment.ship_date is not None:
        sub(shipping, SHIP_DATE, shipment.ship_date)


# --- BODs ---------------------------------------------------------------------------------------------------


_PROCESS = Shape(PROCESS, ORDER)
_ACKNOWLEDGE = Shape(ACKNOWLEDGE, ORDER)
_SYNC = Shape(SYNC, ORDER)


def decode_process(root: etree._Element) -> ProcessOrder:
    area, data_area = root_parts(root)
    verb, order = _PROCESS.read(data_area)
    action = allowed(decode_action(verb, data_area), OrderAction, "ProcessOrder", data_area)
    return build(
        ProcessOrder,
        {
            "application_area": decode_application_area(area),
            "action_code": action,
            "order": decode_order(required(order, "Order", data_area)),
        },
    )


def decode_acknowledge(root: etree._Element) -> AcknowledgeOrder:
    area, data_area = root_parts(root)
    verb, order = _ACKNOWLEDGE.read(data_area)
    original = first(verb, ORIGINAL_APPLICATION_AREA)
    return build(
        AcknowledgeOrder,
        {
            "application_area": decode_application_area(area),
            "original": decode_application_area(original) if original is not None else None,
            "order": decode_order(order) if order is not None else None,
            "change_status": decode_change_status(verb),
        },
    )


def decode_sync(root: etree._Element) -> SyncOrder:
    area, data_area = root_parts(root)
    verb, order = _SYNC.read(data_area)
    action = decode_action(verb, data_area)
    if action != "Change":
        raise invalid(f"actionCode {action!r} is not allowed for SyncOrder (expected Change)", data_area)
    return build(
        SyncOrder,
        {
            "application_area": decode_application_area(area),
            "order": decode_order(required(order, "Order", data_area)),
            "action_code": action,
        },
    )


check_buildable(AcknowledgeOrder, Order, OrderItem, ProcessOrder, Shipment, SyncOrder)


def encode_process(bod: ProcessOrder) -> etree._Element:
    root = bod_root(PROCESS_ROOT, ns.DOM_ORDER_NSMAP, version=PROCESS_VERSION)
    encode_application_area(root, bod.application_area, with_context=True)
    data_area = sub(root, DATA_AREA)
    encode_action(data_area, PROCESS, OrderAction(bod.action_code).value, "/Order")
    encode_order(data_area, bod.order)
    return root


def encode_acknowledge(bod: AcknowledgeOrder) -> etree._Element:
    root = bod_root(ACKNOWLEDGE_ROOT, ns.DOM_ORDER_NSMAP)
    encode_application_area(root, bod.application_area)
    data_area = sub(root, DATA_AREA)
    verb = sub(data_area, ACKNOWLEDGE)
    encode_original(verb, bod.original)
    encode_change_status(verb, bod.change_status)
    if bod.order is not None:
        encode_order(data_area, bod.order)
    return root


def encode_sync(bod: SyncOrder) -> etree._Element:
    root = bod_root(SYNC_ROOT, ns.DOM_ORDER_NSMAP, version=SYNC_VERSION)
    encode_application_area(root, bod.application_area, with_context=True)
    data_area = sub(root, DATA_AREA)
    encode_action(data_area, SYNC, bod.action_code, "")
    encode_order(data_area, bod.order)
    return root
