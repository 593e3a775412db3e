"""Bulk load of the availability cache (INVAVL) and stock levels (INVENTORY) from CSV.

The coarse-grained refresh path the cache update service documentation points to (massload / Data Load,
facts section 1). Rows are upserted in batches with one executemany statement per batch and table, one
transaction per batch. Columns (header row required, names case-insensitive, order free):

    PARTNUMBER       item by part number (or CATENTRY_ID instead)
    STORE_ID         online store id             } exactly one of the two
    STLOC            physical store id or external identifier (e.g. Store-20001)
    AVAILQUANTITY    available quantity (blank = infinite when AVL)
    INVENTORYSTATUS  AVL | BA | UAVL (or Available | Backorderable | Unavailable)
    AVAILTIME        optional ISO 8601 date-time the item becomes available
    AVAILOFFSET      optional seconds
    LASTUPDATE       optional ISO 8601; blank = load time, NULL = never expires
    FFMCENTER_ID     optional, with STORE_ID: also writes INVENTORY (item, center, store) = AVAILQUANTITY

Rows that cannot be read are skipped and reported with their line number; the others are loaded.
"""

from __future__ import annotations

import csv
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from harness.commerce.domain.availability import UNITLESS, AvailabilityStatus, LocationKind
from harness.commerce.domain.catalog import Catalog
from harness.commerce.domain.errors import CommerceError
from harness.commerce.storage.availability import save_rows
from harness.commerce.storage.inventory import INVENTORY
from harness.commerce.storage.unit_of_work import UnitOfWorkFactory
from harness.commerce.storage.upsert import upsert
from mock_dom.domain.timefmt import parse_datetime

BATCH_SIZE = 2000
REQUIRED = ("INVENTORYSTATUS",)


@dataclass
class LoadReport:
    loaded: int = 0
    inventory_rows: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def rows_per_second(self) -> float:
        return self.loaded / self.seconds if self.seconds > 0 else 0.0


class RowError(ValueError):
    pass


def count_rows(path: Path) -> int:
    with path.open("rb") as handle:
        return max(0, sum(1 for _ in handle) - 1)


def load_csv(
    path: Path,
    uow_factory: UnitOfWorkFactory,
    catalog: Catalog,
    now: float,
    *,
    batch_size: int = BATCH_SIZE,
    on_progress: Callable[[int], None] | None = None,
) -> LoadReport:
    """Load `path` into INVAVL (and INVENTORY); `on_progress(rows)` is called after each batch."""
    report = LoadReport()
    started = time.perf_counter()
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        _check_header(reader.fieldnames)
        for batch in _batches(reader, batch_size):
            avl_rows, inv_rows = [], []
            for line, raw in batch:
                try:
                    avl, inv = _row(raw, catalog, now)
                except (RowError, CommerceError, ValueError) as exc:
                    report.rejected.append((line, str(exc)))
                    continue
                avl_rows.append(avl)
                if inv is not None:
                    inv_rows.append(inv)
            with uow_factory() as uow:
                save_rows(uow.connection, avl_rows)
                upsert(uow.connection, INVENTORY, inv_rows, keys=("CATENTRY_ID", "FFMCENTER_ID", "STORE_ID"))
                uow.commit()
            report.loaded += len(avl_rows)
            report.inventory_rows += len(inv_rows)
            if on_progress is not None:
                on_progress(len(batch))
    report.seconds = time.perf_counter() - started
    return report


def _check_header(fieldnames: Any) -> None:
    names = {name.strip().upper() for name in fieldnames or ()}
    missing = [name for name in REQUIRED if name not in names]
    if missing or not ({"PARTNUMBER", "CATENTRY_ID"} & names) or not ({"STORE_ID", "STLOC"} & names):
        raise ValueError(
            "the CSV header needs INVENTORYSTATUS, PARTNUMBER or CATENTRY_ID, and STORE_ID or STLOC; "
            f"found {sorted(names)}"
        )


def _batches(reader: csv.DictReader[str], size: int) -> Iterator[list[tuple[int, dict[str, str]]]]:
    batch: list[tuple[int, dict[str, str]]] = []
    for raw in reader:
        normalised = {(k or "").strip().upper(): (v or "").strip() for k, v in raw.items()}
        batch.append((reader.line_num, normalised))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _row(raw: dict[str, str], catalog: Catalog, now: float) -> tuple[dict[str, Any], dict[str, Any] | None]:
    catentry = _catentry(raw, catalog)
    store, stloc = raw.get("STORE_ID", ""), raw.get("STLOC", "")
    if bool(store) == bool(stloc):
        raise RowError("exactly one of STORE_ID and STLOC must be given")
    location = catalog.store_location(int(store)) if store else _physical(stloc, catalog)
    quantity = float(raw["AVAILQUANTITY"]) if raw.get("AVAILQUANTITY") else None
    at_store = location.kind is LocationKind.ONLINE_STORE
    avl = {
        "CATENTRY_ID": catentry,
        "STORE_ID": location.id if at_store else None,
        "STLOC_ID": None if at_store else location.id,
        "AVAILQUANTITY": quantity,
        "AVAILTIME": parse_datetime(raw["AVAILTIME"]) if raw.get("AVAILTIME") else None,
        "AVAILOFFSET": int(raw["AVAILOFFSET"]) if raw.get("AVAILOFFSET") else None,
        "LASTUPDATE": _last_update(raw.get("LASTUPDATE", ""), now),
        "INVENTORYSTATUS": AvailabilityStatus.parse(raw["INVENTORYSTATUS"]).value,
        "QUANTITYMEASURE": UNITLESS,
        "FIELD1": None,
        "FIELD2": None,
        "FIELD3": None,
    }
    center = raw.get("FFMCENTER_ID", "")
    if not center:
        return avl, None
    if not at_store:
        raise RowError("FFMCENTER_ID goes with STORE_ID (INVENTORY is kept per online store)")
    catalog.fulfillment_center(int(center), "FFMCENTER_ID")
    inv = {
        "CATENTRY_ID": catentry,
        "FFMCENTER_ID": int(center),
        "STORE_ID": location.id,
        "QUANTITY": quantity or 0.0,
        "QUANTITYMEASURE": UNITLESS,
    }
    return avl, inv


def _catentry(raw: dict[str, str], catalog: Catalog) -> int:
    if raw.get("PARTNUMBER"):
        return catalog.entry_by_part_number(raw["PARTNUMBER"]).catentry_id
    if raw.get("CATENTRY_ID"):
        return catalog.entry(int(raw["CATENTRY_ID"])).catentry_id
    raise RowError("PARTNUMBER or CATENTRY_ID is required")


def _physical(value: str, catalog: Catalog) -> Any:
    if value.isdigit():
        return catalog.physical_location(int(value))
    return catalog.physical_store_by_identifier(value).location


def _last_update(value: str, now: float) -> float | None:
    if not value:
        return now
    if value.upper() == "NULL":
        return None
    return parse_datetime(value)
