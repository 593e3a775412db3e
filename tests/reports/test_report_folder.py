"""Writing a report folder: every file is there and says what the run did."""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from report_samples import synthetic_result

from harness.reports import summary_lines, write_report
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


def test_the_folder_holds_the_page_the_data_and_the_charts(result: SimResult, tmp_path: Path) -> None:
    index = write(result, tmp_path / "run")
    assert index == tmp_path / "run" / "index.html"
    assert {p.name for p in (tmp_path / "run").iterdir()} == EXPECTED_FILES


def test_the_charts_are_png_images(result: SimResult, tmp_path: Path) -> None:
    write(result, tmp_path)
    assert (tmp_path / "stock.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_page_shows_the_verdict_and_the_kpi_values(result: SimResult, tmp_path: Path) -> None:
    page = write(result, tmp_path).read_text()
    assert 'class="verdict pass">PASS' in page
    assert "Orders placed" in page
    assert ">42<" in page
    assert "87.5 %" in page
    assert "_ERR_DOM_UNAVAILABLE" in page


def test_the_page_says_fail_when_a_bod_is_invalid(failing_result: SimResult, tmp_path: Path) -> None:
    page = write(failing_result, tmp_path).read_text()
    assert 'class="verdict fail">FAIL' in page
    assert "oa:BODID" in page


def test_the_page_is_self_contained(result: SimResult, tmp_path: Path) -> None:
    page = write(result, tmp_path).read_text()
    sources = re.findall(r'(?:src|href)="([^"]*)"', page)
    assert sources
    assert all(s.startswith("data:image/png;base64,") for s in sources)


def test_kpis_json_holds_the_kpis_and_the_invariants(result: SimResult, tmp_path: Path) -> None:
    write(result, tmp_path)
    document = json.loads((tmp_path / "kpis.json").read_text())
    run = document["runs"][0]
    assert run["kpis"]["orders_placed"] == 42
    assert run["passed"] is True
    assert [inv["name"] for inv in run["invariants"]] == [inv.name for inv in result.invariants]


def test_bods_csv_lists_every_bod_with_its_validation_result(
    failing_result: SimResult, tmp_path: Path
) -> None:
    write(failing_result, tmp_path)
    with (tmp_path / "bods.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["type"], r["valid"]) for r in rows] == [
        ("ProcessOrder", "true"),
        ("AcknowledgeOrder", "true"),
        ("SyncOrder", "false"),
    ]
    assert rows[2]["errors"] == "line 4: element 'oa:BODID' missing"
    assert rows[0]["xml"] == "<x>é</x>"


def test_junit_has_a_testcase_per_invariant_and_per_bod_type(result: SimResult, tmp_path: Path) -> None:
    write(result, tmp_path)
    suite = ET.parse(tmp_path / "junit.xml").getroot().find("testsuite")
    names = [(case.get("classname"), case.get("name")) for case in suite.iter("testcase")]
    assert [n for c, n in names if c == "invariants"] == [inv.name for inv in result.invariants]
    assert [n for c, n in names if c == "bod_conformance"] == [
        "AcknowledgeOrder",
        "ProcessOrder",
        "SyncOrder",
    ]
    assert suite.get("failures") == "0"


def test_junit_fails_the_bod_type_and_the_invariant_an_invalid_bod_breaks(
    failing_result: SimResult, tmp_path: Path
) -> None:
    write(failing_result, tmp_path)
    suite = ET.parse(tmp_path / "junit.xml").getroot().find("testsuite")
    failed = [case.get("name") for case in suite.iter("testcase") if case.find("failure") is not None]
    assert failed == ["bods_conform", "SyncOrder"]
    assert suite.get("failures") == "2"


def test_a_comparison_puts_both_runs_side_by_side_with_the_difference(
    result: SimResult, tmp_path: Path
) -> None:
    live = synthetic_result(placed=40, hit_ratio=0.75)
    page = write(result, tmp_path, compare=live).read_text()
    assert "fast vs live" in page
    assert "-12.5 pt" in page
    assert "-2 (-5 %)" in page
    assert len(json.loads((tmp_path / "kpis.json").read_text())["runs"]) == 2
    assert len(ET.parse(tmp_path / "junit.xml").getroot().findall("testsuite")) == 2


def test_a_comparison_fails_when_the_other_run_fails(
    result: SimResult, failing_result: SimResult, tmp_path: Path
) -> None:
    assert 'class="verdict fail">FAIL' in write(result, tmp_path, compare=failing_result).read_text()


def test_an_equal_kpi_shows_as_equal() -> None:
    row = next(r for r in KPI_ROWS if r.key == "orders_placed")
    assert difference(row, {"orders_placed": 5}, {"orders_placed": 5}).delta == "="


def test_summary_lines_give_the_verdict_first_then_the_kpis(
    result: SimResult, failing_result: SimResult
) -> None:
    lines = summary_lines(result)
    assert "PASS" in lines[0]
    assert any("Orders placed" in line and "42" in line for line in lines)
    assert any("bods_conform" in line for line in summary_lines(failing_result))
