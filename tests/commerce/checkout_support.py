"""The checkout tests' world: the commerce app and a real mock DOM app wired to each other in process.

The commerce server reaches the mock DOM's BOD services through an httpx client over `httpx.WSGITransport`
(no sockets); the mock DOM's pushes (SyncOrder, SyncInventoryAvailability) reach the commerce server's
Flask-free BOD handlers through `InProcessPushTransport`. Both read one hand-moved clock. Tests drive the
storefront and DOM's admin API with the project's driver library (`CommerceDriver`, `DomDriver`), and move
the asynchronous parts on explicitly: `world.drain()` (the commerce worker's pass) and
`world.deliver_pushes()` (the mock DOM's push drain).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import httpx
import pytest
from flask import Flask

from harness.commerce.checkout_bootstrap import CheckoutServices
from harness.commerce.checkout_config import CheckoutSettings
from harness.commerce.config import CommerceConfig, DomClientSettings
from harness.commerce.services.transport import HttpTransport
from harness.commerce.web.app import create_app
from harness.drivers import CommerceDriver, DomDriver
from mock_dom.bootstrap import build
from mock_dom.clock import ManualClock
from mock_dom.config import MockDomConfig
from mock_dom.pushes import InProcessPushTransport
from mock_dom.web import create_app as create_dom_app

FAST_RETRIES = CheckoutSettings(retry_base_seconds=2.0, retry_max_seconds=60.0, lease_seconds=30.0)


@dataclass
class World:
    app: Flask
    dom_app: Flask
    shop: CommerceDriver
    dom: DomDriver
    clock: ManualClock
    checkout: CheckoutServices
    _clients: list[httpx.Client] = field(default_factory=list)

    def shopper(self, email: str | None = None) -> CommerceDriver:
        """Another storefront visitor with their own guest identity (same server)."""
        driver = CommerceDriver(self.shop.client)
        driver.guest_identity(email)
        return driver

    def drain(self) -> Any:
        """One pass of the commerce server's background worker."""
        return self.checkout.drain()

    def deliver_pushes(self) -> dict[str, Any]:
        """The mock DOM sends its queued pushes (SyncOrder ...) to the commerce server now."""
        return self.dom.drain_pushes()

    def buy(self, *lines: tuple[str, float], driver: CommerceDriver | None = None) -> str:
        """A shopper's whole visit up to a submitted order; returns the order id."""
        shop = driver or self.shop
        for product, quantity in lines:
            shop.add_to_cart(product, quantity).expect_ok("add to cart")
        shop.precheckout().expect_ok("precheckout")
        return str(shop.checkout().expect_ok("checkout").get("orderId"))

    def order(self, order_id: str, driver: CommerceDriver | None = None) -> dict[str, Any]:
        return dict((driver or self.shop).order(order_id).expect_ok("order").body)

    def close(self) -> None:
        for client in self._clients:
            client.close()
        self.app.extensions["commerce"].close()


def build_world(
    clock: ManualClock,
    *,
    checkout: CheckoutSettings = FAST_RETRIES,
    dom_config: Mapping[str, Any] | None = None,
    **commerce: Any,
) -> World:
    apps: list[Flask] = []

    def receive_push(service: str, body: bytes, headers: Mapping[str, str]) -> Any:
        handlers = apps[0].extensions
        handler = (
            handlers["commerce.order_services"]
            if service == "OrderServices"
            else handlers["commerce.inventory_services"]
        )
        return handler.handle(service, body, headers)

    settings = MockDomConfig(**{"db_url": "sqlite://", **(dom_config or {})})
    dom_core = build(settings.dom_settings(), clock=clock, transport=InProcessPushTransport(receive_push))
    dom_app = create_dom_app(dom_core, settings, sleep=lambda seconds: None)
    dom_client = httpx.Client(transport=httpx.WSGITransport(app=dom_app), base_url="http://dom.test")
    config = CommerceConfig(
        db_url=commerce.pop("db_url", "sqlite://"),
        dom_url="http://dom.test",
        dom=DomClientSettings(retries=0),
        checkout=checkout,
        **commerce,
    )
    app = create_app(
        config, dom_transport=HttpTransport("http://dom.test/dom/services", client=dom_client), clock=clock
    )
    apps.append(app)
    shop_client = httpx.Client(transport=httpx.WSGITransport(app=app), base_url="http://commerce.test")
    shop = CommerceDriver(shop_client)
    shop.guest_identity()
    world = World(app, dom_app, shop, DomDriver(dom_client), clock, app.extensions["commerce.checkout"])
    world._clients += [dom_client, shop_client]
    return world


@pytest.fixture
def world(clock: ManualClock) -> Iterator[World]:
    built = build_world(clock)
    yield built
    built.close()


@pytest.fixture
def threaded_world(clock: ManualClock, tmp_path: Any) -> Iterator[World]:
    """A world on SQLite files (WAL), for tests where threads really run side by side."""
    built = build_world(
        clock,
        db_url=f"sqlite:///{tmp_path}/commerce.db",
        dom_config={"db_url": f"sqlite:///{tmp_path}/dom.db"},
    )
    yield built
    built.close()


@pytest.fixture
def make_world(clock: ManualClock) -> Iterator[Callable[..., World]]:
    """Build worlds with other checkout settings: `make_world(decline_ratio=1.0)`, `make_world(smtp=...)`."""
    built: list[World] = []

    def make(*, ws: tuple[str, str] | None = None, **checkout: Any) -> World:
        credentials = {"ws_username": ws[0], "ws_password": ws[1]} if ws else {}
        world = build_world(clock, checkout=replace(FAST_RETRIES, **checkout), **credentials)
        built.append(world)
        return world

    yield make
    for world in built:
        world.close()
