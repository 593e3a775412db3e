"""`domh demo` and `domh simulate`: thin commands over `storefront_sim.demo`.

Both need the storefront/DOM adapters (live HTTP and/or fast in-process). When a needed adapter is not
installed the command says so and exits 2 instead of running against a stand-in.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from rich.console import Console

from storefront_sim.adapters import MODES, adapter_dom, adapter_storefront, require
from storefront_sim.demo import DemoOptions, run_demo, run_simulation
from storefront_sim.errors import AdaptersUnavailable, ScenarioError
from storefront_sim.scenario import list_scenarios
from storefront_sim.sweep import parse_sweep

EXIT_UNAVAILABLE = 2  # the command cannot run here (missing adapters) or was called wrongly

DEMO_TEXT = """Run simulated shoppers against the commerce server and the mock DOM (live: real servers over
HTTP in real time; fast: the same services in process on simulated time; --compare: both, side by side) and
write a report folder under --out. Exits 1 when an invariant broke or a BOD did not validate."""

SIMULATE_TEXT = """Fast-mode runs on simulated time: one run with its report, or with --sweep one run per
combination of values and a chart of the trade-off (DOM calls per lookup vs stale availability)."""


DEMO_SCENARIO, DEMO_SHOPPERS, DEMO_SPEED = "flash_sale", 300, 60.0  # live: about 1.5 min on 2 cores
CPUS = os.cpu_count() or 1  # default number of sweep worker processes


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {value}")
    return value


def add_common(
    parser: argparse.ArgumentParser, default_shoppers: int, default_scenario: str = "quiet_day"
) -> None:
    parser.add_argument(
        "--scenario",
        default=default_scenario,
        help=f"scenario name ({', '.join(list_scenarios())}) or a TOML path (default: {default_scenario})",
    )
    parser.add_argument(
        "--shoppers",
        type=int,
        default=default_shoppers,
        help=f"shopper visits to simulate (default: {default_shoppers}; 0 = the scenario's window)",
    )
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: the scenario's)")
    parser.add_argument("--out", type=Path, default=Path("reports"), help="folder for report folders")


def register(commands: argparse._SubParsersAction) -> None:
    demo = commands.add_parser(
        "demo", help="run shoppers against both servers and write a report", description=run_demo.__doc__
    )
    add_common(demo, DEMO_SHOPPERS, DEMO_SCENARIO)
    demo.add_argument(
        "--mode",
        choices=MODES,
        default="live",
        help="live: real servers over HTTP in real time; fast: in process, simulated time",
    )
    demo.add_argument(
        "--compare", action="store_true", help="run fast and live and compare them side by side"
    )
    demo.add_argument(
        "--speed",
        type=float,
        default=DEMO_SPEED,
        help=f"live mode: simulated seconds per wall-clock second (default: {DEMO_SPEED:g})",
    )
    demo.set_defaults(handler=demo_command)
    simulate = commands.add_parser(
        "simulate", help="fast-mode simulation runs and parameter sweeps", description=run_simulation.__doc__
    )
    add_common(simulate, 500)
    simulate.add_argument(
        "--sweep",
        action="append",
        default=[],
        metavar="NAME=V1,V2",
        help="sweep a parameter: expiry, threshold, rate, latency, pushes, store_sales, online_orders, seed "
        "or a dotted path (e.g. session.pickup_share); repeat for combinations "
        "(e.g. --scenario omnichannel --sweep expiry=0,60,300,900,1800)",
    )
    simulate.add_argument(
        "--jobs",
        type=positive_int,
        default=CPUS,
        metavar="N",
        help="run up to N sweep points at once, each in its own worker process, with the same results as one "
        f"by one (default: the number of CPUs, {CPUS} here, and never more than the points); "
        "1: one after the other in this process, with a progress bar per run",
    )
    simulate.add_argument("--list", action="store_true", help="list the shipped scenarios and exit")
    simulate.set_defaults(handler=simulate_command)


def options_from(args: argparse.Namespace, mode: str, compare: bool = False) -> DemoOptions:
    return DemoOptions(
        scenario=args.scenario,
        shoppers=args.shoppers or None,
        seed=args.seed,
        mode=mode,  # type: ignore[arg-type]
        compare=compare,
        speed=getattr(args, "speed", 60.0),
        out=args.out,
        jobs=getattr(args, "jobs", 1),
    )


def unavailable(command: str, error: Exception) -> int:
    print(f"domh {command}: {error}", file=sys.stderr)
    return EXIT_UNAVAILABLE


def demo_command(args: argparse.Namespace) -> int:
    options = options_from(args, args.mode, args.compare)
    try:
        require(("fast", "live") if options.compare else (options.mode,))
        return run_demo(options, adapter_storefront, adapter_dom, console=Console()).exit_code
    except (AdaptersUnavailable, ScenarioError) as exc:
        return unavailable("demo", exc)


def simulate_command(args: argparse.Namespace) -> int:
    if args.list:
        print("\n".join(list_scenarios()))
        return 0
    try:
        sweeps = [parse_sweep(text) for text in args.sweep]
        require(("fast",))
        options = options_from(args, "fast")
        return run_simulation(options, sweeps, adapter_storefront, adapter_dom, console=Console()).exit_code
    except (AdaptersUnavailable, ScenarioError) as exc:
        return unavailable("simulate", exc)
