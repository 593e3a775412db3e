"""What goes into the commerce server's request journal (`mock_dom.journal.RequestJournal`, the same bounded,
thread-safe journal the mock DOM keeps, queried through the same `/__admin/requests` API).

- INBOUND: every BOD DOM (or a test) posts to InventoryServices or OrderServices, recorded by the HTTP edge
  from the handler's `Reply` (`inbound_exchange`): type, action code, valid, ReasonCode, HTTP status, latency,
  part numbers, store and both bodies.
- OUTBOUND: every BOD the server sends to DOM (GetInventoryAvailability, ProcessInventoryRequirement,
  ProcessOrder TransferOrder), recorded by `JournaledTransport`, which wraps the transport ExternalInventory
  and ExternalOrder post over. The request's type and action come from the request object the component has
  just rendered, so nothing is parsed twice. It wraps the resilient transport from outside: one entry per BOD
  the component sent, its latency including any retries, and when DOM never answered, no status and the
  reason in `errors` (outcome `unanswered`).

A cached availability look-up sends no BOD, so it never touches the journal.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Protocol

from bods.messages import Bod
from harness.commerce.domain.catalog import Catalog
from harness.commerce.domain.errors import DomUnavailable
from harness.commerce.services.transport import Transport, read_answer
from mock_dom.journal import Direction, Exchange, RequestJournal, body_text
from mock_dom.journal_facts import PartNumberOf, action_of, part_numbers_of, store_of


class JournaledReply(Protocol):
    """What the inbound handlers' `Reply` tells the journal."""

    status: int
    body: bytes
    bod_type: str | None
    request: Bod | None
    valid: bool
    reason_code: str | None
    reason: str | None


def catalog_part_numbers(catalog: Catalog) -> PartNumberOf:
    """Catalog entry id -> part number, so entries about `12001` can be found with `partNumber=SKU-0001`."""

    def part_number_of(catalog_entry_id: str) -> str | None:
        if not catalog_entry_id.isdigit() or not catalog.has_entry(int(catalog_entry_id)):
            return None
        return catalog.entry(int(catalog_entry_id)).part_number

    return part_number_of


def inbound_exchange(
    service: str,
    body: bytes,
    reply: JournaledReply,
    latency_ms: float,
    part_number_of: PartNumberOf | None = None,
) -> Exchange:
    request = reply.request
    return Exchange(
        direction=Direction.INBOUND,
        service=service,
        bod_type=reply.bod_type,
        action_code=action_of(request) if request is not None else None,
        valid=reply.valid,
        errors=(f"{reply.reason_code}: {reply.reason}",) if reply.reason_code else (),
        status=reply.status,
        latency_ms=latency_ms,
        part_numbers=part_numbers_of(request, part_number_of) if request is not None else (),
        store_id=store_of(request) if request is not None else None,
        outcome="answered",
        request_body=body_text(body),
        response_body=body_text(reply.body),
    )


class JournaledTransport:
    """`inner` (the resilient transport to DOM) with every BOD sent recorded as an OUTBOUND entry."""

    def __init__(
        self, inner: Transport, journal: RequestJournal, part_number_of: PartNumberOf | None = None
    ) -> None:
        self.inner = inner
        self.journal = journal
        self._part_number_of = part_number_of

    def post(self, service: str, body: bytes, headers: Mapping[str, str]) -> tuple[int, bytes]:
        """The transport port; the entry then has no BOD type (use `post_bod` where the request is known)."""
        return self.post_bod(service, None, body, headers)

    def post_bod(
        self, service: str, request: Bod | None, body: bytes, headers: Mapping[str, str]
    ) -> tuple[int, bytes]:
        """Post `body` (the rendering of `request`) and journal the exchange, answered or not."""
        started = time.perf_counter()
        try:
            status, answer = self.inner.post(service, body, headers)
        except DomUnavailable as unavailable:
            self._record(service, request, body, started, None, b"", unavailable.reason)
            raise
        self._record(service, request, body, started, status, answer, None)
        return status, answer

    def read_answer(self, body: bytes) -> Bod:
        """An answer `post_bod` returned, read by the inner transport if it offers that."""
        return read_answer(self.inner, body)

    def _record(
        self,
        service: str,
        request: Bod | None,
        body: bytes,
        started: float,
        status: int | None,
        answer: bytes,
        failure: str | None,
    ) -> None:
        self.journal.record(
            Exchange(
                direction=Direction.OUTBOUND,
                service=service,
                bod_type=type(request).__name__ if request is not None else None,
                action_code=action_of(request) if request is not None else None,
                errors=(failure,) if failure else (),
                status=status,
                latency_ms=round((time.perf_counter() - started) * 1000, 3),
                part_numbers=part_numbers_of(request, self._part_number_of) if request is not None else (),
                store_id=store_of(request) if request is not None else None,
                outcome="unanswered" if failure else "answered",
                request_body=body_text(body),
                response_body=body_text(answer),
            )
        )
