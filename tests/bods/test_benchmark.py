"""The codec benchmark reports both rates and their ratio (smoke-run only: no timing is asserted)."""

from __future__ import annotations

from bods import benchmark


def test_a_short_run_reports_both_rates_and_their_ratio() -> None:
    result = benchmark.run(seconds=0.05)
    assert result["bare_docs_per_s"] > 0
    assert result["full_docs_per_s"] > 0
    assert result["ratio"] == round(result["full_docs_per_s"] / result["bare_docs_per_s"], 3)


def test_the_report_names_both_cases() -> None:
    text = benchmark.format_result(benchmark.run(seconds=0.05))
    assert "bare hardened lxml parse" in text
    assert "full codec.parse" in text
    assert "ratio" in text
