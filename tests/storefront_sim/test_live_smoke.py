"""Live mode against real servers: `domh demo --compare` with a handful of shoppers at a high speed.

One run starts the mock DOM and the commerce server on free loopback ports (gunicorn sub-processes), drives a
few shoppers through them in real time, pulls the mock DOM's journal and writes the report; the same scenario
and seed also run in fast mode for the side-by-side table.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from storefront_sim import cli

SPEED = "3000"  # simulated seconds per wall second: half an hour of fulfillment takes 0.6 s


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="domh")
    cli.register(parser.add_subparsers(dest="command"))
    return parser.parse_args(argv)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, Path]:
    out = tmp_path_factory.mktemp("reports")
    args = parse(["demo", "--compare", "--scenario", "quiet_day", "--shoppers", "6", "--speed", SPEED])
    args.out = out
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cli, "Console", lambda: Console(file=io.StringIO(), width=120))
        code = args.handler(args)
    (folder,) = out.iterdir()
    return code, folder


def runs(folder: Path) -> list[dict[str, Any]]:
    return list(json.loads((folder / "kpis.json").read_text())["runs"])


def test_the_live_comparison_exits_0(report: tuple[int, Path]) -> None:
    assert report[0] == 0


def test_the_report_folder_holds_the_page_the_figures_and_the_evidence(report: tuple[int, Path]) -> None:
    folder = report[1]
    for name in ("index.html", "kpis.json", "bods.csv", "junit.xml"):
        assert (folder / name).is_file()
    assert list(folder.glob("*.png"))


def test_both_modes_ran_every_shopper_and_kept_the_invariants(report: tuple[int, Path]) -> None:
    found = runs(report[1])
    assert [run["mode"] for run in found] == ["fast", "live"]
    for run in found:
        assert run["passed"]
        assert run["kpis"]["sessions_finished"] == 6


def test_the_live_bods_come_from_the_mock_dom_journal_and_validate(report: tuple[int, Path]) -> None:
    with (report[1] / "bods.csv").open(newline="") as handle:
        live = [row for row in csv.DictReader(handle) if row["mode"] == "live"]
    assert {row["type"] for row in live} >= {"GetInventoryAvailability", "ShowInventoryAvailability"}
    assert all(row["valid"] == "true" and row["xml"].lstrip().startswith("<") for row in live)
