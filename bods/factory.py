"""Builders for BOD messages: fresh application areas, the documented error form, confirmations, and valid
documents of every type for tests, simulations and the mock servers.

Values follow the shared seed contract: online store 10101 (`AuroraESite`), fulfillment centers 10001/10002,
physical stores 20001-20003 (`Store-20001` ...), part numbers SKU-0001.. = catalog entries 12001.., uom C62.
Time is a port elsewhere in the project, so every builder that stamps a CreationDateTime takes `now`
(epoch seconds); it falls back to the system clock only when none is given.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

from bods.expression import render_query
from bods.messages import (
    AcknowledgeInventoryRequirement,
    AcknowledgeOrder,
    ApplicationArea,
    AvailabilityQuery,
    CacheAction,
    ChangeStatus,
    ConfirmBOD,
    ExpectedInventory,
    Family,
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
    Shipment,
    ShowInventoryAvailability,
    SyncInventoryAvailability,
    SyncOrder,
    SyncProductAvailability,
)

STORE_ID = "10101"
STORE_NAME = "AuroraESite"
FULFILLMENT_CENTERS = (10001, 10002)
PHYSICAL_STORES = ("20001", "20002", "20003")
UOM = "C62"

Context = Iterable[tuple[str, str]] | Mapping[str, str]


# --- identifiers of the seed contract -----------------------------------------------------------------------


def part_number(n: int) -> str:
    """SKU-0001 for n=1 (catalog entry 12001)."""
    return f"SKU-{n:04d}"


def catalog_entry_id(n: int) -> str:
    return str(12000 + n)


def physical_store_name(store_id: str) -> str:
    """The external identifier of a physical store: Store-20001 for 20001."""
    return f"Store-{store_id}"


def timestamp(now: float | None = None) -> str:
    """CreationDateTime as WCS writes it: ISO 8601, milliseconds, Z."""
    moment = datetime.fromtimestamp(now, UTC) if now is not None else datetime.now(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


# --- the shared builders the servers use --------------------------------------------------------------------


def new_id() -> str:
    """A random (version 4) UUID for BODIDs and correlation codes.

    Drawn from `random`, not `os.urandom` as `uuid.uuid4()` does: these ids need to be unique, not secret,
    and the system call lets the interpreter hand the GIL to another request thread mid-request, which
    costs a busy multi-threaded server more than the call itself. `random` reseeds in a forked child.
    """
    digits = f"{random.getrandbits(128):032x}"  # formatted by hand: uuid.UUID costs twice as much
    variant = "89ab"[int(digits[16], 16) & 3]  # the RFC 4122 variant keeps two of the digit's four bits
    return f"{digits[:8]}-{digits[8:12]}-4{digits[13:16]}-{variant}{digits[17:20]}-{digits[20:]}"


def new_application_area(
    store_id: str | None = None, context: Context = (), *, now: float | None = None
) -> ApplicationArea:
    """A fresh ApplicationArea: new BODID (uuid4), CreationDateTime, storeId first in the BusinessContext."""
    pairs = tuple(context.items() if isinstance(context, Mapping) else context)
    if store_id is not None and not any(name == "storeId" for name, _ in pairs):
        pairs = (("storeId", store_id),) + pairs
    return ApplicationArea(creation_datetime=timestamp(now), bodid=new_id(), context=pairs)


def change_status(reason_code: str, reason: str, code: str | None = None) -> ChangeStatus:
    """The documented error form; `code` is the correlation id (a new uuid4 unless given)."""
    return ChangeStatus(code=code or new_id(), reason_code=reason_code, reason=reason)


def confirm(
    original: ApplicationArea,
    *,
    family: Family,
    change_status: ChangeStatus | None = None,
    now: float | None = None,
) -> ConfirmBOD:
    """The ConfirmBOD answering a Sync* request whose ApplicationArea was `original`.

    The LEGACY form echoes only CreationDateTime and BODID (ConfirmBOD1); the DOM form echoes the
    BusinessContext too (SyncInventoryAvailability_res).
    """
    if family is Family.LEGACY:
        original = ApplicationArea(creation_datetime=original.creation_datetime, bodid=original.bodid)
    return ConfirmBOD(
        application_area=new_application_area(now=now),
        original=original,
        change_status=change_status,
        family=family,
    )


# --- requests and answers -----------------------------------------------------------------------------------


def sample_product(
    n: int = 1, *, on_hand: float | None = 250.0, centers: Iterable[int] = ()
) -> ProductAvailability:
    """A SyncProductAvailability product: global on-hand, or per fulfillment center for `centers`."""
    center_levels = tuple(
        FulfillmentCenterInventory(fulfillment_center_id=center, quantity_on_hand=on_hand, uom=UOM)
        for center in centers
    )
    if center_levels:
        return ProductAvailability(sku=part_number(n), fulfillment_centers=center_levels)
    expected = (ExpectedInventory(quantity=100.0, uom=UOM, available_datetime="2024-06-01T00:00:00.000Z"),)
    uom = UOM if on_hand is not None else None
    return ProductAvailability(sku=part_number(n), quantity_on_hand=on_hand, uom=uom, expected=expected)


def sync_product_availability(
    products: Iterable[ProductAvailability] = (),
    *,
    action: CacheAction = CacheAction.UPDATE,
    store_id: str = STORE_ID,
    now: float | None = None,
) -> SyncProductAvailability:
    chosen = tuple(products) or (sample_product(),)
    return SyncProductAvailability(
        new_application_area(store_id, (("langId", "-1"),), now=now), action, chosen
    )


def availability_query(
    *numbers: int, physical_stores: Iterable[str] = (), by_part_number: bool = False
) -> AvailabilityQuery:
    """A query for SKU numbers at the online store (and physical stores), by catentry id or part number."""
    chosen = numbers or (1,)
    if by_part_number:
        return AvailabilityQuery(
            part_numbers=tuple(part_number(n) for n in chosen),
            online_store_name=STORE_NAME,
            physical_store_names=tuple(physical_store_name(s) for s in physical_stores),
        )
    return AvailabilityQuery(
        catalog_entry_ids=tuple(catalog_entry_id(n) for n in chosen),
        online_store_id=STORE_ID,
        physical_store_ids=tuple(physical_stores),
    )


def get_inventory_availability(
    query: AvailabilityQuery | None = None, *, store_id: str = STORE_ID
) -> GetInventoryAvailability:
    """The outbound request; like WCS, its ApplicationArea carries only the BusinessContext."""
    chosen = query or availability_query()
    area = ApplicationArea(context=(("storeId", store_id), ("langId", "-1")))
    return GetInventoryAvailability(application_area=area, expression=render_query(chosen), query=chosen)


def availability_record(
    n: int = 1,
    *,
    status: InventoryStatus = InventoryStatus.AVAILABLE,
    quantity: float | None = 42.0,
    physical_store_id: str | None = None,
    availability_datetime: str | None = None,
) -> InventoryAvailability:
    return InventoryAvailability(
        status=status,
        catalog_entry_id=catalog_entry_id(n),
        online_store_id=None if physical_store_id else STORE_ID,
        physical_store_id=physical_store_id,
        quantity=quantity,
        uom=UOM,
        availability_datetime=availability_datetime,
    )


def show_inventory_availability(
    records: Iterable[InventoryAvailability] = (),
    *,
    change_status: ChangeStatus | None = None,
    now: float | None = None,
) -> ShowInventoryAvailability:
    chosen = tuple(records) if change_status is not None else (tuple(records) or (availability_record(),))
    return ShowInventoryAvailability(new_application_area(now=now), chosen, change_status)


def sync_inventory_availability(
    records: Iterable[InventoryAvailability] = (), *, store_id: str = STORE_ID, now: float | None = None
) -> SyncInventoryAvailability:
    chosen = tuple(records) or (availability_record(),)
    return SyncInventoryAvailability(new_application_area(store_id, (("langId", "-1"),), now=now), chosen)


def sample_requirement(
    order_id: str = "50001", numbers: Iterable[int] = (1,), *, quantity: float = 2.0, store_id: str = STORE_ID
) -> InventoryRequirement:
    """An InventoryRequirement with one line per SKU number (order item ids 70001, 70002 ...)."""
    items = tuple(
        RequirementItem(
            order_item_id=str(70000 + index),
            quantity=quantity,
            catalog_entry_id=catalog_entry_id(n),
            part_number=part_number(n),
            uom=UOM,
        )
        for index, n in enumerate(numbers, start=1)
    )
    return InventoryRequirement(order_id=order_id, store_id=store_id, items=items, ship_as_complete=True)


def process_inventory_requirement(
    action: RequirementAction = RequirementAction.RESERVE,
    requirement: InventoryRequirement | None = None,
    *,
    now: float | None = None,
) -> ProcessInventoryRequirement:
    chosen = requirement or sample_requirement()
    context = (("langId", "-1"), ("currency", "USD"), ("catalogId", "10001"))
    return ProcessInventoryRequirement(
        new_application_area(chosen.store_id, context, now=now), action, chosen
    )


def acknowledge_inventory_requirement(
    request: ProcessInventoryRequirement,
    *,
    inventory_status: str | None = "Allocated",
    change_status: ChangeStatus | None = None,
    now: float | None = None,
) -> AcknowledgeInventoryRequirement:
    """DOM's answer: every line gets `inventory_status`; with `change_status` the request failed."""
    lines = tuple(_with_status(item, inventory_status) for item in request.requirement.items)
    requirement = InventoryRequirement(
        order_id=request.requirement.order_id,
        store_id=request.requirement.store_id,
        items=lines,
        reservation_id=f"WC_{request.requirement.order_id}"
        if request.action_code is RequirementAction.RESERVE
        else None,
    )
    return AcknowledgeInventoryRequirement(
        new_application_area(now=now), request.application_area, requirement, change_status
    )


