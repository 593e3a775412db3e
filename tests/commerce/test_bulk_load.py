"""`domh commerce load FILE`: the CSV bulk load of INVAVL (and INVENTORY), in batches."""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import pytest

from harness.commerce import cli
from harness.commerce.domain.availability import AvailabilityStatus
from harness.commerce.storage.bulk_load import load_csv
from harness.commerce.storage.engine import create_engine_for
from harness.commerce.storage.unit_of_work import unit_of_work_factory

HEADER = [
    "PARTNUMBER",
    "STORE_ID",
    "STLOC",
    "AVAILQUANTITY",
    "INVENTORYSTATUS",
    "AVAILTIME",
    "LASTUPDATE",
    "FFMCENTER_ID",
]


def write_rows(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    return path


def generated_rows(count: int) -> list[list[str]]:
    """`count` distinct item/location rows: online-store rows with INVENTORY, then the physical stores."""
    locations = [("10101", "")] + [("", f"Store-2000{k}") for k in (1, 2, 3)] + [("", "20001")]
    rows = []
    for i in range(count):
        n, location = i % 500 + 1, locations[i // 500 % 4]
        store, stloc = location
        status = "AVL" if n % 3 else "BA"
        rows.append(
            [
                f"SKU-{n:04d}",
                store,
                stloc,
                str(n % 50),
                status,
                "2024-06-01T00:00:00Z" if status == "BA" else "",
                "",
                "10002" if store else "",
            ]
        )
    return rows


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="domh")
    cli.register(root.add_subparsers(dest="command"))
    return root


def test_cli_loads_five_thousand_rows_and_reports_the_rate(tmp_path: Path, capsys) -> None:
    rows = generated_rows(2000)
    rows += [[f"SKU-{n:04d}", "", "Store-20003", "1", "AVL", "", "NULL", ""] for n in range(1, 501)] * 6
    source = write_rows(tmp_path / "avail.csv", rows)
    db = f"sqlite:///{tmp_path / 'commerce.db'}"
    args = parser().parse_args(["commerce", "--db", db, "load", str(source), "--batch-size", "1000"])
    assert args.handler(args) == 0
    out = capsys.readouterr().out
    assert "loaded 5000 INVAVL rows (500 INVENTORY rows)" in out
    assert "rows/s; 0 rejected" in out
    engine = create_engine_for(db)
    with unit_of_work_factory(engine)() as uow:
        assert uow.availability.count() == 2000  # 2000 distinct keys; the repeated rows update in place
        catalog = uow.catalog.snapshot()
        record = uow.availability.get(12001, catalog.physical_location(20003))
        assert record.last_update is None
        assert uow.inventory.level(12001, 10002, 10101).quantity == 1.0
    engine.dispose()


def test_unreadable_rows_are_reported_and_the_rest_loaded(
    tmp_path: Path, uow_factory, catalog, clock
) -> None:
    source = write_rows(
        tmp_path / "bad.csv",
        [
            ["SKU-0001", "10101", "", "5", "AVL", "", "", ""],
            ["SKU-9999", "10101", "", "5", "AVL", "", "", ""],
            ["SKU-0002", "10101", "Store-20001", "5", "AVL", "", "", ""],
            ["SKU-0003", "", "Store-20001", "5", "MAYBE", "", "", ""],
            ["SKU-0004", "", "Store-20001", "5", "Backorderable", "2024-06-01", "", "10001"],
            ["SKU-0005", "", "20002", "x", "AVL", "", "", ""],
        ],
    )
    report = load_csv(source, uow_factory, catalog, clock.now())
    assert report.loaded == 1
    assert [line for line, _ in report.rejected] == [3, 4, 5, 6, 7]
    with uow_factory() as uow:
        record = uow.availability.get(12001, catalog.store_location(10101))
    assert (record.status, record.quantity, record.last_update) == (
        AvailabilityStatus.AVAILABLE,
        5.0,
        clock.now(),
    )


def test_a_header_without_the_required_columns_is_refused(
    tmp_path: Path, uow_factory, catalog, clock
) -> None:
    source = tmp_path / "nohdr.csv"
    source.write_text("SKU,QTY\nSKU-0001,5\n")
    with pytest.raises(ValueError, match="INVENTORYSTATUS"):
        load_csv(source, uow_factory, catalog, clock.now())
