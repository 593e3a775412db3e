"""The BODs the scenarios send, built as `bods.messages` values and rendered by `bods.codec` at the edge.

Shapes follow the facts file: SyncProductAvailability (section 1, legacy cache update service, items by
part number), SyncInventoryAvailability (section 2, DOM push, action Change), GetInventoryAvailability with
the IBM_Store_Details expression (`bods.expression.render_query`), ProcessInventoryRequirement
ReserveInventory and ProcessOrder TransferOrder (section 2). Order ids are random so live runs stay apart.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from bods.expression import render_query
from bods.factory import new_application_area, timestamp
from bods.messages import (
    ApplicationArea,
    AvailabilityQuery,
    CacheAction,
    FulfillmentCenterInventory,
    GetInventoryAvailability,
    InventoryAvailability,
    InventoryRequirement,
    InventoryStatus,
    Order,
    OrderAction,
    OrderItem,
    ProcessInventoryRequirement,
    ProcessOrder,
    ProductAvailability,
    RequirementAction,
    RequirementItem,
    SyncInventoryAvailability,
    SyncProductAvailability,
)

STORE_ID = "10101"
UOM = "C62"


def random_ref(prefix: str) -> str:
    """A reference no other run uses (cosmicpython's random_refs idea), digits only as WCS ids are."""
    return prefix + str(uuid.uuid4().int % 10**9).rjust(9, "0")


def application_area(store_id: str = STORE_ID, *, header: bool = True) -> ApplicationArea:
    """A fresh ApplicationArea; `header=False`: only the BusinessContext (GetInventoryAvailability)."""
    if not header:
        return ApplicationArea(context=(("storeId", store_id), ("langId", "-1")))
    return new_application_area(store_id, (("langId", "-1"),))


def cache_update(
    part_number: str, quantity: float, *, fulfillment_center: int | None = None
) -> SyncProductAvailability:
    """SyncProductAvailability Update: the global level, or one fulfillment center's level."""
    if fulfillment_center is None:
        product = ProductAvailability(sku=part_number, quantity_on_hand=quantity, uom=UOM)
    else:
        center = FulfillmentCenterInventory(fulfillment_center, quantity_on_hand=quantity, uom=UOM)
        product = ProductAvailability(sku=part_number, fulfillment_centers=(center,))
    return SyncProductAvailability(application_area(), CacheAction.UPDATE, (product,))


def cache_delete(part_number: str) -> SyncProductAvailability:
    """SyncProductAvailability Delete: stop caching the item (its level changes too fast)."""
    return SyncProductAvailability(
        application_area(), CacheAction.DELETE, (ProductAvailability(sku=part_number),)
    )


def availability_push(
    part_number: str, status: InventoryStatus, quantity: float
) -> SyncInventoryAvailability:
    """SyncInventoryAvailability Change for the online store, as Sterling's RTAM sends it."""
    record = InventoryAvailability(
        status=status, part_number=part_number, online_store_id=STORE_ID, quantity=quantity, uom=UOM
    )
    return SyncInventoryAvailability(application_area(), (record,))


def availability_request(
    part_numbers: Sequence[str], physical_store_ids: Sequence[str] = ()
) -> GetInventoryAvailability:
    """GetInventoryAvailability for items by part number at the online store (or physical stores)."""
    if physical_store_ids:
        query = AvailabilityQuery(
            part_numbers=tuple(part_numbers), physical_store_ids=tuple(physical_store_ids)
        )
    else:
        query = AvailabilityQuery(part_numbers=tuple(part_numbers), online_store_id=STORE_ID)
    return GetInventoryAvailability(application_area(header=False), render_query(query), query)


def reservation(order_id: str, lines: Sequence[tuple[str, float]]) -> ProcessInventoryRequirement:
    """ProcessInventoryRequirement ReserveInventory for (part number, quantity) lines."""
    items = tuple(
        RequirementItem(
            order_item_id=f"{order_id}{i}", quantity=qty, part_number=part, catalog_entry_id=_catentry(part)
        )
        for i, (part, qty) in enumerate(lines, start=1)
    )
    requirement = InventoryRequirement(
        order_id=order_id, store_id=STORE_ID, items=items, ship_as_complete=True
    )
    return ProcessInventoryRequirement(application_area(), RequirementAction.RESERVE, requirement)


def transfer(order_id: str, lines: Sequence[tuple[str, float]]) -> ProcessOrder:
    """ProcessOrder TransferOrder of a submitted order with (part number, quantity) lines."""
    items = tuple(
        OrderItem(
            order_item_id=f"{order_id}{i}", quantity=qty, part_number=part, catalog_entry_id=_catentry(part)
        )
        for i, (part, qty) in enumerate(lines, start=1)
    )
    order = Order(
        order_id=order_id,
        store_id=STORE_ID,
        store_name="AuroraESite",
        buyer_id=random_ref("-1"),
        buyer_logon_id="guest",
        placed_date=timestamp(),
        currency="USD",
        ship_as_complete=True,
        status="M",
        items=items,
    )
    return ProcessOrder(application_area(), OrderAction.TRANSFER_ORDER, order)


def _catentry(part_number: str) -> str:
    return str(12000 + int(part_number.removeprefix("SKU-")))


def undocumented_expression(part_number: str) -> GetInventoryAvailability:
    """A GetInventoryAvailability whose Get expression matches none of the documented variants."""
    query = AvailabilityQuery(part_numbers=(part_number,), online_store_id=STORE_ID)
    return GetInventoryAvailability(
        application_area(header=False), "/InventoryAvailability[Colour='red']", query
    )


NOT_WELL_FORMED = (
    b"<_inv:GetInventoryAvailability xmlns:_inv='http://www.ibm.com/xmlns/prod/commerce/9/inventory'>"
)
ENTITY_EXPANSION = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n'
    b"<_inv:GetInventoryAvailability xmlns:_inv='http://www.ibm.com/xmlns/prod/commerce/9/inventory'>"
    b"&lol2;</_inv:GetInventoryAvailability>"
)
NOT_A_BOD = b"<order><item>SKU-0001</item></order>"
