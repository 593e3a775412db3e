"""Report folders under reports/: HTML summaries, plots, JUnit XML, JSON and CSV."""

from __future__ import annotations

from harness.reports.report import write_report
from harness.reports.terminal import summary_lines

__all__ = ["summary_lines", "write_report"]
