"""The default seed and the JSON / CSV seed formats."""

from __future__ import annotations

import pytest

from bods.messages import InventoryStatus
from mock_dom.domain.inventory import availability_of
from mock_dom.seed import (
    SEED_DIR,
    SeedError,
    default_seed,
    load_seed,
    read_seed,
    resolve_date,
    write_seed,
)
from mock_dom.storage import Database

DAY = 86_400.0


@pytest.fixture(scope="module")
def seeded() -> Database:
    database = Database("sqlite://")
    database.create_schema()
    load_seed(database.uow, now=1_714_557_600.0)
    yield database
    database.dispose()


def online(database: Database, part: str):
    with database.uow(read_only=True) as uow:
        return availability_of(uow.stock.levels(part, ["10001", "10002"]))


def test_shipped_seed_files_match_the_generator() -> None:
    assert read_seed(SEED_DIR / "default_seed.json") == default_seed()
    assert read_seed(SEED_DIR / "default_seed.csv") == default_seed()


def test_default_seed_has_five_hundred_items_at_five_nodes(seeded) -> None:
    counts = seeded.row_counts()
    assert (counts["dom_items"], counts["dom_stock"], counts["dom_locations"]) == (500, 2500, 6)


def test_part_numbers_map_to_catalog_entries(seeded) -> None:
    with seeded.uow(read_only=True) as uow:
        assert uow.stock.item_by_catalog_entry_id("12345").part_number == "SKU-0345"


@pytest.mark.parametrize(
    ("part", "status"),
    [
        ("SKU-0001", InventoryStatus.AVAILABLE),
        ("SKU-0050", InventoryStatus.UNAVAILABLE),
        ("SKU-0025", InventoryStatus.BACKORDERABLE),
        ("SKU-0007", InventoryStatus.AVAILABLE),
    ],
)
def test_default_seed_has_varied_stock(seeded, part: str, status: InventoryStatus) -> None:
    assert online(seeded, part).status is status


def test_backorderable_items_are_due_a_week_after_loading(seeded) -> None:
    assert online(seeded, "SKU-0075").available_at == 1_714_557_600.0 + 7 * DAY


def test_low_stock_items_sit_around_the_monitor_threshold(seeded) -> None:
    assert 8 <= online(seeded, "SKU-0027").quantity <= 12


def test_the_monitor_starts_from_the_seeded_availability(seeded) -> None:
    with seeded.uow(read_only=True) as uow:
        mark = uow.stock.mark("SKU-0001", "10101")
    assert mark == online(seeded, "SKU-0001")


def test_a_csv_seed_round_trips(tmp_path) -> None:
    path = tmp_path / "s.csv"
    write_seed(default_seed(), path)
    assert read_seed(path) == default_seed()


def test_a_json_seed_without_locations_uses_the_default_topology(tmp_path) -> None:
    path = tmp_path / "s.json"
    path.write_text(
        '{"stock": [{"part_number": "P1", "catalog_entry_id": "1", "location": "20001", "on_hand": 2}]}'
    )
    database = Database("sqlite://")
    database.create_schema()
    assert load_seed(database.uow, path, now=0.0) == 1
    assert database.row_counts()["dom_locations"] == 6


def test_a_seed_row_at_the_online_store_is_refused(tmp_path) -> None:
    path = tmp_path / "s.csv"
    path.write_text(
        "part_number,catalog_entry_id,location,on_hand,future_quantity,future_date\nP,1,10101,1,0,\n"
    )
    database = Database("sqlite://")
    database.create_schema()
    with pytest.raises(SeedError):
        load_seed(database.uow, path, now=0.0)
    assert database.is_empty()


def test_an_unreadable_seed_names_the_file(tmp_path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("part_number,catalog_entry_id,location,on_hand\nP,1,10001,lots\n")
    with pytest.raises(SeedError, match="bad.csv"):
        read_seed(path)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("+7d", 100 + 7 * DAY), ("+2h", 100 + 7200), ("+90s", 190), ("1970-01-02", DAY), ("", None)],
)
def test_future_dates_are_relative_or_absolute(text: str, expected: float | None) -> None:
    assert resolve_date(text, 100.0) == expected
