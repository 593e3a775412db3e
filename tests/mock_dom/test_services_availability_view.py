"""The stock view: availability answered from memory equals what the database says, whatever happened before,
and the view is off when several worker processes share the database."""

from __future__ import annotations

import contextlib
import random
import threading

import pytest
from dom_support import Counter, availability_request, cancel_request, requirement, transfer

from bods.messages import RequirementAction
from mock_dom.bootstrap import build
from mock_dom.clock import ManualClock
from mock_dom.domain.errors import DomError, UnknownItem, UnknownLocation
from mock_dom.domain.inventory import Item, StockLevel
from mock_dom.domain.timefmt import iso_datetime
from mock_dom.seed import DEFAULT_LOCATIONS, Seed, SeedRow, write_seed
from mock_dom.services import DomService, DomSettings
from mock_dom.storage import Database
from mock_dom.storage.stock_view import PartStock, StockView

RESERVE, CANCEL, CHECK = (
    RequirementAction.RESERVE,
    RequirementAction.CANCEL_RESERVATION,
    RequirementAction.CHECK,
)
PARTS = [(f"SKU-{n:04d}", str(12000 + n)) for n in range(1, 7)]
NODES = ("10001", "10002", "20001", "20002", "20003")
STORES = ("20001", "20002", "20003")


def small_seed(rng: random.Random) -> Seed:
    """Six items with a little stock everywhere; half of them also expect supply in the coming hours."""
    rows = []
    for index, (part, entry) in enumerate(PARTS):
        for node in NODES:
            expects = index % 2 == 1 and node == "10001"
            future, date = (rng.randint(1, 6), f"+{rng.randint(1, 5)}h") if expects else (0, None)
            rows.append(SeedRow(part, entry, node, float(rng.randint(0, 4)), float(future), date))
    return Seed(DEFAULT_LOCATIONS, tuple(rows))


@pytest.fixture
def seed_file(tmp_path):
    path = tmp_path / "seed.json"
    write_seed(small_seed(random.Random(7)), path)
    return path


@pytest.fixture
def shared(tmp_path, seed_file, clock):
    """One database file, one service reading through the view and one reading the database directly."""
    database = Database(f"sqlite:///{tmp_path / 'dom.db'}")
    database.create_schema()
    settings = DomSettings(db_url=database.url, seed_path=seed_file, ship_delay_s=4, backorder_recheck_s=3)
    viewing = DomService(database, clock, settings, new_id=Counter())
    direct = DomService(database, clock, DomSettings(db_url=database.url, stock_view=False), new_id=Counter())
    viewing.load_seed()
    yield viewing, direct
    database.dispose()


def everything(service: DomService):
    """Every item at the online store and at every physical store, as GetInventoryAvailability answers."""
    query = availability_request(
        part_numbers=tuple(part for part, _ in PARTS), online_store_id="10101", physical_store_ids=STORES
    )
    return service.get_inventory_availability(query).records


def random_step(rng: random.Random, service: DomService, clock: ManualClock, orders: list[str]) -> None:
    """One stock-changing operation of any kind the mock DOM offers, with random arguments."""
    part, entry = rng.choice(PARTS)
    order_id = str(50000 + rng.randint(1, 8))
    line = ("7" + order_id, entry, float(rng.randint(1, 6)))
    kind = rng.randrange(12)
    if kind <= 2:
        pickup = (rng.choice(STORES),) if rng.random() < 0.3 else ()
        service.process_inventory_requirement(requirement(RESERVE, line + pickup, order_id=order_id))
    elif kind == 3:
        service.process_inventory_requirement(requirement(CANCEL, order_id=order_id))
    elif kind == 4:
        service.process_order(transfer(line, order_id=order_id))
        orders.append(order_id)
    elif kind == 5 and orders:
        service.process_order(cancel_request(rng.choice(orders)))
    elif kind == 6 and orders:
        target = rng.choice(orders)
        (service.ship_order if rng.random() < 0.5 else service.advance_order)(target)
    elif kind == 7:
        service.set_inventory(part, rng.choice(NODES), on_hand=float(rng.randint(0, 5)))
    elif kind == 8:
        service.adjust_inventory(part, rng.choice(NODES), float(rng.randint(-3, 3)))
    elif kind == 9:
        quantity = None if rng.random() < 0.5 else float(rng.randint(1, 4))
        service.replenish(part, "10001", quantity)
    elif kind == 10:
        clock.advance(rng.choice((60.0, 900.0, 3600.0)))
        service.tick()
    elif rng.random() < 0.2:
        service.reset()
        orders.clear()


