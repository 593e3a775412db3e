"""The machine-readable parts of a report folder: kpis.json and bods.csv."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from storefront_sim.results import SimResult

BOD_COLUMNS = ("at_s", "direction", "type", "action", "order_id", "valid", "errors", "latency_ms", "xml")


def result_summary(result: SimResult, mode: str) -> dict[str, Any]:
    """A result as JSON-ready data: KPIs, invariants, response times (series and evidence left out)."""
    return {
        "scenario": result.scenario,
        "seed": result.seed,
        "mode": mode,
        "passed": result.passed,
        "sim_seconds": result.sim_seconds,
        "kpis": result.kpis,
        "invariants": [
            {
                "name": inv.name,
                "description": inv.description,
                "held": inv.held,
                "violations": list(inv.violations),
            }
            for inv in result.invariants
        ],
        "timings_ms": result.timings,
        "outages_s": [list(window) for window in result.outages],
    }


def write_kpis(path: Path, runs: list[tuple[str, SimResult]], meta: dict[str, Any]) -> Path:
    """kpis.json: report metadata and one summary per run (the first run is the report's subject)."""
    document = {**meta, "runs": [result_summary(result, mode) for mode, result in runs]}
    path.write_text(json.dumps(document, indent=2, default=str) + "\n")
    return path


def bod_row(mode: str, bod: Any) -> dict[str, Any]:
    return {
        "at_s": "" if bod.at is None else round(bod.at, 3),
        "direction": bod.direction.value,
        "type": bod.type,
        "action": bod.action or "",
        "order_id": bod.order_id or "",
        "valid": "true" if bod.valid else "false",
        "errors": "; ".join(bod.errors),
        "latency_ms": "" if bod.latency is None else round(bod.latency * 1000, 3),
        "xml": bod.xml.decode("utf-8", errors="replace"),
        "mode": mode,
    }


def write_bods(path: Path, runs: list[tuple[str, SimResult]]) -> Path:
    """bods.csv: every captured BOD of every run with its validation result and the document itself."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=("mode", *BOD_COLUMNS))
        writer.writeheader()
        for mode, result in runs:
            writer.writerows(bod_row(mode, bod) for bod in result.bods)
    return path
