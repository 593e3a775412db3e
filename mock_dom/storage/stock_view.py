"""The stock view: this process's read-through copy of the catalog and of the stock levels, per part number.

GetInventoryAvailability is by far the most frequent request a storefront sends (WCS asks on every product
page, facts section 3), and answering it from the database costs a transaction and two queries. The view
answers it from memory and stays exactly as current as the database, because every stock change this process
makes goes through a `StockRepository`, which tells the view:

* before a part's stock row is written, `writing(part)` marks the part; while it is marked, reads of it go to
  the database (which gives the last committed figures), never to the copy;
* when the unit of work has committed or rolled back, `written(parts)` drops the part's copy and lifts the
  mark; the next read loads it again;
* a reader that loaded a part from the database keeps the copy only if no write to that part started or
  ended in the meantime (a generation counter), so a slow reader can never put back figures a writer has
  just replaced;
* wiping the database (`writing_everything` / `written(everything=True)`) drops everything, catalog included.

The conditional UPDATE in `StockRepository.hold` stays the only authority for taking stock: the view is
for reading availability, never for deciding a reservation.

It is only correct while this process is the only writer of the database. The mock DOM runs one gunicorn
worker by default, so one process owns the state; with more workers (or anything else writing the same
database) the view must be off: `Database(url, stock_view=False)`, which `mock_dom.bootstrap.build` does
whenever `DomSettings.workers` is above 1.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from mock_dom.domain.inventory import Availability, Item, StockLevel, availability_of


@dataclass(frozen=True)
class PartStock:
    """One part's levels by node, as committed when it was loaded (nodes without a row are absent), and
    the availability worked out from them per set of nodes (the copy never changes, so neither does that)."""

    levels: dict[str, StockLevel]
    _availability: dict[tuple[str, ...], Availability] = field(
        default_factory=dict, compare=False, repr=False
    )

    def availability(self, location_ids: tuple[str, ...]) -> Availability:
        found = self._availability.get(location_ids)
        if found is None:
            levels = self.levels
            found = availability_of(levels[node] for node in location_ids if node in levels)
            self._availability[location_ids] = found
        return found


class StockView:
    """Thread-safe; `load_part` reads one part's levels from the database, `load_item` one catalog item by
    part number or catalog entry id (both in a read-only transaction of their own)."""

    def __init__(
        self,
        load_part: Callable[[str], PartStock],
        load_item: Callable[[str | None, str | None], Item | None],
    ) -> None:
        self._load_part = load_part
        self._load_item = load_item
        self._lock = threading.Lock()
        self._parts: dict[str, PartStock] = {}
        self._writing: dict[str, int] = {}
        self._writing_everything = 0
        self._generation = 0  # moves on every write announcement and every end of one
        self._epoch = 0  # moves on every wipe (the catalog's only change besides additions)
        self._by_part_number: dict[str, Item] = {}
        self._by_catalog_entry_id: dict[str, Item] = {}

    # --- reads ----------------------------------------------------------------------------------------------

    def levels(self, part_number: str, location_ids: Sequence[str]) -> list[StockLevel]:
        """Current levels at these nodes, in the given order (nodes without a row left out), like
        `StockRepository.levels`."""
        by_node = self.part(part_number).levels
        return [by_node[node] for node in location_ids if node in by_node]

    def availability(self, part_number: str, location_ids: Sequence[str]) -> Availability:
        """What DOM reports over these nodes (`domain.inventory.availability_of`)."""
        return self.part(part_number).availability(tuple(location_ids))

    def part(self, part_number: str) -> PartStock:
        """A hit is one dict read, without the lock: writers drop a copy under the lock before they write,
        and a read just before the drop gives the committed figures, as it would have with the lock. Taking
        it here made every lookup thread queue behind whichever holder the interpreter had paused."""
        found = self._parts.get(part_number)
        if found is not None:
            return found
        with self._lock:
            generation = self._generation
        loaded = self._load_part(part_number)
        with self._lock:
            if (
                self._generation == generation
                and not self._writing_everything
                and part_number not in self._writing
            ):
                self._parts[part_number] = loaded
        return loaded

    def item_by_part_number(self, part_number: str) -> Item | None:
        found = self._by_part_number.get(part_number)
        return found if found is not None else self._item(None, part_number)

    def item_by_catalog_entry_id(self, catalog_entry_id: str) -> Item | None:
        found = self._by_catalog_entry_id.get(catalog_entry_id)
        return found if found is not None else self._item(catalog_entry_id, None)

    def _item(self, catalog_entry_id: str | None, part_number: str | None) -> Item | None:
        """Items are only added (never changed) until a wipe, so only hits are kept, and only when no wipe
        started or ended while loading."""
        with self._lock:
            epoch = self._epoch
        item = self._load_item(catalog_entry_id, part_number)
        if item is not None:
            with self._lock:
                if self._epoch == epoch and not self._writing_everything:
                    self._by_part_number[item.part_number] = item
                    self._by_catalog_entry_id[item.catalog_entry_id] = item
        return item

    # --- what writers announce ------------------------------------------------------------------------------

    def writing(self, part_number: str) -> None:
        """A unit of work is about to change this part's stock: read it from the database until it ends."""
        with self._lock:
            self._writing[part_number] = self._writing.get(part_number, 0) + 1
            self._parts.pop(part_number, None)
            self._generation += 1

    def writing_everything(self) -> None:
        with self._lock:
            self._writing_everything += 1
            self._forget_all()

    def written(self, part_numbers: Iterable[str], *, everything: bool = False) -> None:
        """The unit of work that announced these parts has committed or rolled back."""
        with self._lock:
            for part_number in part_numbers:
                left = self._writing.get(part_number, 0) - 1
                if left > 0:
                    self._writing[part_number] = left
                else:
                    self._writing.pop(part_number, None)
                self._parts.pop(part_number, None)
            if everything:
                self._writing_everything -= 1
                self._forget_all()
            self._generation += 1

    def _forget_all(self) -> None:
        self._parts.clear()
        self._by_part_number.clear()
        self._by_catalog_entry_id.clear()
        self._generation += 1
        self._epoch += 1
