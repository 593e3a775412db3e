"""Units of work: SQLite locking at begin, and the statements order and reservation writes issue."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest
from dom_support import SMALL_SEED, open_database
from sqlalchemy import event

from mock_dom.domain.allocation import Hold, SupplyKind
from mock_dom.domain.orders import DomOrder, OrderLine, OrderState, Shipment
from mock_dom.domain.reservations import Reservation, ReservationLine

NOW = 1_714_557_600.0


def another_writer(url: str) -> sqlite3.Connection:
    """A second connection to the same file that gives up at once when the database is locked."""
    return sqlite3.connect(url.removeprefix("sqlite:///"), timeout=0, isolation_level=None)


def test_a_writing_unit_of_work_holds_the_write_lock_from_its_start(file_db_url) -> None:
    db = open_database(file_db_url, SMALL_SEED, NOW)
    other = another_writer(file_db_url)
    try:
        with db.uow(), pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # free again once the unit of work has ended
        other.execute("ROLLBACK")
    finally:
        other.close()
        db.dispose()


def test_a_reading_unit_of_work_leaves_the_write_lock_free(file_db_url) -> None:
    db = open_database(file_db_url, SMALL_SEED, NOW)
    other = another_writer(file_db_url)
    try:
        with db.uow(read_only=True) as uow:
            assert uow.stock.level("SKU-0001", "10001") is not None
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
    finally:
        other.close()
        db.dispose()


def an_order() -> DomOrder:
    line = OrderLine("70001", "SKU-0001", "12001", 2, None, 9.5, (Hold("10001", "SKU-0001", 2),))
    return DomOrder("50001", "K1", "10101", OrderState.CREATED, NOW, NOW, (line,), NOW + 2, total=19.0)


def statements_of(uow) -> list[str]:
    seen: list[str] = []
    event.listen(uow.orders.connection, "before_cursor_execute", lambda *args: seen.append(args[2]))
    return seen


def test_a_step_that_changes_only_the_header_is_one_update(db) -> None:
    with db.uow() as uow:
        uow.orders.add(an_order())
    with db.uow() as uow:
        seen = statements_of(uow)
        order = uow.orders.get("50001", for_update=True)
        uow.orders.save(order.moved(OrderState.SCHEDULED, NOW + 2, NOW + 5))
    assert [sql.split()[0] for sql in seen] == ["SELECT", "UPDATE"]
    with db.uow(read_only=True) as uow:
        assert uow.orders.get("50001") == an_order().moved(OrderState.SCHEDULED, NOW + 2, NOW + 5)


def test_changed_holds_and_a_new_shipment_are_written(db) -> None:
    with db.uow() as uow:
        uow.orders.add(an_order())
    more = (Hold("10001", "SKU-0001", 1), Hold("10002", "SKU-0001", 1, SupplyKind.FUTURE, NOW + 50))
    with db.uow() as uow:
        order = uow.orders.get("50001")
        changed = replace(order, lines=(replace(order.lines[0], holds=more),))
        uow.orders.save(changed)
        shipped = replace(changed, shipment=Shipment("UPS", "1Z", NOW + 9))
        uow.orders.save(shipped)
    with db.uow(read_only=True) as uow:
        assert uow.orders.get("50001") == shipped


def test_holds_changed_by_arriving_supply_are_written_in_full_by_the_next_save(db) -> None:
    line = OrderLine(
        "70001", "SKU-0025", "12025", 4, None, 1.0, (Hold("10001", "SKU-0025", 4, SupplyKind.FUTURE, NOW),)
    )
    backorder = DomOrder("50002", "K2", "10101", OrderState.BACKORDERED, NOW, NOW, (line,), NOW + 5)
    with db.uow() as uow:
        uow.stock.hold("SKU-0025", "10001", 4, SupplyKind.FUTURE)
        uow.orders.add(backorder)
    with db.uow() as uow:
        order = uow.orders.get("50002")
        uow.stock.receive_future_supply("SKU-0025", "10001")  # the hold row is now on hand
        uow.orders.save(replace(order, next_due_at=NOW + 10))  # written from the order as read
    with db.uow(read_only=True) as uow:
        assert uow.orders.get("50002").lines[0].holds == line.holds


def test_putting_a_reservation_found_missing_deletes_nothing(db) -> None:
    line = ReservationLine("70001", "SKU-0001", "12001", 2, None, (Hold("10001", "SKU-0001", 2),))
    reservation = Reservation("WC_50001", "50001", "10101", NOW, NOW + 900, (line,))
    with db.uow() as uow:
        seen = statements_of(uow)
        assert uow.reservations.get("WC_50001") is None
        uow.reservations.put(reservation)
    assert not [sql for sql in seen if sql.startswith("DELETE")]
    with db.uow() as uow:
        seen = statements_of(uow)
        uow.reservations.put(replace(reservation, expires_at=NOW + 5))  # not looked up: replaced in full
        assert uow.reservations.get("WC_50001").expires_at == NOW + 5
    assert [sql for sql in seen if sql.startswith("DELETE")]
