"""`domh demo` and `domh simulate` as functions: load a scenario, run it through adapters, write the report.

The adapters are parameters (`storefront_factory`, `dom_factory`, see `adapters.py`), so plugging in the live
HTTP storefront or the in-process fast one, or a test double, happens in exactly one place: the caller.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from harness.reports import summary_lines, write_report
from harness.reports.sweep import write_sweep_report
from storefront_sim.adapters import DomFactory, Mode, StorefrontFactory, close, make_environment
from storefront_sim.model import run_model
from storefront_sim.results import SimResult
from storefront_sim.scenario import Scenario, load_scenario
from storefront_sim.sweep import Sweep, SweepPoint, combinations, run_sweep, worker_count

EXIT_PASSED, EXIT_FAILED = 0, 1


@dataclass(frozen=True)
class DemoOptions:
    """What `domh demo` / `domh simulate` were asked to do."""

    scenario: str = "quiet_day"  # a shipped scenario name or a TOML path
    shoppers: int | None = 200  # visits to simulate; None = the scenario's arrival window
    seed: int | None = None  # overrides the scenario's random_seed
    mode: Mode = "fast"
    compare: bool = False  # run fast and live and report them side by side
    speed: float = 60.0  # live mode: simulated seconds per wall-clock second
    out: Path = Path("reports")
    jobs: int = 1  # sweeps: points run at once in worker processes (1 = one after the other, in process)
    title: str = "Commerce and DOM integration run"


@dataclass(frozen=True)
class DemoOutcome:
    report: Path
    results: dict[str, SimResult]
    exit_code: int


def chosen_scenario(options: DemoOptions) -> Scenario:
    scenario = load_scenario(options.scenario)
    return scenario if options.seed is None else scenario.with_value("random_seed", options.seed)


def modes_of(options: DemoOptions) -> tuple[Mode, ...]:
    return ("fast", "live") if options.compare else (options.mode,)


def report_folder(options: DemoOptions, kind: str) -> Path:
    return options.out / f"{time.strftime('%Y%m%d-%H%M%S')}-{kind}"


def progress_bar(console: Console) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )


def run_once(
    mode: Mode,
    scenario: Scenario,
    options: DemoOptions,
    storefront_factory: StorefrontFactory,
    dom_factory: DomFactory,
    bar: Progress,
) -> SimResult:
    """One run of the model on adapters opened for it (and closed after it), with a progress bar."""
    expected = options.shoppers if options.shoppers is not None else scenario.shoppers
    task = bar.add_task(f"{mode:>4} {scenario.name}", total=expected or scenario.duration_s)

    def advance(finished: int, total: int | None, now: float) -> None:
        bar.update(task, completed=finished if total else min(now, scenario.duration_s))

    env = make_environment(mode, options.speed)
    dom = dom_factory(mode, scenario, env)
    try:
        storefront = storefront_factory(mode, scenario, env, dom)
        try:
            return run_model(env, scenario, storefront, dom, shoppers=options.shoppers, progress=advance)
        finally:
            close(storefront)
    finally:
        close(dom)


def run_demo(
    options: DemoOptions,
    storefront_factory: StorefrontFactory,
    dom_factory: DomFactory,
    *,
    console: Console | None = None,
) -> DemoOutcome:
    """Run the scenario in the requested mode (or fast and live for a comparison) and write the report.

    The exit code is non-zero when any run broke an invariant (a BOD that does not validate included).
    """
    console = console or Console()
    scenario, modes = chosen_scenario(options), modes_of(options)
    with progress_bar(console) as bar:
        results = {m: run_once(m, scenario, options, storefront_factory, dom_factory, bar) for m in modes}
    base, other = results[modes[0]], results.get(modes[-1]) if len(modes) > 1 else None
    kind = f"{scenario.name}-compare" if other else f"{scenario.name}-{modes[0]}"
    index = write_report(
        base,
        report_folder(options, kind),
        title=options.title,
        scenario=scenario,
        mode=modes[0],
        compare=other,
        compare_mode=modes[-1],
    )
    for mode, result in results.items():
        console.print(f"[bold]{mode} mode[/]")
        for line in summary_lines(result):
            console.print(line)
    console.print(f"report: {index}")
    passed = all(result.passed for result in results.values())
    return DemoOutcome(index, results, EXIT_PASSED if passed else EXIT_FAILED)


def run_simulation(
    options: DemoOptions,
    sweeps: list[Sweep],
    storefront_factory: StorefrontFactory,
    dom_factory: DomFactory,
    *,
    console: Console | None = None,
) -> DemoOutcome:
    """`domh simulate`: one fast run with its report, or a sweep with its trade-off report."""
    if not sweeps:
        return run_demo(options, storefront_factory, dom_factory, console=console)
    console = console or Console()
    scenario = chosen_scenario(options)
    planned = len(combinations(scenario, sweeps))
    workers = worker_count(options.jobs, planned)
    with progress_bar(console) as bar:

        def per_run(index: int, total: int, label: str):  # type: ignore[no-untyped-def]
            task = bar.add_task(f"{index + 1}/{total} {label}", total=options.shoppers or scenario.duration_s)
            return lambda done, expected, now: bar.update(task, completed=done if expected else now)

        # Per-shopper progress does not cross processes cheaply: with workers, one task counts the points.
        overall = bar.add_task(f"sweep in {workers} processes", total=planned) if workers > 1 else None

        def point_done(finished: int, total: int, point: SweepPoint) -> None:
            if overall is not None:
                bar.update(
                    overall,
                    completed=finished,
                    description=f"sweep in {workers} processes, done: {point.label}",
                )

        points = run_sweep(
            scenario,
            sweeps,
            storefront_factory,
            dom_factory,
            shoppers=options.shoppers,
            progress=per_run,
            jobs=options.jobs,
            done=point_done,
        )
    index = write_sweep_report(
        points, report_folder(options, "sweep"), title=f"Sweep: {scenario.name}", scenario=scenario.name
    )
    for point in points:
        verdict = "[green]PASS[/]" if point.result.passed else "[red]FAIL[/]"
        kpis = point.result.kpis
        console.print(
            f"{verdict} {point.label}: DOM calls/lookup {kpis['dom_calls_per_lookup']}, "
            f"stale availability {kpis['stale_availability_rate']}"
        )
    console.print(f"report: {index}")
    passed = all(p.result.passed for p in points)
    return DemoOutcome(index, {p.label: p.result for p in points}, EXIT_PASSED if passed else EXIT_FAILED)
