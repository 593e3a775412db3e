"""`domh bench`: speed checks that compare against a baseline measured in the same run.

Machines here are small and shared, so an absolute figure means little on its own: every benchmark measures
its subject and a baseline side by side (bare lxml parse, a constant endpoint on the same server stack, a bare
SimPy model) and prints the ratio. Each benchmark lives next to the code it measures and exposes
`run(seconds=...) -> dict` and `format_result(dict) -> str`; this module only dispatches and saves the result.
"""

from __future__ import annotations

import argparse
import importlib
import json
import time
from pathlib import Path
from typing import Any

BENCHMARKS = {
    "bods": ("bods.benchmark", "parse + validate + decode of every sample vs a bare lxml parse"),
    "mock-dom": ("mock_dom.benchmark", "GetInventoryAvailability on the mock DOM vs a constant response"),
    "availability": ("harness.commerce.benchmark", "cached availability lookups vs a constant JSON endpoint"),
    "sim": (
        "storefront_sim.benchmark",
        "fast-mode shopper sessions/s vs a bare SimPy model, where a session's time goes, and its floor",
    ),
}


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "bench",
        help="measure speed against a baseline taken in the same run",
        description=__doc__.split("\n\n")[0]
        + "\n\n"
        + "\n".join(f"  {name:<13} {text}" for name, (_, text) in BENCHMARKS.items()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("name", choices=sorted(BENCHMARKS), help="which benchmark to run")
    parser.add_argument(
        "--seconds",
        type=float,
        default=None,
        help="measuring time per subject (default: the benchmark's own)",
    )
    parser.add_argument(
        "--out", type=Path, default=Path("reports"), help="folder for the result JSON (default: reports/)"
    )
    parser.set_defaults(handler=run_command)


def run_benchmark(name: str, seconds: float | None = None) -> dict[str, Any]:
    module = importlib.import_module(BENCHMARKS[name][0])
    return module.run() if seconds is None else module.run(seconds=seconds)


def run_command(args: argparse.Namespace) -> int:
    module = importlib.import_module(BENCHMARKS[args.name][0])
    result = run_benchmark(args.name, args.seconds)
    print(module.format_result(result))
    folder = args.out / f"{time.strftime('%Y%m%d-%H%M%S')}-bench-{args.name}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "result.json").write_text(json.dumps(result, indent=2, default=str))
    print(f"\nresult saved to {folder / 'result.json'}")
    return 0
