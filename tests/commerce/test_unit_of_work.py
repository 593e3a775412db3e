"""Units of work over an in-memory database take turns on its one connection and never see each other's
uncommitted writes; over a file database each has its own connection."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select

from harness.commerce.storage.engine import create_engine_for
from harness.commerce.storage.shoppers import USERS
from harness.commerce.storage.tables import create_schema
from harness.commerce.storage.unit_of_work import SqlUnitOfWorkFactory, unit_of_work_factory

GUEST = {
    "USERS_ID": 3999,
    "PERSONALIZATIONID": "p-3999",
    "WCTOKENHASH": "a" * 64,
    "WCTRUSTEDTOKENHASH": "b" * 64,
    "REGISTRATION": 0.0,
}


def users(factory: SqlUnitOfWorkFactory) -> int:
    with factory() as uow:
        return int(uow.connection.execute(select(func.count()).select_from(USERS)).scalar_one())


def refuse_after_writing(factory: SqlUnitOfWorkFactory) -> None:
    with factory() as uow:
        uow.connection.execute(insert(USERS).values(**GUEST))
        raise RuntimeError("refused")


@pytest.fixture
def memory_factory() -> SqlUnitOfWorkFactory:
    engine = create_engine_for("sqlite://")
    create_schema(engine)
    factory = unit_of_work_factory(engine)
    yield factory  # type: ignore[misc]
    factory.close()
    engine.dispose()


def test_leaving_without_commit_rolls_back_and_the_connection_serves_on(memory_factory) -> None:
    with memory_factory() as uow:
        uow.connection.execute(insert(USERS).values(**GUEST))
    with pytest.raises(RuntimeError):
        refuse_after_writing(memory_factory)
    assert users(memory_factory) == 0
    with memory_factory() as uow:
        uow.connection.execute(insert(USERS).values(**GUEST))
        uow.commit()
    assert users(memory_factory) == 1


def test_a_unit_of_work_in_another_thread_waits_its_turn(memory_factory) -> None:
    counted: list[int] = []
    other = threading.Thread(target=lambda: counted.append(users(memory_factory)))
    with memory_factory() as uow:
        uow.connection.execute(insert(USERS).values(**GUEST))  # not committed
        other.start()
        other.join(0.3)
        assert other.is_alive(), "the other thread's unit of work ran inside this one's transaction"
    other.join()
    assert counted == [0]


def test_a_file_database_gives_each_unit_of_work_its_own_connection(tmp_path: Path) -> None:
    engine = create_engine_for(f"sqlite:///{tmp_path / 'c.db'}")
    create_schema(engine)
    factory = unit_of_work_factory(engine)
    with factory() as first, factory() as second:
        assert first.connection is not second.connection
    factory.close()
    engine.dispose()
