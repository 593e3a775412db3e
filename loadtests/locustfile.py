"""Load tests of the reference commerce server (or your own) behind the WCS REST storefront.

    locust -f loadtests/locustfile.py --headless -u 50 -r 50 -t 30s -H http://127.0.0.1:8000

`AvailabilityUser` hammers the availability hot path the way a catalogue does: popular items (Zipf over the
seed's 500 items, `storefront_sim.catalog.ItemPicker`) looked up one at a time, search pages of several
items, and product pages with the shopper's nearby stores; most answers come from the commerce cache.
`ShopperUser` walks the simulation's shopper journey (`storefront_sim.journeys`): arrive as a guest, search,
view products, add to cart (CheckInventory), proceed to checkout (ReserveInventory at DOM), pay, place the
order (transfer to DOM) and look at it. The run fails (exit code 1) above the failure ratio or p95 limits of
`loadtests.common.settings`; a host other than loopback is refused unless LOAD_ALLOW_REMOTE_HOST=1.
"""

from __future__ import annotations

import logging
import random
from typing import Any

from locust import between, events, task
from locust.env import Environment

from harness.drivers import routes
from loadtests.common.journey import journey_task_set
from loadtests.common.settings import LoadSettings, is_loopback
from loadtests.common.thresholds import verdict
from loadtests.common.users import Refused, StorefrontUser
from storefront_sim.catalog import PHYSICAL_STORES, ItemPicker
from storefront_sim.journeys import Action, shopper_journey
from storefront_sim.scenario import scenario_from_mapping

log = logging.getLogger(__name__)

SETTINGS = LoadSettings.from_env()
SCENARIO = scenario_from_mapping({}, default_name="load-test")
CATALOG = SCENARIO.catalog
PICKER = ItemPicker(
    CATALOG.first_sku, CATALOG.size, CATALOG.zipf_exponent, CATALOG.hot_skus, CATALOG.hot_share
)
PAGE_SIZE = SCENARIO.session.search_page_size
NOT_ORDERABLE = ("_ERR_PROD_NOT_ORDERABLE", "_ERR_INSUFFICIENT_INVENTORY")


class AvailabilityUser(StorefrontUser):
    """Catalogue traffic: availability look-ups of popular items, mostly served from the cache."""

    weight = 3
    wait_time = between(0.05, 0.25)

    def on_start(self) -> None:
        super().on_start()
        self.rng = random.Random()

    @task(6)
    def popular_item(self) -> None:
        self.send(routes.availability([PICKER.pick(self.rng)], store_id=SETTINGS.store_id))

    @task(2)
    def search_page(self) -> None:
        self.send(routes.availability(PICKER.pick_distinct(self.rng, PAGE_SIZE), store_id=SETTINGS.store_id))

    @task(2)
    def product_page_with_stores(self) -> None:
        stores = self.rng.sample(PHYSICAL_STORES, 2)
        call = routes.availability(
            [PICKER.pick(self.rng)], store_id=SETTINGS.store_id, physical_store_ids=stores
        )
        self.send(call)


class ShopperUser(StorefrontUser):
    """A shopper walking the simulation's journey; `perform` runs one action and tells whether it worked."""

    weight = 1
    tasks = [journey_task_set(shopper_journey(SCENARIO), SETTINGS.think_scale)]

    def on_start(self) -> None:
        super().on_start()
        self.rng = random.Random()
        self.product: str | None = None
        self.order_id: str | None = None

    def perform(self, action: Action) -> bool:
        try:
            return self._actions()[action]()
        except Refused:
            return False

    def _actions(self) -> dict[Action, Any]:
        return {
            Action.ARRIVE: self.arrive,
            Action.SEARCH: self.search,
            Action.VIEW_PRODUCT: self.view_product,
            Action.ADD_TO_CART: self.add_to_cart,
            Action.CHECKOUT: self.checkout,
            Action.TRACK_ORDER: self.track_order,
            Action.ABANDON_CART: lambda: True,
            Action.LEAVE: lambda: True,
        }

    def arrive(self) -> bool:
        self.sign_in_as_guest()
        self.product = self.order_id = None
        return True

    def search(self) -> bool:
        page = PICKER.pick_distinct(self.rng, PAGE_SIZE)
        self.send(routes.availability(page, store_id=SETTINGS.store_id))
        self.product = self.rng.choice(page)
        return True

    def view_product(self) -> bool:
        self.product = PICKER.pick(self.rng)
        home = (
            [self.rng.choice(PHYSICAL_STORES)]
            if self.rng.random() < SCENARIO.session.instore_lookup_probability
            else []
        )
        self.send(routes.availability([self.product], store_id=SETTINGS.store_id, physical_store_ids=home))
        return True

    def add_to_cart(self) -> bool:
        product = self.product or PICKER.pick(self.rng)
        body = self.send(routes.add_to_cart(product, 1, store_id=SETTINGS.store_id), tolerated=NOT_ORDERABLE)
        self.order_id = str((body or {}).get("orderId") or "") or None
        return self.order_id is not None

    def checkout(self) -> bool:
        if self.order_id is None:
            return False
        self.send(routes.precheckout(self.order_id, store_id=SETTINGS.store_id), tolerated=NOT_ORDERABLE)
        self.send(
            routes.add_payment(
                SCENARIO.session.payment_method, order_id=self.order_id, store_id=SETTINGS.store_id
            )
        )
        self.send(routes.checkout(self.order_id, store_id=SETTINGS.store_id), tolerated=NOT_ORDERABLE)
        return True

    def track_order(self) -> bool:
        if self.order_id is None:
            return False
        self.send(routes.order(self.order_id, store_id=SETTINGS.store_id))
        return True


@events.test_start.add_listener
def refuse_remote_hosts(environment: Environment, **_: Any) -> None:
    """Load only ever goes to loopback unless explicitly allowed (LOAD_ALLOW_REMOTE_HOST=1)."""
    if not SETTINGS.allow_remote_host and not is_loopback(environment.host):
        log.error(
            "refusing to load %s: only loopback hosts unless LOAD_ALLOW_REMOTE_HOST=1", environment.host
        )
        environment.process_exit_code = 2
        if environment.runner is not None:
            environment.runner.quit()


@events.quitting.add_listener
def apply_thresholds(environment: Environment, **_: Any) -> None:
    """Exit code 1 when the failure ratio or the 95th percentile breaks the limits (CI pass/fail)."""
    if environment.process_exit_code == 2:
        return
    total = environment.stats.total
    result = verdict(
        total.num_requests, total.fail_ratio, total.get_response_time_percentile(0.95) or 0.0, SETTINGS
    )
    for reason in result.reasons:
        log.error("load test failed: %s", reason)
    environment.process_exit_code = result.exit_code
