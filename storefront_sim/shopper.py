"""The shopper: one guest's visit to the storefront, walked along the shared journey.

Each visit gets a guest identity, then moves from state to state of the journey: a search results page and
product pages (GetInventoryAvailability from cache or DOM), add to cart (ChangeOrder Create ->
CheckInventory), checkout (precheckout -> ReserveInventory, payment, Submit -> Transfer + DecrementCache) and
order status polls until DOM's SyncOrder marks the order shipped. What the shopper saw is remembered, so a
reservation that fails after the page showed Available counts as stale availability.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Generator
from dataclasses import dataclass, field
from typing import Any

from storefront_sim.catalog import PHYSICAL_STORES, ItemPicker, part_number
from storefront_sim.journeys import Action, Journey
from storefront_sim.monitor import Monitor, OrderOutcome, Sale, Shipment, Stage
from storefront_sim.ports import ALLOCATED, ONLINE, PrecheckoutResult, Shopper, Storefront
from storefront_sim.scenario import Session

Process = Generator[Any, Any, Any]


@dataclass(frozen=True)
class Habits:
    """What all shoppers of a run share: item popularity, session parameters, the stores they live near."""

    picker: ItemPicker
    session: Session
    review_order_s: float  # mean seconds between precheckout and submit
    stores: tuple[str, ...] = PHYSICAL_STORES


@dataclass
class Visit:
    """One shopper's session state: what was seen, what is in the cart, the order."""

    number: int
    shopper: Shopper
    home_store: str
    seen: dict[tuple[str, str], bool] = field(default_factory=dict)
    search_results: list[str] = field(default_factory=list)
    last_viewed: str | None = None
    cart: Counter[tuple[str, str]] = field(default_factory=Counter)
    order_id: str | None = None
    placed_at: float | None = None
    order_ended: bool = False


def shopper(
    env: Any,
    number: int,
    journey: Journey,
    storefront: Storefront,
    rng: random.Random,
    monitor: Monitor,
    habits: Habits,
) -> Process:
    """A guest shopper visits the store: browses, maybe buys, maybe follows the order until it ships."""
    visit = Visit(number, storefront.guest_identity(), rng.choice(habits.stores))
    monitor.stage(number, Stage.ARRIVED)
    state: str | None = journey.start
    for _ in range(journey.max_steps):
        if state is None:
            break
        step = journey.state(state)
        ok = yield from act(env, step.action, visit, storefront, rng, monitor, habits)
        if not ok:
            state = step.on_failure
            continue
        pause = journey.think_time(state, rng)
        if pause:
            yield env.timeout(pause)
        state = journey.next_state(state, rng)
    end_visit(visit, monitor)


def window_shopper(env: Any, number: int, journey: Journey, rng: random.Random, done: list[int]) -> Process:
    """The same walk and think times with no storefront at all: the bare baseline of the benchmark."""
    state: str | None = journey.start
    for _ in range(journey.max_steps):
        if state is None:
            break
        pause = journey.think_time(state, rng)
        if pause:
            yield env.timeout(pause)
        state = journey.next_state(state, rng)
    done.append(number)


def act(
    env: Any,
    action: Action,
    visit: Visit,
    storefront: Storefront,
    rng: random.Random,
    monitor: Monitor,
    habits: Habits,
) -> Process:
    """Perform one journey action; returns whether it succeeded."""
    if action is Action.CHECKOUT:
        return (yield from checkout(env, visit, storefront, rng, monitor, habits))
    if action is Action.TRACK_ORDER:
        return (yield from track_order(env, visit, storefront, monitor, habits.session))
    if action is Action.SEARCH:
        return search(visit, storefront, rng, monitor, habits)
    if action is Action.VIEW_PRODUCT:
        return view_product(visit, storefront, rng, monitor, habits)
    if action is Action.ADD_TO_CART:
        return add_to_cart(visit, storefront, rng, monitor, habits)
    return True


def search(
    visit: Visit, storefront: Storefront, rng: random.Random, monitor: Monitor, habits: Habits
) -> bool:
    """A search results page: online availability of a page of products in one request."""
    visit.search_results = habits.picker.pick_distinct(rng, habits.session.search_page_size)
    monitor.stage(visit.number, Stage.SEARCHED)
    remember(visit, monitor, storefront.inventory_availability(visit.search_results))
    return True


def view_product(
    visit: Visit, storefront: Storefront, rng: random.Random, monitor: Monitor, habits: Habits
) -> bool:
    """A product page: online availability, and the home store's when the shopper looks for pickup."""
    if visit.search_results:
        product = visit.search_results.pop(int(rng.random() * len(visit.search_results)))
    else:
        product = habits.picker.pick(rng)
    in_store = rng.random() < habits.session.instore_lookup_probability
    visit.last_viewed = product
    monitor.stage(visit.number, Stage.VIEWED_PRODUCT)
    remember(
        visit, monitor, storefront.inventory_availability([product], (visit.home_store,) if in_store else ())
    )
    return True


