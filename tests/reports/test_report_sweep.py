"""The sweep report: trade-off chart, one table row per combination."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from report_samples import synthetic_result

from harness.reports.sweep import write_sweep_report
from storefront_sim.sweep import SweepPoint


def test_the_sweep_page_has_a_row_per_combination_with_formatted_kpis(tmp_path: Path) -> None:
    points = [
        SweepPoint((("expiry", 0.0),), synthetic_result(hit_ratio=0.5)),
        SweepPoint((("expiry", 300.0),), synthetic_result(hit_ratio=0.9)),
    ]
    page = write_sweep_report(points, tmp_path, title="Sweep", scenario="quiet_day").read_text()
    assert "50.0 %" in page
    assert "90.0 %" in page
    assert [row["expiry"] for row in json.loads((tmp_path / "sweep.json").read_text())] == [0.0, 300.0]


def test_a_sweep_report_needs_at_least_one_run(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least one run"):
        write_sweep_report([], tmp_path, title="Sweep", scenario="quiet_day")
