"""The default seed and the JSON / CSV seed formats (documented in seed_data/README.md).

Shared seed contract: online store 10101 (`AuroraESite`) shipping from fulfillment centers 10001 and 10002,
physical stores 20001..20003 (`Store-20001`..), part numbers SKU-0001..SKU-0500 = catalog entries
12001..12500, unit of measure C62. Stock is deterministic and varied:

* every 50th item (SKU-0050, SKU-0100, ...) is out of stock everywhere;
* every other 25th item (SKU-0025, SKU-0075, ...) has no stock but 40 units of future supply at 10001, due 7
  days after the seed is loaded: Backorderable;
* items n % 20 == 7 (SKU-0007, SKU-0027, ...) are low: 8..12 units at 10001 only, around the default monitor
  threshold of 10, and 1 unit in each physical store;
* the rest are plentiful: 60..149 units at 10001, 40..99 at 10002, 0..8 in each physical store.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from mock_dom.domain.inventory import Availability, Item, StockLevel, availability_of
from mock_dom.domain.locations import Location, LocationKind, Topology
from mock_dom.domain.timefmt import parse_datetime
from mock_dom.storage import UnitOfWork, UnitOfWorkFactory

SEED_DIR = Path(__file__).resolve().parent / "seed_data"
FORMAT = "dom-harness-seed/1"
COLUMNS = ("part_number", "catalog_entry_id", "location", "on_hand", "future_quantity", "future_date")
ITEM_COUNT = 500

DEFAULT_LOCATIONS = (
    Location("10101", LocationKind.ONLINE_STORE, "AuroraESite"),
    Location("10001", LocationKind.FULFILLMENT_CENTER, "FC-10001", "10101"),
    Location("10002", LocationKind.FULFILLMENT_CENTER, "FC-10002", "10101"),
    Location("20001", LocationKind.PHYSICAL_STORE, "Store-20001"),
    Location("20002", LocationKind.PHYSICAL_STORE, "Store-20002"),
    Location("20003", LocationKind.PHYSICAL_STORE, "Store-20003"),
)


class SeedError(ValueError):
    """A seed file that cannot be read; the message names the file and row."""


@dataclass(frozen=True)
class SeedRow:
    part_number: str
    catalog_entry_id: str
    location: str
    on_hand: float = 0.0
    future_quantity: float = 0.0
    future_date: str | None = None


@dataclass(frozen=True)
class Seed:
    locations: tuple[Location, ...]
    rows: tuple[SeedRow, ...]


def default_seed_path() -> Path:
    return SEED_DIR / "default_seed.json"


def part_number_for(n: int) -> str:
    return f"SKU-{n:04d}"


def catalog_entry_id_for(n: int) -> str:
    return str(12000 + n)


def default_seed() -> Seed:
    rows: list[SeedRow] = []
    for n in range(1, ITEM_COUNT + 1):
        part, entry = part_number_for(n), catalog_entry_id_for(n)
        for location, (on_hand, future, date) in _stock_for(n).items():
            rows.append(SeedRow(part, entry, location, float(on_hand), float(future), date))
    return Seed(DEFAULT_LOCATIONS, tuple(rows))


def _stock_for(n: int) -> dict[str, tuple[int, int, str | None]]:
    nodes = ("10001", "10002", "20001", "20002", "20003")
    if n % 50 == 0:
        return {node: (0, 0, None) for node in nodes}
    if n % 25 == 0:
        return {node: (0, 40, "+7d") if node == "10001" else (0, 0, None) for node in nodes}
    if n % 20 == 7:
        return {"10001": (8 + n % 5, 0, None), "10002": (0, 0, None)} | {s: (1, 0, None) for s in nodes[2:]}
    stores = {store: ((n + 3 * k) % 9, 0, None) for k, store in enumerate(nodes[2:])}
    return {"10001": (60 + (n * 7) % 90, 0, None), "10002": (40 + (n * 13) % 60, 0, None)} | stores


# --- files --------------------------------------------------------------------------------------------------


def read_seed(path: str | Path) -> Seed:
    path = Path(path)
    try:
        if path.suffix.lower() == ".csv":
            return Seed(DEFAULT_LOCATIONS, tuple(_read_csv(path)))
        return _read_json(path)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise SeedError(f"{path}: {exc}") from exc


def write_seed(seed: Seed, path: str | Path) -> None:
    path = Path(path)
    if path.suffix.lower() == ".csv":
        with path.open("w", newline="", encoding="utf-8") as out:
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(COLUMNS)
            for r in seed.rows:
                writer.writerow(
                    [
                        r.part_number,
                        r.catalog_entry_id,
                        r.location,
                        r.on_hand,
                        r.future_quantity,
                        r.future_date or "",
                    ]
                )
        return
    document = {
        "format": FORMAT,
        "locations": [
            {k: v for k, v in (asdict(loc) | {"kind": loc.kind.value}).items() if v is not None}
            for loc in seed.locations
        ],
        "stock": [asdict(r) for r in seed.rows],
    }
    path.write_text(_compact_json(document), encoding="utf-8")


def _compact_json(document: dict[str, object]) -> str:
    """One location / stock row per line: small enough to diff, easy to edit by hand."""
    parts = [f'{{\n "format": {json.dumps(document["format"])},']
    for key in ("locations", "stock"):
        rows = ",\n  ".join(json.dumps(row) for row in document[key])  # type: ignore[attr-defined]
        parts.append(f' "{key}": [\n  {rows}\n ],')
    return "\n".join(parts).rstrip(",") + "\n}\n"


def _read_json(path: Path) -> Seed:
    document = json.loads(path.read_text(encoding="utf-8"))
    locations = (
        tuple(
            Location(str(d["location_id"]), LocationKind(d["kind"]), str(d["name"]), d.get("parent_id"))
            for d in document.get("locations", [])
        )
        or DEFAULT_LOCATIONS
    )
    return Seed(locations, tuple(_row(d, i) for i, d in enumerate(document["stock"], start=1)))


def _read_csv(path: Path) -> list[SeedRow]:
    with path.open(newline="", encoding="utf-8") as source:
        return [_row(d, i) for i, d in enumerate(csv.DictReader(source), start=2)]


def _row(data: dict[str, object], number: int) -> SeedRow:
    try:
        date = data.get("future_date") or None
        return SeedRow(
            str(data["part_number"]).strip(),
            str(data["catalog_entry_id"]).strip(),
            str(data["location"]).strip(),
            float(data.get("on_hand") or 0),  # type: ignore[arg-type]
            float(data.get("future_quantity") or 0),  # type: ignore[arg-type]
            str(date).strip() if date else None,
        )
    except (KeyError, ValueError) as exc:
        raise ValueError(f"row {number}: {exc}") from exc


_RELATIVE = re.compile(r"^\+(\d+(?:\.\d+)?)([dhms])$")
_UNIT = {"d": 86_400, "h": 3_600, "m": 60, "s": 1}


def resolve_date(text: str | None, now: float) -> float | None:
    """`+7d` / `+12h` / `+30m` / `+90s` relative to load time, or an ISO 8601 date or date-time."""
    if not text:
        return None
    relative = _RELATIVE.match(text.strip())
    if relative:
        return now + float(relative.group(1)) * _UNIT[relative.group(2)]
    return parse_datetime(text)


# --- loading ------------------------------------------------------------------------------------------------


def load_seed(uow_factory: UnitOfWorkFactory, path: str | Path | None = None, *, now: float) -> int:
    """Load a seed file (the default one when `path` is None) into an empty database; returns the stock
    rows."""
    seed = read_seed(path or default_seed_path())
    with uow_factory() as uow:
        write_seed_rows(uow, seed, now)
    return len(seed.rows)


def write_seed_rows(uow: UnitOfWork, seed: Seed, now: float) -> None:
    _check(seed)
    for location in seed.locations:
        uow.stock.add_location(location)
    items = {r.part_number: Item(r.part_number, r.catalog_entry_id) for r in seed.rows}
    for item in items.values():
        uow.stock.add_item(item)
    levels = [
        StockLevel(
            r.part_number,
            r.location,
            r.on_hand,
            0.0,
            r.future_quantity,
            0.0,
            resolve_date(r.future_date, now),
        )
        for r in seed.rows
    ]
    uow.stock.insert_levels(levels)
    uow.stock.insert_marks(_baselines(Topology(seed.locations), levels))


def _check(seed: Seed) -> None:
    known = {loc.location_id: loc for loc in seed.locations}
    entries: dict[str, str] = {}
    for r in seed.rows:
        location = known.get(r.location)
        if location is None or not location.holds_stock:
            raise SeedError(f"{r.part_number}: {r.location!r} is not a fulfillment center or physical store")
        if entries.setdefault(r.catalog_entry_id, r.part_number) != r.part_number:
            raise SeedError(f"catalog entry {r.catalog_entry_id} is given to two part numbers")
        if r.on_hand < 0 or r.future_quantity < 0:
            raise SeedError(f"{r.part_number} at {r.location}: quantities cannot be negative")


def _baselines(topology: Topology, levels: list[StockLevel]) -> list[tuple[str, str, Availability]]:
    """The monitor's starting point: the seeded availability of every item at every location WCS sees."""
    by_part: dict[str, dict[str, StockLevel]] = {}
    for level in levels:
        by_part.setdefault(level.part_number, {})[level.location_id] = level
    marks = []
    for part, nodes in by_part.items():
        for location in topology.online_stores() + topology.physical_stores():
            wanted = _nodes_of(topology, location)
            marks.append(
                (part, location.location_id, availability_of(nodes[n] for n in wanted if n in nodes))
            )
    return marks


def _nodes_of(topology: Topology, location: Location) -> list[str]:
    if location.kind is LocationKind.ONLINE_STORE:
        return [fc.location_id for fc in topology.fulfillment_centers(location.location_id)]
    return [location.location_id]


def availability_at(
    uow: UnitOfWork, topology: Topology, part_number: str, location: Location
) -> Availability:
    """What DOM reports for an item at an online store (summed over its fulfillment centers) or physical
    store."""
    return availability_of(uow.stock.levels(part_number, _nodes_of(topology, location)))
