"""WCS-shaped storage: INVAVL keeps one record per item and location, and nothing in the schema is
SQLite-only (the DDL compiles for PostgreSQL, where the upper-case names are quoted)."""

from __future__ import annotations

import pytest
from sqlalchemy import create_mock_engine, insert
from sqlalchemy.exc import IntegrityError

from harness.commerce.domain.availability import AvailabilityRecord, AvailabilityStatus
from harness.commerce.storage import availability, catalog, configuration, inbox, inventory
from harness.commerce.storage.availability import INVAVL


def test_the_inventory_tables_compile_for_postgresql() -> None:
    statements: list[str] = []
    engine = create_mock_engine(
        "postgresql+psycopg://",
        lambda sql, *_a, **_k: statements.append(str(sql.compile(dialect=engine.dialect))),
    )
    tables = [
        catalog.FFMCENTER,
        catalog.STORE,
        catalog.STLOC,
        catalog.CATENTRY,
        inventory.INVENTORY,
        configuration.INVCNF,
        configuration.INVCNFREL,
        availability.INVAVL,
        inbox.BODINBOX,
    ]
    for table in tables:
        table.create(engine, checkfirst=False)
    ddl = "\n".join(statements)
    assert 'CREATE TABLE "INVAVL"' in ddl
    assert 'CHECK ("STLOC_ID" IS NULL AND "STORE_ID" IS NOT NULL' in ddl
    assert '"INVAVL" ("CATENTRY_ID", "STORE_ID") WHERE "STLOC_ID" IS NULL' in ddl


def test_saving_a_record_twice_updates_it_in_place(uow_factory, catalog, clock) -> None:
    location = catalog.physical_location(20001)
    with uow_factory() as uow:
        uow.availability.save([AvailabilityRecord(12001, location, AvailabilityStatus.AVAILABLE, 1.0)])
        uow.availability.save([AvailabilityRecord(12001, location, AvailabilityStatus.UNAVAILABLE, 0.0)])
        uow.commit()
    with uow_factory() as uow:
        assert uow.availability.count() == 1
        assert uow.availability.get(12001, location).status is AvailabilityStatus.UNAVAILABLE


@pytest.mark.parametrize(("store", "stloc"), [(10101, 20001), (None, None)])
def test_a_record_has_exactly_one_location(uow_factory, store, stloc) -> None:
    row = {
        "CATENTRY_ID": 12001,
        "STORE_ID": store,
        "STLOC_ID": stloc,
        "INVENTORYSTATUS": "AVL",
        "QUANTITYMEASURE": "C62",
    }
    with uow_factory() as uow, pytest.raises(IntegrityError):
        uow.connection.execute(insert(INVAVL).values(**row))


def test_reading_many_records_returns_only_the_pairs_asked_for(uow_factory, catalog) -> None:
    online, pickup = catalog.store_location(10101), catalog.physical_location(20001)
    with uow_factory() as uow:
        uow.availability.save(
            [
                AvailabilityRecord(item, location, AvailabilityStatus.AVAILABLE, 1.0)
                for item in (12001, 12002)
                for location in (online, pickup)
            ]
        )
        uow.commit()
    with uow_factory() as uow:
        found = uow.availability.get_many([(12001, online), (12002, pickup)])
    assert sorted((key[0], key[1].id) for key in found) == [(12001, 10101), (12002, 20001)]


def test_reading_many_records_of_any_number_of_items_and_locations(uow_factory, catalog) -> None:
    online, pickup = catalog.store_location(10101), catalog.physical_location(20001)
    other = catalog.physical_location(20002)
    with uow_factory() as uow:
        uow.availability.save(
            [
                AvailabilityRecord(item, location, AvailabilityStatus.AVAILABLE, float(item - 12000))
                for item in (12001, 12002, 12003)
                for location in (online, pickup, other)
            ]
        )
        uow.commit()
    with uow_factory() as uow:
        one = uow.availability.get_many([(12003, other)])
        stores_only = uow.availability.get_many([(12001, online), (12002, online)])
        mixed = uow.availability.get_many([(12001, online), (12002, pickup), (12003, other), (12003, pickup)])
        nothing = uow.availability.get_many([])
    assert [(k[0], k[1].id, r.quantity) for k, r in one.items()] == [(12003, 20002, 3.0)]
    assert sorted((k[0], k[1].id) for k in stores_only) == [(12001, 10101), (12002, 10101)]
    assert sorted((k[0], k[1].id) for k in mixed) == [
        (12001, 10101),
        (12002, 20001),
        (12003, 20001),
        (12003, 20002),
    ]
    assert nothing == {}
