"""What happens on the DOM's side while shoppers shop: restocking, outages, fulfillment, stock watching, and
the other channels (store tills, marketplace, call center) selling from the same stock.

Each process talks to the DOM only through `DomControl`, the operator's view of it, so the same processes
drive the mock DOM over its admin API (live) or in process (fast).
"""

from __future__ import annotations

import random
from typing import Any

from storefront_sim.catalog import ItemPicker, part_number
from storefront_sim.monitor import Monitor
from storefront_sim.ports import ONLINE, DomControl
from storefront_sim.scenario import DomBehaviour, OtherChannels, Scenario

Process = Any


def warehouse_restocker(env: Any, dom: DomControl, behaviour: DomBehaviour, monitor: Monitor) -> Process:
    """The warehouse restocks what sold: every interval, each item-location sold since the last round gets
    `replenish_quantity` more units when its on-hand fell below `replenish_below` (the DOM then pushes the
    new level to commerce with SyncInventoryAvailability)."""
    if behaviour.replenish_interval_s <= 0:
        return
    while True:
        yield env.timeout(behaviour.replenish_interval_s)
        for part, location in sorted(monitor.sold_since_restock):
            if dom.on_hand(part, location) < behaviour.replenish_below:
                dom.replenish(part, location, behaviour.replenish_quantity)
                monitor.restock(part, location, behaviour.replenish_quantity)
        monitor.sold_since_restock.clear()


def dom_outages(env: Any, dom: DomControl, behaviour: DomBehaviour, monitor: Monitor) -> Process:
    """The DOM becomes unreachable during each outage window and comes back at its end."""
    for start, duration in sorted(behaviour.outages):
        if start > env.now:
            yield env.timeout(start - env.now)
        dom.set_outage(True)
        monitor.outage(True)
        yield env.timeout(duration)
        dom.set_outage(False)
        monitor.outage(False)


def fulfillment_driver(env: Any, dom: DomControl, behaviour: DomBehaviour) -> Process:
    """DOM's order lifecycle moves on: every tick it allocates, ships and drains its queued status pushes."""
    while True:
        yield env.timeout(behaviour.tick_s)
        dom.tick()


def stock_watcher(env: Any, dom: DomControl, behaviour: DomBehaviour, monitor: Monitor) -> Process:
    """Samples the on-hand of the most-carted item-locations, for the stock plot and oversell check."""
    while True:
        yield env.timeout(behaviour.stock_sample_s)
        for part, location in monitor.busiest(behaviour.busiest_items):
            monitor.stock_sample(part, location, dom.on_hand(part, location))


def other_channel_sales(
    env: Any,
    dom: DomControl,
    channels: OtherChannels,
    picker: ItemPicker,
    rng: random.Random,
    monitor: Monitor,
) -> Process:
    """Other channels sell from DOM's stock, unseen by the commerce cache: a Poisson stream of sales, each
    at a store till (one of `stores`, equally likely) or an online order from the fulfillment centers, of one
    item picked by the catalogue's popularity. A sale takes what DOM can still promise; what it took counts as
    sold for the warehouse's next restocking round."""
    rate = channels.rate_per_min / 60.0
    if rate <= 0:
        return
    store_share = channels.store_sales_per_min / channels.rate_per_min
    quantities = range(1, len(channels.quantity_weights) + 1)
    while True:
        yield env.timeout(rng.expovariate(rate))
        at_store = rng.random() < store_share
        location = channels.stores[int(rng.random() * len(channels.stores))] if at_store else ONLINE
        part = part_number(picker.pick(rng))
        units = float(rng.choices(quantities, channels.quantity_weights)[0])
        taken = dom.withdraw(part, location, units)
        if taken > 0:
            monitor.other_channel_sale(part, location, taken)


def start_other_channels(
    env: Any, scenario: Scenario, dom: DomControl, monitor: Monitor, rng: random.Random
) -> None:
    """Turn DOM's availability pushes off when the scenario says so, and start the other channels' sales when
    it has any (a scenario without either changes nothing on the DOM)."""
    if not scenario.dom.availability_pushes:
        dom.set_availability_pushes(False)
    if scenario.other_channels.rate_per_min > 0:
        c = scenario.catalog
        picker = ItemPicker(c.first_sku, c.size, c.zipf_exponent, c.hot_skus, c.hot_share)
        env.process(other_channel_sales(env, dom, scenario.other_channels, picker, rng, monitor))
