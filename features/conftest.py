"""Fixtures and shared steps of the conformance suites.

Where the suites run (see features/README.md):

    pytest features                                   # both servers started here on free loopback ports
    pytest features --commerce-url http://127.0.0.1:8000 --dom-url http://127.0.0.1:8001   # your servers
    pytest features/dom_services --dom-url https://dom.example.test     # a real DOM's BOD conformance only

Scenarios that need the mock DOM's `/__admin` API (setting stock, faults, reading the journal) skip with a
reason against a DOM without it; the mock DOM is reset to its seed before every scenario when it has one.
Step functions are one-liners into `harness.drivers`; scenarios share state through `target_fixture`s.
"""

from __future__ import annotations

import os
import random
from collections.abc import Iterator

import pytest
from pytest_bdd import given, parsers, then

from features.support.items import Item, ItemKind, ItemPool
from features.support.target import Target, add_options, given_target, started_target
from harness.drivers import CommerceDriver, DomDriver
from harness.run import running_pair

SEED_ENV = "HARNESS_FEATURE_SEED"
MARKERS = {
    "availability": "inventory availability look-ups (cache or DOM)",
    "cache_rules": "the INVCNF cache rules",
    "cache_update": "inbound inventory cache update services",
    "checkout": "cart, precheckout, checkout, transfer and status updates",
    "dom_services": "BOD-level conformance of a DOM's endpoints",
    "dom_down": "behaviour while DOM does not answer",
    "mock_dom": "needs the mock DOM's /__admin API",
    "slow": "waits for background work (outbox, pushes)",
}


def pytest_addoption(parser: pytest.Parser) -> None:
    add_options(parser)


def pytest_configure(config: pytest.Config) -> None:
    for name, meaning in MARKERS.items():
        config.addinivalue_line("markers", f"{name}: {meaning}")
    config.stash[_SEED] = int(os.environ.get(SEED_ENV) or random.SystemRandom().randrange(10**6))


def pytest_report_header(config: pytest.Config) -> str:
    return f"conformance suites: item seed {config.stash[_SEED]} (set {SEED_ENV} to repeat)"


_SEED = pytest.StashKey[int]()


# --- where the servers are ----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def target(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Target]:
    """The servers named on the command line, or the mock DOM + commerce pair started for this session."""
    named = given_target(request.config)
    if named is not None:
        yield named
        return
    with running_pair(tmp_path_factory.mktemp("servers")) as pair:
        yield started_target(pair)


@pytest.fixture(scope="session")
def dom_has_admin(target: Target) -> bool:
    if target.dom_url is None:
        return False
    with DomDriver(target.dom_url) as probe:
        return probe.has_admin()


@pytest.fixture
def commerce(target: Target) -> Iterator[CommerceDriver]:
    if target.commerce_url is None:
        pytest.skip("no commerce server: give --commerce-url (or run without URLs to start one)")
    with CommerceDriver(target.commerce_url) as driver:
        yield driver


@pytest.fixture
def dom(target: Target) -> Iterator[DomDriver]:
    if target.dom_url is None:
        pytest.skip("no DOM: give --dom-url (or run without URLs to start the mock DOM)")
    with DomDriver(target.dom_url) as driver:
        yield driver


@pytest.fixture
def dom_admin(dom: DomDriver, dom_has_admin: bool) -> DomDriver:
    """The DOM, when it is the mock DOM (it has `/__admin`): scenarios that set stock or faults need it."""
    if not dom_has_admin:
        pytest.skip(
            f"the DOM at {dom.base_url} has no /__admin API (a real DOM?): this scenario needs the mock DOM"
        )
    return dom


@pytest.fixture(autouse=True)
def fresh_mock_dom(target: Target, dom_has_admin: bool) -> None:
    """Reset the mock DOM to its seed before each scenario (stock, orders, journal, fault rules)."""
    if target.dom_url and dom_has_admin:
        with DomDriver(target.dom_url) as driver:
            driver.reset()


@pytest.fixture(scope="session")
def items(request: pytest.FixtureRequest) -> ItemPool:
    return ItemPool(random.Random(request.config.stash[_SEED]))


# --- shared steps -------------------------------------------------------------------------------------------


@given("an item the commerce cache does not hold", target_fixture="item")
def _(items: ItemPool) -> Item:
    return items.take(ItemKind.PLENTIFUL)


@given(parsers.re(r"an? (?P<kind>plentiful|low|unavailable|backorderable) item"), target_fixture="item")
def _(items: ItemPool, kind: str) -> Item:
    return items.take(ItemKind(kind))


@given("an item the commerce server re-checks with DOM on every look-up", target_fixture="item")
def _(items: ItemPool) -> Item:
    return items.take(ItemKind.REALTIME)


@given("DOM keeps its availability changes to itself")
def _(target: Target, dom_has_admin: bool) -> None:
    """Hold the mock DOM's SyncInventoryAvailability pushes so they cannot race the scenario's own steps."""
    if not (target.dom_url and dom_has_admin):
        return  # another DOM's pushes are not ours to hold
    with DomDriver(target.dom_url) as held:
        held.add_fault(
            on="pushes",
            match={"operation": "SyncInventoryAvailability"},
            fault={"type": "delay", "seconds": 3600},
        )


@given(
    parsers.re(r"DOM holds (?P<quantity>\d+(?:\.\d+)?) units? of the item online"),
    converters={"quantity": float},
)
def _(dom_admin: DomDriver, item: Item, quantity: float) -> None:
    dom_admin.set_inventory(item.part_number, "10001", quantity)
    dom_admin.set_inventory(item.part_number, "10002", 0)


@given(
    parsers.re(r"DOM holds (?P<quantity>\d+(?:\.\d+)?) units? of the item at store (?P<store>\d+)"),
    converters={"quantity": float},
)
def _(dom_admin: DomDriver, item: Item, quantity: float, store: str) -> None:
    dom_admin.set_inventory(item.part_number, store, quantity)


@given("DOM stops answering")
def _(dom_admin: DomDriver) -> None:
    dom_admin.add_fault(match={}, fault={"type": "httpStatus", "status": 503})


@given("DOM answers again")
def _(dom_admin: DomDriver) -> None:
    dom_admin.clear_faults()


@then(
    parsers.re(r"DOM was asked for the availability of the item (?P<times>\d+) times?"),
    converters={"times": int},
)
def _(dom_admin: DomDriver, item: Item, times: int) -> None:
    assert dom_admin.count(bodType="GetInventoryAvailability", partNumber=item.part_number) == times
