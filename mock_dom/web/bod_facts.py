"""What the journal and the fault rules need to know about a BOD: type, action code, part numbers, store.

The readings themselves are `mock_dom.journal_facts` (Flask-free, shared with the commerce server's
journal); here they become fault-rule `Facts`, and `catalog_lookup` maps catalog entry ids to part numbers
through the mock DOM's database.
"""

from __future__ import annotations

from bods.messages import Bod
from mock_dom.faults import Facts
from mock_dom.journal_facts import PartNumberOf, action_of, part_numbers_of, store_of

__all__ = ["PartNumberOf", "action_of", "catalog_lookup", "facts_of", "part_numbers_of", "store_of"]


def facts_of(bod: Bod, part_number_of: PartNumberOf | None = None) -> Facts:
    return Facts(
        operation=type(bod).__name__,
        action=action_of(bod),
        part_numbers=part_numbers_of(bod, part_number_of),
        store=store_of(bod),
    )


def catalog_lookup(dom: object) -> PartNumberOf | None:
    """Part number of a catalog entry id through the core's database (only hits are cached)."""
    database = getattr(dom, "database", None)
    if database is None:
        return None
    known: dict[str, str] = {}

    def part_number_of(catalog_entry_id: str) -> str | None:
        if catalog_entry_id in known:
            return known[catalog_entry_id]
        with database.uow(read_only=True) as uow:
            item = uow.stock.item_by_catalog_entry_id(catalog_entry_id)
        if item is None:
            return None
        known[catalog_entry_id] = item.part_number
        return item.part_number

    return part_number_of
