"""Stock in the database: conditional holds, no oversell under concurrent requests, restarts keep state."""

from __future__ import annotations

import threading

from dom_support import SMALL_SEED, open_database
from sqlalchemy import text

from mock_dom.domain.allocation import Hold, LineVerdict, SupplyKind, allocate
from mock_dom.domain.inventory import StockLevel


def test_a_hold_beyond_the_free_stock_changes_nothing(db) -> None:
    with db.uow() as uow:
        assert not uow.stock.hold("SKU-0001", "10001", 6, SupplyKind.ON_HAND)
        assert uow.stock.level("SKU-0001", "10001").reserved == 0


def test_a_hold_within_the_free_stock_is_taken(db) -> None:
    with db.uow() as uow:
        assert uow.stock.hold("SKU-0001", "10001", 5, SupplyKind.ON_HAND)
    with db.uow(read_only=True) as uow:
        assert uow.stock.level("SKU-0001", "10001").reserved == 5


def test_future_supply_is_held_only_while_it_has_a_date(db) -> None:
    with db.uow() as uow:
        assert uow.stock.hold("SKU-0025", "10001", 4, SupplyKind.FUTURE)
        assert not uow.stock.hold("SKU-0050", "10001", 1, SupplyKind.FUTURE)
        assert uow.stock.level("SKU-0025", "10001").future_reserved == 4


def test_a_failed_unit_of_work_rolls_back(db) -> None:
    try:
        with db.uow() as uow:
            uow.stock.hold("SKU-0001", "10001", 2, SupplyKind.ON_HAND)
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    with db.uow(read_only=True) as uow:
        assert uow.stock.level("SKU-0001", "10001").reserved == 0


def test_shipping_a_hold_lowers_on_hand_and_reserved(db) -> None:
    hold = Hold("10001", "SKU-0001", 2)
    with db.uow() as uow:
        uow.stock.hold("SKU-0001", "10001", 2, SupplyKind.ON_HAND)
        uow.stock.consume(hold)
        level = uow.stock.level("SKU-0001", "10001")
    assert (level.on_hand, level.reserved) == (3, 0)


def test_releasing_more_than_is_reserved_never_goes_negative(db) -> None:
    with db.uow() as uow:
        uow.stock.release(Hold("10001", "SKU-0001", 4))
        assert uow.stock.level("SKU-0001", "10001").reserved == 0


def test_arriving_future_supply_joins_on_hand_with_its_backorders(db) -> None:
    with db.uow() as uow:
        uow.stock.hold("SKU-0025", "10001", 4, SupplyKind.FUTURE)
        uow.stock.receive_future_supply("SKU-0025", "10001")
        level = uow.stock.level("SKU-0025", "10001")
    assert level == StockLevel("SKU-0025", "10001", on_hand=10, reserved=4)


def test_every_touched_node_is_remembered_for_the_monitor(db) -> None:
    with db.uow() as uow:
        uow.stock.hold("SKU-0001", "10002", 1, SupplyKind.ON_HAND)
        uow.stock.add_on_hand("SKU-0007", "10001", -1)
        assert uow.stock.touched == {("SKU-0001", "10002"), ("SKU-0007", "10001")}


def test_reservations_never_oversell_under_concurrency(file_db_url, clock) -> None:
    database = open_database(file_db_url, SMALL_SEED, clock.now())
    verdicts: list[LineVerdict] = []
    errors: list[BaseException] = []
    start = threading.Barrier(16)

    def buyer() -> None:
        try:
            start.wait(timeout=10)
            with database.uow() as uow:
                found = allocate(uow.stock, "SKU-0001", ("10001", "10002"), 1, use_future=False)
            verdicts.append(found.verdict)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=buyer) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert verdicts.count(LineVerdict.ALLOCATED) == 8
    with database.uow(read_only=True) as uow:
        levels = uow.stock.levels("SKU-0001", ["10001", "10002"])
    assert [(lv.on_hand, lv.reserved) for lv in levels] == [(5, 5), (3, 3)]
    database.dispose()


def test_state_survives_a_restart(file_db_url, clock) -> None:
    first = open_database(file_db_url, SMALL_SEED, clock.now())
    with first.uow() as uow:
        uow.stock.hold("SKU-0001", "10001", 3, SupplyKind.ON_HAND)
    first.dispose()
    second = open_database(file_db_url, None, clock.now())
    with second.uow(read_only=True) as uow:
        assert uow.stock.level("SKU-0001", "10001").reserved == 3
    assert not second.is_empty()
    second.dispose()


def test_levels_come_in_the_order_asked_for_whatever_the_number_of_locations(db) -> None:
    with db.uow(read_only=True) as uow:
        three = uow.stock.levels("SKU-0001", ["20001", "10002", "10001"])
        one = uow.stock.levels("SKU-0001", ["10002"])
        unknown_left_out = uow.stock.levels("SKU-0001", ["10001", "99999"])
        other_part = uow.stock.levels("SKU-0007", ["10002", "10001"])
        none = uow.stock.levels("SKU-0001", [])
    assert [(lv.location_id, lv.on_hand) for lv in three] == [("20001", 2), ("10002", 3), ("10001", 5)]
    assert [(lv.location_id, lv.on_hand) for lv in one] == [("10002", 3)]
    assert [(lv.location_id, lv.on_hand) for lv in unknown_left_out] == [("10001", 5)]
    assert [(lv.location_id, lv.on_hand) for lv in other_part] == [("10002", 0), ("10001", 11)]
    assert none == []


def test_the_due_supply_query_reads_the_future_date_index(db) -> None:
    due = "SELECT part_number FROM dom_stock WHERE future_date <= 1 ORDER BY future_date"
    with db.uow(read_only=True) as uow:
        assert uow.stock.due_supplies(0.0) == []
        plan = uow.stock.connection.execute(text(f"EXPLAIN QUERY PLAN {due}")).all()
    assert any("ix_dom_stock_future_date" in str(row) for row in plan)
