"""Parameter sweeps in fast mode: one run per combination, to see what a setting trades against another.

The question a sweep answers first is the INVCNF cache trade-off (facts section 3): a longer cache expiry
saves DOM calls per lookup but shows shoppers stale availability more often. That only happens when DOM's
stock changes behind the cache's back: where DOM pushes every availability change and only this storefront
sells, the cache stays current whatever its expiry. The `omnichannel` scenario has other channels selling and
DOM's availability pushes off, so its expiry sweep shows the trade-off.
`--sweep expiry=0,30,300 --sweep rate=1,5` runs every combination of the listed values with the same seed.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from storefront_sim.adapters import DomFactory, StorefrontFactory, close, make_environment
from storefront_sim.errors import ScenarioError
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


@dataclass(frozen=True)
class Sweep:
    """One swept setting: its name as typed, the parameters it sets, the values to try."""

    name: str
    paths: tuple[str, ...]
    values: tuple[float, ...]


@dataclass(frozen=True)
class SweepPoint:
    """One combination of swept values and the run it gave."""

    settings: tuple[tuple[str, float], ...]
    result: SimResult

    @property
    def label(self) -> str:
        return ", ".join(f"{name}={value:g}" for name, value in self.settings)


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


def combinations(
    base: Scenario, sweeps: Sequence[Sweep]
) -> list[tuple[tuple[tuple[str, float], ...], Scenario]]:
    """Every combination of swept values, in the order given, each applied to the base scenario."""
    points = []
    for values in itertools.product(*(sweep.values for sweep in sweeps)):
        scenario = base
        for sweep, value in zip(sweeps, values, strict=True):
            for path in sweep.paths:
                scenario = scenario.with_value(path, value)
        points.append((tuple((s.name, v) for s, v in zip(sweeps, values, strict=True)), scenario))
    return points


def run_sweep(
    base: Scenario,
    sweeps: Sequence[Sweep],
    storefront_factory: StorefrontFactory,
    dom_factory: DomFactory,
    *,
    shoppers: int | None,
    progress: Callable[[int, int, str], Progress | None] | None = None,
) -> list[SweepPoint]:
    """Run each combination in fast mode on fresh adapters; `progress(index, total, label)` may give a
    per-run progress callback."""
    planned = combinations(base, sweeps)
    points = []
    for index, (settings, scenario) in enumerate(planned):
        label = ", ".join(f"{n}={v:g}" for n, v in settings)
        env = make_environment("fast")
        dom = dom_factory("fast", scenario, env)
        storefront = storefront_factory("fast", scenario, env, dom)
        try:
            run_progress = progress(index, len(planned), label) if progress else None
            result = run_model(env, scenario, storefront, dom, shoppers=shoppers, progress=run_progress)
        finally:
            close(storefront, dom)
        points.append(SweepPoint(settings, result))
    return points
