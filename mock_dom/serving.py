"""Serve a WSGI application on gunicorn from inside Python: the one way both servers of the project run.

Both the mock DOM and the reference commerce server start through `serve()`, so they behave alike under
load and on shutdown. It embeds gunicorn through a `BaseApplication` subclass (gunicorn's documented
"custom application" API) with the gthread worker class:

- the application is built by `app_factory()` inside each worker process (gunicorn calls `load()` after the
  fork, `preload_app` stays off), so nothing with threads or connections is created in the master;
- `on_worker_start(app)` runs in the worker once the app is loaded (gunicorn's `post_worker_init` hook): that
  is where background threads (lifecycle tick, push drain) belong. It may return a `stop()` callable that
  runs when the worker exits. Then what the worker has built is frozen out of the garbage collector's full
  passes (`gc.freeze()`);
- SIGTERM and SIGINT (Ctrl-C) both stop gracefully: the listener closes, in-flight requests finish within
  `graceful_timeout` seconds; a second SIGINT during that wait stops at once;
- loopback by default, no control socket (gunicorn >= 25 would otherwise share one per user), access log off
  unless asked for.
"""

from __future__ import annotations

import gc
import logging
import os
import signal
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from gunicorn.app.base import BaseApplication
from gunicorn.arbiter import Arbiter
from gunicorn.workers.gthread import ThreadWorker

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]
WorkerStart = Callable[[WSGIApp], Callable[[], None] | None]
ReadyCallback = Callable[[str, int], None]

log = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"


@dataclass(frozen=True)
class ServingOptions:
    """The gunicorn settings this project uses; everything else stays at gunicorn's defaults."""

    host: str = DEFAULT_HOST
    port: int = 8001
    workers: int = 1
    threads: int = 8
    access_log: bool = False
    graceful_timeout: int = 10
    keepalive: int = 5
    log_level: str = "info"

    def gunicorn_settings(self) -> dict[str, Any]:
        return {
            "bind": f"{self.host}:{self.port}",
            "workers": self.workers,
            "threads": self.threads,
            "worker_class": GracefulThreadWorker,
            "graceful_timeout": int(self.graceful_timeout),
            "keepalive": int(self.keepalive),
            "accesslog": "-" if self.access_log else None,
            "errorlog": "-",
            "loglevel": self.log_level,
            "preload_app": False,
            "control_socket_disable": True,
            "proc_name": "dom-harness",
        }


class GracefulThreadWorker(ThreadWorker):
    """gthread worker that treats SIGINT like SIGTERM: finish in-flight requests, then exit.

    Ctrl-C in a terminal reaches the whole process group, workers included; gunicorn's stock worker would
    exit on the spot and cut the requests it is serving.
    """

    def init_signals(self) -> None:
        super().init_signals()
        signal.signal(signal.SIGINT, self.handle_exit)


class _GracefulArbiter(Arbiter):
    def handle_int(self) -> None:
        """SIGINT stops gracefully (gunicorn's default is a quick stop); a second one stops at once."""
        raise StopIteration


class EmbeddedServer(BaseApplication):
    """A gunicorn application whose WSGI app comes from a factory called in the worker process."""

    def __init__(
        self,
        app_factory: Callable[[], WSGIApp],
        options: ServingOptions,
        *,
        on_worker_start: WorkerStart | None = None,
        on_ready: ReadyCallback | None = None,
    ) -> None:
        self._app_factory = app_factory
        self._options = options
        self._on_worker_start = on_worker_start
        self._on_ready = on_ready
        super().__init__(prog="dom-harness")

    def load_config(self) -> None:
        for key, value in self._options.gunicorn_settings().items():
            if value is not None:
                self.cfg.set(key, value)
        self.cfg.set("post_worker_init", self._post_worker_init)
        self.cfg.set("worker_exit", self._worker_exit)
        self.cfg.set("when_ready", self._when_ready)

    def load(self) -> WSGIApp:
        return self._app_factory()

    def run(self) -> None:
        _GracefulArbiter(self).run()

    def _post_worker_init(self, worker: Any) -> None:
        if self._on_worker_start is not None:
            worker.dom_harness_stop = self._on_worker_start(worker.wsgi)
        _freeze_what_the_worker_built()

    @staticmethod
    def _worker_exit(server: Any, worker: Any) -> None:
        stop = getattr(worker, "dom_harness_stop", None)
        if stop is not None:
            stop()

    def _when_ready(self, server: Any) -> None:
        if self._on_ready is None:
            return
        host, port = server.LISTENERS[0].sock.getsockname()[:2]
        self._on_ready(host, port)


def _freeze_what_the_worker_built() -> None:
    """Move everything alive once the app is loaded (modules, schemas, the app, its caches) out of the
    cyclic collector's reach: it lives as long as the worker, and every full collection would otherwise walk
    all of it again with every request thread stopped (under load, that pause was a lookup's p99)."""
    gc.collect()
    gc.freeze()


def serve(
    app_factory: Callable[[], WSGIApp],
    *,
    host: str = DEFAULT_HOST,
    port: int = 8001,
    workers: int = 1,
    threads: int = 8,
    on_worker_start: WorkerStart | None = None,
    on_ready: ReadyCallback | None = None,
    access_log: bool = False,
    graceful_timeout: int = 10,
    log_level: str = "info",
) -> int:
    """Run `app_factory()` on gunicorn (gthread) until SIGTERM/SIGINT; return the exit status.

    `port=0` binds a free port; `on_ready(host, port)` runs in the master once the socket listens, with the
    real port. Worker processes never return from here: they leave through `SystemExit` as gunicorn intends.
    """
    options = ServingOptions(
        host=host,
        port=port,
        workers=workers,
        threads=threads,
        access_log=access_log,
        graceful_timeout=graceful_timeout,
        log_level=log_level,
    )
    master_pid = os.getpid()
    server = EmbeddedServer(app_factory, options, on_worker_start=on_worker_start, on_ready=on_ready)
    try:
        server.run()
    except SystemExit as exit_:
        if os.getpid() != master_pid:
            raise
        return _exit_status(exit_.code)
    return 0


def _exit_status(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


READ_CHUNK = 65_536


def read_body(environ: Mapping[str, Any], max_bytes: int) -> bytes:
    """The request body, but never more than `max_bytes` + 1 bytes: enough to tell "too large" without
    reading a huge body.

    Reads the server's `wsgi.input` directly, as far as Content-Length says (or, for a chunked body, until
    the server ends the stream), in chunks of what is still wanted: the framework's stream wrapper costs a
    BOD request more than the read itself, and a stream asked for the whole limit at once allocates (and
    zeroes) a buffer that large first.
    """
    try:
        announced = int(environ.get("CONTENT_LENGTH") or -1)
    except ValueError:
        return b""
    if announced >= 0:
        wanted = min(announced, max_bytes + 1)
    elif environ.get("wsgi.input_terminated"):  # chunked: the server marks the end of the body itself
        wanted = max_bytes + 1
    else:
        return b""  # neither a length nor an end marked: WSGI gives no body to read
    stream = environ["wsgi.input"]
    chunks: list[bytes] = []
    while wanted > 0:
        chunk = stream.read(min(wanted, READ_CHUNK))
        if not chunk:
            break
        chunks.append(chunk)
        wanted -= len(chunk)
    return b"".join(chunks)