def remember(visit: Visit, monitor: Monitor, records: list[Any]) -> None:
    monitor.lookups_seen(records)
    for record in records:
        visit.seen[(record.product_id, record.location)] = record.available


def add_to_cart(
    visit: Visit, storefront: Storefront, rng: random.Random, monitor: Monitor, habits: Habits
) -> bool:
    """Add the product just viewed, for delivery or (if the home store has it) for pickup there."""
    product = visit.last_viewed
    if product is None:
        return False
    pickup = rng.random() < habits.session.pickup_share and visit.seen.get((product, visit.home_store), False)
    location = visit.home_store if pickup else ONLINE
    quantity = float(
        rng.choices(range(1, len(habits.session.quantity_weights) + 1), habits.session.quantity_weights)[0]
    )
    monitor.touch(part_number(product), location)
    result = storefront.add_to_cart(visit.shopper, product, quantity, visit.home_store if pickup else None)
    seen = visit.seen.get((product, location), False)
    monitor.reservation("add_to_cart", product, location, seen, result.ok, result.error_key)
    if result.ok:
        visit.cart[(product, location)] += quantity
        visit.order_id = result.order_id or visit.order_id
        monitor.stage(visit.number, Stage.ADDED_TO_CART)
    return result.ok


def checkout(
    env: Any, visit: Visit, storefront: Storefront, rng: random.Random, monitor: Monitor, habits: Habits
) -> Process:
    """Precheckout (inventory reserved), review, payment, submit: the order is placed or fails with a key."""
    monitor.stage(visit.number, Stage.CHECKOUT_STARTED)
    prepared = storefront.precheckout(visit.shopper)
    record_reservations(visit, prepared, monitor)
    if not prepared.ok:
        return order_failed(visit, monitor, prepared.order_id, "precheckout", prepared.error_key)
    if habits.review_order_s > 0:
        yield env.timeout(rng.expovariate(1.0 / habits.review_order_s))
    paid = storefront.add_payment(visit.shopper, habits.session.payment_method)
    if not paid.ok:
        return order_failed(visit, monitor, prepared.order_id, "payment", paid.error_key)
    submitted = storefront.checkout(visit.shopper)
    if not submitted.ok:
        return order_failed(
            visit, monitor, submitted.order_id or prepared.order_id, "checkout", submitted.error_key
        )
    order_placed(visit, monitor, submitted.order_id or prepared.order_id or visit.order_id, prepared)
    return True


def record_reservations(visit: Visit, prepared: PrecheckoutResult, monitor: Monitor) -> None:
    """One reservation record per cart line; reserved = precheckout passed and the line was allocated."""
    statuses = {item.product_id: item.status for item in prepared.item_statuses}
    for product, location in sorted(visit.cart):
        reserved = prepared.ok and statuses.get(product, ALLOCATED) == ALLOCATED
        seen = visit.seen.get((product, location), False)
        monitor.reservation("precheckout", product, location, seen, reserved, prepared.error_key)


def order_failed(
    visit: Visit, monitor: Monitor, order_id: str | None, step: str, error_key: str | None
) -> bool:
    visit.order_ended = True
    monitor.order(
        OrderOutcome(monitor.env.now, visit.number, order_id or visit.order_id, False, error_key, step)
    )
    monitor.stage(visit.number, Stage.ORDER_FAILED)
    return False


def order_placed(visit: Visit, monitor: Monitor, order_id: str | None, prepared: PrecheckoutResult) -> None:
    now = monitor.env.now
    visit.order_id, visit.placed_at, visit.order_ended = order_id, now, True
    monitor.order(OrderOutcome(now, visit.number, order_id, True, None, "done"))
    monitor.stage(visit.number, Stage.ORDER_PLACED)
    statuses = {item.product_id: item.status for item in prepared.item_statuses}
    for (product, location), quantity in sorted(visit.cart.items()):
        allocated = statuses.get(product, ALLOCATED) == ALLOCATED
        monitor.sale(Sale(now, order_id or "", part_number(product), location, quantity, allocated))


def track_order(
    env: Any, visit: Visit, storefront: Storefront, monitor: Monitor, session: Session
) -> Process:
    """The shopper checks the order page now and then until DOM's status update says it shipped."""
    if visit.order_id is None or visit.placed_at is None:
        return False
    polls = max(1, int(session.order_track_limit_s // session.order_poll_s))
    view = None
    for _ in range(polls):
        yield env.timeout(session.order_poll_s)
        view = storefront.order_status(visit.shopper, visit.order_id)
        if view.shipped:
            monitor.stage(visit.number, Stage.ORDER_SHIPPED)
            break
    if view is not None:
        monitor.shipment(
            Shipment(
                env.now, visit.order_id, visit.placed_at, view.shipped, view.status, view.transfer_status
            )
        )
    return True


def end_visit(visit: Visit, monitor: Monitor) -> None:
    if not visit.order_ended:
        monitor.stage(visit.number, Stage.ABANDONED_CART if visit.cart else Stage.LEFT_WITHOUT_CART)
    monitor.stage(visit.number, Stage.FINISHED)
