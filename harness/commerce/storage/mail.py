"""MAILOUTBOX: the emails to shoppers, written in the same transaction as the order change they report.

Without an SMTP server configured they are kept here (STATUS `kept`) and listed at `GET /__admin/mail`;
with one (`--smtp HOST:PORT`) they are written `pending` and the mail worker sends them and marks them
`sent` (or leaves them pending with the error, retried after a growing pause).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import Column, Connection, Integer, Row, String, Table, Text, insert, or_, select, update

from harness.commerce.domain.notifications import MailKind, MailMessage
from harness.commerce.storage.metadata import EpochSeconds, metadata

MAILOUTBOX = Table(
    "MAILOUTBOX",
    metadata,
    Column("MAIL_ID", Integer, primary_key=True, autoincrement=True),
    Column("ORDERS_ID", Integer, nullable=True, index=True),
    Column("KIND", String(32), nullable=False),
    Column("RECIPIENT", String(254), nullable=False),
    Column("SUBJECT", String(254), nullable=False),
    Column("BODY", Text, nullable=False),
    Column("STATUS", String(16), nullable=False),
    Column("ATTEMPTS", Integer, nullable=False, default=0),
    Column("CREATED", EpochSeconds, nullable=False),
    Column("SENT", EpochSeconds, nullable=True),
    Column("NEXTATTEMPT", EpochSeconds, nullable=True),
    Column("LASTERROR", String(1000), nullable=True),
)


class MailStatus(StrEnum):
    KEPT = "kept"
    PENDING = "pending"
    SENT = "sent"


@dataclass(frozen=True)
class StoredMail:
    mail_id: int
    message: MailMessage
    status: MailStatus
    created: float
    attempts: int = 0
    sent: float | None = None
    last_error: str | None = None


_ADD = insert(MAILOUTBOX)  # built once; values are bound per call


class MailRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def add(self, message: MailMessage, status: MailStatus, now: float) -> None:
        self._connection.execute(
            _ADD,
            {
                "ORDERS_ID": message.order_id,
                "KIND": message.kind.value,
                "RECIPIENT": message.recipient,
                "SUBJECT": message.subject,
                "BODY": message.body,
                "STATUS": status.value,
                "ATTEMPTS": 0,
                "CREATED": now,
            },
        )

    def pending(self, now: float, limit: int = 50) -> list[StoredMail]:
        """Pending emails due now (never tried, or their retry time has come)."""
        due = or_(MAILOUTBOX.c.NEXTATTEMPT.is_(None), now >= MAILOUTBOX.c.NEXTATTEMPT)
        rows = self._connection.execute(
            select(MAILOUTBOX)
            .where(MailStatus.PENDING.value == MAILOUTBOX.c.STATUS, due)
            .order_by(MAILOUTBOX.c.MAIL_ID)
            .limit(limit)
        ).all()
        return [_mail(row) for row in rows]

    def mark_sent(self, mail_id: int, now: float) -> bool:
        """Conditional on the row still being pending, so two senders never both claim it."""
        result = self._connection.execute(
            update(MAILOUTBOX)
            .where(mail_id == MAILOUTBOX.c.MAIL_ID, MailStatus.PENDING.value == MAILOUTBOX.c.STATUS)
            .values(
                STATUS=MailStatus.SENT.value, SENT=now, ATTEMPTS=MAILOUTBOX.c.ATTEMPTS + 1, LASTERROR=None
            )
        )
        return result.rowcount == 1

    def mark_failed(self, mail_id: int, error: str, retry_at: float) -> None:
        self._connection.execute(
            update(MAILOUTBOX)
            .where(mail_id == MAILOUTBOX.c.MAIL_ID)
            .values(ATTEMPTS=MAILOUTBOX.c.ATTEMPTS + 1, LASTERROR=error[:1000], NEXTATTEMPT=retry_at)
        )

    def listing(
        self, *, order_id: int | None = None, recipient: str | None = None, limit: int = 200
    ) -> list[StoredMail]:
        query = select(MAILOUTBOX).order_by(MAILOUTBOX.c.MAIL_ID).limit(limit)
        if order_id is not None:
            query = query.where(order_id == MAILOUTBOX.c.ORDERS_ID)
        if recipient is not None:
            query = query.where(recipient == MAILOUTBOX.c.RECIPIENT)
        return [_mail(row) for row in self._connection.execute(query).all()]


def _mail(row: Row[Any]) -> StoredMail:
    message = MailMessage(MailKind(row.KIND), row.RECIPIENT, row.SUBJECT, row.BODY, row.ORDERS_ID)
    return StoredMail(
        row.MAIL_ID, message, MailStatus(row.STATUS), row.CREATED, row.ATTEMPTS, row.SENT, row.LASTERROR
    )
