"""Insert-or-update many rows in one statement, on SQLite and PostgreSQL alike (`ON CONFLICT DO UPDATE`).

Both dialects share the syntax, including the partial-index target (`ON CONFLICT (a, b) WHERE c IS NULL`)
INVAVL needs because its location is STORE_ID xor STLOC_ID.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Connection, Table
from sqlalchemy.dialects import postgresql, sqlite

_INSERTS = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}


def upsert(
    connection: Connection,
    table: Table,
    rows: Sequence[dict[str, Any]],
    *,
    keys: Sequence[str],
    where: ColumnElement[bool] | None = None,
) -> None:
    """Insert `rows`; a row whose `keys` exist (under the partial index `where`) is updated instead."""
    if not rows:
        return
    if len(rows) > 1:  # one statement may not touch a row twice (PostgreSQL): the last row for a key wins
        rows = list({tuple(row[k] for k in keys): row for row in rows}.values())
    statement = _statement(connection.dialect.name, table, tuple(keys), tuple(rows[0]), where)
    connection.execute(statement, list(rows))


@lru_cache(maxsize=64)
def _statement(
    dialect: str,
    table: Table,
    keys: tuple[str, ...],
    columns: tuple[str, ...],
    where: ColumnElement[bool] | None,
) -> Any:
    """The upsert for one dialect, table, conflict target and column set, built once (building
    `excluded` makes a new alias of the table every time; the compiled form is cached per statement)."""
    insert = _INSERTS.get(dialect)
    if insert is None:
        raise NotImplementedError(f"upsert is not implemented for the {dialect} dialect")
    statement = insert(table)
    updated = {name: statement.excluded[name] for name in columns if name not in keys}
    return statement.on_conflict_do_update(index_elements=list(keys), index_where=where, set_=updated)
