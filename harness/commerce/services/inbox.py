"""Redelivery of inbound BODs: a BODID already applied is not applied again.

Same BODID and same content (hash of the decoded BOD, so SOAP or bare wrapping does not matter): answered
with the same ConfirmBOD as the first time (same reply BODID and CreationDateTime), nothing changes.
Same BODID with different content: refused with `_ERR_BOD_DUPLICATE_BODID.-1`, nothing changes. BODs without
a BODID are applied every time.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError

from harness.commerce.domain.errors import BodConflict
from harness.commerce.storage.inbox import InboxEntry
from harness.commerce.storage.unit_of_work import SqlUnitOfWork, UnitOfWorkFactory


@dataclass(frozen=True)
class Applied:
    """The outcome of an inbound BOD: the identity of our ConfirmBOD, and whether it was a redelivery."""

    reply_bodid: str
    reply_time: float
    redelivered: bool = False


def payload_hash(bod: Any) -> str:
    return hashlib.sha256(repr(bod).encode("utf-8")).hexdigest()


def apply_once(
    uow_factory: UnitOfWorkFactory,
    bod: Any,
    now: float,
    change: Callable[[SqlUnitOfWork], Callable[[], None]],
) -> Applied:
    """Run `change(uow)` and record the BODID in the same transaction, unless the BODID was applied already.

    `change` writes to the database and returns what to do once committed (memory cache updates), so a
    refused or rolled-back BOD leaves the memory cache untouched too.
    """
    bod_type = type(bod).__name__
    bodid = bod.application_area.bodid
    digest = payload_hash(bod)
    for attempt in range(2):
        with uow_factory() as uow:
            earlier = _earlier(uow, bodid, bod_type, digest)
            if earlier is not None:
                return earlier
            after_commit = change(uow)
            applied = Applied(str(uuid.uuid4()), now)
            if bodid:
                uow.inbox.add(InboxEntry(bodid, bod_type, digest, "applied", applied.reply_bodid, now))
            try:
                uow.commit()
            except IntegrityError:
                if attempt == 0 and bodid:
                    continue  # the same BODID was applied concurrently: look again
                raise
        after_commit()
        return applied
    raise BodConflict(f'BOD "{bodid}" could not be recorded.', str(bodid))


def _earlier(uow: SqlUnitOfWork, bodid: str | None, bod_type: str, digest: str) -> Applied | None:
    if not bodid:
        return None
    entry = uow.inbox.find(bodid)
    if entry is None:
        return None
    if entry.payload_hash != digest or entry.bod_type != bod_type:
        raise BodConflict(
            f'BOD "{bodid}" was already applied with different content; a new message needs a new BODID.',
            bodid,
        )
    return Applied(entry.reply_bodid, entry.received, redelivered=True)