def _with_status(item: RequirementItem, status: str | None) -> RequirementItem:
    return RequirementItem(
        order_item_id=item.order_item_id,
        quantity=item.quantity,
        catalog_entry_id=item.catalog_entry_id,
        part_number=item.part_number,
        uom=item.uom,
        physical_store_id=item.physical_store_id,
        inventory_status=status,
    )


def sample_order(
    order_id: str = "50001",
    numbers: Iterable[int] = (1,),
    *,
    quantity: float = 2.0,
    unit_price: float = 19.99,
    status: str | None = "M",
    placed_date: str = "2024-05-01T10:00:00.000Z",
) -> Order:
    """A submitted order of the seed store, one line per SKU number (order item ids 70001, 70002 ...)."""
    items = tuple(
        OrderItem(
            order_item_id=str(70000 + index),
            quantity=quantity,
            catalog_entry_id=catalog_entry_id(n),
            part_number=part_number(n),
            uom=UOM,
            unit_price=unit_price,
        )
        for index, n in enumerate(numbers, start=1)
    )
    total = round(sum(item.quantity * (item.unit_price or 0.0) for item in items), 2)
    return Order(
        order_id=order_id,
        store_id=STORE_ID,
        store_name=STORE_NAME,
        buyer_id="3003",
        buyer_dn="uid=shopper1,o=default organization,o=root organization",
        buyer_logon_id="shopper1",
        placed_date=placed_date,
        currency="USD",
        total=total,
        ship_as_complete=True,
        status=status,
        items=items,
    )


