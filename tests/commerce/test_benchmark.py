"""The availability benchmark's load generator and report (the full run is `domh bench availability`)."""

from __future__ import annotations

import threading

from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from harness.commerce import benchmark
from harness.commerce.loadgen import drive


@Request.application
def tiny(request: Request) -> Response:
    return Response("{}", status=404 if request.path == "/missing" else 200, mimetype="application/json")


def test_drive_counts_requests_and_errors_over_keep_alive_connections() -> None:
    server = make_server("127.0.0.1", 0, tiny, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        result = drive(
            f"http://127.0.0.1:{server.server_port}", ["/ok", "/missing"], seconds=0.3, connections=2
        )
    finally:
        server.shutdown()
        thread.join(timeout=10)
    assert result.requests > 0
    assert abs(result.errors - result.requests / 2) <= 2
    assert 0 < result.p50_ms <= result.p99_ms


def test_the_report_shows_rates_latencies_and_the_ratio() -> None:
    row = {"requests": 100, "errors": 0, "seconds": 1.0, "req_per_s": 100.0, "p50_ms": 1.0, "p99_ms": 2.0}
    result = {
        "seconds": 2, "connections": 8, "server": "test", "cached": row, "constant": row, "miss": row,
        "ratio": 1.0, "miss_ratio": 1.0, "target_ratio": 0.8, "meets_target": True,
        "dom_calls_during_cached": 0,
    }  # fmt: skip
    text = benchmark.format_result(result)
    assert "cached/constant = 1.00 (meets the 0.8 target)" in text
    assert "miss" in text
