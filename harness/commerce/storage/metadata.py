"""The one MetaData every table module registers on, and the column type for clock-port time.

Tables are named and shaped after WebSphere Commerce's (facts section 3): upper-case table and column names,
one module per table group (catalog, inventory, cache configuration, availability cache, inbox). Adding a
table group (orders, the transfer outbox) is a new module that defines its tables on `metadata` and a
repository the unit of work exposes.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Dialect, MetaData
from sqlalchemy.types import TypeDecorator

metadata = MetaData()


class EpochSeconds(TypeDecorator[float]):
    """A TIMESTAMP column read and written as epoch seconds (UTC), the unit of the clock port."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: float | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return datetime.fromtimestamp(value, tz=UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> float | None:
        if value is None:
            return None
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        return value.replace(tzinfo=UTC).timestamp()
