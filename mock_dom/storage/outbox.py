"""The durable push outbox and the processed-BODID register.

Pushes are written in the same transaction as the state change that caused them (transactional outbox), so a
restart never loses one, and a worker drains them later (see mock_dom/pushes.py). A row moves pending ->
sending -> sent, or back to pending with a later `next_attempt_at`, or finally to failed, where it waits for
an admin replay.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import Enum
from typing import Any

from sqlalchemy import Connection, Integer, Row, bindparam, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite

from mock_dom.storage import tables as t


class PushStatus(str, Enum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


@dataclass(frozen=True)
class NewPush:
    bod_type: str
    action_code: str
    path: str
    bodid: str
    created_at: float
    payload: dict[str, Any]
    ordering_key: str
    order_id: str | None = None
    store_id: str | None = None
    part_numbers: tuple[str, ...] = ()


@dataclass(frozen=True)
class PushRecord(NewPush):
    push_id: int = 0
    status: PushStatus = PushStatus.PENDING
    attempts: int = 0
    next_attempt_at: float = 0.0
    last_error: str | None = None
    last_http_status: int | None = None
    sent_at: float | None = None


@dataclass(frozen=True)
class StoredReply:
    status: int
    body: bytes
    content_type: str


# Built once; values are bound per call.
_ADD = insert(t.outbox)
_GET = select(t.outbox).where(t.outbox.c.push_id == bindparam("push_id"))
_UNSENT = (
    select(t.outbox)
    .where(t.outbox.c.status.in_([PushStatus.PENDING.value, PushStatus.SENDING.value]))
    .order_by(t.outbox.c.push_id)
    .limit(bindparam("limit", type_=Integer))
)
# A status move: the row must still be in the expected status; SET from the values bound per call.
_MOVE = update(t.outbox).where(
    t.outbox.c.push_id == bindparam("b_push_id"), t.outbox.c.status == bindparam("b_expected")
)
_PROCESSED = select(t.processed_bods).where(t.processed_bods.c.bodid == bindparam("bodid"))
# First answer wins: a BODID already remembered keeps its answer (ON CONFLICT DO NOTHING, no read first).
_REMEMBER = {
    "sqlite": sqlite.insert(t.processed_bods).on_conflict_do_nothing(index_elements=["bodid"]),
    "postgresql": postgresql.insert(t.processed_bods).on_conflict_do_nothing(index_elements=["bodid"]),
}


class OutboxRepository:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def add(self, push: NewPush) -> int:
        result = self.connection.execute(
            _ADD,
            {
                "bod_type": push.bod_type,
                "action_code": push.action_code,
                "path": push.path,
                "bodid": push.bodid,
                "created_at": push.created_at,
                "payload": json.dumps(push.payload, sort_keys=True),
                "ordering_key": push.ordering_key,
                "order_id": push.order_id,
                "store_id": push.store_id,
                "part_numbers": ",".join(push.part_numbers),
                "status": PushStatus.PENDING.value,
                "attempts": 0,
                "next_attempt_at": push.created_at,
            },
        )
        return int(result.inserted_primary_key[0])

    def get(self, push_id: int) -> PushRecord | None:
        row = self.connection.execute(_GET, {"push_id": push_id}).first()
        return _record(row) if row else None

    def unsent(self, limit: int = 500) -> list[PushRecord]:
        """Pending and in-flight pushes in creation order (the drain decides which are due and not
        blocked)."""
        rows = self.connection.execute(_UNSENT, {"limit": limit}).all()
        return [_record(r) for r in rows]

    def claim(self, push_id: int) -> bool:
        return self._move(push_id, PushStatus.PENDING, status=PushStatus.SENDING.value)

    def mark_sent(self, push_id: int, now: float, http_status: int, attempts: int) -> None:
        self._move(
            push_id,
            PushStatus.SENDING,
            status=PushStatus.SENT.value,
            sent_at=now,
            last_http_status=http_status,
            attempts=attempts,
            last_error=None,
        )

    def retry_later(
        self, push_id: int, *, attempts: int, at: float, error: str, http_status: int | None
    ) -> None:
        self._move(
            push_id,
            PushStatus.SENDING,
            status=PushStatus.PENDING.value,
            attempts=attempts,
            next_attempt_at=at,
            last_error=error[:2000],
            last_http_status=http_status,
        )

    def mark_failed(self, push_id: int, *, attempts: int, error: str, http_status: int | None) -> None:
        self._move(
            push_id,
            PushStatus.SENDING,
            status=PushStatus.FAILED.value,
            attempts=attempts,
            last_error=error[:2000],
            last_http_status=http_status,
        )

    def postpone(self, push_id: int, at: float) -> None:
        self._move(push_id, PushStatus.SENDING, status=PushStatus.PENDING.value, next_attempt_at=at)

    def replay(self, now: float, push_ids: list[int] | None = None) -> int:
        statement = update(t.outbox).where(t.outbox.c.status == PushStatus.FAILED.value)
        if push_ids is not None:
            statement = statement.where(t.outbox.c.push_id.in_(push_ids))
        values = {"status": PushStatus.PENDING.value, "attempts": 0, "next_attempt_at": now}
        return int(self.connection.execute(statement.values(**values)).rowcount)

    def recover_in_flight(self) -> int:
        """After a crash, pushes caught mid-send go back to pending (at-least-once delivery)."""
        statement = update(t.outbox).where(t.outbox.c.status == PushStatus.SENDING.value)
        return int(self.connection.execute(statement.values(status=PushStatus.PENDING.value)).rowcount)

    def list(
        self, status: PushStatus | None = None, *, limit: int = 200, offset: int = 0
    ) -> list[PushRecord]:
        query = select(t.outbox).order_by(t.outbox.c.push_id)
        if status is not None:
            query = query.where(t.outbox.c.status == status.value)
        return [_record(r) for r in self.connection.execute(query.limit(limit).offset(offset)).all()]

    def counts(self) -> dict[str, int]:
        counted = select(t.outbox.c.status, func.count()).group_by(t.outbox.c.status)
        rows = self.connection.execute(counted).all()
        found = {status.value: 0 for status in PushStatus}
        found.update({r[0]: int(r[1]) for r in rows})
        return found

    # --- processed BODIDs: a retried request gets the answer it got the first time --------------------------

    def processed_reply(
        self,
        bodid: str,
        *,
        service: str | None = None,
        bod_type: str | None = None,
        action_code: str | None = None,
    ) -> StoredReply | None:
        """The stored answer for this BODID; with `service`/`bod_type`/`action_code` only if those match
        too."""
        row = self.connection.execute(_PROCESSED, {"bodid": bodid}).first()
        if row is None:
            return None
        wanted = {"service": service, "bod_type": bod_type, "action_code": action_code}
        if any(value is not None and getattr(row, key) != value for key, value in wanted.items()):
            return None
        return StoredReply(row.status, row.response, row.content_type)

    def remember_reply(
        self,
        bodid: str,
        *,
        service: str,
        bod_type: str,
        action_code: str | None,
        now: float,
        reply: StoredReply,
    ) -> None:
        """Store the answer given to `bodid`, unless one is stored already (the first answer stays)."""
        statement = _REMEMBER.get(self.connection.dialect.name)
        if statement is None:  # a dialect without ON CONFLICT here: look first
            if self.processed_reply(bodid) is not None:
                return
            statement = insert(t.processed_bods)
        self.connection.execute(
            statement,
            {
                "bodid": bodid,
                "service": service,
                "bod_type": bod_type,
                "action_code": action_code,
                "processed_at": now,
                "status": reply.status,
                "content_type": reply.content_type,
                "response": reply.body,
            },
        )

    def _move(self, push_id: int, expected: PushStatus, **values: Any) -> bool:
        parameters = {"b_push_id": push_id, "b_expected": expected.value, **values}
        return self.connection.execute(_MOVE, parameters).rowcount == 1


def _record(row: Row[Any]) -> PushRecord:
    return PushRecord(
        bod_type=row.bod_type,
        action_code=row.action_code,
        path=row.path,
        bodid=row.bodid,
        created_at=row.created_at,
        payload=json.loads(row.payload),
        ordering_key=row.ordering_key,
        order_id=row.order_id,
        store_id=row.store_id,
        part_numbers=tuple(p for p in row.part_numbers.split(",") if p),
        push_id=row.push_id,
        status=PushStatus(row.status),
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at,
        last_error=row.last_error,
        last_http_status=row.last_http_status,
        sent_at=row.sent_at,
    )
