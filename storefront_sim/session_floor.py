"""The least a fast-mode session can cost on this machine: the floor under the `domh bench sim` targets.

Whatever the code around them, a session pays for four things it cannot skip:
- the SimPy model itself: arrivals and think times, what the bare model measures;
- checking each BOD it exchanges once: a parse that validates against the contract (the report lists every
  BOD with its validation result), with lxml, which validates some thirty times faster than xmlschema;
- reading what each BOD says: every element visited once from Python (its tag and text), the least a
  service must do to act on a document, before any decoding into objects;
- its SQL statements, each at least as dear as the cheapest statement SQLAlchemy can run: a prepared,
  cached primary-key SELECT of one row on an in-memory SQLite connection that is already open.

Each is measured here on the run's own documents and statement count, best of a few repetitions with nothing
else going on: no rendering, no decoding, no domain work, no commits. The sum is a floor, not an estimate;
a target below it cannot be reached by tuning, only by exchanging fewer documents or running fewer statements.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from lxml import etree
from sqlalchemy import Column, Integer, MetaData, String, Table, bindparam, create_engine, select
from sqlalchemy.pool import StaticPool

from bods.validation import validating_parser
from bods.xmlsafety import new_parser

REPEATS = 5
STATEMENTS_TIMED = 2000


@dataclass(frozen=True)
class SessionFloor:
    """Microseconds a session cannot go below, part by part."""

    bare_us: float
    validation_us: float
    reading_us: float
    statements_us: float

    @property
    def total_us(self) -> float:
        return self.bare_us + self.validation_us + self.reading_us + self.statements_us


def best_of(work: Callable[[], object], repeats: int = REPEATS) -> float:
    """The shortest wall time of `repeats` runs of `work`: the least noisy figure on a shared machine."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def conforms(document: bytes, parser: etree.XMLParser) -> bool:
    """Parse `document` with a validating parser; a refused document costs its check all the same."""
    try:
        etree.fromstring(document, parser)
    except etree.XMLSyntaxError:
        return False
    return True


def validation_seconds(documents: Sequence[bytes]) -> float:
    """Seconds to parse and validate every document once (best of REPEATS)."""
    parser = validating_parser()

    def check_all() -> None:
        for document in documents:
            conforms(document, parser)

    return best_of(check_all)


def read_elements(tree: etree._Element) -> int:
    """Read the tag and text of every element of `tree`; returns how many were read."""
    read = 0
    for element in tree.iter():
        _ = (element.tag, element.text)
        read += 1
    return read


def reading_seconds(documents: Sequence[bytes]) -> float:
    """Seconds to read every element of the (already parsed) documents once (best of REPEATS)."""
    trees = [etree.fromstring(document, new_parser()) for document in documents]
    return best_of(lambda: [read_elements(tree) for tree in trees])


def cheapest_statement_seconds(count: int = STATEMENTS_TIMED) -> float:
    """Seconds one primary-key SELECT takes through SQLAlchemy Core on in-memory SQLite (best of REPEATS)."""
    engine = create_engine("sqlite://", poolclass=StaticPool)
    table = Table("floor", MetaData(), Column("id", Integer, primary_key=True), Column("name", String(16)))
    table.metadata.create_all(engine)
    by_id = select(table).where(table.c.id == bindparam("id"))
    with engine.connect() as connection:
        connection.execute(table.insert(), {"id": 1, "name": "one"})

        def run_all() -> None:
            for _ in range(count):
                connection.execute(by_id, {"id": 1}).one()

        seconds = best_of(run_all) / count
    engine.dispose()
    return seconds


def session_floor(
    bare_sessions_per_s: float,
    documents: Sequence[bytes],
    sessions: int,
    statements_per_session: float,
) -> SessionFloor:
    """The floor per session for a run of `sessions` that exchanged `documents`."""
    return SessionFloor(
        bare_us=1e6 / bare_sessions_per_s if bare_sessions_per_s else 0.0,
        validation_us=validation_seconds(documents) * 1e6 / max(sessions, 1),
        reading_us=reading_seconds(documents) * 1e6 / max(sessions, 1),
        statements_us=cheapest_statement_seconds() * statements_per_session * 1e6,
    )
