"""BODINBOX: the inbound BODs already applied, by BODID, so a redelivered message is applied only once.

A row is written in the same transaction as the changes the BOD made, so a BOD is either applied and
recorded or neither. Refused BODs are not recorded (they changed nothing; a corrected message may reuse
the BODID).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Column, Connection, String, Table, bindparam, insert, select

from harness.commerce.storage.metadata import EpochSeconds, metadata

BODINBOX = Table(
    "BODINBOX",
    metadata,
    Column("BODID", String(254), primary_key=True),
    Column("BODTYPE", String(64), nullable=False),
    Column("PAYLOADHASH", String(64), nullable=False),
    Column("RESULT", String(254), nullable=False),
    Column("REPLYBODID", String(64), nullable=False),
    Column("RECEIVED", EpochSeconds, nullable=False),
)


@dataclass(frozen=True)
class InboxEntry:
    """An applied BOD: its BODID and type, a hash of its content, and the identity of the answer we gave."""

    bodid: str
    bod_type: str
    payload_hash: str
    result: str
    reply_bodid: str
    received: float


# Built once; values are bound per call.
_FIND = select(BODINBOX).where(bindparam("bodid") == BODINBOX.c.BODID)
_ADD = insert(BODINBOX)


class InboxRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def find(self, bodid: str) -> InboxEntry | None:
        row = self._connection.execute(_FIND, {"bodid": bodid}).first()
        if row is None:
            return None
        return InboxEntry(row.BODID, row.BODTYPE, row.PAYLOADHASH, row.RESULT, row.REPLYBODID, row.RECEIVED)

    def add(self, entry: InboxEntry) -> None:
        self._connection.execute(
            _ADD,
            {
                "BODID": entry.bodid,
                "BODTYPE": entry.bod_type,
                "PAYLOADHASH": entry.payload_hash,
                "RESULT": entry.result,
                "REPLYBODID": entry.reply_bodid,
                "RECEIVED": entry.received,
            },
        )
