"""Fixtures for the mock DOM's domain, storage, services, pushes and BOD handler tests."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from mock_dom.clock import ManualClock
from mock_dom.domain.inventory import StockLevel
from mock_dom.domain.locations import Location, LocationKind, Topology
from mock_dom.services import DomService, DomSettings


def _load_support() -> None:
    """Make `dom_support` (test doubles and BOD factories next to this file) importable by the test modules
    whatever pytest's import mode: with `--import-mode=importlib` this directory is not on sys.path."""
    if "dom_support" in sys.modules:
        return
    spec = importlib.util.spec_from_file_location("dom_support", Path(__file__).with_name("dom_support.py"))
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["dom_support"] = module
    spec.loader.exec_module(module)


_load_support()

from dom_support import DAY, SMALL_SEED, Counter, InMemoryLedger, open_database  # noqa: E402


@pytest.fixture
def topology() -> Topology:
    return Topology(
        (
            Location("10101", LocationKind.ONLINE_STORE, "AuroraESite"),
            Location("10001", LocationKind.FULFILLMENT_CENTER, "FC-10001", "10101"),
            Location("10002", LocationKind.FULFILLMENT_CENTER, "FC-10002", "10101"),
            Location("20001", LocationKind.PHYSICAL_STORE, "Store-20001"),
            Location("20002", LocationKind.PHYSICAL_STORE, "Store-20002"),
        )
    )


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def ledger(clock: ManualClock) -> InMemoryLedger:
    soon = clock.now() + 7 * DAY
    return InMemoryLedger(
        [
            StockLevel("SKU-0001", "10001", on_hand=5),
            StockLevel("SKU-0001", "10002", on_hand=3),
            StockLevel("SKU-0001", "20001", on_hand=2),
            StockLevel("SKU-0025", "10001", future_quantity=10, future_date=soon),
            StockLevel("SKU-0025", "10002"),
            StockLevel("SKU-0050", "10001"),
            StockLevel("SKU-0050", "10002"),
        ]
    )


@pytest.fixture
def db(clock: ManualClock):
    """An in-memory database holding the small seed above."""
    database = open_database("sqlite://", SMALL_SEED, clock.now())
    yield database
    database.dispose()


@pytest.fixture
def file_db_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'dom.db'}"


SETTINGS = DomSettings(
    db_url="sqlite://",
    hold_time_s=900,
    schedule_delay_s=2,
    release_delay_s=3,
    ship_delay_s=5,
    backorder_recheck_s=7,
    monitor_threshold=10,
)


@pytest.fixture
def settings() -> DomSettings:
    return SETTINGS


@pytest.fixture
def service(db, clock, settings) -> DomService:
    return DomService(db, clock, settings, new_id=Counter())
