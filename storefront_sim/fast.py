"""Fast mode: the real commerce and mock DOM services in this process, on simulated time, through the codec.

`open_dom` builds both sides (the storefront needs the same DOM, and the DOM's pushes need the commerce
handlers): the mock DOM core (`mock_dom.bootstrap.build`) and the commerce services (`bootstrap` +
`build_checkout`), each on in-memory SQLite, both reading one `SimClock` over env.now (cache expiry,
reservation holds, fulfillment delays, push and transfer backoff all run on simulated time). The two sides
talk only through `inprocess.DomLink` / `CommerceLink`: every exchange is rendered, parsed and validated by
`bods` exactly as on the wire, and logged as a `CapturedBod`.

The storefront calls the commerce services directly (the same calls the Flask views make, without Flask):
guest identity, availability, ChangeOrder Create with CheckInventory, Prepare (ReserveInventory), payment,
Submit (the transfer is sent at once, as the woken outbox worker does), order view. Each DOM `tick` steps the
mock DOM's timers, drains its push outbox into the commerce handlers, then drains the commerce outbox
(transfer retries, DecrementCache, mail), at the simulated times the model asks for.

Nothing here reads the wall clock or a random source that decides anything, so a seed gives the same KPIs.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from harness.commerce.bootstrap import CommerceServices, bootstrap
from harness.commerce.checkout_bootstrap import CheckoutServices, build_checkout
from harness.commerce.config import CommerceConfig
from harness.commerce.domain.errors import CommerceError
from harness.commerce.web.bod_handler import InventoryServicesHandler
from harness.commerce.web.order_services import OrderServicesHandler
from mock_dom.bootstrap import Dom, build
from mock_dom.pushes import PushFacts, PushFault, PushFaultKind
from mock_dom.services import DomSettings
from storefront_sim.adapter_common import QuietLoggers, restock_location, stock_locations, withdrawal
from storefront_sim.fast_storefront import FastStorefront
from storefront_sim.inprocess import BodLog, CommerceLink, DomLink
from storefront_sim.ports import CapturedBod, SimClock
from storefront_sim.scenario import Scenario
from storefront_sim.server_settings import apply_cache_settings, lifecycle_delays

MEMORY_DB = "sqlite://"
AVAILABILITY_PUSH = "SyncInventoryAvailability"
SERVER_LOGGERS = ("harness.commerce", "mock_dom")  # in process, their warnings are the run's weather


def drop_availability_pushes(facts: PushFacts) -> PushFault | None:
    """The push decision while DOM's availability pushes are off."""
    return PushFault(PushFaultKind.DROP) if facts.bod_type == AVAILABILITY_PUSH else None


def _no_sleep(seconds: float) -> None:
    """Retry backoff of the commerce DOM client: simulated time does not pass inside a call."""


@dataclass
class FastWorld:
    """Both servers' services in this process and the links between them."""

    scenario: Scenario
    clock: SimClock
    log: BodLog
    dom: Dom
    to_dom: DomLink
    to_commerce: CommerceLink
    commerce: CommerceServices
    checkout: CheckoutServices
    quiet: QuietLoggers

    def close(self) -> None:
        try:
            self.commerce.close()
            self.dom.close()
        finally:
            self.quiet.restore()


def build_dom(scenario: Scenario, clock: SimClock, to_commerce: CommerceLink) -> Dom:
    delays = lifecycle_delays(scenario)
    settings = DomSettings(
        db_url=MEMORY_DB,
        schedule_delay_s=delays.schedule_s,
        release_delay_s=delays.release_s,
        ship_delay_s=delays.ship_s,
    )
    return build(settings, clock=clock, transport=to_commerce)


def build_commerce(scenario: Scenario, clock: SimClock, to_dom: DomLink) -> CommerceServices:
    services = bootstrap(CommerceConfig(db_url=MEMORY_DB), dom_transport=to_dom, clock=clock)
    if hasattr(services.dom_transport, "_sleep"):
        services.dom_transport._sleep = _no_sleep  # no wall-clock pause between retries (see _no_sleep)
    if apply_cache_settings(services.engine, scenario):
        services.reload_configurations()
    return services


