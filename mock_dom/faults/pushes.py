"""Fault rules for DOM's own pushes: the `decide(facts) -> PushFault | None` callable `PushOutbox` accepts.

Rules with `"on": "pushes"` match a push by BOD type (`SyncOrder`, `SyncInventoryAvailability`), action code,
part number and store, like request rules do, and can delay it (`{"type": "delay", "seconds": 30}`), drop it
(the commerce server never hears of it; the outbox counts it as a failed attempt and retries) or send it
several times (`{"type": "duplicate", "copies": 2}`), which is how a test checks that commerce handles a
repeated SyncOrder idempotently.
"""

from __future__ import annotations

from collections.abc import Callable

from mock_dom.faults.book import FaultBook
from mock_dom.faults.model import Facts, FaultKind, Target
from mock_dom.pushes import PushFacts, PushFault, PushFaultKind

_KINDS = {
    FaultKind.DELAY: PushFaultKind.DELAY,
    FaultKind.DROP: PushFaultKind.DROP,
    FaultKind.DUPLICATE: PushFaultKind.DUPLICATE,
}


def push_decider(book: FaultBook) -> Callable[[PushFacts], PushFault | None]:
    """Bind a fault book to the outbox's decision hook."""

    def decide(facts: PushFacts) -> PushFault | None:
        decision = book.decide(
            Facts(facts.bod_type, facts.action_code, tuple(facts.part_numbers), facts.store_id), Target.PUSHES
        )
        if decision.outcome is None:
            return None
        applied = decision.outcome
        kind = _KINDS[applied.action.kind]
        if kind is PushFaultKind.DELAY:
            return PushFault(kind, seconds=applied.seconds or 0.0)
        if kind is PushFaultKind.DUPLICATE:
            return PushFault(kind, copies=applied.action.copies or 2)
        return PushFault(kind)

    return decide
