"""`domh demo` / `domh simulate`: wiring, refusal without adapters, reports from plugged-in factories."""

from __future__ import annotations

import argparse
import csv
import dataclasses
import io
import json
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from sim_fakes import FakeDom, fake_pair

from storefront_sim import adapters, cli
from storefront_sim.adapters import null_dom, null_storefront
from storefront_sim.demo import DemoOptions, run_demo, run_simulation
from storefront_sim.sweep import parse_sweep

FAST_LIVE = (
    1e7  # simulated seconds per wall second for "live" runs in tests (RealtimeEnvironment barely waits)
)


class Factories:
    """Fake adapters handed to run_demo the way the real ones will be."""

    def __init__(self, invalid_bods: bool = False) -> None:
        self.invalid_bods = invalid_bods
        self.opened: list[str] = []
        self.storefronts: dict[int, Any] = {}

    def dom(self, mode: str, scenario: Any, env: Any) -> FakeDom:
        expiry = float(scenario.cache_settings().get("expiry_above_s", 60.0))
        storefront, dom = fake_pair(env, scenario.epoch, expiry_s=expiry)
        if self.invalid_bods:
            dom.exchange = self.spoiled(dom)  # type: ignore[method-assign]
        self.storefronts[id(dom)] = storefront
        self.opened.append(f"{mode}:{type(env).__name__}")
        return dom

    def storefront(self, mode: str, scenario: Any, env: Any, dom: FakeDom) -> Any:
        return self.storefronts[id(dom)]

    @staticmethod
    def spoiled(dom: FakeDom) -> Any:
        original = dom.exchange

        def exchange(*args: Any, **kwargs: Any) -> None:
            original(*args, **kwargs)
            dom.bods[-1] = dataclasses.replace(dom.bods[-1], valid=False, errors=("not schema-valid",))

        return exchange


def quiet_console() -> Console:
    return Console(file=io.StringIO(), width=120)


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="domh")
    cli.register(parser.add_subparsers(dest="command"))
    return parser.parse_args(argv)


@pytest.fixture
def no_adapters(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        adapters, "ADAPTER_MODULES", {"fast": "storefront_sim.no_fast", "live": "storefront_sim.no_live"}
    )