def process_order(
    order: Order | None = None, *, action: OrderAction = OrderAction.TRANSFER_ORDER, now: float | None = None
) -> ProcessOrder:
    chosen = order or sample_order()
    return ProcessOrder(new_application_area(chosen.store_id, now=now), action, chosen)


def acknowledge_order(
    request: ProcessOrder,
    *,
    external_order_id: str | None = None,
    change_status: ChangeStatus | None = None,
    now: float | None = None,
) -> AcknowledgeOrder:
    """DOM's answer to a transfer: the order identifier with DOM's own key, or the error form."""
    order = None
    if change_status is None:
        order = Order(
            order_id=request.order.order_id,
            store_id=request.order.store_id,
            status="G",
            external_order_id=external_order_id or f"DOM-{request.order.order_id}",
        )
    return AcknowledgeOrder(new_application_area(now=now), request.application_area, order, change_status)


def sync_order(
    order_id: str = "50001",
    *,
    status: str = "S",
    item_statuses: Mapping[str, str] | None = None,
    shipment: Shipment | None = None,
    store_id: str = STORE_ID,
    now: float | None = None,
) -> SyncOrder:
    """A DOM fulfillment update: order status plus per-line statuses (and a shipment for shipped lines)."""
    lines = item_statuses or {"70001": "D" if status == "S" else status}
    items = tuple(
        OrderItem(
            order_item_id=item_id,
            quantity=0.0,
            status=line_status,
            shipment=shipment if line_status in ("S", "D") else None,
        )
        for item_id, line_status in lines.items()
    )
    order = Order(order_id=order_id, store_id=store_id, status=status, items=items)
    return SyncOrder(new_application_area(store_id, now=now), order)
