"""The outcome of one simulation run: KPIs, per-minute series and the evidence behind them.

Plain values only (no SimPy), so reports and comparisons can read results without running anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from storefront_sim.monitor import OrderOutcome, Shipment
from storefront_sim.ports import CapturedBod


@dataclass(frozen=True)
class InvariantResult:
    """One invariant checked against a run: its name, what it promises, and what broke it (empty = held)."""

    name: str
    description: str
    violations: tuple[str, ...] = ()

    @property
    def held(self) -> bool:
        return not self.violations


@dataclass(frozen=True)
class SimResult:
    """Everything a report needs about one run.

    `kpis` is deterministic for a seed and a deterministic storefront (the golden files compare it);
    `timings` holds wall-clock response times per storefront call kind and is not.
    `series` maps a name to one value per simulated minute (`series["minute"]` is the axis);
    `stock` maps "SKU-0007 @ online" to (simulated minute, on-hand) samples of the busiest items.
    """

    scenario: str
    seed: int
    sim_seconds: float
    kpis: dict[str, Any]
    series: dict[str, list[Any]]
    stock: dict[str, list[tuple[float, float]]] = field(default_factory=dict)
    outages: tuple[tuple[float, float], ...] = ()
    bods: tuple[CapturedBod, ...] = ()
    orders: tuple[OrderOutcome, ...] = ()
    shipments: tuple[Shipment, ...] = ()
    timings: dict[str, dict[str, float]] = field(default_factory=dict)
    invariants: tuple[InvariantResult, ...] = ()
    journal_gaps: tuple[str, ...] = ()

    @property
    def violations(self) -> list[str]:
        return [f"{inv.name}: {message}" for inv in self.invariants for message in inv.violations]

    @property
    def passed(self) -> bool:
        """True when every invariant held (including: every captured BOD was valid)."""
        return not self.violations
