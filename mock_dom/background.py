"""The worker thread that moves the mock DOM forward on its own: the lifecycle tick and the push drain.

Pushes are never sent from inside a request handler (style rule "pushes are queued"): the BOD services only
queue them, and this thread drains the queue every `interval` seconds, after letting due lifecycle steps
(release, ship, expire reservations) happen. It runs in the gunicorn worker process, started from the
`on_worker_start` hook after the fork, never in the master.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence

log = logging.getLogger(__name__)

Task = Callable[[], object]


class BackgroundWorker:
    """Runs each task in turn every `interval` seconds until stopped; a failing task is logged, not fatal."""

    def __init__(
        self, tasks: Sequence[tuple[str, Task]], interval: float, *, name: str = "mock-dom-worker"
    ) -> None:
        if interval <= 0:
            raise ValueError("interval must be positive")
        self._tasks = tuple(tasks)
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> Callable[[], None]:
        """Start the thread; returns `stop` (what `serving.serve`'s worker hooks expect)."""
        self._thread.start()
        return self.stop

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def run_once(self) -> None:
        for label, task in self._tasks:
            try:
                task()
            except Exception:
                log.exception("background task %s failed", label)

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            self.run_once()
