"""Which reservation or order holds which stock: rows of `dom_holds`, owned by a reservation or an order
line.
"""

from __future__ import annotations

from collections import defaultdict
from enum import Enum

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from mock_dom.domain.allocation import Hold, SupplyKind
from mock_dom.storage import tables as t


class Owner(str, Enum):
    RESERVATION = "reservation"
    ORDER = "order"


def load_holds(session: Session, owner: Owner, owner_id: str) -> dict[str, tuple[Hold, ...]]:
    """Holds by order item id."""
    rows = session.execute(
        select(t.holds)
        .where(t.holds.c.owner_kind == owner.value, t.holds.c.owner_id == owner_id)
        .order_by(t.holds.c.hold_id)
    ).all()
    found: dict[str, list[Hold]] = defaultdict(list)
    for r in rows:
        found[r.order_item_id].append(
            Hold(r.location_id, r.part_number, r.quantity, SupplyKind(r.supply), r.available_at)
        )
    return {item: tuple(hs) for item, hs in found.items()}


def replace_holds(
    session: Session, owner: Owner, owner_id: str, by_item: dict[str, tuple[Hold, ...]]
) -> None:
    drop_holds(session, owner, owner_id)
    rows = [
        {
            "owner_kind": owner.value,
            "owner_id": owner_id,
            "order_item_id": item,
            "part_number": h.part_number,
            "location_id": h.location_id,
            "supply": h.supply.value,
            "quantity": h.quantity,
            "available_at": h.available_at,
        }
        for item, hs in by_item.items()
        for h in hs
    ]
    if rows:
        session.execute(insert(t.holds), rows)


def drop_holds(session: Session, owner: Owner, owner_id: str) -> None:
    session.execute(
        delete(t.holds).where(t.holds.c.owner_kind == owner.value, t.holds.c.owner_id == owner_id)
    )
