"""INVAVL: the inventory availability cache in the database (FLAGS & 2), one record per item and location.

The location is STORE_ID (online store) xor STLOC_ID (physical store). Uniqueness of CATENTRY_ID + location
is kept by two partial unique indexes (NULLs never collide in a plain unique index, on SQLite as on
PostgreSQL), which also serve as the conflict targets of the upserts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Column,
    Connection,
    Float,
    ForeignKey,
    Index,
    Integer,
    Select,
    String,
    Table,
    and_,
    bindparam,
    delete,
    func,
    or_,
    select,
)

from harness.commerce.domain.availability import (
    UNITLESS,
    AvailabilityRecord,
    AvailabilityStatus,
    Location,
    LocationKind,
)
from harness.commerce.storage.metadata import EpochSeconds, metadata
from harness.commerce.storage.upsert import upsert

INVAVL = Table(
    "INVAVL",
    metadata,
    Column("INVAVL_ID", Integer, primary_key=True, autoincrement=True),
    Column("CATENTRY_ID", Integer, ForeignKey("CATENTRY.CATENTRY_ID"), nullable=False),
    Column("STORE_ID", Integer, ForeignKey("STORE.STORE_ID"), nullable=True),
    Column("STLOC_ID", Integer, ForeignKey("STLOC.STLOC_ID"), nullable=True),
    Column("AVAILQUANTITY", Float, nullable=True),
    Column("AVAILTIME", EpochSeconds, nullable=True),
    Column("AVAILOFFSET", Integer, nullable=True),
    Column("LASTUPDATE", EpochSeconds, nullable=True),
    Column("INVENTORYSTATUS", String(4), nullable=False),
    Column("QUANTITYMEASURE", String(16), nullable=False, default=UNITLESS),
    Column("FIELD1", Integer, nullable=True),
    Column("FIELD2", Float, nullable=True),
    Column("FIELD3", String(254), nullable=True),
)
_AT_STORE = INVAVL.c.STLOC_ID.is_(None)
_AT_STLOC = INVAVL.c.STORE_ID.is_(None)
# Exactly one location; built from the columns so every dialect quotes the upper-case names alike.
INVAVL.append_constraint(
    CheckConstraint(
        or_(and_(_AT_STORE, INVAVL.c.STORE_ID.is_not(None)), and_(_AT_STLOC, INVAVL.c.STLOC_ID.is_not(None))),
        name="C_INVAVL_LOCATION",
    )
)
Index(
    "I_INVAVL_STORE",
    INVAVL.c.CATENTRY_ID,
    INVAVL.c.STORE_ID,
    unique=True,
    sqlite_where=_AT_STORE,
    postgresql_where=_AT_STORE,
)
Index(
    "I_INVAVL_STLOC",
    INVAVL.c.CATENTRY_ID,
    INVAVL.c.STLOC_ID,
    unique=True,
    sqlite_where=_AT_STLOC,
    postgresql_where=_AT_STLOC,
)


def record_row(record: AvailabilityRecord) -> dict[str, Any]:
    at_store = record.location.kind is LocationKind.ONLINE_STORE
    return {
        "CATENTRY_ID": record.catentry_id,
        "STORE_ID": record.location.id if at_store else None,
        "STLOC_ID": None if at_store else record.location.id,
        "AVAILQUANTITY": record.quantity,
        "AVAILTIME": record.availability_time,
        "AVAILOFFSET": record.availability_offset,
        "LASTUPDATE": record.last_update,
        "INVENTORYSTATUS": record.status.value,
        "QUANTITYMEASURE": record.uom,
        "FIELD1": record.field1,
        "FIELD2": record.field2,
        "FIELD3": record.field3,
    }


def save_rows(connection: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Upsert INVAVL rows (dicts shaped like `record_row`), online-store and physical-store rows apart."""
    at_store = [row for row in rows if row["STLOC_ID"] is None]
    at_stloc = [row for row in rows if row["STLOC_ID"] is not None]
    upsert(connection, INVAVL, at_store, keys=("CATENTRY_ID", "STORE_ID"), where=_AT_STORE)
    upsert(connection, INVAVL, at_stloc, keys=("CATENTRY_ID", "STLOC_ID"), where=_AT_STLOC)


