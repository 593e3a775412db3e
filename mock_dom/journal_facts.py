"""What a journal entry (and a fault rule) says about a BOD: type, action code, part numbers, store.

Read from the decoded `bods.messages` dataclasses, so it works for SOAP and bare documents alike, and for
both servers' journals (the mock DOM's and the reference commerce server's). Items named only by catalog
entry id are mapped to part numbers by the seed contract (SKU-n <-> 12000+n) through the `part_number_of`
look-up the caller passes, when it has one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from bods.messages import (
    AcknowledgeInventoryRequirement,
    AcknowledgeOrder,
    Bod,
    GetInventoryAvailability,
    ProcessInventoryRequirement,
    ProcessOrder,
    ShowInventoryAvailability,
    SyncInventoryAvailability,
    SyncOrder,
    SyncProductAvailability,
)

PartNumberOf = Callable[[str], str | None]


def action_of(bod: Bod) -> str | None:
    code = getattr(bod, "action_code", None)
    if code is None:
        return None
    return str(getattr(code, "value", code))


def store_of(bod: Bod) -> str | None:
    if isinstance(bod, ProcessInventoryRequirement) and bod.requirement.store_id:
        return bod.requirement.store_id
    if isinstance(bod, ProcessOrder | SyncOrder) and bod.order.store_id:
        return bod.order.store_id
    if isinstance(bod, GetInventoryAvailability) and bod.query.online_store_id:
        return bod.query.online_store_id
    return bod.application_area.store_id


def part_numbers_of(bod: Bod, part_number_of: PartNumberOf | None = None) -> tuple[str, ...]:
    pairs: Iterable[tuple[str | None, str | None]]
    if isinstance(bod, GetInventoryAvailability):
        pairs = [(p, None) for p in bod.query.part_numbers] + [(None, c) for c in bod.query.catalog_entry_ids]
    elif isinstance(bod, ProcessInventoryRequirement | AcknowledgeInventoryRequirement):
        items = bod.requirement.items if bod.requirement else ()
        pairs = [(i.part_number, i.catalog_entry_id) for i in items]
    elif isinstance(bod, ProcessOrder | SyncOrder | AcknowledgeOrder):
        items = bod.order.items if bod.order else ()
        pairs = [(i.part_number, i.catalog_entry_id) for i in items]
    elif isinstance(bod, ShowInventoryAvailability | SyncInventoryAvailability):
        pairs = [(r.part_number, r.catalog_entry_id) for r in bod.records]
    elif isinstance(bod, SyncProductAvailability):
        pairs = [(p.sku, None) for p in bod.products]
    else:
        pairs = ()
    found: list[str] = []
    for part_number, catalog_entry_id in pairs:
        name = part_number or (
            part_number_of(catalog_entry_id) if catalog_entry_id and part_number_of else None
        )
        if name and name not in found:
            found.append(name)
    return tuple(found)