def build_world(scenario: Scenario, env: Any) -> FastWorld:
    quiet = QuietLoggers(SERVER_LOGGERS, logging.ERROR)
    try:
        return _wire(scenario, env, quiet)
    except BaseException:
        quiet.restore()
        raise


def _wire(scenario: Scenario, env: Any, quiet: QuietLoggers) -> FastWorld:
    clock = SimClock(env, scenario.epoch)
    log = BodLog(env)
    to_commerce = CommerceLink(log)
    dom = build_dom(scenario, clock, to_commerce)
    dom.outbox.read_reply = to_commerce.read_answer  # the link has read each answer for its log already
    to_dom = DomLink(dom.handle, log, latency_s=scenario.dom.latency_s)
    commerce = build_commerce(scenario, clock, to_dom)
    checkout = build_checkout(commerce)
    to_commerce.handlers = {
        "InventoryServices": InventoryServicesHandler(commerce.balance, clock).handle,
        "OrderServices": OrderServicesHandler(checkout.order_status).handle,
    }
    checkout.checkout.after_submit.append(checkout.drain)  # the woken worker sends the transfer right away
    return FastWorld(scenario, clock, log, dom, to_dom, to_commerce, commerce, checkout, quiet)


class FastDom:
    """DomControl over the in-process mock DOM."""

    def __init__(self, world: FastWorld) -> None:
        self.world = world

    def replenish(self, part_number: str, location: str, quantity: float) -> None:
        self.world.dom.service.replenish(part_number, restock_location(location), quantity)

    def withdraw(self, part_number: str, location: str, quantity: float) -> float:
        """Another channel sells: on hand goes down where DOM can still promise units (the monitor runs)."""
        service = self.world.dom.service
        available = {row["location_id"]: row["available"] for row in service.list_inventory(part_number)}
        plan = withdrawal(available, location, quantity)
        for place, units in plan:
            service.adjust_inventory(part_number, place, -units)
        return sum(units for _, units in plan)

    def set_availability_pushes(self, on: bool) -> None:
        """Off: every SyncInventoryAvailability push is dropped before it is sent, as the live adapter's push
        fault rule drops it (order status pushes go on)."""
        self.world.dom.outbox.decide = None if on else drop_availability_pushes

    def set_outage(self, down: bool) -> None:
        self.world.to_dom.down = down

    def set_latency(self, seconds: float) -> None:
        self.world.to_dom.latency_s = seconds

    def tick(self) -> None:
        """DOM timers (reservation expiry, supply, lifecycle), its pushes, then the commerce outbox."""
        self.world.dom.tick()
        self.world.dom.drain()
        with contextlib.suppress(CommerceError):  # a failed pass is retried at the next tick
            self.world.checkout.drain()

    def on_hand(self, part_number: str, location: str) -> float:
        """Units DOM can still promise there (on hand minus what reservations and orders hold)."""
        places = stock_locations(location)
        rows = self.world.dom.service.list_inventory(part_number)
        return float(sum(row["available"] for row in rows if row["location_id"] in places))

    def captured_bods(self) -> list[CapturedBod]:
        return list(self.world.log.bods)

    def journal_gaps(self) -> list[str]:
        """Nothing to compare: in process, every BOD is captured once, where it is encoded."""
        return []

    def close(self) -> None:
        self.world.close()


def open_dom(scenario: Scenario, env: Any) -> FastDom:
    return FastDom(build_world(scenario, env))


def open_storefront(scenario: Scenario, env: Any, dom: Any) -> FastStorefront:
    if not isinstance(dom, FastDom):
        raise TypeError("the fast storefront needs the fast DOM (open_dom of this module)")
    return FastStorefront(dom.world.commerce, dom.world.checkout)


__all__: Sequence[str] = (
    "FastDom",
    "FastStorefront",
    "FastWorld",
    "build_world",
    "open_dom",
    "open_storefront",
)
