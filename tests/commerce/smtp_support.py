"""A tiny SMTP server for tests: a thread with a socket server speaking the few commands smtplib sends
(EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) and keeping every message it receives."""

from __future__ import annotations

import socketserver
import threading
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from types import TracebackType


@dataclass
class Received:
    sender: str
    recipients: list[str]
    data: bytes

    @property
    def message(self) -> Message:
        return message_from_bytes(self.data)


@dataclass
class Inbox:
    messages: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class _Session(socketserver.StreamRequestHandler):
    server: _Server

    def handle(self) -> None:
        self._reply(b"220 test-smtp ready")
        sender, recipients = "", []
        for _ in range(1000):  # bounded: one message needs a handful of commands
            line = self.rfile.readline()
            if not line:
                return
            command = line.strip().split(b" ", 1)[0].upper()
            if command in (b"EHLO", b"HELO"):
                self._reply(b"250 test-smtp")
            elif command == b"MAIL":
                sender = line.split(b":", 1)[1].strip().decode()
                self._reply(b"250 OK")
            elif command == b"RCPT":
                recipients.append(line.split(b":", 1)[1].strip().decode())
                self._reply(b"250 OK")
            elif command == b"DATA":
                self._reply(b"354 end with <CRLF>.<CRLF>")
                self._store(sender, recipients, self._data())
                sender, recipients = "", []
                self._reply(b"250 OK queued")
            elif command == b"QUIT":
                self._reply(b"221 bye")
                return
            else:
                self._reply(b"250 OK")

    def _data(self) -> bytes:
        lines = []
        for _ in range(100_000):
            line = self.rfile.readline()
            if line in (b".\r\n", b".\n", b""):
                break
            lines.append(line[1:] if line.startswith(b"..") else line)
        return b"".join(lines)

    def _store(self, sender: str, recipients: list[str], data: bytes) -> None:
        with self.server.inbox.lock:
            self.server.inbox.messages.append(Received(sender, list(recipients), data))

    def _reply(self, text: bytes) -> None:
        self.wfile.write(text + b"\r\n")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    inbox: Inbox


class SmtpServer:
    """`with SmtpServer() as smtp:` listens on a free loopback port; `smtp.address` is `HOST:PORT`."""

    def __init__(self) -> None:
        self._server = _Server(("127.0.0.1", 0), _Session)
        self._server.inbox = Inbox()
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05})

    @property
    def address(self) -> str:
        host, port = self._server.server_address[:2]
        return f"{host}:{port}"

    @property
    def messages(self) -> list[Received]:
        with self._server.inbox.lock:
            return list(self._server.inbox.messages)

    def __enter__(self) -> SmtpServer:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(5)