def test_the_view_answers_what_the_database_says_after_random_operations(shared, clock) -> None:
    viewing, direct = shared
    rng = random.Random(20240501)
    orders: list[str] = []
    for step in range(250):
        with contextlib.suppress(DomError):  # refusals (unknown order after a reset ...) change nothing
            random_step(rng, viewing, clock, orders)
        assert everything(viewing) == everything(direct), f"differs after step {step}"
    assert viewing._ctx.view is not None  # the comparison really was view against database


def test_the_view_keeps_levels_equal_to_the_stock_rows(shared, clock) -> None:
    viewing, _ = shared
    rng = random.Random(11)
    orders: list[str] = []
    for _ in range(120):
        with contextlib.suppress(DomError):
            random_step(rng, viewing, clock, orders)
        everything(viewing)  # fill the view
    view = viewing._ctx.database.view
    with viewing._ctx.uow(read_only=True) as uow:
        for part, _ in PARTS:
            assert view.part(part).levels == uow.stock.part_levels(part)


def test_one_parts_stock_listing_from_the_view_equals_the_database_listing(shared, clock) -> None:
    viewing, direct = shared
    rng = random.Random(5)
    orders: list[str] = []
    for _ in range(60):
        with contextlib.suppress(DomError):
            random_step(rng, viewing, clock, orders)
        for part, _ in PARTS + [("SKU-9999", "")]:
            viewing.get_inventory_availability(availability_request(part_numbers=(PARTS[0][0],)))
            assert viewing.list_inventory(part) == direct.list_inventory(part)
            assert viewing.list_inventory(part, limit=2, offset=1) == direct.list_inventory(
                part, limit=2, offset=1
            )
    assert viewing.list_inventory("SKU-0001", "20001") == direct.list_inventory("SKU-0001", "20001")


def test_check_inventory_answers_from_the_view_like_from_the_database(shared) -> None:
    viewing, direct = shared
    viewing.process_inventory_requirement(requirement(RESERVE, ("70001", "12001", 2)))
    ask = requirement(CHECK, ("70002", "12001", 3), ("70003", "12002", 1, "20001"), order_id="50009")
    assert (
        viewing.process_inventory_requirement(ask).requirement
        == direct.process_inventory_requirement(ask).requirement
    )


