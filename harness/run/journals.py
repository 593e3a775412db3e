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


# Which journal must hold a BOD the other one holds: (server, direction) -> (other server, other direction).
_COUNTERPART = {
    ("commerce", "outbound"): ("mock_dom", "inbound"),  # commerce's requests to DOM
    ("mock_dom", "inbound"): ("commerce", "outbound"),
    ("mock_dom", "outbound"): ("commerce", "inbound"),  # DOM's pushes to commerce
    ("commerce", "inbound"): ("mock_dom", "outbound"),
}
_NEVER_SENT = frozenset({"delayed", "dropped"})  # pushes a fault rule held back or dropped before the wire
SETTLE_SECONDS = 5.0  # entries this recent when the journals were fetched may still be in flight
_GAP_EXAMPLES = 5


def journal_gaps(entries: list[Mapping[str, Any]], *, settled_before: float | None = None) -> list[str]:
    """BODs one server's journal holds that the other's lacks, as readable lines (empty when they agree).

    Every BOD between the two servers is journaled twice, by the sender and by the receiver, so comparing
    the two catches a message lost on the way or a journal that misses something. BODs are matched by their
    request body (each carries its own BODID; retried attempts repeat the same body, so they are compared as
    sets). Not looked for on the other side: a push a fault rule kept off the wire, a request that got no
    answer (it may never have arrived), and entries stamped after `settled_before` (epoch seconds; the
    other server may not have recorded them yet when its journal was fetched). With one journal empty or
    absent (a server that keeps none) there is nothing to compare and no gap is reported.
    """
    seen: dict[tuple[str, str], set[str]] = {side: set() for side in _COUNTERPART}
    checked: dict[tuple[str, str], dict[str, str]] = {side: {} for side in _COUNTERPART}
    for entry in entries:
        side = (str(entry.get("server")), str(entry.get("direction")))
        body = str(entry.get("requestBody") or "")
        if side not in seen or not body.strip() or entry.get("outcome") in _NEVER_SENT:
            continue
        seen[side].add(body)
        settled = settled_before is None or float(entry.get("timestamp") or 0.0) <= settled_before
        if entry.get("status") is not None and settled:
            checked[side][body] = str(entry.get("bodType") or "?")
    if {server for (server, _), found in seen.items() if found} != {"commerce", "mock_dom"}:
        return []
    gaps = []
    for side, bodies in checked.items():
        lost = {body: kind for body, kind in bodies.items() if body not in seen[_COUNTERPART[side]]}
        if lost:
            gaps.append(_gap_line(side, len(lost), sorted(set(lost.values()))))
    return gaps


def _gap_line(side: tuple[str, str], count: int, kinds: list[str]) -> str:
    server, direction = side
    other, _ = _COUNTERPART[side]
    shown = ", ".join(kinds[:_GAP_EXAMPLES]) + (" ..." if len(kinds) > _GAP_EXAMPLES else "")
    return f"{count} {direction} BOD(s) of the {server} journal not in the {other} journal ({shown})"
