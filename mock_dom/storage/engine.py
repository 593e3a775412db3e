"""Engines for the mock DOM's database.

* A SQLite file (the default): WAL journal so readers never wait for the writer, a busy timeout so writers
  queue instead of failing, and write transactions opened with `BEGIN IMMEDIATE` so two concurrent
  read-then-write transactions cannot deadlock on the lock upgrade (SQLite's SQLITE_BUSY_SNAPSHOT case).
  Read-only units of work use a plain deferred `BEGIN`. `begin` issues that statement on the driver
  connection when a unit of work starts (an engine "begin" event would do the same, but any engine event
  makes SQLAlchemy dispatch its execution events around every statement).
* `sqlite://` (in memory): one shared connection (StaticPool). Concurrent threads on one connection would
  interleave transactions, so `Database` serializes units of work with a lock for this case.
* Anything else (e.g. `postgresql+psycopg://...`): used as is; the conditional UPDATEs keep stock correct.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlalchemy import Connection, Engine, RootTransaction, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import StaticPool

BUSY_TIMEOUT_MS = 30_000


def is_sqlite_memory(url: str) -> bool:
    parsed = make_url(url)
    return parsed.get_backend_name() == "sqlite" and parsed.database in (None, "", ":memory:")


def make_engine(url: str, *, pool_size: int = 10) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_size=pool_size, max_overflow=2 * pool_size, pool_pre_ping=True)
    if is_sqlite_memory(url):
        engine = create_engine(url, connect_args={"check_same_thread": False}, poolclass=StaticPool)
    else:
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
            pool_size=pool_size,
            max_overflow=2 * pool_size,
        )
    _install_sqlite_hooks(engine, wal=not is_sqlite_memory(url))
    return engine


def begin(connection: Connection, *, read_only: bool) -> RootTransaction:
    """Start a unit of work's transaction: on SQLite `BEGIN IMMEDIATE` for a writer, `BEGIN` for a reader."""
    transaction = connection.begin()
    if connection.dialect.name == "sqlite":
        statement = "BEGIN" if read_only else "BEGIN IMMEDIATE"
        try:
            connection.connection.driver_connection.execute(statement)
        except sqlite3.Error as error:
            transaction.rollback()
            raise DBAPIError.instance(statement, (), error, sqlite3.Error) from error
        except BaseException:
            transaction.rollback()
            raise
    return transaction


def _install_sqlite_hooks(engine: Engine, *, wal: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # units of work issue BEGIN themselves (see `begin`)
        cursor = dbapi_connection.cursor()
        if wal:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()
