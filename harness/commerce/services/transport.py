"""The outbound BOD transport port and its implementations.

`Transport.post(service, body, headers) -> (status, body)` is all the DOM client needs. `HttpTransport`
posts to `<dom_url>/<service>` on one pooled httpx client created once (keep-alive, timeouts);
`InProcessTransport` calls the other side's Flask-free `handle()` directly (SimPy fast mode, tests);
`ResilientTransport` wraps either with bounded retries (exponential backoff) and a circuit breaker.
Every failure to get an answer surfaces as `DomUnavailable`.

`read_answer(transport, body)` is how the DOM client decodes an answer: tolerantly (`codec.parse` with
`validate=False`), unless the transport offers its own `read_answer(body)` - one that has already decoded the
answer it returned (the in-process link of fast mode reads every document for its log) and gives back the BOD
a tolerant parse of those bytes would give. Wrapping transports pass the offer on.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from typing import Any, Protocol

import httpx

from bods import codec
from bods.messages import Bod
from harness.commerce.domain.errors import DomUnavailable
from harness.commerce.services.circuit_breaker import CircuitBreaker

log = logging.getLogger(__name__)

RETRYABLE_STATUSES = frozenset({502, 503, 504})
MAX_BACKOFF_SECONDS = 1.0  # longest pause between two attempts of one DOM request


class Transport(Protocol):
    def post(self, service: str, body: bytes, headers: Mapping[str, str]) -> tuple[int, bytes]: ...


def read_answer(transport: object, body: bytes) -> Bod:
    """The BOD in DOM's answer `body`: the transport's own reading if it offers one, else a tolerant parse
    (a BodError when unreadable)."""
    reader = getattr(transport, "read_answer", None)
    if reader is not None:
        return reader(body)  # type: ignore[no-any-return]
    return codec.parse(body, validate=False).bod


class HttpTransport:
    """httpx over a pooled client; connection errors and timeouts raise DomUnavailable."""

    def __init__(
        self,
        base_url: str,
        *,
        connect_timeout: float = 1.0,
        read_timeout: float = 3.0,
        max_connections: int = 32,
        client: httpx.Client | None = None,
    ) -> None:
        self._base_url = base_url.rstrip("/")
        self._client = client or httpx.Client(
            timeout=httpx.Timeout(read_timeout, connect=connect_timeout),
            limits=httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections),
        )

    def post(self, service: str, body: bytes, headers: Mapping[str, str]) -> tuple[int, bytes]:
        url = f"{self._base_url}/{service.lstrip('/')}"
        try:
            response = self._client.post(url, content=body, headers=dict(headers))
        except httpx.HTTPError as exc:
            raise DomUnavailable(f"DOM at {url} did not answer: {type(exc).__name__}: {exc}") from exc
        return response.status_code, response.content

    def close(self) -> None:
        self._client.close()


class InProcessTransport:
    """Calls a Flask-free BOD handler `handle(service, body, headers) -> Reply` in the same process."""

    def __init__(self, handle: Callable[[str, bytes, Mapping[str, str]], Any]) -> None:
        self._handle = handle

    def post(self, service: str, body: bytes, headers: Mapping[str, str]) -> tuple[int, bytes]:
        reply = self._handle(service, body, headers)
        return reply.status, reply.body


class ResilientTransport:
    """Retries a failed call (no answer, or 502/503/504) up to `retries` more times with exponential backoff,
    behind a circuit breaker that refuses calls at once while open."""

    def __init__(
        self,
        inner: Transport,
        breaker: CircuitBreaker,
        *,
        retries: int = 1,
        backoff_seconds: float = 0.05,
        max_backoff_seconds: float = MAX_BACKOFF_SECONDS,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.inner = inner
        self.breaker = breaker
        self._retries = max(0, retries)
        self._backoff = backoff_seconds
        self._max_backoff = max_backoff_seconds
        self._sleep = sleep

    def post(self, service: str, body: bytes, headers: Mapping[str, str]) -> tuple[int, bytes]:
        if not self.breaker.allow():
            raise DomUnavailable("the circuit breaker to DOM is open: not calling DOM")
        failure = "no attempt"
        for attempt in range(self._retries + 1):
            if attempt:
                self._sleep(min(self._max_backoff, self._backoff * 2 ** (attempt - 1)))
            try:
                status, reply = self.inner.post(service, body, headers)
            except DomUnavailable as exc:
                failure = exc.reason
                log.info("DOM call %s failed (attempt %d): %s", service, attempt + 1, failure)
                continue
            except Exception:
                self.breaker.record_failure()
                raise
            if status not in RETRYABLE_STATUSES:
                self.breaker.record_success()
                return status, reply
            failure = f"DOM answered HTTP {status}"
        self.breaker.record_failure()
        raise DomUnavailable(f"{failure} (after {self._retries + 1} attempts)")

    def read_answer(self, body: bytes) -> Bod:
        """An answer `post` returned, read by the inner transport if it offers that (see `read_answer`)."""
        return read_answer(self.inner, body)
