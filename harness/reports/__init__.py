"""Report folders under reports/: HTML summaries, plots, JUnit XML, JSON and CSV."""
