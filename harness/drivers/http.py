"""The HTTP plumbing both drivers share: a client (from a base URL, or given) and `send(Call)`."""

from __future__ import annotations

from collections.abc import Mapping
from types import TracebackType
from typing import Any

import httpx

from harness.drivers.routes import Call

DEFAULT_TIMEOUT = 10.0  # seconds; a DOM fault rule of type "timeout" must not hang a test forever


class HttpSide:
    """Holds the client. A base URL gets a client of our own (closed by `close()`); a given client is
    used as is and left open, so in-process wiring (`httpx.WSGITransport`) and pooled clients work too."""

    def __init__(self, target: str | httpx.Client, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        if isinstance(target, httpx.Client):
            self.client = target
            self._owned = False
        else:
            self.client = httpx.Client(base_url=target.rstrip("/"), timeout=timeout)
            self._owned = True

    @property
    def base_url(self) -> str:
        return str(self.client.base_url).rstrip("/")

    def send(self, call: Call, headers: Mapping[str, str] | None = None) -> httpx.Response:
        merged = {**call.headers, **(headers or {})}
        kwargs: dict[str, Any] = {"headers": merged}
        if call.json is not None:
            kwargs["json"] = call.json
        return self.client.request(call.method, call.path, **kwargs)

    def close(self) -> None:
        if self._owned:
            self.client.close()

    def __enter__(self) -> Any:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()
