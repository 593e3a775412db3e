"""The Order component's ProcessOrder for checkout (flow scenario 2, steps 3-6).

- Prepare (`PUT /cart/@self/precheckout`): for a DOM store, ProcessInventoryRequirement ReserveInventory goes
  to DOM (reservation "WC_" + order id, Sterling's mapping); DOM's AcknowledgeInventoryRequirement sets each
  item's inventory status (Allocated -> ALLC, Backordered -> BO) and fulfillment option (expected date,
  pickup store). An item DOM could not hold raises `_ERR_INSUFFICIENT_INVENTORY` with the per-item verdicts.
  DOM not answering raises `_ERR_DOM_UNAVAILABLE` and the cart is unchanged.
- Payment instructions: one payment method per cart (a new one replaces the previous); none means the
  store's default, COD.
- Submit (`POST /cart/@self/checkout`): prepares again when the cart changed since (or was never prepared),
  calls PrimePayment (the mock authorization; a decline leaves the order pending and transfers nothing),
  then in ONE transaction: status P -> M/C, the payment recorded, the confirmation email queued and the
  OrderSubmit event handled by its listeners (ProcessOrderSubmitEvent writes the transfer to the outbox).
  After the commit the `after_submit` callbacks run (they wake the background worker).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from bods.messages import InventoryRequirement, RequirementAction, RequirementItem
from harness.commerce.domain.catalog import Catalog
from harness.commerce.domain.notifications import order_confirmation
from harness.commerce.domain.order_errors import (
    EmptyCart,
    InsufficientInventory,
    OrderNotPending,
    PaymentDeclined,
)
from harness.commerce.domain.orders import ItemInventoryStatus, Order, OrderItem, OrderStatus, OrderSubmitted
from harness.commerce.domain.payments import DEFAULT_METHOD, DeclineRule, PaymentInstruction, PaymentState
from harness.commerce.services.availability import DOM_STORES
from harness.commerce.services.cart import CartService, owned, retrying
from harness.commerce.services.external_order import ExternalOrder
from harness.commerce.services.mail import Mailbox
from harness.commerce.services.shoppers import default_email
from harness.commerce.storage.keys import next_id
from harness.commerce.storage.shoppers import Shopper
from harness.commerce.storage.unit_of_work import SqlUnitOfWork, UnitOfWorkFactory
from mock_dom.clock import Clock
from mock_dom.domain.timefmt import iso_datetime, parse_datetime

log = logging.getLogger(__name__)

SubmitListener = Callable[[SqlUnitOfWork, OrderSubmitted], None]


@dataclass(frozen=True)
class ItemVerdict:
    """DOM's answer for one order item at Prepare: its word (Allocated / Backordered / Unavailable), the
    quantity it held on hand and the date the rest is expected."""

    order_item_id: int
    inventory_status: str
    available_quantity: float | None = None
    availability_datetime: str | None = None

    def as_json(self) -> dict[str, str]:
        body = {"orderItemId": str(self.order_item_id), "inventoryStatus": self.inventory_status}
        if self.available_quantity is not None:
            body["availableQuantity"] = repr(float(self.available_quantity))
        if self.availability_datetime:
            body["availabilityDateTime"] = self.availability_datetime
        return body


@dataclass(frozen=True)
class Prepared:
    order: Order
    verdicts: tuple[ItemVerdict, ...] = ()


class CheckoutService:
    def __init__(
        self,
        *,
        uow_factory: UnitOfWorkFactory,
        catalog: Catalog,
        cart: CartService,
        dom: ExternalOrder,
        payments: DeclineRule,
        mailbox: Mailbox,
        clock: Clock,
        listeners: Sequence[SubmitListener] = (),
        after_submit: Sequence[Callable[[], None]] = (),
    ) -> None:
        self._uow_factory = uow_factory
        self._catalog = catalog
        self._cart = cart
        self._dom = dom
        self._payments = payments
        self._mailbox = mailbox
        self._clock = clock
        self.listeners = list(listeners)
        self.after_submit = list(after_submit)

    # -- ProcessOrder Prepare --------------------------------------------------------------------------------

    def prepare(self, shopper: Shopper, store_id: int, order_id: str | None = None) -> Prepared:
        return retrying(lambda: self._prepare(self._cart_for(shopper, store_id, order_id)))

    def _prepare(self, cart: Order) -> Prepared:
        if not cart.items:
            raise EmptyCart(f"The shopping cart {cart.order_id} has no items.", str(cart.order_id))
        if self._catalog.store(cart.store_id).inventory_system not in DOM_STORES:
            return Prepared(self._save(replace(cart, prepared_key=cart.content_key), cart))
        answered = self._reserve(cart)
        verdicts = tuple(_verdict(item) for item in answered.items)
        short = [v for v in verdicts if v.inventory_status.lower() not in ("allocated", "backordered")]
        if short:
            raise InsufficientInventory(
                f"DOM could not reserve enough inventory for order {cart.order_id}: "
                + ", ".join(f"item {v.order_item_id} {v.inventory_status}" for v in short),
                *(str(v.order_item_id) for v in short),
                items=tuple(v.as_json() for v in verdicts),
            )
        by_id = {int(entry.order_item_id): entry for entry in answered.items if entry.order_item_id.isdigit()}
        items = tuple(_reserved_item(item, by_id.get(item.order_item_id)) for item in cart.items)
        reserved = replace(cart, items=items)
        saved = self._save(replace(reserved, prepared_key=reserved.content_key), cart)
        return Prepared(saved, verdicts)

    def _reserve(self, cart: Order) -> InventoryRequirement:
        requirement = InventoryRequirement(
            order_id=str(cart.order_id),
            store_id=str(cart.store_id),
            items=tuple(
                RequirementItem(
                    order_item_id=str(item.order_item_id),
                    quantity=item.quantity,
                    catalog_entry_id=str(item.catentry_id),
                    part_number=item.part_number,
                    physical_store_id=str(item.physical_store_id) if item.physical_store_id else None,
                )
                for item in cart.items
            ),
            ship_as_complete=True,
            buyer_id=str(cart.member_id),
            reservation_id=f"WC_{cart.order_id}",
        )
        area = self._dom.application_area(
            str(cart.store_id), bodid=str(uuid.uuid4()), created=iso_datetime(self._clock.now())
        )
        return self._dom.process_inventory_requirement(RequirementAction.RESERVE, requirement, area=area)

    # -- payment instructions --------------------------------------------------------------------------------

    def add_payment_instruction(
        self, shopper: Shopper, store_id: int, instruction: PaymentInstruction, order_id: str | None = None
    ) -> tuple[Order, PaymentInstruction]:
        cart = self._cart_for(shopper, store_id, order_id)
        with self._uow_factory() as uow:
            stored = replace(instruction, instruction_id=next_id(uow.connection, "PPCPAYINST"))
            uow.payments.remove_all(cart.order_id)
            uow.payments.add(cart.order_id, stored, self._clock.now())
            uow.commit()
        return cart, stored

    def payment_instructions(self, shopper: Shopper, store_id: int) -> tuple[Order, list[PaymentInstruction]]:
        cart = self._cart_for(shopper, store_id, None)
        with self._uow_factory() as uow:
            return cart, uow.payments.of_order(cart.order_id)

    # -- ProcessOrder Submit ---------------------------------------------------------------------------------

    def submit(
        self,
        shopper: Shopper,
        store_id: int,
        order_id: str | None = None,
        fields: tuple[str | None, str | None, str | None] = (None, None, None),
    ) -> Order:
        submitted = retrying(
            lambda: self._submit(shopper, self._cart_for(shopper, store_id, order_id), fields)
        )
        for callback in self.after_submit:
            callback()
        return submitted

    def _submit(
        self, shopper: Shopper, cart: Order, fields: tuple[str | None, str | None, str | None]
    ) -> Order:
        if not cart.items:
            raise EmptyCart(f"The shopping cart {cart.order_id} has no items.", str(cart.order_id))
        if not cart.is_prepared:
            cart = self._prepare(cart).order
        store = self._catalog.store(cart.store_id)
        with self._uow_factory() as uow:
            approved = self._authorize(uow, cart)
            now = self._clock.now()
            status = approved.status_after_authorization
            order = replace(
                cart,
                status=status,
                items=tuple(replace(item, status=status) for item in cart.items),
                placed=now,
                last_update=now,
                fields=fields,
            )
            order = uow.orders.save(order, read=cart)
            if approved.instruction_id:
                uow.payments.record(approved, now)
            else:
                uow.payments.add(
                    order.order_id, replace(approved, instruction_id=next_id(uow.connection, "PPCPAYINST")), now
                )
            recipient = shopper.email or default_email(shopper.user_id)
            self._mailbox.queue(uow, order_confirmation(order, recipient, store.identifier))
            event = OrderSubmitted(order, now)
            for listener in self.listeners:
                listener(uow, event)
            submitted = uow.orders.last_saved(order.order_id) or order  # as the listeners left it
            uow.commit()
        log.info("order %s submitted: status %s, paid by %s", order.order_id, status.value, approved.method)
        return submitted

    def _authorize(self, uow: SqlUnitOfWork, cart: Order) -> PaymentInstruction:
        """PrimePayment: the cart's payment instruction (COD when none) authorized for the order total. A
        decline is recorded and committed on its own; the order stays pending."""
        instructions = uow.payments.of_order(cart.order_id)
        instruction = instructions[-1] if instructions else PaymentInstruction(DEFAULT_METHOD)
        try:
            return self._payments.authorize(instruction, cart.total)
        except PaymentDeclined as declined:
            if instruction.instruction_id:
                refused = replace(instruction, amount=cart.total, state=PaymentState.DECLINED)
                uow.payments.record(refused, self._clock.now(), declined.reason)
                uow.commit()
            raise

    # -- helpers ---------------------------------------------------------------------------------------------

    def _cart_for(self, shopper: Shopper, store_id: int, order_id: str | None) -> Order:
        """The shopper's cart; an `orderId` in the body must name it (another member's -> refused)."""
        if order_id:
            order = self._cart.order(shopper, order_id)
            if order.status is not OrderStatus.PENDING:
                raise OrderNotPending(
                    f"The order {order.order_id} is no longer a cart (status {order.status.value}).",
                    str(order.order_id),
                )
            return owned(order, shopper, order_id)
        return self._cart.current(shopper, store_id)

    def _save(self, order: Order, read: Order) -> Order:
        with self._uow_factory() as uow:
            saved = uow.orders.save(replace(order, last_update=self._clock.now()), read=read)
            uow.commit()
        return saved


def _verdict(item: RequirementItem) -> ItemVerdict:
    return ItemVerdict(
        int(item.order_item_id) if item.order_item_id.isdigit() else 0,
        item.inventory_status or "Unavailable",
        item.available_quantity,
        item.availability_datetime,
    )


def _reserved_item(item: OrderItem, answered: RequirementItem | None) -> OrderItem:
    """The item with DOM's verdict: inventory status, expected date and the pickup store DOM confirmed."""
    if answered is None:
        return item
    expected = None
    if answered.availability_datetime:
        try:
            expected = parse_datetime(answered.availability_datetime)
        except ValueError:
            expected = None
    stloc = item.physical_store_id
    if answered.physical_store_id and answered.physical_store_id.isdigit():
        stloc = int(answered.physical_store_id)
    return replace(
        item,
        inventory_status=ItemInventoryStatus.from_dom(answered.inventory_status),
        estimated_available=expected,
        physical_store_id=stloc,
    )
