"""A server as a child process: free loopback ports, start in its own process group with a log file, wait for
its health URL, stop it for sure.

Both servers of the project (the mock DOM and the reference commerce server) run on gunicorn with a master and
worker processes, so stopping only the child we spawned could leave workers behind. The child therefore gets
its own session (process group) and `stop()` signals the whole group: SIGTERM first (gunicorn's graceful
shutdown), SIGKILL when the group has not gone after `stop_deadline` seconds.

Used by `mock_dom.testing` (`running_mock_dom`) and by the harness (`harness.run`), so both start and stop
servers the same way. No pytest here: benchmarks and the CLI use it too.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import TracebackType

import httpx

LOOPBACK = "127.0.0.1"
HEALTH_PATH = "/__admin/health"
START_DEADLINE = 30.0  # seconds to wait for the health endpoint
STOP_DEADLINE = 10.0  # seconds between SIGTERM and SIGKILL
POLL_INTERVAL = 0.05  # seconds between readiness probes
LOG_TAIL_CHARS = 4000


def free_port(host: str = LOOPBACK) -> int:
    """A TCP port the OS reports free on `host` right now.

    Another process may take it before our server binds it; callers retry with a new port when the server
    exits during start-up (`ServerStartError.exited`).
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def free_ports(count: int, host: str = LOOPBACK) -> list[int]:
    """`count` distinct free ports (sockets held open together so the OS cannot hand out one twice)."""
    probes = [socket.socket(socket.AF_INET, socket.SOCK_STREAM) for _ in range(count)]
    try:
        for probe in probes:
            probe.bind((host, 0))
        return [int(probe.getsockname()[1]) for probe in probes]
    finally:
        for probe in probes:
            probe.close()


class ServerStartError(RuntimeError):
    """A server did not become ready; the message names it and ends with the tail of its log.

    `exited` is True when the process died during start-up (for instance because its port was taken),
    which is worth a retry on another port; False when it kept running but never answered.
    """

    def __init__(self, name: str, reason: str, log_tail: str, *, exited: bool) -> None:
        super().__init__(f"{name} did not start: {reason}\n--- last lines of its log ---\n{log_tail}")
        self.name = name
        self.reason = reason
        self.log_tail = log_tail
        self.exited = exited


class ServerProcess:
    """`argv` running as a server at `url` until `stop()` (or the end of a `with` block)."""

    def __init__(
        self,
        name: str,
        argv: Sequence[str],
        *,
        url: str,
        log_path: Path,
        health_path: str = HEALTH_PATH,
        start_deadline: float = START_DEADLINE,
        stop_deadline: float = STOP_DEADLINE,
        env: Mapping[str, str] | None = None,
    ) -> None:
        self.name = name
        self.argv = list(argv)
        self.url = url.rstrip("/")
        self.log_path = Path(log_path)
        self.health_path = health_path
        self.start_deadline = start_deadline
        self.stop_deadline = stop_deadline
        self._env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def process(self) -> subprocess.Popen[bytes] | None:
        return self._process

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def spawn(self) -> ServerProcess:
        """Start the process (output appended to `log_path`) without waiting for it (see `wait_ready`)."""
        if self._process is not None:
            raise RuntimeError(f"{self.name} was already started")
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as log:
            self._process = subprocess.Popen(
                self.argv,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                env=self._env,
            )
        return self

    def wait_ready(self) -> None:
        """Poll the health endpoint until it answers 200; ServerStartError at the deadline or on exit."""
        deadline = time.monotonic() + self.start_deadline
        health = self.url + self.health_path
        with httpx.Client(timeout=1.0) as client:
            while time.monotonic() < deadline:
                if self._process is None or self._process.poll() is not None:
                    code = self._process.returncode if self._process else None
                    raise ServerStartError(
                        self.name, f"exited with status {code}", self.log_tail(), exited=True
                    )
                with contextlib.suppress(httpx.TransportError):
                    if client.get(health).status_code == 200:
                        return
                time.sleep(POLL_INTERVAL)
        reason = f"no 200 from {health} within {self.start_deadline:g}s"
        raise ServerStartError(self.name, reason, self.log_tail(), exited=False)

    def start(self) -> ServerProcess:
        """Spawn and wait until ready; stops the process again when it does not become ready."""
        self.spawn()
        try:
            self.wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """SIGTERM to the process group, SIGKILL after `stop_deadline`; safe to call more than once."""
        if self._process is not None:
            stop_group(self._process, self.stop_deadline)

    def log_tail(self, chars: int = LOG_TAIL_CHARS) -> str:
        if not self.log_path.exists():
            return "(no log written)"
        return self.log_path.read_text(errors="replace")[-chars:]

    def __enter__(self) -> ServerProcess:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r}, url={self.url!r}, pid={self.pid})"


def stop_group(process: subprocess.Popen[bytes], deadline: float = STOP_DEADLINE) -> None:
    """SIGTERM to the group `process` leads (`start_new_session`), SIGKILL when it is still there later."""
    if process.poll() is None:
        _signal_group(process.pid, signal.SIGTERM)
        try:
            process.wait(deadline)
        except subprocess.TimeoutExpired:
            _signal_group(process.pid, signal.SIGKILL)
            process.wait(deadline)
    # Workers of a gunicorn master that died abruptly may outlive it: make sure the group is gone.
    _signal_group(process.pid, signal.SIGKILL)


def _signal_group(pgid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, sig)
