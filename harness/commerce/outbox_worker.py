"""The commerce server's background worker: sends the queued transfers to DOM and the queued emails.

One thread per server process, started after the fork (gunicorn's post-worker-init hook, `start_worker`),
never at import or in `create_app`, so tests and the SimPy model drive the very same work by calling
`drain()` themselves. The thread wakes when a checkout or a status change queued something (`wake()`), when
the earliest retry is due, or every `poll_seconds`; a failing pass is logged and the next one runs.
On start, the rows a stopped or killed process left pending are made due at once; rows it left claimed are
sent once their lease ends.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from harness.commerce.services.mail import Mailbox, MailReport
from harness.commerce.services.order_transfer import OrderTransfer, TransferReport
from mock_dom.clock import Clock

log = logging.getLogger(__name__)

ROUNDS = 10  # drain passes per wake-up: a transfer queues its DecrementCache, which is due at once


class OutboxWorker:
    def __init__(
        self,
        transfer: OrderTransfer,
        mailbox: Mailbox,
        clock: Clock,
        *,
        poll_seconds: float = 0.5,
        name: str = "commerce-outbox",
    ) -> None:
        self._transfer = transfer
        self._mailbox = mailbox
        self._clock = clock
        self._poll = poll_seconds
        self._name = name
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def drain(self, rounds: int = ROUNDS) -> tuple[TransferReport, MailReport]:
        """Send what is due now, pass after pass until a pass finds nothing (at most `rounds`)."""
        total, mail = TransferReport(), MailReport()
        for _ in range(rounds):
            report = self._transfer.drain()
            sent = self._mailbox.drain()
            for name in ("transferred", "decremented", "failed", "dropped"):
                setattr(total, name, getattr(total, name) + getattr(report, name))
            mail.sent += sent.sent
            mail.failed += sent.failed
            if report.transferred + report.decremented + report.dropped + sent.sent == 0:
                break
        return total, mail

    def wake(self) -> None:
        self._wake.set()

    def start(self) -> Callable[[], None]:
        """Start the thread (once); returns `stop`, as `mock_dom.serving.serve`'s worker hooks expect."""
        if self._thread is None:
            self._transfer.resume()
            self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
            self._thread.start()
        return self.stop

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        thread = self._thread
        if thread is not None and thread.is_alive() and thread is not threading.current_thread():
            thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                self.drain()
            except Exception:
                log.exception("the outbox worker pass failed; trying again later")
            self._wake.wait(self._pause())

    def _pause(self) -> float:
        try:
            due = self._transfer.next_due()
        except Exception:
            return self._poll
        if due is None:
            return self._poll
        return max(0.01, min(self._poll, due - self._clock.now()))


def start_worker(app: Any) -> Callable[[], None] | None:
    """gunicorn post-fork hook: start the checkout worker of a `create_app` application."""
    checkout = getattr(app, "extensions", {}).get("commerce.checkout")
    if checkout is None:
        return None
    return checkout.worker.start()
