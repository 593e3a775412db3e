"""`domh bench mock-dom`: GetInventoryAvailability on the mock DOM against a constant answer, same stack.

The server is started exactly as `domh mock-dom` starts it (a `python -m mock_dom` subprocess on gunicorn,
1 worker x 8 threads, a SQLite file database, free loopback port). Two targets are driven with the same load
generator (`mock_dom.loadgen`) in alternating rounds (subject first, then baseline first, and so on), so drift
of the shared machine hits both alike:

* subject: `POST /dom/services/InventoryServices` with a GetInventoryAvailability of each of the 500 seeded
  items in turn (parsed and validated once per distinct request, `bods.query_memo`; stock from the stock
  view; answer rendered; journal);
* baseline: the same POSTs (same bodies and headers) to `/__admin/bench/constant`, which reads the body and
  answers a fixed ~1.5 KB XML document through the same Flask/gunicorn stack.

Before measuring, each request is sent once (a running DOM has been asked about every item before), then
both targets get a short warm-up. The ratio subject/baseline req/s says what the mock's own work costs; the
target is >= 0.8. The CPU time the server's processes used during each target's rounds, per request, is
printed too: it is less at the mercy of the load generator and of other tenants of the machine than req/s.

`in_process` then calls the same application's WSGI entry point directly, no sockets, with both requests
from one thread and from as many threads as the server runs: the microseconds per request it prints split
what the application itself costs from what serving it costs, and show what concurrent request threads add.
"""

from __future__ import annotations

import io
import itertools
import logging
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import psutil

from mock_dom.config import MockDomConfig
from mock_dom.loadgen import LoadResult, Target, generator_name, merge, run_load
from mock_dom.testing import availability_request, running_mock_dom
from mock_dom.web import app_from_config

DEFAULT_SECONDS = 6.0  # measuring time per target
DEFAULT_CONNECTIONS = 8
ROUNDS = 4  # rounds per target, in the order ABBA ABBA so that a drifting machine favours neither
WARM_UP_SECONDS = 0.5  # per target, not measured
TARGET_RATIO = 0.8
IN_PROCESS_REQUESTS = 4000  # per target and thread count
SERVER_THREADS = 8
SEEDED_ITEMS = range(1, 501)  # catalog entry ids 12001-12500 of the default seed


def targets() -> tuple[Target, Target]:
    """The subject and its baseline: the same POSTs (bodies and headers), to the service and to the constant.

    The bodies are look-ups of every seeded item in turn, by catalog entry id as WCS sends them, so the
    mock's memories (requests already parsed, stock already read) hold as many keys as a storefront
    gives them.
    """
    bodies = [availability_request(catalog_entry_ids=[str(12000 + n)], soap=True) for n in SEEDED_ITEMS]
    request = {
        "method": "POST",
        "body": bodies[0],
        "more_bodies": tuple(bodies[1:]),
        "headers": (("Content-Type", "text/xml; charset=utf-8"), ("SOAPAction", '""')),
    }
    subject = Target("GetInventoryAvailability", "/dom/services/InventoryServices", **request)
    baseline = Target("constant", "/__admin/bench/constant", **request)
    return subject, baseline


def run(seconds: float = DEFAULT_SECONDS, connections: int = DEFAULT_CONNECTIONS) -> dict[str, Any]:
    """Measure both targets for `seconds` each (split into alternating rounds); returns a JSON-ready dict."""
    subject, baseline = targets()
    logging.getLogger("httpx").setLevel(logging.WARNING)  # an INFO line per admin call drowns the report
    rounds = ROUNDS if seconds >= ROUNDS else 1
    measured: dict[str, list[LoadResult]] = {subject.name: [], baseline.name: []}
    cpu_seconds = {subject.name: 0.0, baseline.name: 0.0}
    with tempfile.TemporaryDirectory(prefix="mock-dom-bench-") as folder:
        db_url = f"sqlite:///{Path(folder) / 'mock-dom.db'}"
        with running_mock_dom(db_url=db_url, workers=1, threads=SERVER_THREADS) as server:
            process = psutil.Process(server.process.pid)
            _ask_each_once(server.url, subject)
            for target in (subject, baseline):
                run_load(server.url, target, seconds=WARM_UP_SECONDS, connections=connections)
            for number in range(rounds):
                for target in (subject, baseline) if number % 2 == 0 else (baseline, subject):
                    before = server_cpu_seconds(process)
                    result = run_load(server.url, target, seconds=seconds / rounds, connections=connections)
                    cpu_seconds[target.name] += server_cpu_seconds(process) - before
                    measured[target.name].append(result)
            server.admin.clear_requests()
    subject_result = merge(subject.name, measured[subject.name])
    baseline_result = merge(baseline.name, measured[baseline.name])
    ratio = subject_result.rps / baseline_result.rps if baseline_result.rps else 0.0
    cpu_us = {
        name: round(cpu_seconds[name] / max(merged.requests, 1) * 1e6, 1)
        for name, merged in ((subject.name, subject_result), (baseline.name, baseline_result))
    }
    return {
        "benchmark": "mock-dom",
        "generator": generator_name(),
        "seconds_per_target": seconds,
        "rounds": rounds,
        "connections": connections,
        "server": {
            "command": "python -m mock_dom (as domh mock-dom)",
            "workers": 1,
            "threads": SERVER_THREADS,
        },
        "subject": subject_result.to_json(),
        "baseline": baseline_result.to_json(),
        "ratio": round(ratio, 3),
        "server_cpu_us_per_request": cpu_us,
        "target_ratio": TARGET_RATIO,
        "meets_target": ratio >= TARGET_RATIO,
        "in_process": in_process(),
    }


