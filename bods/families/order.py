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
    allowed,
    bod_root,
    boolean,
    child_text,
    decode_action,
    decode_application_area,
    decode_change_status,
    encode_action,
    encode_application_area,
    encode_change_status,
    encode_original,
    first,
    index,
    invalid,
    missing,
    number,
    number_text,
    required_part,
    root_parts,
    split,
    sub,
    text,
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


def decode_order_id(identifier: etree._Element | None, parent: etree._Element) -> tuple[str, str | None]:
    """(OrderIdentifier/UniqueID, OrderIdentifier/ExternalOrderID) of an Order or InventoryRequirement."""
    parts = index(identifier)
    order_id = text(parts.get(ids.UNIQUE_ID))
    if not order_id:
        raise missing("OrderIdentifier", identifier if identifier is not None else parent)
    return order_id, text(parts.get(EXTERNAL_ORDER_ID)) or None


def decode_buyer(element: etree._Element | None) -> tuple[str | None, str | None, str | None]:
    """(member id, distinguished name, logon id) of a BuyerIdentifier."""
    if element is None:
        return None, None, None
    parts = index(element)
    logon = child_text(parts.get(ids.EXTERNAL_IDENTIFIER), ids.IDENTIFIER)
    return text(parts.get(ids.UNIQUE_ID)) or None, text(parts.get(ids.DISTINGUISHED_NAME)), logon or None


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


def decode_order(element: etree._Element) -> Order:
    parts, items = split(element, ORDER_ITEM)
    order_id, external_id = decode_order_id(parts.get(ORDER_IDENTIFIER), element)
    store_id, store_name = ids.store(parts.get(STORE_IDENTIFIER))
    buyer_id, buyer_dn, buyer_logon = decode_buyer(parts.get(BUYER_IDENTIFIER))
    total = first(parts.get(ORDER_AMOUNT), TOTAL_PRODUCT_PRICE)
    return Order(
        order_id=order_id,
        store_id=store_id,
        store_name=store_name,
        buyer_id=buyer_id,
        buyer_dn=buyer_dn,
        buyer_logon_id=buyer_logon,
        placed_date=text(parts.get(PLACED_DATE)),
        currency=_currency(total, items),
        total=number(total),
        ship_as_complete=boolean(element.get("shipAsComplete")),
        status=child_text(parts.get(ORDER_STATUS), STATUS) or None,
        external_order_id=external_id,
        items=tuple(decode_order_item(item) for item in items),
    )


def _currency(total: etree._Element | None, items: list[etree._Element]) -> str | None:
    """TotalProductPrice@currency, else the first unit price's currency."""
    if total is not None and total.get("currency"):
        return total.get("currency")
    for item in items:
        price = first(first(first(item, ORDER_ITEM_AMOUNT), UNIT_PRICE), PRICE)
        if price is not None and price.get("currency"):
            return price.get("currency")
    return None


def decode_order_item(element: etree._Element) -> OrderItem:
    """An order line. SyncOrder lines may carry only identifier and status: quantity then reads 0.0."""
    parts = index(element)
    catentry_id, part_number = ids.catalog_entry(parts.get(CATALOG_ENTRY_IDENTIFIER))
    quantity, uom = decode_quantity(parts.get(QUANTITY))
    shipping = index(parts.get(SHIPPING_INFO))
    amount = parts.get(ORDER_ITEM_AMOUNT)
    return OrderItem(
        order_item_id=decode_item_id(parts.get(ORDER_ITEM_IDENTIFIER), element),
        quantity=0.0 if quantity is None else quantity,
        catalog_entry_id=catentry_id,
        part_number=part_number,
        uom=uom,
        unit_price=number(first(first(amount, UNIT_PRICE), PRICE)) if amount is not None else None,
        physical_store_id=ids.physical_store(shipping.get(PHYSICAL_STORE_IDENTIFIER))[0],
        status=child_text(parts.get(ORDER_ITEM_STATUS), STATUS) or None,
        shipment=_shipment(shipping) if shipping else None,
    )


def _shipment(shipping: dict[object, etree._Element]) -> Shipment | None:
    tracking = text(shipping.get(TRACKING_NUMBER))
    carrier = text(shipping.get(SHIPPING_CARRIER))
    ship_date = text(shipping.get(SHIP_DATE))
    if tracking is None and carrier is None and ship_date is None:
        return None
    return Shipment(tracking_number=tracking or "", carrier=carrier, ship_date=ship_date)


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


def decode_process(root: etree._Element) -> ProcessOrder:
    area, data_area = root_parts(root)
    parts = index(data_area)
    action = allowed(decode_action(parts.get(PROCESS), data_area), OrderAction, "ProcessOrder", data_area)
    return ProcessOrder(
        application_area=decode_application_area(area),
        action_code=action,  # type: ignore[arg-type]
        order=decode_order(required_part(parts, ORDER, "Order", data_area)),
    )


def decode_acknowledge(root: etree._Element) -> AcknowledgeOrder:
    area, data_area = root_parts(root)
    parts = index(data_area)
    verb = parts.get(ACKNOWLEDGE)
    original = first(verb, ORIGINAL_APPLICATION_AREA)
    order = parts.get(ORDER)
    return AcknowledgeOrder(
        application_area=decode_application_area(area),
        original=decode_application_area(original) if original is not None else None,
        order=decode_order(order) if order is not None else None,
        change_status=decode_change_status(verb),
    )


def decode_sync(root: etree._Element) -> SyncOrder:
    area, data_area = root_parts(root)
    parts = index(data_area)
    action = decode_action(parts.get(SYNC), data_area)
    if action != "Change":
        raise invalid(f"actionCode {action!r} is not allowed for SyncOrder (expected Change)", data_area)
    return SyncOrder(
        application_area=decode_application_area(area),
        order=decode_order(required_part(parts, ORDER, "Order", data_area)),
        action_code=action,
    )


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
