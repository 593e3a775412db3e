"""The Order component's ChangeOrder for the shopping cart (flow scenario 2, step 1): Create adds items with
their fulfillment option (ship, or in-store pickup at a physical store), Update changes quantities (0 removes
the line); plus reading the cart and the shopper's orders.

Every added or increased line is checked first (CheckInventory, see `inventory_check`); a line that fails
the check refuses the whole request and changes nothing. A cart belongs to the member that created it:
another member's order is refused with `_ERR_USER_AUTHORITY`. Adding the same item with the same
fulfillment option again increases the existing line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from sqlalchemy import Connection

from harness.commerce.domain.catalog import Catalog, OnlineStore
from harness.commerce.domain.errors import InvalidParameter, MissingParameter
from harness.commerce.domain.order_errors import (
    ConcurrentUpdate,
    NotAuthorized,
    OrderNotFound,
)
from harness.commerce.domain.orders import ItemInventoryStatus, Order, OrderItem, OrderStatus, list_price
from harness.commerce.services.inventory_check import CheckLine, CheckResult, InventoryCheck
from harness.commerce.storage.keys import next_id
from harness.commerce.storage.shoppers import Shopper
from harness.commerce.storage.unit_of_work import UnitOfWorkFactory
from mock_dom.clock import Clock

T = TypeVar("T")
ATTEMPTS = 3


@dataclass(frozen=True)
class CartLine:
    """One `orderItem` of `POST /cart`: the item by productId (catalog entry id) or partNumber."""

    quantity: str | float
    product_id: str | None = None
    part_number: str | None = None
    physical_store_id: str | None = None


def owned(order: Order | None, shopper: Shopper, order_id: object) -> Order:
    """The order if it is the shopper's; OrderNotFound / NotAuthorized otherwise."""
    if order is None:
        raise OrderNotFound(f'The order "{order_id}" does not exist.', str(order_id))
    if order.member_id != shopper.user_id:
        raise NotAuthorized(f'The order "{order_id}" belongs to another shopper.', str(order_id))
    return order


def retrying(action: Callable[[], T], attempts: int = ATTEMPTS) -> T:
    """Run `action` again when it lost an optimistic-concurrency race (a bounded number of times)."""
    for attempt in range(attempts):
        try:
            return action()
        except ConcurrentUpdate:
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


