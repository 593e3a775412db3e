"""The in-process wire between the commerce services and the mock DOM (fast mode), with a BOD log.

Both directions keep the real wire format: the commerce server's ExternalInventory / ExternalOrder render
their BOD, `DomLink` hands the bytes to the mock DOM's Flask-free `BodHandler.handle` (hardened parse, XSD
validation, service, render) and gives the rendered answer back, which the commerce client parses. The mock
DOM's push outbox renders SyncOrder / SyncInventoryAvailability and `CommerceLink` hands them to the commerce
server's Flask-free handlers (InventoryServices, OrderServices). Nothing goes through Flask or a socket.

`DomLink` is also where fast mode's DOM outage and latency live: while `down`, a call raises `DomUnavailable`
exactly as the httpx transport does when the DOM does not answer (the commerce side's retries, circuit
breaker, stale availability and held transfers then behave as against a real DOM that is down); `latency_s`
is recorded on each request (simulated time does not pass during a call).

Every document that crosses either link is appended to a `BodLog` as a `CapturedBod` stamped with env.now,
in the order it crossed, and each is parsed with validation once only:
- a request is described from the receiving handler's own validating parse (the mock DOM's `Reply` names
  what it read; the commerce handlers' `Reply.request` is the BOD they decoded); one the handler could not
  decode goes through `capture.inspect`, so its log entry keeps the codec's reason;
- an answer is read by `capture.read` for the log, and the link offers that reading to the side that
  called it (`read_answer`: the commerce DOM client, the mock DOM's push outbox), which would otherwise parse
  the same bytes again. Only a conforming answer without U+FEFF bytes is offered (validation strips stray
  BOMs, which a tolerant reader keeps and may refuse); anything else the caller parses itself, as before.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol

from bods import codec
from bods.messages import Bod
from bods.xmlsafety import DEFAULT_MAX_BYTES
from harness.commerce.domain.errors import DomUnavailable
from storefront_sim.capture import Inspection, captured, described, inspect, read
from storefront_sim.ports import BodDirection, CapturedBod, SimulationTime

Handle = Callable[[str, bytes, Mapping[str, str]], Any]
BOM = "\ufeff".encode()


class DomReply(Protocol):
    """What `mock_dom.bod_handler.Reply` offers (status, body and the facts read from the request)."""

    status: int
    body: bytes
    bod_type: str | None
    action_code: str | None
    valid: bool
    reason_code: str | None
    error_reason: str | None
    order_id: str | None


class BodLog:
    """The BODs seen so far, oldest first."""

    def __init__(self, env: SimulationTime) -> None:
        self.env = env
        self.bods: list[CapturedBod] = []

    def add(
        self,
        xml: bytes,
        direction: BodDirection,
        *,
        latency: float | None = None,
        seen: Inspection | None = None,
    ) -> None:
        self.bods.append(captured(xml, direction, at=self.env.now, latency=latency, seen=seen))

    def add_answer(self, xml: bytes, direction: BodDirection) -> Bod | None:
        """Log an answer; return its decoded BOD when a tolerant reader would decode the very same one."""
        facts, bod = read(xml)
        self.bods.append(captured(xml, direction, at=self.env.now, seen=facts))
        return bod if bod is not None and BOM not in xml else None

    def reserve(self) -> int:
        """Keep the next place in the log for a document whose facts are known only later (what its
        handler sent meanwhile comes after it, as it crossed after it)."""
        self.bods.append(None)  # type: ignore[arg-type]  # filled by `fill` before anyone reads the log
        return len(self.bods) - 1

    def fill(self, place: int, xml: bytes, direction: BodDirection, seen: Inspection | None) -> None:
        self.bods[place] = captured(xml, direction, at=self.env.now, seen=seen)


class AnswerReadings:
    """The answer a link last read for its log, handed to the caller that reads the same bytes next."""

    def __init__(self) -> None:
        self._last: tuple[bytes, Bod] | None = None

    def keep(self, body: bytes, bod: Bod | None) -> None:
        self._last = (body, bod) if bod is not None else None

    def read_answer(self, body: bytes) -> Bod:
        """The BOD in `body`, read tolerantly (`codec.parse(validate=False)`) unless the link already decoded
        these very bytes; each reading is handed out once."""
        last, self._last = self._last, None
        if last is not None and last[0] is body:
            return last[1]
        return codec.parse(body, validate=False).bod


def received(reply: DomReply) -> Inspection | None:
    """The mock DOM's own reading of the request (None when it could not even name the type)."""
    if reply.bod_type is None:
        return None
    errors = () if reply.valid else (f"{reply.reason_code}: {reply.error_reason}",)
    return Inspection(reply.bod_type, reply.action_code, reply.order_id, reply.valid, errors)


class DomLink:
    """The commerce server's DOM transport port (`post(service, body, headers) -> (status, body)`)."""

    def __init__(self, handle: Handle, log: BodLog, *, latency_s: float = 0.0) -> None:
        self._handle = handle
        self._log = log
        self._answers = AnswerReadings()
        self.down = False
        self.latency_s = latency_s

    def post(self, service: str, body: bytes, headers: Mapping[str, str]) -> tuple[int, bytes]:
        self._answers.keep(b"", None)
        if self.down:
            self._log.add(body, BodDirection.TO_DOM)
            raise DomUnavailable(f"DOM {service} did not answer: the DOM is down (simulated outage)")
        reply: DomReply = self._handle(service, body, headers)
        self._log.add(body, BodDirection.TO_DOM, latency=self.latency_s, seen=received(reply))
        answer = bytes(reply.body)
        if answer:
            self._answers.keep(answer, self._log.add_answer(answer, BodDirection.TO_DOM))
        return int(reply.status), answer

    def read_answer(self, body: bytes) -> Bod:
        """DOM's answer `body` as the commerce DOM client reads it (see AnswerReadings)."""
        return self._answers.read_answer(body)


class CommerceLink:
    """The mock DOM's push transport port (`post(path, body, headers) -> (status, body)`), routed by the
    last path segment to the commerce server's handler for that service."""

    def __init__(self, log: BodLog) -> None:
        self._log = log
        self._answers = AnswerReadings()
        self.handlers: dict[str, Handle] = {}

    def post(self, path: str, body: bytes, headers: Mapping[str, str]) -> tuple[int, bytes]:
        self._answers.keep(b"", None)
        service = path.rstrip("/").rsplit("/", 1)[-1]
        handler = self.handlers.get(service)
        place = self._log.reserve()
        reply = None
        try:
            if handler is None:
                return 404, b""
            reply = handler(service, body, headers)
        finally:
            self._log.fill(place, body, BodDirection.TO_COMMERCE, decoded_by(reply, body))
        answer = bytes(reply.body)
        if answer:
            self._answers.keep(answer, self._log.add_answer(answer, BodDirection.TO_COMMERCE))
        return int(reply.status), answer

    def read_answer(self, body: bytes) -> Bod:
        """The commerce server's answer `body` as the mock DOM's push outbox reads it (see AnswerReadings)."""
        return self._answers.read_answer(body)


def decoded_by(reply: Any, body: bytes) -> Inspection:
    """A push as the commerce handler read it: its `Reply.request` is what its validating `codec.parse`
    decoded (with the codec's default size limit). Without one, the codec says why here."""
    request = getattr(reply, "request", None)
    if request is not None and len(body) <= DEFAULT_MAX_BYTES:
        return described(request)
    return inspect(body)
