"""BODOUTBOX: the outbound BODs to DOM that must not be lost (ProcessOrder TransferOrder, then
ProcessInventoryRequirement DecrementCache), written in the same transaction as the change that causes them.

A row moves pending -> sending (claimed) -> done, or back to pending with a later NEXTATTEMPT after a failed
attempt, or to dropped (the order was canceled before it reached DOM). Claiming is one conditional UPDATE,
so only one worker (thread or process) sends a row at a time; a claim holds for a lease, after which a
row left in `sending` by a killed process becomes claimable again. The BODID is fixed when the row is
written, so every attempt carries the same BODID. One row per order and action (unique).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Index,
    Integer,
    Row,
    String,
    Table,
    UniqueConstraint,
    and_,
    bindparam,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite

from harness.commerce.storage.metadata import EpochSeconds, metadata

BODOUTBOX = Table(
    "BODOUTBOX",
    metadata,
    Column("BODOUTBOX_ID", Integer, primary_key=True, autoincrement=True),
    Column("ORDERS_ID", Integer, nullable=False, index=True),
    Column("BODTYPE", String(64), nullable=False),
    Column("ACTIONCODE", String(64), nullable=False),
    Column("BODID", String(64), nullable=False, unique=True),
    Column("CREATED", EpochSeconds, nullable=False),
    Column("STATUS", String(16), nullable=False),
    Column("ATTEMPTS", Integer, nullable=False, default=0),
    Column("NEXTATTEMPT", EpochSeconds, nullable=False),
    Column("CLAIMEDUNTIL", EpochSeconds, nullable=True),
    Column("LASTERROR", String(1000), nullable=True),
    Column("DONE", EpochSeconds, nullable=True),
    UniqueConstraint("ORDERS_ID", "ACTIONCODE", name="I_BODOUTBOX_ORDER"),
)
# What is due is looked up by status (each pass of the sender, every few seconds), the rows only grow.
Index("I_BODOUTBOX_DUE", BODOUTBOX.c.STATUS, BODOUTBOX.c.NEXTATTEMPT)


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    DONE = "done"
    DROPPED = "dropped"


@dataclass(frozen=True)
class OutboundMessage:
    """One outbox row: which BOD to send for which order, and how its delivery is going."""

    order_id: int
    bod_type: str
    action_code: str
    bodid: str
    created: float
    status: OutboxStatus = OutboxStatus.PENDING
    attempts: int = 0
    next_attempt: float = 0.0
    last_error: str | None = None
    done: float | None = None
    outbox_id: int = 0


def _claimable() -> Any:
    """Pending and due at :now, or left in `sending` past its lease (a killed sender)."""
    now = bindparam("now", type_=EpochSeconds)
    return or_(
        and_(OutboxStatus.PENDING.value == BODOUTBOX.c.STATUS, now >= BODOUTBOX.c.NEXTATTEMPT),
        and_(OutboxStatus.SENDING.value == BODOUTBOX.c.STATUS, now > BODOUTBOX.c.CLAIMEDUNTIL),
    )


# Built once; values are bound per call (SQLAlchemy compiles each statement once per engine).
_ADD = insert(BODOUTBOX)
_INSERTS_IGNORING = {  # per dialect: the row is not added when the order has one for the action already
    "sqlite": sqlite.insert(BODOUTBOX).on_conflict_do_nothing(),
    "postgresql": postgresql.insert(BODOUTBOX).on_conflict_do_nothing(),
}
_DUE = (
    select(BODOUTBOX)
    .where(_claimable())
    .order_by(BODOUTBOX.c.BODOUTBOX_ID)
    .limit(bindparam("limit", type_=Integer))
)
_NEXT_DUE = select(func.min(BODOUTBOX.c.NEXTATTEMPT)).where(OutboxStatus.PENDING.value == BODOUTBOX.c.STATUS)
_CLAIM = (
    update(BODOUTBOX)
    .where(bindparam("outbox_id") == BODOUTBOX.c.BODOUTBOX_ID, _claimable())
    .values(STATUS=OutboxStatus.SENDING.value, CLAIMEDUNTIL=bindparam("until", type_=EpochSeconds))
)
_FINISH = update(BODOUTBOX).where(
    bindparam("outbox_id") == BODOUTBOX.c.BODOUTBOX_ID, OutboxStatus.SENDING.value == BODOUTBOX.c.STATUS
)
_RETRY_NOW = (
    update(BODOUTBOX)
    .where(bindparam("order_id") == BODOUTBOX.c.ORDERS_ID, OutboxStatus.PENDING.value == BODOUTBOX.c.STATUS)
    .values(NEXTATTEMPT=bindparam("now", type_=EpochSeconds))
)
_OF_ORDER = (
    select(BODOUTBOX).where(bindparam("order_id") == BODOUTBOX.c.ORDERS_ID).order_by(BODOUTBOX.c.BODOUTBOX_ID)
)
_HAS_ACTION = select(BODOUTBOX.c.BODOUTBOX_ID).where(
    bindparam("order_id") == BODOUTBOX.c.ORDERS_ID, bindparam("action_code") == BODOUTBOX.c.ACTIONCODE
)


class OutboxRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def add(self, message: OutboundMessage) -> None:
        self._connection.execute(_ADD, _row(message))

    def add_once(self, message: OutboundMessage) -> bool:
        """Add the row unless the order already has one for its action (I_BODOUTBOX_ORDER); True when
        added. One statement where asking `has` first and adding would be two."""
        insert_ignoring = _INSERTS_IGNORING[self._connection.dialect.name]
        result = self._connection.execute(insert_ignoring, _row(message))
        return bool(result.rowcount)

    def due(self, now: float, limit: int = 50) -> list[OutboundMessage]:
        """Rows to send now: pending and due, or left in `sending` past their lease (a killed sender)."""
        rows = self._connection.execute(_DUE, {"now": now, "limit": limit}).all()
        return [_message(row) for row in rows]

    def next_due(self) -> float | None:
        """When the earliest pending row is due (None when nothing is pending)."""
        return self._connection.execute(_NEXT_DUE).scalar_one_or_none()

    def claim(self, outbox_id: int, now: float, lease_seconds: float) -> bool:
        """Atomically take the row for sending; False when someone else has it or it is not due."""
        result = self._connection.execute(
            _CLAIM, {"outbox_id": outbox_id, "now": now, "until": now + lease_seconds}
        )
        return result.rowcount == 1

    def complete(self, outbox_id: int, now: float, attempts: int) -> None:
        self._finish(outbox_id, STATUS=OutboxStatus.DONE.value, DONE=now, ATTEMPTS=attempts, LASTERROR=None)

    def drop(self, outbox_id: int, now: float, reason: str) -> None:
        self._finish(outbox_id, STATUS=OutboxStatus.DROPPED.value, DONE=now, LASTERROR=reason[:1000])

    def retry_at(self, outbox_id: int, at: float, attempts: int, error: str) -> None:
        self._finish(
            outbox_id,
            STATUS=OutboxStatus.PENDING.value,
            NEXTATTEMPT=at,
            ATTEMPTS=attempts,
            LASTERROR=error[:1000],
        )

    def retry_now(self, order_id: int, now: float) -> int:
        """Make the order's pending rows due at once (an admin resubmit); returns how many."""
        result = self._connection.execute(_RETRY_NOW, {"order_id": order_id, "now": now})
        return int(result.rowcount or 0)

    def resume(self, now: float) -> int:
        """Make every pending row due now (a starting server resumes what a stopped one left); how many."""
        result = self._connection.execute(
            update(BODOUTBOX)
            .where(OutboxStatus.PENDING.value == BODOUTBOX.c.STATUS, now < BODOUTBOX.c.NEXTATTEMPT)
            .values(NEXTATTEMPT=now)
        )
        return int(result.rowcount or 0)

    def of_order(self, order_id: int) -> list[OutboundMessage]:
        rows = self._connection.execute(_OF_ORDER, {"order_id": order_id}).all()
        return [_message(row) for row in rows]

    def has(self, order_id: int, action_code: str) -> bool:
        """Whether a row for this order and action was ever written (one per order and action)."""
        found = self._connection.execute(_HAS_ACTION, {"order_id": order_id, "action_code": action_code})
        return found.first() is not None

    def listing(self, status: OutboxStatus | None = None, limit: int = 200) -> list[OutboundMessage]:
        query = select(BODOUTBOX).order_by(BODOUTBOX.c.BODOUTBOX_ID).limit(limit)
        if status is not None:
            query = query.where(status.value == BODOUTBOX.c.STATUS)
        return [_message(row) for row in self._connection.execute(query).all()]

    def counts(self) -> dict[str, int]:
        found = {status.value: 0 for status in OutboxStatus}
        for status, count in self._connection.execute(
            select(BODOUTBOX.c.STATUS, func.count()).group_by(BODOUTBOX.c.STATUS)
        ):
            found[status] = int(count)
        return found

    def _finish(self, outbox_id: int, **values: Any) -> None:
        self._connection.execute(_FINISH, {"outbox_id": outbox_id, "CLAIMEDUNTIL": None, **values})


def _row(message: OutboundMessage) -> dict[str, Any]:
    """The values of a new (pending) row."""
    return {
        "ORDERS_ID": message.order_id,
        "BODTYPE": message.bod_type,
        "ACTIONCODE": message.action_code,
        "BODID": message.bodid,
        "CREATED": message.created,
        "STATUS": OutboxStatus.PENDING.value,
        "ATTEMPTS": 0,
        "NEXTATTEMPT": message.next_attempt or message.created,
    }


def _message(row: Row[Any]) -> OutboundMessage:
    return OutboundMessage(
        order_id=row.ORDERS_ID,
        bod_type=row.BODTYPE,
        action_code=row.ACTIONCODE,
        bodid=row.BODID,
        created=row.CREATED,
        status=OutboxStatus(row.STATUS),
        attempts=row.ATTEMPTS,
        next_attempt=row.NEXTATTEMPT,
        last_error=row.LASTERROR,
        done=row.DONE,
        outbox_id=row.BODOUTBOX_ID,
    )
