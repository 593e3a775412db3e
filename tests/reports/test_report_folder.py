"""Writing a report folder: every file is there and says what the run did.

Report folders are written once per module (charts take a moment) and each test reads what it checks.
"""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from report_samples import synthetic_result

from harness.reports import summary_lines, write_report
from harness.reports.html import render_page
from harness.reports.kpi_table import KPI_ROWS, difference
from storefront_sim.results import SimResult

EXPECTED_FILES = {
    "index.html",
    "kpis.json",
    "bods.csv",
    "junit.xml",
    "availability.png",
    "dom_latency.png",
    "funnel.png",
    "orders.png",
    "stock.png",
}


def write(result: SimResult, folder: Path, **kwargs: object) -> Path:
    return write_report(result, folder, title="Integration run", scenario="quiet_day", mode="fast", **kwargs)


@pytest.fixture(scope="module")
def passing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The index.html of a report written once for the passing synthetic run."""
    return write(synthetic_result(), tmp_path_factory.mktemp("passing") / "run")


@pytest.fixture(scope="module")
def failing(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The index.html of a report written once for a run with an invalid BOD."""
    return write(synthetic_result(invalid_bod=True), tmp_path_factory.mktemp("failing"))


@pytest.fixture(scope="module")
def compared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The index.html of a fast vs live report written once."""
    live = synthetic_result(placed=40, hit_ratio=0.75)
    return write(synthetic_result(), tmp_path_factory.mktemp("compared"), compare=live)


def junit_suites(index: Path) -> list[ET.Element]:
    return ET.parse(index.parent / "junit.xml").getroot().findall("testsuite")


def test_the_folder_holds_the_page_the_data_and_the_charts(passing: Path) -> None:
    assert passing.name == "index.html"
    assert {p.name for p in passing.parent.iterdir()} == EXPECTED_FILES


def test_the_charts_are_png_images(passing: Path) -> None:
    assert (passing.parent / "stock.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_page_shows_the_verdict_and_the_kpi_values(passing: Path) -> None:
    page = passing.read_text()
    assert 'class="verdict pass">PASS' in page
    assert "Orders placed" in page
    assert ">42<" in page
    assert "87.5 %" in page
    assert "_ERR_DOM_UNAVAILABLE" in page


def test_the_page_says_fail_when_a_bod_is_invalid(failing: Path) -> None:
    page = failing.read_text()
    assert 'class="verdict fail">FAIL' in page
    assert "oa:BODID" in page


def test_the_page_is_self_contained(passing: Path) -> None:
    sources = re.findall(r'(?:src|href)="([^"]*)"', passing.read_text())
    assert len(sources) == 5
    assert all(s.startswith("data:image/png;base64,") for s in sources)


def test_kpis_json_holds_the_kpis_and_the_invariants(passing: Path) -> None:
    run = json.loads((passing.parent / "kpis.json").read_text())["runs"][0]
    assert run["kpis"]["orders_placed"] == 42
    assert run["passed"] is True
    assert [inv["name"] for inv in run["invariants"]] == [inv.name for inv in synthetic_result().invariants]


def test_bods_csv_lists_every_bod_with_its_validation_result(failing: Path) -> None:
    with (failing.parent / "bods.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["type"], r["valid"]) for r in rows] == [
        ("ProcessOrder", "true"),
        ("AcknowledgeOrder", "true"),
        ("SyncOrder", "false"),
    ]
    assert rows[2]["errors"] == "line 4: element 'oa:BODID' missing"
    assert rows[0]["xml"] == "<x>é</x>"


def test_junit_has_a_testcase_per_invariant_and_per_bod_type(passing: Path) -> None:
    [suite] = junit_suites(passing)
    names = [(case.get("classname"), case.get("name")) for case in suite.iter("testcase")]
    assert [n for c, n in names if c == "invariants"] == [inv.name for inv in synthetic_result().invariants]
    assert [n for c, n in names if c == "bod_conformance"] == [
        "AcknowledgeOrder",
        "ProcessOrder",
        "SyncOrder",
    ]
    assert suite.get("failures") == "0"


def test_junit_fails_the_bod_type_and_the_invariant_an_invalid_bod_breaks(failing: Path) -> None:
    [suite] = junit_suites(failing)
    failed = [case.get("name") for case in suite.iter("testcase") if case.find("failure") is not None]
    assert failed == ["bods_conform", "SyncOrder"]
    assert suite.get("failures") == "2"


def test_a_comparison_puts_both_runs_side_by_side_with_the_difference(compared: Path) -> None:
    page = compared.read_text()
    assert "fast vs live" in page
    assert "-12.5 pt" in page
    assert "-2 (-5 %)" in page


def test_a_comparison_keeps_both_runs_in_the_data_files(compared: Path) -> None:
    assert [run["mode"] for run in json.loads((compared.parent / "kpis.json").read_text())["runs"]] == [
        "fast",
        "live",
    ]
    assert [suite.get("name") for suite in junit_suites(compared)] == [
        "storefront_sim.quiet_day.fast",
        "storefront_sim.quiet_day.live",
    ]


def test_an_equal_kpi_shows_as_equal() -> None:
    row = next(r for r in KPI_ROWS if r.key == "orders_placed")
    assert difference(row, {"orders_placed": 5}, {"orders_placed": 5}).delta == "="


def test_summary_lines_give_the_verdict_first_then_the_kpis(result: SimResult) -> None:
    lines = summary_lines(result)
    assert "PASS" in lines[0]
    assert any("Orders placed" in line and "42" in line for line in lines)


def test_summary_lines_name_a_broken_invariant(failing_result: SimResult) -> None:
    assert any("bods_conform" in line for line in summary_lines(failing_result))


def test_a_comparison_fails_when_the_other_run_fails(result: SimResult, failing_result: SimResult) -> None:
    meta = {"title": "t", "subtitle": "s", "mode": "fast", "generated": "now"}
    assert 'class="verdict fail">FAIL' in render_page(meta, result, [], (failing_result, "live"))
    assert 'class="verdict pass">PASS' in render_page(meta, result, [], (result, "live"))
