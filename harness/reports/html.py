"""index.html: one self-contained page (inline CSS, charts embedded as data URIs) a team can put on a wall."""

from __future__ import annotations

import base64
from html import escape
from importlib import resources
from pathlib import Path
from typing import Any

from harness.reports.kpi_table import KPI_ROWS, compare_rows, headline_rows
from storefront_sim.kpis import bod_conformance
from storefront_sim.results import SimResult


def stylesheet() -> str:
    return (resources.files("harness.reports") / "report.css").read_text(encoding="utf-8")


def tiles(result: SimResult) -> str:
    cells = []
    for row in headline_rows():
        bad = " bad" if row.alarming(result.kpis) else ""
        cells.append(
            f'<div class="tile{bad}"><b>{escape(row.text(result.kpis))}</b>'
            f"<span>{escape(row.label)}</span></div>"
        )
    return f'<div class="tiles">{"".join(cells)}</div>'


def invariants_list(result: SimResult) -> str:
    items = []
    for inv in result.invariants:
        mark = '<span class="ok">&#10003;</span>' if inv.held else '<span class="ko">&#10007;</span>'
        details = "".join(f"<small>{escape(v)}</small>" for v in inv.violations[:5])
        items.append(f"<li>{mark} {escape(inv.description)} <code>{escape(inv.name)}</code>{details}</li>")
    return f'<div class="card"><ul class="inv">{"".join(items)}</ul></div>'


def kpi_table(result: SimResult) -> str:
    rows = []
    for row in KPI_ROWS:
        cls = ' class="bad"' if row.alarming(result.kpis) else ""
        rows.append(
            f"<tr{cls}><td>{escape(row.label)}</td><td class=num>{escape(row.text(result.kpis))}</td>"
            f"<td class=hint>{escape(row.hint)}</td></tr>"
        )
    return f'<div class="card"><table>{"".join(rows)}</table></div>'


def small_table(headers: tuple[str, ...], rows: list[tuple[Any, ...]], empty: str) -> str:
    if not rows:
        return f'<p class="hint">{escape(empty)}</p>'
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td class=num>{escape(str(c))}</td>" if i else f"<td>{escape(str(c))}</td>"
            for i, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def side_panel(result: SimResult) -> str:
    reasons = sorted(result.kpis.get("order_failure_reasons", {}).items(), key=lambda item: -item[1])
    timings = [
        (kind, int(t["count"]), f"{t['p50_ms']:.2f}", f"{t['p90_ms']:.2f}")
        for kind, t in result.timings.items()
    ]
    return (
        '<div class="card"><h2 style="margin-top:0">Why orders failed</h2>'
        + small_table(("error key", "orders"), reasons, "No order failed.")
        + "<h2>Storefront response times (wall clock)</h2>"
        + small_table(("call", "count", "p50 ms", "p90 ms"), timings, "No calls measured.")
        + "</div>"
    )


def compare_table(base: SimResult, other: SimResult, base_mode: str, other_mode: str) -> str:
    rows = "".join(
        f"<tr><td>{escape(d.row.label)}</td><td class=num>{escape(d.base)}</td>"
        f"<td class=num>{escape(d.other)}</td><td class=num>{escape(d.delta)}</td></tr>"
        for d in compare_rows(base.kpis, other.kpis)
    )
    verdicts = (
        f"{base_mode}: {'PASS' if base.passed else 'FAIL'} &middot; {other_mode}: "
        f"{'PASS' if other.passed else 'FAIL'}"
    )
    return (
        f"<h2>{escape(base_mode)} vs {escape(other_mode)}</h2><div class=card><p>{verdicts}</p><table>"
        f"<tr><th>KPI</th><th>{escape(base_mode)}</th><th>{escape(other_mode)}</th>"
        f"<th>difference ({escape(other_mode)} &minus; {escape(base_mode)})</th></tr>{rows}</table></div>"
    )


def bod_table(result: SimResult) -> str:
    rows = []
    for bod_type, row in bod_conformance(result.bods).items():
        mark = '<span class="ok">conforms</span>' if not row["invalid"] else '<span class="ko">INVALID</span>'
        rows.append(
            f"<tr><td>{escape(bod_type)}</td><td class=num>{row['count']:,}</td>"
            f"<td class=num>{row['valid']:,}</td><td class=num>{row['invalid']:,}</td><td>{mark}</td></tr>"
        )
    if not rows:
        return '<div class="card"><p>No BODs were captured in this run.</p></div>'
    head = "<tr><th>BOD</th><th>exchanged</th><th>valid</th><th>invalid</th><th></th></tr>"
    return f'<div class="card"><table>{head}{"".join(rows)}</table></div>'


def embedded(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def charts(images: list[tuple[str, Path]]) -> str:
    cells = "".join(
        f'<div class="card chart{" wide" if index == len(images) - 1 and len(images) % 2 else ""}">'
        f'<h3>{escape(title)}</h3><img alt="{escape(title)}" src="{embedded(path)}"></div>'
        for index, (title, path) in enumerate(images)
    )
    return f'<div class="grid">{cells}</div>'


def render_page(
    meta: dict[str, Any],
    result: SimResult,
    images: list[tuple[str, Path]],
    compare: tuple[SimResult, str] | None = None,
) -> str:
    """The whole page for `result` (and its comparison run, when given)."""
    passed = result.passed and (compare is None or compare[0].passed)
    verdict = '<div class="verdict pass">PASS</div>' if passed else '<div class="verdict fail">FAIL</div>'
    comparison = compare_table(result, compare[0], meta["mode"], compare[1]) if compare else ""
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>{escape(meta["title"])}</title>
<style>{stylesheet()}</style></head><body>
<header><div class="in"><div><h1>{escape(meta["title"])}</h1><p>{escape(meta["subtitle"])}</p>
<p>{escape(meta.get("description", ""))}</p></div>{verdict}</div></header>
<main>{tiles(result)}
<h2>Invariants</h2>{invariants_list(result)}
{comparison}
<h2>Key figures</h2><div class="grid">{kpi_table(result)}{side_panel(result)}</div>
<h2>Over time</h2>{charts(images)}
<h2>BOD conformance</h2>{bod_table(result)}
<footer>Files in this folder: kpis.json, bods.csv (every BOD with its validation result), junit.xml,
the charts as PNG. Generated {escape(meta["generated"])}.</footer></main></body></html>
"""
