"""What happens on the DOM's side while shoppers shop: restocking, outages, fulfillment, stock watching.

Each process talks to the DOM only through `DomControl`, the operator's view of it, so the same processes
drive the mock DOM over its admin API (live) or in process (fast).
"""

from __future__ import annotations

from typing import Any

from storefront_sim.monitor import Monitor
from storefront_sim.ports import DomControl
from storefront_sim.scenario import DomBehaviour

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
