"""The availability benchmark's targets and report (the full run is `domh bench availability`)."""

from __future__ import annotations

from harness.commerce import benchmark


def test_the_lookups_rotate_over_their_items_and_the_baseline_is_the_constant_endpoint() -> None:
    constant, cached, miss = benchmark.targets(["/a", "/b"])
    assert (constant.method, constant.paths()) == ("GET", ("/__admin/bench/constant",))
    assert cached.paths() == ("/a", "/b")
    assert miss.paths() == tuple(benchmark.LOOKUP.format(i) for i in range(12491, 12501))


def test_the_report_shows_rates_latencies_and_the_ratio() -> None:
    row = {"requests": 100, "errors": 0, "seconds": 1.0, "rps": 100.0, "p50_ms": 1.0, "p99_ms": 2.0}
    result = {
        "seconds": 2, "connections": 8, "generator": "python", "server": "test", "cached": row,
        "constant": row, "miss": row, "ratio": 1.0, "miss_ratio": 1.0, "target_ratio": 0.8,
        "meets_target": True, "dom_calls_during_cached": 0,
    }  # fmt: skip
    text = benchmark.format_result(result)
    assert "cached/constant = 1.00 (meets the 0.8 target)" in text
    assert "miss" in text
