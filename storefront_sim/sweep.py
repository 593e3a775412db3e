"""Parameter sweeps in fast mode: one run per combination, to see what a setting trades against another.

The question a sweep answers first is the INVCNF cache trade-off (facts section 3): a longer cache expiry
saves DOM calls per lookup but shows shoppers stale availability more often. That only happens when DOM's
stock changes behind the cache's back: where DOM pushes every availability change and only this storefront
sells, the cache stays current whatever its expiry. The `omnichannel` scenario has other channels selling and
DOM's availability pushes off, so its expiry sweep shows the trade-off.
`--sweep expiry=0,30,300 --sweep rate=1,5` runs every combination of the listed values with the same seed.

Each point is independent (fresh in-memory databases, simulated time, its own seeded random streams), so
`jobs > 1` runs points in separate worker processes and gives the same results as running them one by one.
Workers are started with "spawn", not "fork": the parent may hold threads and SQLite connections that a forked
child would inherit half-way. Spawned workers receive everything by pickling, so the factories must then be
module-level functions (such as `adapters.adapter_storefront` / `adapter_dom`), not lambdas or bound methods.
"""

from __future__ import annotations

import itertools
import multiprocessing
import pickle
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from storefront_sim.adapters import DomFactory, StorefrontFactory, close, make_environment
from storefront_sim.errors import ScenarioError, SimulationError
from storefront_sim.model import Progress, run_model
from storefront_sim.results import SimResult
from storefront_sim.scenario import Scenario

# Short sweep names and the scenario parameters they set; any other name is taken as a dotted parameter path.
SWEEP_ALIASES: dict[str, tuple[str, ...]] = {
    "expiry": ("cache.expiry_above_s", "cache.expiry_below_s"),  # seconds, both INVCNF expiries
    "threshold": ("cache.threshold",),  # units, INVCNF THRESHOLDQUANTITY
    "rate": ("arrivals.rate_per_min",),  # shoppers / minute
    "latency": ("dom.latency_s",),  # seconds per DOM answer
    "pushes": ("dom.availability_pushes",),  # 1 / 0: DOM pushes availability changes or not
    "store_sales": ("other_channels.store_sales_per_min",),  # till sales / minute in the stores
    "online_orders": ("other_channels.online_orders_per_min",),  # marketplace / call-center orders / minute
    "seed": ("random_seed",),
}


Settings = tuple[tuple[str, float], ...]
RunProgress = Callable[[int, int, str], Progress | None]  # (index, total, label) -> per-run progress callback
PointDone = Callable[[int, int, "SweepPoint"], None]  # (points finished, total, the point just finished)


class SweepPointFailed(SimulationError):
    """A sweep point raised in its worker process; the exception there, traceback included, is the cause."""


@dataclass(frozen=True)
class Sweep:
    """One swept setting: its name as typed, the parameters it sets, the values to try."""

    name: str
    paths: tuple[str, ...]
    values: tuple[float, ...]


@dataclass(frozen=True)
class SweepPoint:
    """One combination of swept values and the run it gave."""

    settings: Settings
    result: SimResult

    @property
    def label(self) -> str:
        return label_of(self.settings)


def parse_sweep(text: str) -> Sweep:
    """`expiry=0,30,300` -> Sweep('expiry', (cache expiries), (0.0, 30.0, 300.0))."""
    name, sep, values = text.partition("=")
    name = name.strip()
    if not sep or not name or not values.strip():
        raise ScenarioError(f"a sweep looks like name=v1,v2,...; got {text!r}")
    try:
        parsed = tuple(float(v) for v in values.split(","))
    except ValueError as exc:
        raise ScenarioError(f"sweep {name}: values must be numbers; got {values!r}") from exc
    return Sweep(name, SWEEP_ALIASES.get(name, (name,)), parsed)


def combinations(base: Scenario, sweeps: Sequence[Sweep]) -> list[tuple[Settings, Scenario]]:
    """Every combination of swept values, in the order given, each applied to the base scenario."""
    points = []
    for values in itertools.product(*(sweep.values for sweep in sweeps)):
        scenario = base
        for sweep, value in zip(sweeps, values, strict=True):
            for path in sweep.paths:
                scenario = scenario.with_value(path, value)
        points.append((tuple((s.name, v) for s, v in zip(sweeps, values, strict=True)), scenario))
    return points


