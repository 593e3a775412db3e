"""KEYS: WCS's primary-key allocation table, one counter row per table.

Order, order item, member and payment instruction ids come from here rather than from autoincrement
columns, so they look like WCS ids (orders from 50001, items from 70001, ...) on every database and a
fresh database can start them elsewhere (tests sharing one DOM). Allocation is one conditional
`UPDATE ... RETURNING` inside the caller's transaction: concurrent callers never get the same id.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import BigInteger, Column, Connection, String, Table, bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite

from harness.commerce.storage.metadata import metadata

KEYS = Table(
    "KEYS",
    metadata,
    Column("TABLENAME", String(254), primary_key=True),
    Column("COUNTER", BigInteger, nullable=False),
)

FIRST_IDS: Mapping[str, int] = {
    "ORDERS": 50001,
    "ORDERITEMS": 70001,
    "USERS": 3001,
    "PPCPAYINST": 90001,
}

_INSERTS = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}
_ALLOCATE = (  # built once; the table name is bound per call
    update(KEYS)
    .where(bindparam("table") == KEYS.c.TABLENAME)
    .values(COUNTER=KEYS.c.COUNTER + 1)
    .returning(KEYS.c.COUNTER)
)


def next_id(connection: Connection, table: str, first: int | None = None) -> int:
    """The next id for `table`; the counter starts at `first` (default FIRST_IDS[table])."""
    allocated = connection.execute(_ALLOCATE, {"table": table}).scalar_one_or_none()
    if allocated is not None:
        return int(allocated)
    start = FIRST_IDS.get(table, 1) if first is None else first
    insert = _INSERTS[connection.dialect.name]
    connection.execute(insert(KEYS).values(TABLENAME=table, COUNTER=start - 1).on_conflict_do_nothing())
    return int(connection.execute(_ALLOCATE, {"table": table}).scalar_one())


def start_ids(connection: Connection, firsts: Mapping[str, int]) -> None:
    """Start counters that do not exist yet (a fresh database) at the given first ids."""
    known = set(connection.execute(select(KEYS.c.TABLENAME)).scalars())
    insert = _INSERTS[connection.dialect.name]
    for table, first in firsts.items():
        if table not in known:
            connection.execute(
                insert(KEYS).values(TABLENAME=table, COUNTER=first - 1).on_conflict_do_nothing()
            )