def test_demo_without_adapters_says_what_it_needs_and_exits_2(
    no_adapters: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = parse(["demo", "--out", str(tmp_path)])
    assert args.handler(args) == 2
    assert "live (storefront_sim.no_live) storefront/DOM adapter is not available" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_simulate_without_the_fast_adapter_exits_2(no_adapters: None, tmp_path: Path) -> None:
    args = parse(["simulate", "--sweep", "expiry=0,30", "--out", str(tmp_path)])
    assert args.handler(args) == 2


def test_a_malformed_sweep_is_refused_with_exit_2(tmp_path: Path) -> None:
    args = parse(["simulate", "--sweep", "expiry", "--out", str(tmp_path)])
    assert args.handler(args) == 2


def test_simulate_lists_the_shipped_scenarios(capsys: pytest.CaptureFixture[str]) -> None:
    args = parse(["simulate", "--list"])
    assert args.handler(args) == 0
    assert "flash_sale" in capsys.readouterr().out.split()


def test_demo_options_come_from_the_flags() -> None:
    args = parse(["demo", "--scenario", "dom_down", "--shoppers", "30", "--seed", "9", "--mode", "fast"])
    options = cli.options_from(args, args.mode)
    assert (options.scenario, options.shoppers, options.seed, options.mode) == ("dom_down", 30, 9, "fast")


def test_simulate_runs_sweep_points_on_every_cpu_unless_told_otherwise() -> None:
    assert cli.options_from(parse(["simulate"]), "fast").jobs == cli.CPUS
    assert cli.options_from(parse(["simulate", "--jobs", "1"]), "fast").jobs == 1


def test_simulate_refuses_fewer_than_one_job(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        parse(["simulate", "--jobs", "0"])
    assert "--jobs: must be 1 or more" in capsys.readouterr().err


def test_run_demo_writes_the_report_and_passes_with_conforming_bods(tmp_path: Path) -> None:
    factories = Factories()
    options = DemoOptions(scenario="quiet_day", shoppers=20, mode="fast", out=tmp_path)
    outcome = run_demo(options, factories.storefront, factories.dom, console=quiet_console())
    assert outcome.exit_code == 0
    assert outcome.report.name == "index.html"
    assert outcome.report.parent.name.endswith("quiet_day-fast")
    assert factories.opened == ["fast:Environment"]


def test_run_demo_exits_1_when_a_bod_does_not_validate(tmp_path: Path) -> None:
    factories = Factories(invalid_bods=True)
    options = DemoOptions(scenario="quiet_day", shoppers=10, mode="fast", out=tmp_path)
    assert run_demo(options, factories.storefront, factories.dom, console=quiet_console()).exit_code == 1


def test_a_comparison_runs_fast_on_simulated_time_and_live_on_real_time(tmp_path: Path) -> None:
    factories = Factories()
    options = DemoOptions(scenario="quiet_day", shoppers=10, compare=True, speed=FAST_LIVE, out=tmp_path)
    outcome = run_demo(options, factories.storefront, factories.dom, console=quiet_console())
    assert factories.opened == ["fast:Environment", "live:RealtimeEnvironment"]
    assert [run["mode"] for run in json.loads((outcome.report.parent / "kpis.json").read_text())["runs"]] == [
        "fast",
        "live",
    ]


def test_a_sweep_runs_every_combination_and_plots_the_trade_off(tmp_path: Path) -> None:
    factories = Factories()
    options = DemoOptions(scenario="quiet_day", shoppers=10, out=tmp_path)
    sweeps = [parse_sweep("expiry=0,300"), parse_sweep("rate=1,5")]
    outcome = run_simulation(options, sweeps, factories.storefront, factories.dom, console=quiet_console())
    with (outcome.report.parent / "sweep.csv").open() as handle:
        table = list(csv.DictReader(handle))
    assert [(row["expiry"], row["rate"]) for row in table] == [
        ("0.0", "1.0"),
        ("0.0", "5.0"),
        ("300.0", "1.0"),
        ("300.0", "5.0"),
    ]
    assert (outcome.report.parent / "tradeoff.png").exists()
    assert outcome.exit_code == 0


def test_swept_cache_settings_reach_the_adapters_and_change_dom_calls(tmp_path: Path) -> None:
    factories = Factories()
    options = DemoOptions(scenario="quiet_day", shoppers=40, out=tmp_path)
    outcome = run_simulation(
        options, [parse_sweep("expiry=0,3600")], factories.storefront, factories.dom, console=quiet_console()
    )
    calls = [result.kpis["dom_calls_per_lookup"] for result in outcome.results.values()]
    assert calls[0] > calls[1]


def test_a_sweep_in_worker_processes_shows_one_bar_of_points_and_reports_them_in_order(
    tmp_path: Path,
) -> None:
    console = quiet_console()
    options = DemoOptions(scenario="quiet_day", shoppers=10, out=tmp_path, jobs=2)
    outcome = run_simulation(options, [parse_sweep("seed=1,2,3")], null_storefront, null_dom, console=console)
    with (outcome.report.parent / "sweep.csv").open() as handle:
        assert [row["seed"] for row in csv.DictReader(handle)] == ["1.0", "2.0", "3.0"]
    shown = console.file.getvalue()  # type: ignore[attr-defined]
    assert "sweep in 2 processes, done: seed=" in shown
    assert "3/3" in shown
    assert [line.split(":")[0] for line in shown.splitlines() if line.startswith("PASS")] == [
        "PASS seed=1",
        "PASS seed=2",
        "PASS seed=3",
    ]
