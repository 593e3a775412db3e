"""USERS: the shoppers (guest identities) and the tokens that name them in REST requests.

WCS's `POST /store/{storeId}/guestidentity` creates a guest member and answers its WCToken and
WCTrustedToken; later requests carry them in headers. Only SHA-256 digests of the tokens are stored, so a
database dump cannot be replayed as a session.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, Connection, Integer, Row, String, Table, bindparam, insert, select

from harness.commerce.storage.metadata import EpochSeconds, metadata

USERS = Table(
    "USERS",
    metadata,
    Column("USERS_ID", Integer, primary_key=True, autoincrement=False),
    Column("REGISTERTYPE", String(1), nullable=False, default="G"),
    Column("PERSONALIZATIONID", String(64), nullable=False),
    Column("EMAIL1", String(254), nullable=True),
    Column("WCTOKENHASH", String(64), nullable=False, unique=True),
    Column("WCTRUSTEDTOKENHASH", String(64), nullable=False),
    Column("REGISTRATION", EpochSeconds, nullable=False),
)


@dataclass(frozen=True)
class Shopper:
    """A member: `register_type` G (guest) as WCS's USERS.REGISTERTYPE; `trusted_token_hash` checks
    WCTrustedToken."""

    user_id: int
    personalization_id: str
    email: str | None
    register_type: str = "G"
    trusted_token_hash: str = ""


# Built once; values are bound per call.
_ADD = insert(USERS)
_BY_TOKEN_HASH = select(USERS).where(bindparam("token_hash") == USERS.c.WCTOKENHASH)
_GET = select(USERS).where(bindparam("user_id") == USERS.c.USERS_ID)


class ShopperRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def add(self, shopper: Shopper, token_hash: str, trusted_token_hash: str, now: float) -> None:
        self._connection.execute(
            _ADD,
            {
                "USERS_ID": shopper.user_id,
                "REGISTERTYPE": shopper.register_type,
                "PERSONALIZATIONID": shopper.personalization_id,
                "EMAIL1": shopper.email,
                "WCTOKENHASH": token_hash,
                "WCTRUSTEDTOKENHASH": trusted_token_hash,
                "REGISTRATION": now,
            },
        )

    def by_token_hash(self, token_hash: str) -> Shopper | None:
        row = self._connection.execute(_BY_TOKEN_HASH, {"token_hash": token_hash}).first()
        return _shopper(row) if row is not None else None

    def get(self, user_id: int) -> Shopper | None:
        row = self._connection.execute(_GET, {"user_id": user_id}).first()
        return _shopper(row) if row is not None else None


def _shopper(row: Row[Any]) -> Shopper:
    return Shopper(row.USERS_ID, row.PERSONALIZATIONID, row.EMAIL1, row.REGISTERTYPE, row.WCTRUSTEDTOKENHASH)
