"""A short summary of a run for the terminal, as rich markup lines."""

from __future__ import annotations

from rich.markup import escape

from harness.reports.kpi_table import KPI_ROWS
from storefront_sim.results import SimResult


def summary_lines(result: SimResult) -> list[str]:
    """Verdict, the KPI table and any broken invariant, one rich-markup string per line."""
    verdict = "[bold white on green] PASS [/]" if result.passed else "[bold white on red] FAIL [/]"
    lines = [
        f"{verdict} scenario [bold]{escape(result.scenario)}[/], seed {result.seed}, "
        f"{result.sim_seconds / 60:.1f} simulated minutes"
    ]
    width = max(len(row.label) for row in KPI_ROWS)
    for row in KPI_ROWS:
        style = "bold red" if row.alarming(result.kpis) else "default"
        lines.append(f"  {escape(row.label):<{width}}  [{style}]{escape(row.text(result.kpis)):>12}[/]")
    reasons = result.kpis.get("order_failure_reasons", {})
    if reasons:
        lines.append("  failed orders: " + ", ".join(f"{escape(k)} x{v}" for k, v in reasons.items()))
    lines.extend(f"  [red]broken invariant[/] {escape(v)}" for v in result.violations[:10])
    return lines
