"""Writing a report folder for one simulation run, optionally compared with a second run.

Folder contents: index.html (self-contained), the charts as PNG, kpis.json, bods.csv and junit.xml.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from harness.reports.files import write_bods, write_kpis
from harness.reports.html import render_page
from harness.reports.junit import write_junit
from harness.reports.plots import draw_all
from storefront_sim.results import SimResult
from storefront_sim.scenario import Scenario


def report_meta(result: SimResult, title: str, scenario: Scenario | str, mode: str) -> dict[str, Any]:
    name = scenario.name if isinstance(scenario, Scenario) else scenario
    description = scenario.description if isinstance(scenario, Scenario) else ""
    subtitle = (
        f"scenario {name} · {mode} mode · seed {result.seed} · "
        f"{result.sim_seconds / 60:.0f} simulated minutes · "
        f"{result.kpis.get('sessions_started', 0):,} shoppers"
    )
    return {
        "title": title,
        "scenario": name,
        "description": description,
        "mode": mode,
        "subtitle": subtitle,
        "generated": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
    }


def write_report(
    result: SimResult,
    out_dir: Path,
    *,
    title: str,
    scenario: Scenario | str,
    mode: str,
    compare: SimResult | None = None,
    compare_mode: str = "live",
) -> Path:
    """Write the report folder for `result` (and a side-by-side with `compare`); returns index.html's path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    runs = [(mode, result)] + ([(compare_mode, compare)] if compare is not None else [])
    meta = report_meta(result, title, scenario, mode)
    images = draw_all(result, out_dir)
    write_kpis(
        out_dir / "kpis.json", runs, {key: meta[key] for key in ("title", "scenario", "mode", "generated")}
    )
    write_bods(out_dir / "bods.csv", runs)
    write_junit(out_dir / "junit.xml", runs)
    index = out_dir / "index.html"
    pair = (compare, compare_mode) if compare is not None else None
    index.write_text(render_page(meta, result, images, pair), encoding="utf-8")
    return index
