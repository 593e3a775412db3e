"""`domh demo` / `domh simulate` on the real fast adapters: exit codes, report folders, sweeps."""

from __future__ import annotations

import argparse
import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from bods import samples
from storefront_sim import cli
from storefront_sim.adapters import adapter_dom, adapter_storefront
from storefront_sim.demo import DemoOptions, run_demo
from storefront_sim.fast import FastDom


def quiet() -> Console:
    return Console(file=io.StringIO(), width=120)


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="domh")
    cli.register(parser.add_subparsers(dest="command"))
    return parser.parse_args(argv)


def run_command(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(cli, "Console", quiet)
    args = parse(argv)
    return int(args.handler(args))


def invalid_document() -> bytes:
    """A well-formed SyncOrder whose order has no OrderIdentifier: schema-invalid."""
    valid = samples.load("SyncOrder_shipped")
    broken = valid.replace(b"_ord:OrderIdentifier>", b"_ord:UnexpectedIdentifier>")
    assert broken != valid
    return broken


def dom_sending_one_invalid_push(mode: Any, scenario: Any, env: Any) -> FastDom:
    """The fast DOM, which first pushes one document the schemas refuse to the commerce server."""
    dom = adapter_dom(mode, scenario, env)
    assert isinstance(dom, FastDom)
    dom.world.to_commerce.post("/webapp/wcs/services/OrderServices", invalid_document(), {})
    return dom


def test_the_demo_exits_1_when_an_invalid_bod_crossed_the_wire(tmp_path: Path) -> None:
    options = DemoOptions(scenario="quiet_day", shoppers=5, mode="fast", out=tmp_path)
    outcome = run_demo(options, adapter_storefront, dom_sending_one_invalid_push, console=quiet())
    assert outcome.exit_code == 1
    invariants = json.loads((outcome.report.parent / "kpis.json").read_text())["runs"][0]["invariants"]
    failed = [inv["name"] for inv in invariants if not inv["held"]]
    assert failed == ["bods_conform"]


def test_the_demo_in_fast_mode_exits_0_and_writes_its_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    argv = ["demo", "--mode", "fast", "--scenario", "low_stock", "--shoppers", "15", "--out", str(tmp_path)]
    assert run_command(argv, monkeypatch) == 0
    (folder,) = tmp_path.iterdir()
    assert folder.name.endswith("low_stock-fast")
    assert (folder / "index.html").is_file()


def test_a_fast_sweep_shows_longer_expiry_saving_dom_calls(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    argv = ["simulate", "--sweep", "expiry=0,3600", "--shoppers", "20", "--out", str(tmp_path)]
    assert run_command(argv, monkeypatch) == 0
    (folder,) = tmp_path.iterdir()
    with (folder / "sweep.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    calls = {row["expiry"]: float(row["dom_calls_per_lookup"]) for row in rows}
    assert calls["0.0"] > calls["3600.0"]
    assert (folder / "tradeoff.png").is_file()
