"""Collect the request journals of both servers after a run, for reports and failure evidence.

The mock DOM journals every BOD it answered or pushed (`GET /__admin/requests`, WireMock's journal idea).
The commerce server's journal, when it keeps one, is read from `COMMERCE_JOURNAL_PATH`; a server without it
(404) contributes nothing, so the collector also works against a real commerce server.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

import httpx

DOM_JOURNAL_PATH = "/__admin/requests"
COMMERCE_JOURNAL_PATH = "/__admin/requests"


class HasUrls(Protocol):
    commerce_url: str
    dom_url: str


def fetch_journal(base_url: str, path: str, *, server: str, timeout: float = 10.0) -> list[dict[str, Any]]:
    """Entries of one server's journal, each tagged with `server`; [] when the server keeps none (404)."""
    response = httpx.get(base_url.rstrip("/") + path, timeout=timeout)
    if response.status_code == 404:
        return []
    response.raise_for_status()
    return [{**entry, "server": server} for entry in _entries(response.json())]


def collect_journals(pair: HasUrls, *, timeout: float = 10.0) -> list[dict[str, Any]]:
    """Both journals, mock DOM first then commerce, each entry tagged `server: "mock_dom" | "commerce"`."""
    return [
        *fetch_journal(pair.dom_url, DOM_JOURNAL_PATH, server="mock_dom", timeout=timeout),
        *fetch_journal(pair.commerce_url, COMMERCE_JOURNAL_PATH, server="commerce", timeout=timeout),
    ]


def _entries(body: Any) -> list[Mapping[str, Any]]:
    if isinstance(body, list):
        return body
    if isinstance(body, Mapping):
        for key in ("requests", "entries", "journal"):
            if isinstance(body.get(key), list):
                return list(body[key])
    return []
