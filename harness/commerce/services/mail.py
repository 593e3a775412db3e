"""Shopper emails: queued in MAILOUTBOX inside the transaction of the order change they report, sent later.

`Mailbox.queue(uow, message)` writes the row (kept when no SMTP server is configured, pending otherwise);
`Mailbox.drain()` (the background worker's job, or a test's) sends pending rows through the `Mailer` port
and marks each sent - so an email is never sent for a change that rolled back, and a server killed before
sending sends it after the restart. `SmtpMailer` speaks SMTP through `smtplib` to `host:port`.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Protocol

from harness.commerce.domain.notifications import MailMessage
from harness.commerce.storage.mail import MailStatus
from harness.commerce.storage.unit_of_work import SqlUnitOfWork, UnitOfWorkFactory
from mock_dom.clock import Clock

log = logging.getLogger(__name__)

DEFAULT_SENDER = "orders@aurora.example.com"
RETRY_SECONDS = 5.0  # first pause after a failed send, doubling per attempt
RETRY_MAX_SECONDS = 300.0


class Mailer(Protocol):
    def send(self, message: MailMessage) -> None:
        """Deliver the message or raise (OSError, smtplib.SMTPException)."""
        ...


class SmtpMailer:
    """One SMTP connection per message (emails are rare; no connection to keep healthy)."""

    def __init__(self, host: str, port: int, *, sender: str = DEFAULT_SENDER, timeout: float = 5.0) -> None:
        self.host = host
        self.port = port
        self._sender = sender
        self._timeout = timeout

    @classmethod
    def parse(cls, address: str, **kwargs: object) -> SmtpMailer:
        """`HOST:PORT` as given to `--smtp`."""
        host, _, port = address.rpartition(":")
        if not host or not port.isdigit():
            raise ValueError(f"--smtp wants HOST:PORT, not {address!r}")
        return cls(host, int(port), **kwargs)  # type: ignore[arg-type]

    def send(self, message: MailMessage) -> None:
        email = EmailMessage()
        email["From"] = self._sender
        email["To"] = message.recipient
        email["Subject"] = message.subject
        email["X-Order-Id"] = str(message.order_id or "")
        email["X-Mail-Kind"] = message.kind.value
        email.set_content(message.body)
        with smtplib.SMTP(self.host, self.port, timeout=self._timeout) as smtp:
            smtp.send_message(email)


@dataclass
class MailReport:
    sent: int = 0
    failed: int = 0


class Mailbox:
    def __init__(self, *, uow_factory: UnitOfWorkFactory, clock: Clock, mailer: Mailer | None = None) -> None:
        self._uow_factory = uow_factory
        self._clock = clock
        self.mailer = mailer

    @property
    def sends(self) -> bool:
        return self.mailer is not None

    def queue(self, uow: SqlUnitOfWork, message: MailMessage) -> None:
        """Write the email in the caller's transaction."""
        status = MailStatus.PENDING if self.sends else MailStatus.KEPT
        uow.mail.add(message, status, self._clock.now())

    def drain(self, limit: int = 50) -> MailReport:
        """Send the due emails once each; a failure leaves the email pending, due again after a pause
        (5 s, doubling, at most 5 minutes)."""
        report = MailReport()
        if self.mailer is None:
            return report
        with self._uow_factory() as uow:
            pending = uow.mail.pending(self._clock.now(), limit)
        for stored in pending:
            try:
                self.mailer.send(stored.message)
            except (OSError, smtplib.SMTPException) as exc:
                log.warning("email %s to %s not sent: %s", stored.mail_id, stored.message.recipient, exc)
                retry_at = self._clock.now() + min(RETRY_MAX_SECONDS, RETRY_SECONDS * 2**stored.attempts)
                with self._uow_factory() as uow:
                    uow.mail.mark_failed(stored.mail_id, f"{type(exc).__name__}: {exc}", retry_at)
                    uow.commit()
                report.failed += 1
                continue
            with self._uow_factory() as uow:
                uow.mail.mark_sent(stored.mail_id, self._clock.now())
                uow.commit()
            report.sent += 1
        return report
