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

Every document that crosses either link is appended to a `BodLog` as a `CapturedBod` stamped with env.now.
A request the mock DOM received is described from the handler's own reading of it (it validated it); every
other document goes through `capture.inspect`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol

from harness.commerce.domain.errors import DomUnavailable
from storefront_sim.capture import Inspection, captured
from storefront_sim.ports import BodDirection, CapturedBod, SimulationTime

Handle = Callable[[str, bytes, Mapping[str, str]], Any]


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
        self.down = False
        self.latency_s = latency_s

    def post(self, service: str, body: bytes, headers: Mapping[str, str]) -> tuple[int, bytes]:
        if self.down:
            self._log.add(body, BodDirection.TO_DOM)
            raise DomUnavailable(f"DOM {service} did not answer: the DOM is down (simulated outage)")
        reply: DomReply = self._handle(service, body, headers)
        self._log.add(body, BodDirection.TO_DOM, latency=self.latency_s, seen=received(reply))
        if reply.body:
            self._log.add(reply.body, BodDirection.TO_DOM)
        return int(reply.status), bytes(reply.body)


class CommerceLink:
    """The mock DOM's push transport port (`post(path, body, headers) -> (status, body)`), routed by the
    last path segment to the commerce server's handler for that service."""

    def __init__(self, log: BodLog) -> None:
        self._log = log
        self.handlers: dict[str, Handle] = {}

    def post(self, path: str, body: bytes, headers: Mapping[str, str]) -> tuple[int, bytes]:
        service = path.rstrip("/").rsplit("/", 1)[-1]
        handler = self.handlers.get(service)
        self._log.add(body, BodDirection.TO_COMMERCE)
        if handler is None:
            return 404, b""
        reply = handler(service, body, headers)
        if reply.body:
            self._log.add(reply.body, BodDirection.TO_COMMERCE)
        return int(reply.status), bytes(reply.body)
