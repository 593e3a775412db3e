"""The load generator and the benchmark's report, without a long run (a fraction of a second of load)."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import psutil
import pytest

from mock_dom import benchmark
from mock_dom.loadgen import LoadResult, Target, _lua_script, _parse_wrk, merge, run_load

WRK_OUTPUT = """Running 2s test @ http://127.0.0.1:8001/dom/services/InventoryServices
  2 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     3.10ms    1.20ms  30.00ms   90.00%
  Latency Distribution
     50%    2.80ms
     75%    3.40ms
     90%    4.10ms
     99%  850.00us
  4000 requests in 2.00s, 7.00MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:   1999.50
Transfer/sec:      3.50MB
"""


class _Answer(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        length = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(length)
        status = 200 if body == b"<ok/>" else 500
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self.send_response(404 if self.path == "/missing" else 200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def stub_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Answer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_the_python_generator_counts_answers_and_errors(stub_url: str) -> None:
    good = run_load(
        stub_url, Target("good", "/", "POST", b"<ok/>"), seconds=0.3, connections=2, use_wrk=False
    )
    bad = run_load(
        stub_url,
        Target("bad", "/", "POST", b"<no/>"),
        seconds=0.3,
        connections=1,
        use_wrk=False,
        max_requests=5,
    )
    assert good.requests > 0
    assert good.errors == 0
    assert good.p99_ms >= good.p50_ms > 0
    assert (bad.requests, bad.errors, bad.rps) == (5, 5, 0.0)


def test_a_rotating_target_spreads_requests_over_its_paths(stub_url: str) -> None:
    result = run_load(
        stub_url,
        Target.rotating("mixed", ["/ok", "/missing"]),
        seconds=5,
        connections=2,
        use_wrk=False,
        max_requests=10,
    )
    assert (result.requests, result.errors) == (20, 10)


def test_a_target_with_more_bodies_sends_them_in_turn(stub_url: str) -> None:
    mixed = Target("mixed", "/", "POST", b"<ok/>", more_bodies=(b"<no/>",))
    result = run_load(stub_url, mixed, seconds=5, connections=2, use_wrk=False, max_requests=10)
    assert (result.requests, result.errors) == (20, 10)


def test_a_rotating_target_needs_a_path() -> None:
    with pytest.raises(ValueError, match="at least one path"):
        Target.rotating("none", [])


def test_the_wrk_script_rotates_only_when_there_are_more_paths_or_bodies(tmp_path: Path) -> None:
    body = [tmp_path / "body-0"]
    single = _lua_script(Target("one", "/a"), body)
    rotating = _lua_script(Target.rotating("two", ["/a", "/b?x=1"]), body)
    bodies = _lua_script(Target("three", "/a", "POST", b"1", more_bodies=(b"2",)), [*body, tmp_path / "b1"])
    assert "request = function()" not in single
    assert 'local paths = {"/a", "/b?x=1"}' in rotating
    assert f'local bodies = {{"{body[0]}", "{tmp_path / "b1"}"}}' in bodies
    assert "request = function()" in bodies


def test_the_wrk_script_quotes_header_values_as_lua_strings(tmp_path: Path) -> None:
    soap = Target("soap", "/a", "POST", b"<x/>", headers=(("SOAPAction", '""'),))
    assert 'wrk.headers["SOAPAction"] = "\\"\\""' in _lua_script(soap, [tmp_path / "body-0"])


def test_load_is_only_generated_against_loopback() -> None:
    with pytest.raises(ValueError, match="loopback"):
        run_load("http://example.com", Target("x", "/"), seconds=1)


def test_wrk_output_is_read_into_a_result() -> None:
    result = _parse_wrk("subject", WRK_OUTPUT, 2)
    assert (result.requests, result.rps, result.errors) == (4000, 1999.5, 7)
    assert (result.p50_ms, result.p99_ms) == (2.8, 0.85)


def test_rounds_merge_into_totals_over_total_time() -> None:
    rounds = [
        LoadResult("s", "python", 1.0, 100, 0, 100.0, 2.0, 9.0),
        LoadResult("s", "python", 1.0, 300, 0, 300.0, 4.0, 5.0),
    ]
    merged = merge("s", rounds)
    assert (merged.requests, merged.rps, merged.p50_ms, merged.p99_ms) == (400, 200.0, 3.5, 9.0)


def test_the_report_prints_both_targets_and_the_ratio() -> None:
    subject = LoadResult("GetInventoryAvailability", "python", 2, 1600, 0, 800.0, 4.0, 20.0).to_json()
    baseline = LoadResult("constant", "python", 2, 2000, 0, 1000.0, 1.0, 5.0).to_json()
    text = benchmark.format_result(
        {
            "subject": subject,
            "baseline": baseline,
            "ratio": 0.8,
            "target_ratio": 0.8,
            "meets_target": True,
            "generator": "python",
            "connections": 8,
            "rounds": 1,
            "seconds_per_target": 2.0,
            "in_process": {"constant": {"1_threads_us": 50.0, "8_threads_us": 52.4}},
            "server_cpu_us_per_request": {"GetInventoryAvailability": 510.4, "constant": 420.0},
        }
    )
    assert "server CPU: GetInventoryAvailability 510 us/request, constant 420 us/request" in text
    assert "GetInventoryAvailability" in text
    assert "constant" in text
    assert "ratio 0.80 (meets the target 0.80)" in text
    assert "in process, constant: 50 us/request from 1, 52 us/request from 8 thread(s)" in text


def test_the_benchmark_sends_the_same_requests_to_the_bod_service_and_the_constant_endpoint() -> None:
    subject, baseline = benchmark.targets()
    assert (subject.method, subject.path) == ("POST", "/dom/services/InventoryServices")
    assert (baseline.method, baseline.path) == ("POST", "/__admin/bench/constant")
    assert (baseline.bodies(), baseline.headers) == (subject.bodies(), subject.headers)


def test_the_benchmark_asks_about_every_seeded_item_in_turn() -> None:
    bodies = benchmark.targets()[0].bodies()
    assert len(set(bodies)) == len(bodies) == 500
    assert all(b"GetInventoryAvailability" in (body or b"") for body in bodies)
    assert b"UniqueID='12001'" in (bodies[0] or b"")
    assert b"UniqueID='12500'" in (bodies[-1] or b"")


def test_server_cpu_counts_the_process_and_its_children() -> None:
    child = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        process = psutil.Process()
        before = benchmark.server_cpu_seconds(process)
        time.sleep(0.5)
        assert benchmark.server_cpu_seconds(process) - before > 0.2  # mostly the spinning child
    finally:
        child.kill()
        child.wait()


def test_the_in_process_costs_come_from_real_answers_of_both_targets() -> None:
    costs = benchmark.in_process(requests=40, threads=2)
    assert set(costs) == {"GetInventoryAvailability", "constant"}
    assert all(us > 0 for target in costs.values() for us in target.values())
    assert set(costs["constant"]) == {"1_threads_us", "2_threads_us"}


def test_an_in_process_answer_other_than_200_stops_the_measure() -> None:
    app = benchmark.app_from_config(benchmark.MockDomConfig(db_url="sqlite://"))
    broken = benchmark.Target("missing", "/dom/services/NoSuchService", method="POST", body=b"<x/>")
    with pytest.raises(RuntimeError, match="missing answered 404"):
        benchmark._wsgi_call(app, broken)()


def test_the_warm_up_sends_every_body_once_and_stops_on_a_refusal(stub_url: str) -> None:
    benchmark._ask_each_once(stub_url, Target("fine", "/", "POST", b"<ok/>", more_bodies=(b"<ok/>",)))
    with pytest.raises(httpx.HTTPStatusError):
        benchmark._ask_each_once(stub_url, Target("refused", "/", "POST", b"<ok/>", more_bodies=(b"<no/>",)))
