"""`mock_dom.serving.serve` against a real gunicorn on a free loopback port (a subprocess per test)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

SCRIPT = """
import gc, json, os, sys, time
from pathlib import Path
from mock_dom.serving import serve

OUT = Path(sys.argv[1])

def factory():
    built_in = os.getpid()
    def app(environ, start_response):
        if environ["PATH_INFO"] == "/slow":
            (OUT / "in_flight").write_text("yes")
            time.sleep(0.5)
        answer = {"built_in": built_in, "serving": os.getpid(), "frozen": gc.get_freeze_count()}
        body = json.dumps(answer).encode()
        start_response("200 OK", [("Content-Type", "application/json")])
        return [body]
    return app

def worker_started(app):
    (OUT / "started").write_text(str(os.getpid()))
    return lambda: (OUT / "stopped").write_text(str(os.getpid()))

def ready(host, port):
    (OUT / "ready").write_text(json.dumps([host, port, os.getpid()]))

status = serve(factory, port=0, threads=2, on_worker_start=worker_started, on_ready=ready, graceful_timeout=5)
sys.exit(status)
"""
DEADLINE = 20.0


class Served:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        script = folder / "serve_app.py"
        script.write_text(SCRIPT)
        self.process = subprocess.Popen(
            [sys.executable, str(script), str(folder)],
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        ready = self.wait_for("ready")
        host, self.port, self.master_pid = json.loads(ready)
        self.url = f"http://{host}:{self.port}"
        self.wait_for("started")

    def wait_for(self, name: str) -> str:
        path = self.folder / name
        deadline = time.monotonic() + DEADLINE
        while time.monotonic() < deadline:
            if path.exists() and path.read_text():
                return path.read_text()
            if self.process.poll() is not None:
                raise AssertionError(f"server exited with {self.process.returncode}")
            time.sleep(0.02)
        raise AssertionError(f"{name} not written within {DEADLINE}s")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(DEADLINE)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    server = Served(tmp_path)
    yield server
    server.stop()


def test_the_app_answers_on_the_port_gunicorn_bound(served: Served) -> None:
    assert served.port > 0
    assert httpx.get(served.url + "/", timeout=5).status_code == 200


def test_the_app_is_built_and_served_in_the_worker_not_the_master(served: Served) -> None:
    pids = httpx.get(served.url + "/", timeout=5).json()
    assert pids["built_in"] == pids["serving"]
    assert pids["serving"] != served.master_pid


def test_the_worker_start_hook_runs_after_the_fork(served: Served) -> None:
    assert int(served.wait_for("started")) != served.master_pid


def test_what_the_worker_built_is_frozen_out_of_full_collections(served: Served) -> None:
    assert httpx.get(served.url + "/", timeout=5).json()["frozen"] > 1000  # gunicorn and its modules at least


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_stop_signal_lets_the_request_in_flight_finish(served: Served, stop_signal: signal.Signals) -> None:
    answers: list[int] = []
    request = threading.Thread(
        target=lambda: answers.append(httpx.get(served.url + "/slow", timeout=10).status_code)
    )
    request.start()
    served.wait_for("in_flight")
    os.killpg(served.process.pid, stop_signal)
    request.join(DEADLINE)
    assert answers == [200]
    assert served.process.wait(DEADLINE) == 0
    assert served.wait_for("stopped")


def test_the_listener_is_closed_after_a_stop(served: Served) -> None:
    os.kill(served.master_pid, signal.SIGTERM)
    served.process.wait(DEADLINE)
    with pytest.raises(httpx.ConnectError):
        httpx.get(served.url + "/", timeout=2)
