"""Typed BOD messages: the values that cross the commerce/DOM boundary.

These frozen dataclasses are what every other part of the project handles; XML only exists at the edges
(`bods.codec.parse` / `bods.codec.render`). Field names follow the WCS/DOM nouns so that a reader who knows
the documented XPaths (see ../shared/spec/wcs-dom-facts.md, sections 1 and 2) recognises them.

Quantities are floats (the wire carries "42.0"); identifiers are strings, as on the wire.
Date-times are kept as the strings the wire carries: DOM echoes them with reduced precision
(a date-only "2009-11-16Z" in UpdateOrderStatus_Res), so normalising them here would lose fidelity.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Family(str, Enum):
    """Which namespace generation a document belongs to.

    LEGACY is the unversioned inventory cache update service (`.../commerce/inventory`, `wcf:ApplicationArea`);
    DOM is the versioned `.../commerce/9/...` generation used by the DOM integration.
    """

    LEGACY = "legacy"
    DOM = "dom"


class InventoryStatus(str, Enum):
    """InventoryAvailability/InventoryStatus as DOM reports it (facts section 2)."""

    AVAILABLE = "Available"
    BACKORDERABLE = "Backorderable"
    UNAVAILABLE = "Unavailable"


class RequirementAction(str, Enum):
    """ProcessInventoryRequirement action codes, all with the expression `/InventoryRequirement[1]`."""

    CHECK = "CheckInventory"
    RESERVE = "ReserveInventory"
    CANCEL_RESERVATION = "CancelInventoryReservation"
    DECREMENT_CACHE = "DecrementCache"


class OrderAction(str, Enum):
    """ProcessOrder action codes. The flow text says Transfer, the real sample TransferOrder: both are accepted."""

    TRANSFER_ORDER = "TransferOrder"
    TRANSFER = "Transfer"
    CANCEL = "Cancel"

    @property
    def is_transfer(self) -> bool:
        return self in (OrderAction.TRANSFER_ORDER, OrderAction.TRANSFER)


class CacheAction(str, Enum):
    """SyncProductAvailability ActionExpression/@actionCode (cache update service)."""

    UPDATE = "Update"
    DELETE = "Delete"


@dataclass(frozen=True)
class ApplicationArea:
    """oa:ApplicationArea (DOM) or wcf:ApplicationArea (legacy).

    `creation_datetime` and `bodid` are optional because GetInventoryAvailability requests carry only the
    BusinessContext. `context` holds the BusinessContext ContextData pairs in document order.
    """

    creation_datetime: str | None = None
    bodid: str | None = None
    context: tuple[tuple[str, str], ...] = ()

    def context_value(self, name: str) -> str | None:
        for key, value in self.context:
            if key == name:
                return value
        return None

    @property
    def store_id(self) -> str | None:
        return self.context_value("storeId")


@dataclass(frozen=True)
class ChangeStatus:
    """ResponseCriteria/ChangeStatus: the documented error form of every BOD service.

    `code` is a correlation id that also appears in the server log; `reason_code` a message key such as
    `_ERR_CMD_MISSING_PARAM.-1`; `reason` the human-readable message.
    """

    code: str
    reason_code: str
    reason: str


# --- legacy inventory cache update service -------------------------------------------------------------------


@dataclass(frozen=True)
class ExpectedInventory:
    """ExpectedInventory[j]: future supply, globally or at one fulfillment center."""

    quantity: float | None = None
    uom: str | None = None
    available_datetime: str | None = None


@dataclass(frozen=True)
class FulfillmentCenterInventory:
    """FulfillmentCenterInventory[m] with @fulfillmentCenterID (sample 2)."""

    fulfillment_center_id: int
    quantity_on_hand: float | None = None
    uom: str | None = None
    expected: tuple[ExpectedInventory, ...] = ()


@dataclass(frozen=True)
class ProductAvailability:
    """ProductAvailability[i]: one SKU (part number) with global and/or per-center levels."""

    sku: str
    quantity_on_hand: float | None = None
    uom: str | None = None
    expected: tuple[ExpectedInventory, ...] = ()
    fulfillment_centers: tuple[FulfillmentCenterInventory, ...] = ()


@dataclass(frozen=True)
class SyncProductAvailability:
    """Inbound cache update (InventoryBalanceUpdate command): Update caches the levels, Delete un-caches them."""

    application_area: ApplicationArea
    action_code: CacheAction
    products: tuple[ProductAvailability, ...]


# --- DOM inventory ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AvailabilityQuery:
    """The parsed `oa:Get/oa:Expression` of GetInventoryAvailability.

    Items are named by catalog entry id or by part number; the location by the online store (id or name)
    and/or physical stores (id or external identifier). See `bods.expression` for the documented variants.
    """

    catalog_entry_ids: tuple[str, ...] = ()
    part_numbers: tuple[str, ...] = ()
    online_store_id: str | None = None
    online_store_name: str | None = None
    physical_store_ids: tuple[str, ...] = ()
    physical_store_names: tuple[str, ...] = ()


@dataclass(frozen=True)
class InventoryAvailability:
    """One availability record: an item at the online store or at one physical store.

    Exactly one location is named: the online store (`online_store_id`, or `online_store_name` = its
    NameIdentifier) or one physical store (`physical_store_id`, or `physical_store_name` = its external
    Identifier, the form Sterling's RTAM push uses). `quantity` None with status Available means "infinite"
    (INVAVL semantics).
    """

    status: InventoryStatus
    catalog_entry_id: str | None = None
    part_number: str | None = None
    online_store_id: str | None = None
    physical_store_id: str | None = None
    quantity: float | None = None
    uom: str = "C62"
    availability_datetime: str | None = None
    availability_offset: int | None = None
    unique_id: str | None = None
    user_data: tuple[tuple[str, str], ...] = ()
    online_store_name: str | None = None
    physical_store_name: str | None = None


@dataclass(frozen=True)
class GetInventoryAvailability:
    """Outbound availability request (access profile IBM_Store_Details). `expression` is the raw wire text."""

    application_area: ApplicationArea
    expression: str
    query: AvailabilityQuery


@dataclass(frozen=True)
class ShowInventoryAvailability:
    """DOM's answer to GetInventoryAvailability; `change_status` set when DOM could not answer."""

    application_area: ApplicationArea
    records: tuple[InventoryAvailability, ...]
    change_status: ChangeStatus | None = None


@dataclass(frozen=True)
class SyncInventoryAvailability:
    """DOM -> commerce push (action Change) when availability of items crosses a threshold."""

    application_area: ApplicationArea
    records: tuple[InventoryAvailability, ...]
    action_code: str = "Change"


@dataclass(frozen=True)
class RequirementItem:
    """_ord:OrderItem inside an InventoryRequirement.

    `physical_store_id` is set for in-store pickup lines. `inventory_status` is DOM's verdict in the
    acknowledgement (Allocated, Backordered, Unavailable); `available_quantity` how much DOM could give.
    """

    order_item_id: str
    quantity: float
    catalog_entry_id: str | None = None
    part_number: str | None = None
    uom: str = "C62"
    physical_store_id: str | None = None
    inventory_status: str | None = None
    available_quantity: float | None = None
    availability_datetime: str | None = None


@dataclass(frozen=True)
class InventoryRequirement:
    """_inv:InventoryRequirement: the order's lines that inventory is checked, reserved or released for."""

    order_id: str
    store_id: str
    items: tuple[RequirementItem, ...]
    ship_as_complete: bool | None = None
    buyer_id: str | None = None
    reservation_id: str | None = None


@dataclass(frozen=True)
class ProcessInventoryRequirement:
    application_area: ApplicationArea
    action_code: RequirementAction
    requirement: InventoryRequirement


@dataclass(frozen=True)
class AcknowledgeInventoryRequirement:
    """DOM's answer; on failure `change_status` is set and `requirement` may carry per-item statuses."""

    application_area: ApplicationArea
    original: ApplicationArea | None
    requirement: InventoryRequirement | None
    change_status: ChangeStatus | None = None


# --- DOM order -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shipment:
    """Shipment data DOM sends with a shipped status (carrier, tracking number, ship date)."""

    tracking_number: str
    carrier: str | None = None
    ship_date: str | None = None


@dataclass(frozen=True)
class OrderItem:
    """_ord:OrderItem of an order. `status` is the WCS order item status code (S, D, X ...)."""

    order_item_id: str
    quantity: float
    catalog_entry_id: str | None = None
    part_number: str | None = None
    uom: str = "C62"
    unit_price: float | None = None
    physical_store_id: str | None = None
    status: str | None = None
    shipment: Shipment | None = None


@dataclass(frozen=True)
class Order:
    """_ord:Order as transferred to DOM and synchronised back.

    `status` is the WCS order status code (facts section 4: R released, B backordered, S shipped, X canceled).
    `external_order_id` is DOM's own key (OrderHeaderKey in Sterling).
    """

    order_id: str
    store_id: str | None = None
    store_name: str | None = None
    buyer_id: str | None = None
    buyer_dn: str | None = None
    buyer_logon_id: str | None = None
    placed_date: str | None = None
    currency: str | None = None
    total: float | None = None
    ship_as_complete: bool | None = None
    status: str | None = None
    external_order_id: str | None = None
    items: tuple[OrderItem, ...] = ()


@dataclass(frozen=True)
class ProcessOrder:
    """ProcessOrder TransferOrder/Transfer (commerce -> DOM) or Cancel (DOM -> commerce)."""

    application_area: ApplicationArea
    action_code: OrderAction
    order: Order


@dataclass(frozen=True)
class AcknowledgeOrder:
    application_area: ApplicationArea
    original: ApplicationArea | None
    order: Order | None
    change_status: ChangeStatus | None = None


@dataclass(frozen=True)
class SyncOrder:
    """DOM -> commerce fulfillment status update (action Change), answered by ConfirmBOD."""

    application_area: ApplicationArea
    order: Order
    action_code: str = "Change"


# --- confirmation ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConfirmBOD:
    """oa:ConfirmBOD, the answer of the Sync* services.

    Success carries an empty BODSuccessMessage; failure a ChangeStatus under Confirm/ResponseCriteria and a
    BODFailureMessage with the same correlation id. `family` picks the wire form: LEGACY has an empty
    `oa:Confirm`, DOM echoes the original ApplicationArea inside `oa:Confirm` as well (facts section 2).
    """

    application_area: ApplicationArea
    original: ApplicationArea | None
    change_status: ChangeStatus | None = None
    family: Family = Family.DOM

    @property
    def succeeded(self) -> bool:
        return self.change_status is None


@dataclass(frozen=True)
class UsernameToken:
    """WS-Security UsernameToken (PasswordText) carried in the SOAP header."""

    username: str
    password: str


@dataclass(frozen=True)
class Envelope:
    """How a BOD arrived: SOAP 1.1 (with an optional UsernameToken) or bare. Replies use the same style."""

    soap: bool = False
    security: UsernameToken | None = None


Bod = (
    SyncProductAvailability
    | GetInventoryAvailability
    | ShowInventoryAvailability
    | SyncInventoryAvailability
    | ProcessInventoryRequirement
    | AcknowledgeInventoryRequirement
    | ProcessOrder
    | AcknowledgeOrder
    | SyncOrder
    | ConfirmBOD
)


@dataclass(frozen=True)
class Document:
    """A parsed inbound document: the typed BOD plus how it was wrapped and its raw size."""

    bod: Bod
    envelope: Envelope = field(default_factory=Envelope)
    size: int = 0

    @property
    def type_name(self) -> str:
        return type(self.bod).__name__
