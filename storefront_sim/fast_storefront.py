"""The fast-mode storefront: the commerce services the WCS REST views call, called directly.

One method per REST resource the shopper's browser uses (facts section 5), with the same services and
arguments as `harness.commerce.web.rest` / `web.cart`, and the REST error key (`message_key`) on refusal.
Which lookup records came from the cache, from DOM or stale is read from the availability service's
counters around the call, exactly as the live adapter reads them from `/__admin/health`.

Shoppers poll their order every couple of simulated minutes until it ships, and most polls find it
unchanged. The order view is therefore kept per order and dropped whenever a commit writes that order (the
commerce unit-of-work factory tells its order watchers which orders each commit wrote, and every write of an
order goes through the order repository): a poll reads the order only when it changed since the last read,
so the answer is always the stored order's.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from harness.commerce.bootstrap import CommerceServices
from harness.commerce.checkout_bootstrap import CheckoutServices
from harness.commerce.domain.availability import AvailabilityRecord
from harness.commerce.domain.errors import CommerceError
from harness.commerce.domain.order_errors import InsufficientInventory
from harness.commerce.domain.orders import Order
from harness.commerce.domain.payments import instruction_from_request
from harness.commerce.services.cart import CartLine
from harness.commerce.services.shoppers import default_email
from harness.commerce.storage.shoppers import Shopper as Member
from harness.commerce.storage.unit_of_work import SqlUnitOfWorkFactory
from storefront_sim.adapter_common import STORE_ID, Visitor, Visitors, label_sources
from storefront_sim.ports import (
    ONLINE,
    Availability,
    CartResult,
    CheckoutResult,
    ItemStatus,
    OrderLine,
    OrderView,
    PrecheckoutResult,
    Result,
    Shopper,
)

NO_CART = "_ERR_ORDER_NOT_FOUND"


def availability_of(record: AvailabilityRecord) -> Availability:
    location = ONLINE if record.location.is_online_store else str(record.location.id)
    return Availability(str(record.catentry_id), location, record.status.inventory_status, record.quantity)


def order_view(order: Order) -> OrderView:
    lines = tuple(
        OrderLine(str(item.catentry_id), item.quantity, item.inventory_status.value) for item in order.items
    )
    transfer = order.transfer_status.value if order.transfer_status is not None else None
    return OrderView(order.status.value, transfer, lines)


class FastStorefront:
    """Storefront over the commerce services of a `FastWorld`."""

    def __init__(self, commerce: CommerceServices, checkout: CheckoutServices) -> None:
        self._availability = commerce.availability
        self._checkout = checkout
        self._visitors: Visitors[Member] = Visitors()
        self._views: dict[str, OrderView] = {}  # order id -> its view, while no commit has written it
        if not isinstance(commerce.uow_factory, SqlUnitOfWorkFactory):
            raise TypeError("the fast storefront needs the commerce services' own unit-of-work factory")
        commerce.uow_factory.watch_orders(self._orders_written)

    # --- shopper ------------------------------------------------------------------------------------------

    def guest_identity(self) -> Shopper:
        """`POST guestidentity`: a new guest member (USERS row and tokens) for the visit."""
        shopper = self._visitors.new()
        self._member(self._visitors.of(shopper))
        return shopper

    def _member(self, visitor: Visitor[Member]) -> Member:
        if visitor.identity is None:
            guest = self._checkout.identity.create_guest()
            visitor.identity = Member(guest.user_id, guest.personalization_id, default_email(guest.user_id))
        return visitor.identity

    # --- availability -------------------------------------------------------------------------------------

    def inventory_availability(
        self, product_ids: Sequence[str], physical_store_ids: Sequence[str] = ()
    ) -> list[Availability]:
        stats = self._availability.stats
        hits, stale = stats.memory_hits + stats.database_hits, stats.stale_served
        try:
            records = self._availability.get(
                STORE_ID, product_ids=list(product_ids), physical_store_ids=list(physical_store_ids)
            )
        except CommerceError:
            return []
        found = [availability_of(record) for record in records]
        return label_sources(
            found, stats.memory_hits + stats.database_hits - hits, stats.stale_served - stale
        )

    # --- cart and checkout --------------------------------------------------------------------------------

    def add_to_cart(
        self, shopper: Shopper, product_id: str, quantity: float, physical_store_id: str | None = None
    ) -> CartResult:
        visitor = self._visitors.of(shopper)
        line = CartLine(repr(float(quantity)), product_id=product_id, physical_store_id=physical_store_id)
        try:
            order, item_ids = self._checkout.cart.add(self._member(visitor), STORE_ID, [line])
        except CommerceError as refused:
            return CartResult(False, visitor.cart_id, refused.message_key)
        visitor.cart_id = str(order.order_id)
        for item_id in item_ids:
            visitor.products[str(item_id)] = product_id
        return CartResult(True, visitor.cart_id)

    def precheckout(self, shopper: Shopper) -> PrecheckoutResult:
        visitor = self._visitors.of(shopper)
        if visitor.cart_id is None or visitor.identity is None:
            return PrecheckoutResult(False, None, (), NO_CART)
        try:
            prepared = self._checkout.checkout.prepare(visitor.identity, STORE_ID, visitor.cart_id)
        except InsufficientInventory as short:
            statuses = tuple(
                ItemStatus(visitor.products.get(str(v.get("orderItemId")), ""), str(v.get("inventoryStatus")))
                for v in short.items
            )
            return PrecheckoutResult(False, visitor.cart_id, statuses, short.message_key)
        except CommerceError as refused:
            return PrecheckoutResult(False, visitor.cart_id, (), refused.message_key)
        statuses = tuple(
            ItemStatus(visitor.products.get(str(v.order_item_id), ""), v.inventory_status)
            for v in prepared.verdicts
        )
        return PrecheckoutResult(True, str(prepared.order.order_id), statuses)

    def add_payment(self, shopper: Shopper, method: str) -> Result:
        visitor = self._visitors.of(shopper)
        if visitor.cart_id is None or visitor.identity is None:
            return Result(False, NO_CART)
        try:
            instruction = instruction_from_request(method, None, None)
            self._checkout.checkout.add_payment_instruction(
                visitor.identity, STORE_ID, instruction, visitor.cart_id
            )
        except CommerceError as refused:
            return Result(False, refused.message_key)
        return Result(True)

    def checkout(self, shopper: Shopper) -> CheckoutResult:
        visitor = self._visitors.of(shopper)
        if visitor.cart_id is None or visitor.identity is None:
            return CheckoutResult(False, None, NO_CART)
        try:
            order = self._checkout.checkout.submit(visitor.identity, STORE_ID, visitor.cart_id)
        except CommerceError as refused:
            return CheckoutResult(False, visitor.cart_id, refused.message_key)
        visitor.cart_id = None
        return CheckoutResult(True, str(order.order_id))

    def order_status(self, shopper: Shopper, order_id: str) -> OrderView:
        visitor = self._visitors.of(shopper)
        if visitor.identity is None:
            return OrderView("?")
        known = self._views.get(order_id)
        if known is not None:
            return known
        try:
            order = self._checkout.cart.order(visitor.identity, order_id)
        except CommerceError:
            return OrderView("?")
        view = order_view(order)
        self._views[order_id] = view
        return view

    def _orders_written(self, order_ids: Collection[int]) -> None:
        """A commit wrote these orders: their kept views are out of date."""
        for order_id in order_ids:
            self._views.pop(str(order_id), None)