class CartService:
    def __init__(
        self,
        *,
        uow_factory: UnitOfWorkFactory,
        catalog: Catalog,
        inventory: InventoryCheck,
        clock: Clock,
        currency: str = "USD",
    ) -> None:
        self._uow_factory = uow_factory
        self._catalog = catalog
        self._inventory = inventory
        self._clock = clock
        self._currency = currency

    # -- reading ---------------------------------------------------------------------------------------------

    def store(self, store_id: int) -> OnlineStore:
        """The online store, or the documented UnknownStore error."""
        return self._catalog.store(store_id)

    def current(self, shopper: Shopper, store_id: int) -> Order:
        self._catalog.store(store_id)
        with self._uow_factory() as uow:
            cart = uow.orders.cart_of(shopper.user_id, store_id)
        if cart is None:
            raise OrderNotFound("The shopper has no current shopping cart.", "@self")
        return cart

    def order(self, shopper: Shopper, order_id: str) -> Order:
        number = _number("orderId", order_id)
        with self._uow_factory() as uow:
            return owned(uow.orders.get(number), shopper, order_id)

    def history(self, shopper: Shopper, store_id: int) -> list[Order]:
        self._catalog.store(store_id)
        with self._uow_factory() as uow:
            return uow.orders.history(shopper.user_id, store_id)

    # -- ChangeOrder Create ----------------------------------------------------------------------------------

    def add(
        self, shopper: Shopper, store_id: int, lines: Sequence[CartLine]
    ) -> tuple[Order, tuple[int, ...]]:
        """Add the lines; returns the cart and the order item id of each line, in request order."""
        self._catalog.store(store_id)
        if not lines:
            raise MissingParameter.named("orderItem")
        wanted = [self._resolve(line, i) for i, line in enumerate(lines, start=1)]
        return retrying(lambda: self._add(shopper, store_id, wanted))

    def _add(self, shopper: Shopper, store_id: int, wanted: list[CheckLine]) -> tuple[Order, tuple[int, ...]]:
        with self._uow_factory() as uow:
            cart = uow.orders.cart_of(shopper.user_id, store_id)
        totals = _merged(cart.items if cart else (), wanted)
        results = {
            (r.line.catentry_id, r.line.physical_store_id): r for r in self._check_all(store_id, totals)
        }
        now = self._clock.now()
        with self._uow_factory() as uow:
            fresh = cart is None
            if fresh:
                order_id = next_id(uow.connection, "ORDERS")
                cart = Order(
                    order_id, store_id, shopper.user_id, OrderStatus.PENDING, currency=self._currency
                )
            items = list(cart.items)
            touched: list[int] = []
            for line in wanted:
                key = (line.catentry_id, line.physical_store_id)
                index = next(
                    (i for i, it in enumerate(items) if (it.catentry_id, it.physical_store_id) == key), None
                )
                if index is None:
                    items.append(self._new_item(uow.connection, store_id, line, results[key]))
                    touched.append(items[-1].order_item_id)
                else:
                    items[index] = _refreshed(
                        replace(items[index], quantity=items[index].quantity + line.quantity), results[key]
                    )
                    touched.append(items[index].order_item_id)
            changed = replace(cart, items=tuple(items), last_update=now)
            if fresh:
                uow.orders.add(changed)
            else:
                changed = uow.orders.save(changed, read=cart)
            uow.commit()
        return changed, tuple(touched)

    def _new_item(
        self, session: Connection, store_id: int, line: CheckLine, result: CheckResult
    ) -> OrderItem:
        center = self._catalog.store(store_id).fulfillment_center_id
        item = OrderItem(
            order_item_id=next_id(session, "ORDERITEMS"),
            catentry_id=line.catentry_id,
            part_number=self._catalog.entry(line.catentry_id).part_number,
            quantity=line.quantity,
            unit_price=list_price(line.catentry_id),
            physical_store_id=line.physical_store_id,
            fulfillment_center_id=None if line.physical_store_id else center,
        )
        return _refreshed(item, result)

    # -- ChangeOrder Update ----------------------------------------------------------------------------------

    def update(self, shopper: Shopper, store_id: int, changes: Sequence[tuple[str, str]]) -> Order:
        """`(orderItemId, quantity)` pairs; quantity 0 removes the line."""
        if not changes:
            raise MissingParameter.named("orderItem")
        parsed = [
            (_number("orderItemId", item_id), _quantity(quantity, allow_zero=True))
            for item_id, quantity in changes
        ]
        return retrying(lambda: self._update(shopper, store_id, parsed))

    def _update(self, shopper: Shopper, store_id: int, changes: list[tuple[int, float]]) -> Order:
        cart = self.current(shopper, store_id)
        new_quantity = dict(changes)
        for item_id in new_quantity:
            if cart.item(item_id) is None:
                raise InvalidParameter.named("orderItemId", item_id)
        kept = [replace(i, quantity=new_quantity.get(i.order_item_id, i.quantity)) for i in cart.items]
        kept = [i for i in kept if i.quantity > 0]
        grown = [
            CheckLine(i.catentry_id, i.quantity, i.physical_store_id)
            for i in kept
            if i.quantity > (cart.item(i.order_item_id).quantity if cart.item(i.order_item_id) else 0)
        ]
        results = {
            (r.line.catentry_id, r.line.physical_store_id): r for r in self._check_all(store_id, grown)
        }
        items = tuple(
            _refreshed(i, results[(i.catentry_id, i.physical_store_id)])
            if (i.catentry_id, i.physical_store_id) in results
            else i
            for i in kept
        )
        with self._uow_factory() as uow:
            saved = uow.orders.save(replace(cart, items=items, last_update=self._clock.now()), read=cart)
            uow.commit()
        return saved

    # -- helpers ---------------------------------------------------------------------------------------------

    def _check_all(self, store_id: int, lines: Sequence[CheckLine]) -> list[CheckResult]:
        return [self._inventory.check(store_id, line) for line in lines]

    def _resolve(self, line: CartLine, position: int) -> CheckLine:
        if line.product_id:
            catentry = self._catalog.entry(_number("productId", line.product_id)).catentry_id
        elif line.part_number:
            catentry = self._catalog.entry_by_part_number(line.part_number).catentry_id
        else:
            raise MissingParameter.named(f"orderItem[{position}].productId")
        stloc = None
        if line.physical_store_id:
            stloc = self._catalog.physical_store(_number("physicalStoreId", line.physical_store_id)).stloc_id
        return CheckLine(catentry, _quantity(line.quantity), stloc)


def _merged(items: Sequence[OrderItem], wanted: Sequence[CheckLine]) -> list[CheckLine]:
    """The quantity the cart would hold per item and location once the wanted lines are added."""
    totals: dict[tuple[int, int | None], float] = {}
    for line in wanted:
        key = (line.catentry_id, line.physical_store_id)
        totals[key] = totals.get(key, 0.0) + line.quantity
    for item in items:
        key = (item.catentry_id, item.physical_store_id)
        if key in totals:
            totals[key] += item.quantity
    return [CheckLine(catentry, quantity, stloc) for (catentry, stloc), quantity in totals.items()]


def _refreshed(item: OrderItem, result: CheckResult) -> OrderItem:
    """A changed line is no longer reserved: its inventory status goes back to not allocated."""
    return replace(
        item, inventory_status=ItemInventoryStatus.NOT_ALLOCATED, estimated_available=result.available_at
    )


def _number(parameter: str, value: object) -> int:
    text = str(value).strip() if value is not None else ""
    if not text.isdigit():
        raise InvalidParameter.named(parameter, value)
    return int(text)


def _quantity(value: object, *, allow_zero: bool = False) -> float:
    try:
        quantity = float(str(value))
    except ValueError as exc:
        raise InvalidParameter.named("quantity", value) from exc
    if quantity != quantity or quantity < 0 or (quantity == 0 and not allow_zero) or quantity > 1_000_000:
        raise InvalidParameter.named("quantity", value)
    return quantity
