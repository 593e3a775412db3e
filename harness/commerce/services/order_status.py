"""The Order component's inbound services from DOM (facts sections 2 and 4):

- SyncOrder Change (flow step 7, WCS's OrderStatus command): updates ORDERS, ORDERITEMS and the shipments
  from DOM's fulfillment status (rules in `domain.fulfillment`) and emails the shopper when items ship or the
  order is canceled. A BODID already applied is not applied again (the BODINBOX register, shared with the
  inventory services), so a redelivered SyncOrder changes nothing and gets the same ConfirmBOD.
- ProcessOrder Cancel: cancels the order (or the cart): status X, items not yet shipped X, a transfer still
  queued is not sent. Canceling a canceled order is acknowledged without change; a shipped one is refused.

Everything is validated before anything is written; a refused message changes nothing. A message that
loses an optimistic-concurrency race (another update of the same order) is applied again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from bods.messages import Order as WireOrder
from bods.messages import ProcessOrder, SyncOrder
from harness.commerce.domain.catalog import Catalog
from harness.commerce.domain.errors import InvalidParameter, MissingParameter
from harness.commerce.domain.fulfillment import (
    FulfillmentUpdate,
    ItemUpdate,
    Notice,
    apply_update,
    status_code,
)
from harness.commerce.domain.notifications import order_canceled, order_shipped
from harness.commerce.domain.order_errors import OrderNotCancelable, OrderNotFound, OrderNotSubmitted
from harness.commerce.domain.orders import SHIPPED_ITEM_STATUSES, Order, OrderStatus, Shipment
from harness.commerce.services.cart import retrying
from harness.commerce.services.inbox import Applied, apply_once
from harness.commerce.services.mail import Mailbox
from harness.commerce.services.shoppers import default_email
from harness.commerce.storage.unit_of_work import SqlUnitOfWork, UnitOfWorkFactory
from mock_dom.clock import Clock
from mock_dom.domain.timefmt import parse_datetime


class OrderStatusService:
    def __init__(
        self,
        *,
        uow_factory: UnitOfWorkFactory,
        catalog: Catalog,
        mailbox: Mailbox,
        clock: Clock,
        after_change: Callable[[], None] = lambda: None,
    ) -> None:
        self._uow_factory = uow_factory
        self._catalog = catalog
        self._mailbox = mailbox
        self._clock = clock
        self.after_change = after_change

    # -- SyncOrder Change ------------------------------------------------------------------------------------

    def sync_order(self, bod: SyncOrder) -> Applied:
        if bod.action_code.lower() != "change":
            raise InvalidParameter.named("ActionExpression/@actionCode", bod.action_code)
        order_id = _order_id(bod.order)
        update = fulfillment_update(bod)
        return retrying(
            lambda: apply_once(
                self._uow_factory, bod, self._clock.now(), lambda uow: self._apply(uow, order_id, update)
            )
        )

    def _apply(self, uow: SqlUnitOfWork, order_id: int, update: FulfillmentUpdate) -> Callable[[], None]:
        order = self._order(uow, order_id)
        if order.status is OrderStatus.PENDING:
            raise OrderNotSubmitted(
                f"The order {order_id} is a shopping cart: it has no fulfillment.", str(order_id)
            )
        outcome = apply_update(order, update)
        if not outcome.changed:
            return lambda: None
        saved = uow.orders.save(replace(outcome.order, last_update=self._clock.now()))
        if not outcome.notices:
            return lambda: None
        recipient = self._recipient(uow, saved)
        store = self._catalog.store(saved.store_id).identifier
        if Notice.SHIPPED in outcome.notices:
            self._mailbox.queue(uow, order_shipped(saved, recipient, store, outcome.shipped_items))
        if Notice.CANCELED in outcome.notices:
            self._mailbox.queue(uow, order_canceled(saved, recipient, store))
        return self.after_change

    # -- ProcessOrder Cancel ---------------------------------------------------------------------------------

    def cancel(self, bod: ProcessOrder) -> tuple[Applied, Order]:
        order_id = _order_id(bod.order)
        applied = retrying(
            lambda: apply_once(
                self._uow_factory, bod, self._clock.now(), lambda uow: self._cancel(uow, order_id)
            )
        )
        with self._uow_factory() as uow:
            return applied, self._order(uow, order_id)

    def _cancel(self, uow: SqlUnitOfWork, order_id: int) -> Callable[[], None]:
        order = self._order(uow, order_id)
        if order.status is OrderStatus.CANCELED:
            return lambda: None
        if order.status in SHIPPED_ITEM_STATUSES:
            raise OrderNotCancelable(
                f"The order {order_id} has shipped and cannot be canceled.", str(order_id)
            )
        items = tuple(
            item if item.status in SHIPPED_ITEM_STATUSES else replace(item, status=OrderStatus.CANCELED)
            for item in order.items
        )
        saved = uow.orders.save(
            replace(order, status=OrderStatus.CANCELED, items=items, last_update=self._clock.now())
        )
        if order.status is OrderStatus.PENDING:
            return lambda: None  # a cart: nobody to tell
        store = self._catalog.store(saved.store_id).identifier
        self._mailbox.queue(uow, order_canceled(saved, self._recipient(uow, saved), store))
        return self.after_change

    # -- helpers ---------------------------------------------------------------------------------------------

    @staticmethod
    def _order(uow: SqlUnitOfWork, order_id: int) -> Order:
        order = uow.orders.get(order_id)
        if order is None:
            raise OrderNotFound(f'The order "{order_id}" does not exist.', str(order_id))
        return order

    @staticmethod
    def _recipient(uow: SqlUnitOfWork, order: Order) -> str:
        shopper = uow.shoppers.get(order.member_id)
        return (shopper.email if shopper else None) or default_email(order.member_id)


def fulfillment_update(bod: SyncOrder) -> FulfillmentUpdate:
    """Decode and validate SyncOrder's content (raises InvalidParameter before anything is written)."""
    order = bod.order
    items = []
    for position, item in enumerate(order.items, start=1):
        item_id = item.order_item_id.strip()
        if not item_id.isdigit():
            raise InvalidParameter.named(
                f"OrderItem[{position}]/OrderItemIdentifier/UniqueID", item.order_item_id
            )
        shipment = None
        if item.shipment is not None and item.shipment.tracking_number:
            shipment = Shipment(item.shipment.carrier, item.shipment.tracking_number, item.shipment.ship_date)
        status = status_code(item.status, f"OrderItem[{position}]/OrderItemStatus/Status")
        items.append(ItemUpdate(int(item_id), status, shipment))
    status = status_code(order.status, "OrderStatus/Status")
    if status is None and not items:
        raise MissingParameter.named("OrderStatus/Status")
    return FulfillmentUpdate(status, tuple(items), _message_time(bod), order.external_order_id)


def _message_time(bod: SyncOrder) -> float | None:
    created = bod.application_area.creation_datetime
    if not created:
        return None
    try:
        return parse_datetime(created)
    except ValueError:
        return None  # DOM's tolerant forms aside, an unreadable time only loses the tie-break


def _order_id(order: WireOrder) -> int:
    """The commerce order id (DOM may send Sterling's OrderNo with its "WC_" prefix)."""
    value = (order.order_id or "").strip()
    if value.upper().startswith("WC_"):
        value = value[3:]
    if not value.isdigit():
        raise InvalidParameter.named("OrderIdentifier/UniqueID", order.order_id)
    return int(value)
