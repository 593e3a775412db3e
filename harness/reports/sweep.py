"""A sweep's report folder: the DOM-calls vs stale-availability trade-off chart, a table, CSV and JSON."""

from __future__ import annotations

import csv
import json
import math
import time
from collections import defaultdict
from html import escape
from pathlib import Path
from typing import Any

from harness.reports.html import embedded, stylesheet
from harness.reports.kpi_table import KPI_ROWS
from harness.reports.plots import INK, PALETTE, finish, new_figure
from storefront_sim.sweep import SweepPoint

COLUMNS = (
    ("dom_calls_per_lookup", "DOM calls / lookup"),
    ("cache_hit_ratio", "cache hit ratio"),
    ("stale_availability_rate", "stale availability rate"),
    ("orders_placed", "orders placed"),
    ("orders_failed", "orders failed"),
    ("reservation_failures", "reservation failures"),
)


FORMATS = {row.key: row for row in KPI_ROWS}


def number(value: Any) -> float:
    return math.nan if value is None else float(value)


def tradeoff_chart(points: list[SweepPoint], path: Path) -> Path:
    """Stale-availability rate against DOM calls per lookup; a line per setting of the other sweeps, along the
    first sweep's values."""
    figure, axes = new_figure(width=9.0, height=4.6)
    lines: dict[tuple[tuple[str, float], ...], list[SweepPoint]] = defaultdict(list)
    for point in points:
        lines[point.settings[1:]].append(point)
    for colour, (rest, members) in zip(PALETTE * 10, sorted(lines.items()), strict=False):
        xs = [number(p.result.kpis.get("dom_calls_per_lookup")) for p in members]
        ys = [number(p.result.kpis.get("stale_availability_rate")) * 100 for p in members]
        label = ", ".join(f"{n}={v:g}" for n, v in rest) or None
        axes.plot(xs, ys, color=colour, marker="o", markersize=6, linewidth=1.4, label=label)
        for point, x, y in zip(members, xs, ys, strict=True):
            name, value = point.settings[0]
            axes.annotate(
                f"{name}={value:g}", (x, y), textcoords="offset points", xytext=(6, 5), fontsize=8, color=INK
            )
    return finish(
        figure,
        axes,
        path,
        "DOM calls vs stale availability",
        "stale availability rate (%)",
        xlabel="DOM calls per availability lookup",
    )


def rows(points: list[SweepPoint]) -> list[dict[str, Any]]:
    return [
        {**dict(p.settings), **{key: p.result.kpis.get(key) for key, _ in COLUMNS}, "passed": p.result.passed}
        for p in points
    ]


def write_table_files(points: list[SweepPoint], folder: Path) -> None:
    table = rows(points)
    (folder / "sweep.json").write_text(json.dumps(table, indent=2) + "\n")
    with (folder / "sweep.csv").open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(table[0]))
        writer.writeheader()
        writer.writerows(table)


def html_table(points: list[SweepPoint]) -> str:
    names = [name for name, _ in points[0].settings]
    head = "".join(f"<th>{escape(n)}</th>" for n in names) + "".join(
        f"<th>{escape(t)}</th>" for _, t in COLUMNS
    )
    body = []
    for row in rows(points):
        cells = [f"<td class=num>{row[n]:g}</td>" for n in names]
        cells += [f"<td class=num>{escape(FORMATS[key].text(row))}</td>" for key, _ in COLUMNS]
        mark = '<span class="ok">PASS</span>' if row["passed"] else '<span class="ko">FAIL</span>'
        body.append(f"<tr>{''.join(cells)}<td>{mark}</td></tr>")
    return f"<div class=card><table><tr>{head}<th>invariants</th></tr>{''.join(body)}</table></div>"


def write_sweep_report(points: list[SweepPoint], out_dir: Path, *, title: str, scenario: str) -> Path:
    """Write index.html, tradeoff.png, sweep.csv and sweep.json for the sweep; returns index.html's path."""
    if not points:
        raise ValueError("a sweep report needs at least one run")
    out_dir.mkdir(parents=True, exist_ok=True)
    chart = tradeoff_chart(points, out_dir / "tradeoff.png")
    write_table_files(points, out_dir)
    passed = all(p.result.passed for p in points)
    verdict = '<div class="verdict pass">PASS</div>' if passed else '<div class="verdict fail">FAIL</div>'
    page = f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>
<style>{stylesheet()}</style></head><body><header><div class="in"><div><h1>{escape(title)}</h1>
<p>scenario {escape(scenario)} · fast mode · {len(points)} runs · {time.strftime("%Y-%m-%d %H:%M:%S %Z")}</p>
</div>{verdict}</div></header><main><h2>Trade-off</h2><div class="card chart"><img alt="trade-off"
src="{embedded(chart)}"></div><h2>Runs</h2>{html_table(points)}
<footer>Files in this folder: sweep.csv, sweep.json, tradeoff.png.</footer></main></body></html>
"""
    index = out_dir / "index.html"
    index.write_text(page, encoding="utf-8")
    return index
