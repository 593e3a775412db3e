"""Admin use cases: stock changes, the inventory monitor's pushes, views, seed and reset."""

from __future__ import annotations

import pytest
from dom_support import requirement, transfer

from bods.messages import RequirementAction
from mock_dom.domain.errors import DomError, InvalidQuantity, UnknownItem, UnknownLocation
from mock_dom.services import DomService, DomSettings
from mock_dom.storage import Database

RESERVE = RequirementAction.RESERVE


def stock_pushes(service) -> list[tuple[str, str, str, float]]:
    return [
        (p["event"]["part_number"], p["event"]["location_id"], p["event"]["status"], p["event"]["quantity"])
        for p in service.list_pushes()
        if p["bod_type"] == "SyncInventoryAvailability"
    ]


def test_set_inventory_overwrites_the_named_figures_only(service) -> None:
    row = service.set_inventory("SKU-0001", "10001", on_hand=20)
    assert (row["on_hand"], row["future_quantity"]) == (20, 0)
    row = service.set_inventory("SKU-0001", "10001", future_quantity=5, future_date="+1d")
    assert (row["on_hand"], row["future_quantity"], row["future_date"]) == (20, 5, "2024-05-02T10:00:00.000Z")


def test_set_inventory_can_add_an_item_to_the_catalog(service) -> None:
    service.set_inventory("SKU-0777", "20002", on_hand=3, catalog_entry_id="12777")
    assert service.get_inventory("SKU-0777")["catalog_entry_id"] == "12777"


@pytest.mark.parametrize(
    ("part", "location", "figures", "error"),
    [
        ("SKU-9999", "10001", {"on_hand": 1}, UnknownItem),
        ("SKU-0001", "10101", {"on_hand": 1}, UnknownLocation),
        ("SKU-0001", "10001", {"on_hand": -1}, InvalidQuantity),
        ("SKU-0001", "10001", {"on_hand": "many"}, InvalidQuantity),
        ("SKU-0001", "10001", {"future_date": "soon"}, InvalidQuantity),
    ],
)
def test_set_inventory_refuses_bad_input(service, part, location, figures, error) -> None:
    with pytest.raises(error):
        service.set_inventory(part, location, **figures)


def test_adjust_never_goes_below_zero(service) -> None:
    assert service.adjust_inventory("SKU-0001", "10001", -50)["on_hand"] == 0


def test_replenish_adds_on_hand_or_receives_the_future_supply(service) -> None:
    assert service.replenish("SKU-0001", "10001", 5)["on_hand"] == 10
    row = service.replenish("SKU-0025", "10001")
    assert (row["on_hand"], row["future_quantity"], row["future_date"]) == (10, 0, None)


def test_get_inventory_shows_nodes_and_reported_availability(service) -> None:
    found = service.get_inventory("SKU-0025")
    assert [a["status"] for a in found["availability"]] == [
        "Backorderable",
        "Unavailable",
        "Unavailable",
        "Unavailable",
    ]
    assert len(found["stock"]) == 2


def test_falling_below_the_threshold_queues_an_availability_push(service) -> None:
    service.process_inventory_requirement(requirement(RESERVE, ("1", "12007", 2)))
    assert stock_pushes(service) == [("SKU-0007", "10101", "Available", 9.0)]


def test_staying_above_the_threshold_is_quiet(service) -> None:
    service.adjust_inventory("SKU-0001", "10001", 100)
    service.adjust_inventory("SKU-0001", "10001", -1)
    assert stock_pushes(service) == [("SKU-0001", "10101", "Available", 108.0)]


def test_selling_out_a_physical_store_is_pushed_for_that_store(service) -> None:
    service.process_inventory_requirement(requirement(RESERVE, ("1", "12001", 2, "20001")))
    assert stock_pushes(service) == [("SKU-0001", "20001", "Unavailable", 0.0)]


def test_the_monitor_compares_with_the_last_push_not_the_last_change(db, clock) -> None:
    service = DomService(db, clock, DomSettings(monitor_threshold=0, monitor_min_change=3))
    for _ in range(3):
        service.adjust_inventory("SKU-0001", "10001", -1)
    assert stock_pushes(service) == [("SKU-0001", "10101", "Available", 5.0)]


def test_a_disabled_monitor_queues_nothing(db, clock) -> None:
    service = DomService(db, clock, DomSettings(monitor_enabled=False))
    service.set_inventory("SKU-0007", "10001", on_hand=0)
    assert service.list_pushes() == []


def test_replaying_failed_pushes_and_filtering_by_status(service) -> None:
    service.set_inventory("SKU-0007", "10001", on_hand=0)
    assert len(service.list_pushes(status="pending")) == 1
    assert service.replay_pushes() == 0
    with pytest.raises(DomError):
        service.list_pushes(status="lost")


def test_reset_goes_back_to_the_seed(service, tmp_path) -> None:
    service.process_order(transfer(("1", "12001", 2)))
    assert service.reset() == 2500
    assert service.list_orders() == []
    assert service.stats()["items"] == 500


def test_the_seed_is_loaded_only_into_an_empty_database(clock) -> None:
    database = Database("sqlite://")
    database.create_schema()
    service = DomService(database, clock, DomSettings())
    assert service.load_seed_if_empty()
    assert not service.load_seed_if_empty()
    assert service.stats()["stock_rows"] == 2500