def test_concurrent_reservations_and_reads_leave_the_view_equal_to_the_database(shared) -> None:
    viewing, direct = shared
    viewing.set_inventory("SKU-0001", "10001", on_hand=40.0)
    available = sum(
        row["available"] for row in viewing.list_inventory("SKU-0001") if row["location_id"] < "2"
    )

    def reserve(worker: int) -> None:
        for n in range(15):
            order_id = str(60000 + worker * 100 + n)
            viewing.process_inventory_requirement(
                requirement(RESERVE, ("7", "12001", 1.0), order_id=order_id)
            )

    def read() -> None:
        for _ in range(60):
            everything(viewing)

    threads = [threading.Thread(target=reserve, args=(w,)) for w in range(3)] + [
        threading.Thread(target=read) for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert everything(viewing) == everything(direct)
    rows = viewing.list_inventory("SKU-0001")
    assert sum(row["reserved"] for row in rows) == min(45.0, available)  # 45 orders of one unit each
    assert all(row["reserved"] <= row["on_hand"] for row in rows)


# --- the race guard -----------------------------------------------------------------------------------------


def test_a_load_overtaken_by_a_write_is_not_kept() -> None:
    loads: list[str] = []
    view: StockView

    def load_part(part: str) -> PartStock:
        loads.append(part)
        if len(loads) == 1:  # a writer changes the part while the first reader is loading it
            view.writing(part)
            view.written([part])
        return PartStock({"10001": StockLevel(part, "10001", on_hand=float(len(loads)))})

    view = StockView(load_part, lambda entry, part: None)
    assert view.levels("SKU-0001", ["10001"])[0].on_hand == 1.0
    assert view.levels("SKU-0001", ["10001"])[0].on_hand == 2.0  # loaded again, not the overtaken copy
    assert view.levels("SKU-0001", ["10001"])[0].on_hand == 2.0
    assert loads == ["SKU-0001", "SKU-0001"]


def test_a_part_being_written_is_read_from_the_database_until_the_write_ends() -> None:
    loads: list[str] = []

    def load_part(part: str) -> PartStock:
        loads.append(part)
        return PartStock({})

    view = StockView(load_part, lambda entry, part: None)
    view.writing("SKU-0001")
    view.part("SKU-0001")
    view.part("SKU-0001")
    view.written(["SKU-0001"])
    view.part("SKU-0001")
    view.part("SKU-0001")
    assert len(loads) == 3


def test_unknown_items_are_looked_up_again_and_known_ones_kept_until_a_wipe() -> None:
    catalog: dict[str, Item] = {}
    lookups: list[str | None] = []

    def load_item(entry: str | None, part: str | None) -> Item | None:
        lookups.append(entry)
        return catalog.get(entry or "")

    view = StockView(lambda part: PartStock({}), load_item)
    assert view.item_by_catalog_entry_id("12001") is None
    catalog["12001"] = Item("SKU-0001", "12001")
    assert view.item_by_catalog_entry_id("12001") == Item("SKU-0001", "12001")
    assert view.item_by_part_number("SKU-0001") == Item("SKU-0001", "12001")
    view.writing_everything()
    view.written([], everything=True)
    view.item_by_catalog_entry_id("12001")
    assert lookups == ["12001", "12001", "12001"]


# --- several workers ----------------------------------------------------------------------------------------


def test_with_more_than_one_worker_there_is_no_view(tmp_path) -> None:
    dom = build(DomSettings(db_url=f"sqlite:///{tmp_path / 'dom.db'}", workers=2))
    try:
        assert dom.database.view is None
        assert not dom.settings.uses_stock_view
    finally:
        dom.close()


def test_with_one_worker_the_process_keeps_a_view(tmp_path) -> None:
    dom = build(DomSettings(db_url=f"sqlite:///{tmp_path / 'dom.db'}"))
    try:
        assert dom.database.view is not None
    finally:
        dom.close()


def test_workers_sharing_a_database_see_each_others_stock_changes(tmp_path) -> None:
    settings = DomSettings(db_url=f"sqlite:///{tmp_path / 'dom.db'}", workers=2)
    first, second = build(settings), build(settings, seed=False)
    try:
        ask = availability_request(part_numbers=("SKU-0001",), physical_store_ids=("20001",))
        before = second.service.get_inventory_availability(ask).records[0].quantity
        first.service.adjust_inventory("SKU-0001", "20001", 5)
        assert second.service.get_inventory_availability(ask).records[0].quantity == before + 5
    finally:
        first.close()
        second.close()


def test_the_server_configuration_passes_its_worker_count_to_the_core() -> None:
    from mock_dom.config import MockDomConfig

    assert MockDomConfig(workers=3).dom_settings().workers == 3
    assert not MockDomConfig(workers=3).dom_settings().uses_stock_view


def test_a_reset_is_seen_by_the_view(shared, seed_file) -> None:
    viewing, direct = shared
    viewing.set_inventory("SKU-0002", "10001", on_hand=0.0)
    viewing.set_inventory("SKU-0002", "10002", on_hand=0.0)
    everything(viewing)
    viewing.reset()
    assert everything(viewing) == everything(direct)


def test_after_a_reset_to_a_smaller_seed_the_dropped_item_is_unknown(shared, tmp_path) -> None:
    viewing, _ = shared
    everything(viewing)  # the view now knows every item
    smaller = small_seed(random.Random(3))
    write_seed(
        Seed(smaller.locations, tuple(r for r in smaller.rows if r.part_number != "SKU-0006")),
        tmp_path / "s.json",
    )
    viewing.reset(tmp_path / "s.json")
    with pytest.raises(UnknownItem):
        viewing.get_inventory_availability(availability_request(part_numbers=("SKU-0006",)))
    with pytest.raises(UnknownItem):
        viewing.get_inventory_availability(availability_request(catalog_entry_ids=("12006",)))


# --- per-request work ---------------------------------------------------------------------------------------


def test_creation_times_read_as_the_wire_format_writes_them(service) -> None:
    rng = random.Random(5)
    base = 1_714_557_600.0
    moments = [base + rng.uniform(0, 5) for _ in range(2000)]
    moments += [base + 0.9995, base + 0.99949999, base + 0.9999996, base + 1.0005, base - 0.0004, 12.0, 0.0]
    for now in moments:
        assert service._ctx.creation_time(now) == iso_datetime(now), now


def test_a_reset_to_other_locations_is_seen_by_availability_queries(shared, tmp_path) -> None:
    viewing, _ = shared
    ask = availability_request(part_numbers=("SKU-0001",), physical_store_ids=("20003",))
    assert viewing.get_inventory_availability(ask).records[0].physical_store_id == "20003"
    fewer = small_seed(random.Random(3))
    stores = tuple(loc for loc in fewer.locations if loc.location_id != "20003")
    rows = tuple(r for r in fewer.rows if r.location != "20003")
    write_seed(Seed(stores, rows), tmp_path / "fewer.json")
    viewing.reset(tmp_path / "fewer.json")
    with pytest.raises(UnknownLocation):
        viewing.get_inventory_availability(ask)
