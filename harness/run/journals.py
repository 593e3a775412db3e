"""Collect the request journals of both servers after a run, for reports and failure evidence.

Both servers keep the same journal (`mock_dom.journal.RequestJournal`) behind the same API,
`GET /__admin/requests`: the mock DOM every BOD it answered or pushed (WireMock's journal idea), the reference
commerce server every BOD it received from DOM and every BOD it sent to DOM. Each entry comes back tagged
with `server` ("mock_dom" or "commerce"); a server without a journal (404, e.g. a real commerce server)
contributes nothing.
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
    """Both journals, mock DOM first then commerce (each oldest first), every entry tagged
    `server: "mock_dom" | "commerce"`; entries carry epoch `timestamp`s to merge them into one timeline."""
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