def label_of(settings: Settings) -> str:
    return ", ".join(f"{name}={value:g}" for name, value in settings)


def worker_count(jobs: int, points: int) -> int:
    """Processes worth starting: no more than asked for, nor than there are points; 1 means in process."""
    return max(1, min(jobs, points))


def run_point(
    settings: Settings,
    scenario: Scenario,
    storefront_factory: StorefrontFactory,
    dom_factory: DomFactory,
    shoppers: int | None,
    progress: Progress | None = None,
) -> SweepPoint:
    """One combination in fast mode on adapters opened for it and closed after it. Module-level so a worker
    process can be handed it."""
    env = make_environment("fast")
    dom = dom_factory("fast", scenario, env)
    try:
        storefront = storefront_factory("fast", scenario, env, dom)
        try:
            result = run_model(env, scenario, storefront, dom, shoppers=shoppers, progress=progress)
        finally:
            close(storefront)
    finally:
        close(dom)
    return SweepPoint(settings, result)


def run_sweep(
    base: Scenario,
    sweeps: Sequence[Sweep],
    storefront_factory: StorefrontFactory,
    dom_factory: DomFactory,
    *,
    shoppers: int | None,
    progress: RunProgress | None = None,
    jobs: int = 1,
    done: PointDone | None = None,
) -> list[SweepPoint]:
    """Run each combination in fast mode on fresh adapters, in the order `combinations` plans them.

    With one worker (`worker_count(jobs, points)`) the runs happen here one after the other and
    `progress(index, total, label)` may give a per-run progress callback; with more they run in that many
    spawned processes and only `done(finished, total, point)` is called, as each point comes back. Either way
    the points are returned in the planned order.
    """
    planned = combinations(base, sweeps)
    if worker_count(jobs, len(planned)) == 1:
        return run_in_process(planned, storefront_factory, dom_factory, shoppers, progress, done)
    return run_in_workers(planned, storefront_factory, dom_factory, shoppers, jobs, done)


def run_in_process(
    planned: list[tuple[Settings, Scenario]],
    storefront_factory: StorefrontFactory,
    dom_factory: DomFactory,
    shoppers: int | None,
    progress: RunProgress | None,
    done: PointDone | None,
) -> list[SweepPoint]:
    points = []
    for index, (settings, scenario) in enumerate(planned):
        run_progress = progress(index, len(planned), label_of(settings)) if progress else None
        points.append(run_point(settings, scenario, storefront_factory, dom_factory, shoppers, run_progress))
        if done:
            done(index + 1, len(planned), points[-1])
    return points


def require_picklable(*factories: object) -> None:
    """Refuse up front what a spawned worker could not be sent, rather than failing inside the pool."""
    try:
        pickle.dumps(factories)
    except (pickle.PicklingError, AttributeError, TypeError) as exc:
        raise TypeError(
            "running sweep points in worker processes (jobs > 1) needs module-level factory functions, "
            f"which pickle; these do not ({exc}); use jobs=1 for local or bound factories"
        ) from exc


def run_in_workers(
    planned: list[tuple[Settings, Scenario]],
    storefront_factory: StorefrontFactory,
    dom_factory: DomFactory,
    shoppers: int | None,
    jobs: int,
    done: PointDone | None,
) -> list[SweepPoint]:
    """Run the points in spawned worker processes; the first point that fails cancels the ones not started
    and is raised as SweepPointFailed naming it."""
    require_picklable(storefront_factory, dom_factory)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(worker_count(jobs, len(planned)), mp_context=context) as pool:
        futures: dict[Future[SweepPoint], Settings] = {
            pool.submit(run_point, settings, scenario, storefront_factory, dom_factory, shoppers): settings
            for settings, scenario in planned
        }
        try:
            for finished, future in enumerate(as_completed(futures), start=1):
                point = result_of(future, futures[future])
                if done:
                    done(finished, len(planned), point)
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        return [future.result() for future in futures]


def result_of(future: Future[SweepPoint], settings: Settings) -> SweepPoint:
    try:
        return future.result()
    except BrokenProcessPool as exc:
        raise SweepPointFailed(f"sweep point {label_of(settings)}: its worker process died ({exc})") from exc
    except Exception as exc:
        raise SweepPointFailed(
            f"sweep point {label_of(settings)} failed in its worker process: {type(exc).__name__}: {exc}"
        ) from exc
