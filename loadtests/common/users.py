"""The abstract storefront user: sends the drivers' `Call`s with Locust's client, fails on error payloads.

URLs, bodies and stat names come from `harness.drivers.routes`, the same builders the end-to-end tests and
the conformance steps use, so the load test exercises exactly the calls the suites check. A WCS REST error
body (`{"errors": [{"errorKey": ...}]}`) or an unexpected status marks the request failed, unless the error
key is a business refusal the caller tolerates (an item that cannot be ordered, stock gone at precheckout):
those are outcomes a shopper meets, not server failures.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from locust import FastHttpUser

from harness.drivers import routes
from loadtests.common.settings import LoadSettings

OK_STATUSES = frozenset({200, 201})


class Refused(Exception):
    """A tolerated business refusal; carries the WCS error key."""

    def __init__(self, error_key: str) -> None:
        super().__init__(error_key)
        self.error_key = error_key


class StorefrontUser(FastHttpUser):
    """Base of the users; `send(call)` returns the parsed JSON body or raises Refused."""

    abstract = True
    settings = LoadSettings.from_env()

    def on_start(self) -> None:
        self.tokens: dict[str, str] = {}

    def send(self, call: routes.Call, *, tolerated: Collection[str] = ()) -> Any:
        headers = {**call.headers, **self.tokens}
        refusal = None
        with self.rest(call.method, call.path, name=call.name, json=call.json, headers=headers) as response:
            body = response.js
            key = _error_key(body)
            if key is not None and key in tolerated:
                response.success()
                refusal = key
            elif key is not None:
                response.failure(f"{response.status_code} {key}")
            elif response.status_code not in OK_STATUSES:
                response.failure(f"unexpected status {response.status_code}")
        if refusal is not None:
            raise Refused(refusal)
        return body

    def sign_in_as_guest(self) -> None:
        body = self.send(routes.guest_identity(self.settings.store_id)) or {}
        self.tokens = {k: str(body[k]) for k in ("WCToken", "WCTrustedToken") if body.get(k)}


def _error_key(body: Any) -> str | None:
    if isinstance(body, dict) and isinstance(body.get("errors"), list) and body["errors"]:
        first = body["errors"][0]
        return str(first.get("errorKey", "?")) if isinstance(first, dict) else "?"
    return None