def in_process(
    requests: int = IN_PROCESS_REQUESTS, threads: int = SERVER_THREADS
) -> dict[str, dict[str, float]]:
    """Microseconds per request of both targets through the WSGI app itself, from 1 and `threads` threads."""
    logging.getLogger("mock_dom.bootstrap").setLevel(logging.WARNING)  # no seed-loading line mid-report
    with tempfile.TemporaryDirectory(prefix="mock-dom-bench-") as folder:
        app = app_from_config(MockDomConfig(db_url=f"sqlite:///{Path(folder) / 'mock-dom.db'}"))
        chosen = targets()
        calls = {target.name: _wsgi_call(app, target) for target in chosen}
        warm_up = max(requests // 10, len(chosen[0].bodies()))  # every body once: memo, templates, view
        for call in calls.values():
            _timed(call, warm_up, 1)
        return {
            name: {f"{count}_threads_us": _timed(call, requests, count) for count in (1, threads)}
            for name, call in calls.items()
        }


def _wsgi_call(app: Any, target: Target) -> Callable[[], None]:
    """One request to `target` through the app's WSGI callable, answer read and closed as a server would;
    successive calls take the target's bodies in turn."""
    bodies = itertools.cycle([body or b"" for body in target.bodies()])
    fixed = {
        "REQUEST_METHOD": target.method,
        "PATH_INFO": target.path,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8001",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
        **{"HTTP_" + name.upper().replace("-", "_"): value for name, value in target.headers},
        "CONTENT_TYPE": dict(target.headers).get("Content-Type", ""),
    }

    def start_response(status: str, *_: Any) -> None:
        if not status.startswith("200"):
            raise RuntimeError(f"{target.name} answered {status} in process")

    def call() -> None:
        body = next(bodies)
        environ = {**fixed, "CONTENT_LENGTH": str(len(body)), "wsgi.input": io.BytesIO(body)}
        answer = app.wsgi_app(environ, start_response)
        b"".join(answer)
        getattr(answer, "close", lambda: None)()

    return call


def _timed(call: Callable[[], None], requests: int, threads: int) -> float:
    def loop() -> None:
        for _ in range(requests // threads):
            call()

    workers = [threading.Thread(target=loop) for _ in range(threads)]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return round((time.perf_counter() - started) / (requests // threads * threads) * 1e6, 1)


def _ask_each_once(base_url: str, target: Target) -> None:
    """Send every body of the target once, so the measured rounds see a server that has been asked about
    each item before, as a running storefront's DOM has (and not the first parse of each request)."""
    with httpx.Client(base_url=base_url, headers=dict(target.headers), timeout=30) as client:
        for body in target.bodies():
            client.post(target.path, content=body).raise_for_status()


def server_cpu_seconds(process: psutil.Process) -> float:
    """User + system CPU seconds the server process and its gunicorn worker(s) have used so far."""
    total = 0.0
    for member in (process, *process.children(recursive=True)):
        try:
            times = member.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


def format_result(result: dict[str, Any]) -> str:
    rows = [f"{'target':<26} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'requests':>9} {'errors':>7}"]
    for key in ("subject", "baseline"):
        r = result[key]
        rows.append(
            f"{r['name']:<26} {r['rps']:>9.1f} {r['p50_ms']:>8.2f} {r['p99_ms']:>8.2f} {r['requests']:>9}"
            f" {r['errors']:>7}"
        )
    verdict = "meets" if result["meets_target"] else "below"
    round_seconds = result["seconds_per_target"] / result["rounds"]
    rows.append(
        f"ratio {result['ratio']:.2f} ({verdict} the target {result['target_ratio']:.2f}); "
        f"{result['generator']} generator, {result['connections']} connections, "
        f"{result['rounds']} alternating rounds of {round_seconds:.1f} s per target"
    )
    cpu = result.get("server_cpu_us_per_request")
    if cpu:
        rows.append("server CPU: " + ", ".join(f"{name} {us:.0f} us/request" for name, us in cpu.items()))
    for name, costs in result.get("in_process", {}).items():
        rows.append(
            f"in process, {name}: "
            + ", ".join(f"{us:.0f} us/request from {key.split('_')[0]}" for key, us in costs.items())
            + " thread(s)"
        )
    return "mock DOM: GetInventoryAvailability vs a constant answer on the same stack\n" + "\n".join(rows)