def _location_clause(location: Location) -> Any:
    if location.kind is LocationKind.ONLINE_STORE:
        return and_(location.id == INVAVL.c.STORE_ID, _AT_STORE)
    return and_(location.id == INVAVL.c.STLOC_ID, _AT_STLOC)


_GET_MANY: dict[tuple[int, int, int], Select[Any]] = {}  # list lengths -> statement (see _get_many)


def _get_many(catentries: int, stores: int, stlocs: int) -> Select[Any]:
    """Every INVAVL row of the items at the locations, one plain parameter per item and location (catentry_0,
    store_0, stloc_0 ...). An expanding IN would be rewritten on every execution; this is built and compiled
    once per combination of lengths (a few: one item or a cart's, one store or its sourcing list)."""
    key = (catentries, stores, stlocs)
    statement = _GET_MANY.get(key)
    if statement is None:
        statement = select(INVAVL).where(
            INVAVL.c.CATENTRY_ID.in_(_parameters("catentry", catentries)),
            or_(
                and_(INVAVL.c.STORE_ID.in_(_parameters("store", stores)), _AT_STORE),
                and_(INVAVL.c.STLOC_ID.in_(_parameters("stloc", stlocs)), _AT_STLOC),
            ),
        )
        _GET_MANY[key] = statement
    return statement


def _parameters(name: str, count: int) -> list[Any]:
    return [bindparam(f"{name}_{i}") for i in range(count)]


def _bound(name: str, values: Sequence[Any]) -> dict[str, Any]:
    return {f"{name}_{i}": value for i, value in enumerate(values)}


class AvailabilityRepository:
    """INVAVL records in and out as `AvailabilityRecord`s (with the caller's Location objects)."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def get_many(
        self, keys: Iterable[tuple[int, Location]]
    ) -> dict[tuple[int, Location], AvailabilityRecord]:
        wanted = set(keys)
        if not wanted:
            return {}
        locations = {(loc.kind, loc.id): loc for _, loc in wanted}
        catentries = sorted({catentry for catentry, _ in wanted})
        stores = [i for kind, i in locations if kind is LocationKind.ONLINE_STORE]
        stlocs = [i for kind, i in locations if kind is not LocationKind.ONLINE_STORE]
        parameters = _bound("catentry", catentries) | _bound("store", stores) | _bound("stloc", stlocs)
        statement = _get_many(len(catentries), len(stores), len(stlocs))
        found: dict[tuple[int, Location], AvailabilityRecord] = {}
        for row in self._connection.execute(statement, parameters):
            if row.STLOC_ID is None:
                location = locations[(LocationKind.ONLINE_STORE, row.STORE_ID)]
            else:
                location = locations[(LocationKind.PHYSICAL_STORE, row.STLOC_ID)]
            if (row.CATENTRY_ID, location) in wanted:  # the statement asks for every item at every location
                record = _record(row, location)
                found[record.key] = record
        return found

    def get(self, catentry_id: int, location: Location) -> AvailabilityRecord | None:
        return self.get_many([(catentry_id, location)]).get((catentry_id, location))

    def save(self, records: Iterable[AvailabilityRecord]) -> None:
        save_rows(self._connection, [record_row(record) for record in records])

    def delete(self, catentry_id: int, locations: Iterable[Location]) -> int:
        clauses = [_location_clause(location) for location in locations]
        if not clauses:
            return 0
        result = self._connection.execute(
            delete(INVAVL).where(catentry_id == INVAVL.c.CATENTRY_ID, or_(*clauses))
        )
        return int(result.rowcount or 0)

    def count(self) -> int:
        return int(self._connection.execute(select(func.count()).select_from(INVAVL)).scalar_one())


def _record(row: Any, location: Location) -> AvailabilityRecord:
    return AvailabilityRecord(
        catentry_id=row.CATENTRY_ID,
        location=location,
        status=AvailabilityStatus(row.INVENTORYSTATUS.strip()),
        quantity=row.AVAILQUANTITY,
        availability_time=row.AVAILTIME,
        availability_offset=row.AVAILOFFSET,
        last_update=row.LASTUPDATE,
        uom=row.QUANTITYMEASURE,
        field1=row.FIELD1,
        field2=row.FIELD2,
        field3=row.FIELD3,
    )
