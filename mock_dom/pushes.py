"""DOM -> commerce pushes: a durable outbox drained by a worker, with retry, backoff and fault hooks.

Every domain event becomes one outbox row in the transaction that caused it (`outbox_entry`): an order status
change a SyncOrder Change to `/webapp/wcs/services/OrderServices`, an availability change a
SyncInventoryAvailability Change to `/webapp/wcs/services/InventoryServices` (facts sections 2 and 4). The
BODID and creation time are fixed when the row is written, so a retried push is the same BOD and the commerce
side can recognise it.

`PushOutbox.drain(now)` sends the due rows in creation order. A push is delivered when the answer is HTTP 200
with a ConfirmBOD that carries no ChangeStatus; anything else (transport error, other status, unreadable or
failed ConfirmBOD) is a failed attempt, retried after `min(cap, base * 2**(attempt-1))` seconds until
`push_max_attempts`, then kept as `failed` for an admin replay - never dropped. While a push for an order (or
an item at a location) waits for its retry, later pushes for the same order (item) wait too, so the commerce
side never sees "shipped" before "released"; a finally failed push stops blocking.

Hooks: `decide(PushFacts) -> PushFault | None` lets fault rules delay (postpone by seconds, no attempt
counted), drop (the attempt counts as failed without sending) or duplicate (send `copies` times) a push;
`record(PushAttempt)` sees every attempt (for the request journal).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any, Protocol

from bods.messages import (
    ApplicationArea,
    ConfirmBOD,
    Envelope,
    InventoryAvailability,
    Order,
    OrderItem,
    Shipment,
    SyncInventoryAvailability,
    SyncOrder,
    UsernameToken,
)
from mock_dom.clock import Clock
from mock_dom.domain.events import AvailabilityChanged, Event, OrderStatusChanged, from_dict, to_dict
from mock_dom.domain.inventory import Availability
from mock_dom.domain.locations import LocationKind
from mock_dom.domain.timefmt import iso_datetime
from mock_dom.storage import Database, NewPush, PushRecord, PushStatus

log = logging.getLogger(__name__)

ORDER_SERVICES_PATH = "/webapp/wcs/services/OrderServices"
INVENTORY_SERVICES_PATH = "/webapp/wcs/services/InventoryServices"
SERVICES_PREFIX = "/webapp/wcs/services"


# --- ports and hook types -----------------------------------------------------------------------------------


class PushTransport(Protocol):
    def post(self, path: str, body: bytes, headers: Mapping[str, str]) -> tuple[int, bytes]:
        """POST to the commerce server; returns (HTTP status, body). May raise on transport errors."""
        ...


@dataclass(frozen=True)
class PushFacts:
    """What a push fault rule can match on."""

    bod_type: str
    action_code: str
    part_numbers: tuple[str, ...]
    store_id: str | None
    order_id: str | None
    push_id: int = 0
    attempt: int = 1


class PushFaultKind(str, Enum):
    DELAY = "delay"
    DROP = "drop"
    DUPLICATE = "duplicate"


@dataclass(frozen=True)
class PushFault:
    kind: PushFaultKind
    seconds: float = 0.0
    copies: int = 2


@dataclass(frozen=True)
class PushAttempt:
    """One thing that happened to a push, for the journal. `outcome`: sent, retry, failed, delayed,
    dropped."""

    push_id: int
    bod_type: str
    action_code: str
    path: str
    order_id: str | None
    store_id: str | None
    part_numbers: tuple[str, ...]
    attempt: int
    outcome: str
    http_status: int | None
    latency_s: float
    request_body: bytes
    response_body: bytes
    error: str | None
    fault: str | None
    at: float


@dataclass
class DrainReport:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    delayed: int = 0
    dropped: int = 0

    @property
    def attempted(self) -> int:
        return self.sent + self.retried + self.failed


# --- transports ---------------------------------------------------------------------------------------------


class HttpxPushTransport:
    """Pooled httpx client against the commerce origin (`/webapp/wcs/services` in the URL is accepted).

    `http_transport` swaps httpx's network layer (e.g. `httpx.MockTransport` or `httpx.WSGITransport(app=...)`
    to reach a commerce Flask app in process)."""

    def __init__(self, commerce_url: str, *, timeout: float = 5.0, http_transport: Any = None) -> None:
        import httpx

        base = commerce_url.rstrip("/")
        if base.endswith(SERVICES_PREFIX):
            base = base[: -len(SERVICES_PREFIX)]
        limits = httpx.Limits(max_connections=8, max_keepalive_connections=4)
        self._client = httpx.Client(base_url=base, timeout=timeout, limits=limits, transport=http_transport)

    def post(self, path: str, body: bytes, headers: Mapping[str, str]) -> tuple[int, bytes]:
        response = self._client.post(path, content=body, headers=dict(headers))
        return response.status_code, response.content

    def close(self) -> None:
        self._client.close()


class InProcessPushTransport:
    """Hands the push to a Flask-free handler `handle(service, body, headers) -> reply` (with .status, .body)
    in the same process: the SimPy fast mode and end-to-end tests without sockets."""

    def __init__(self, handle: Callable[[str, bytes, Mapping[str, str]], Any]) -> None:
        self._handle = handle

    def post(self, path: str, body: bytes, headers: Mapping[str, str]) -> tuple[int, bytes]:
        reply = self._handle(path.rstrip("/").rsplit("/", 1)[-1], body, headers)
        return int(reply.status), bytes(reply.body)


# --- events -> outbox rows -> BODs --------------------------------------------------------------------------


def outbox_entry(event: Event, *, bodid: str, now: float) -> NewPush:
    if isinstance(event, OrderStatusChanged):
        return NewPush(
            "SyncOrder",
            "Change",
            ORDER_SERVICES_PATH,
            bodid,
            now,
            to_dict(event),
            f"order:{event.order_id}",
            event.order_id,
            event.store_id,
            event.part_numbers,
        )
    key = f"stock:{event.part_number}@{event.location_id}"
    return NewPush(
        "SyncInventoryAvailability",
        "Change",
        INVENTORY_SERVICES_PATH,
        bodid,
        now,
        to_dict(event),
        key,
        None,
        event.store_id,
        (event.part_number,),
    )


def to_bod(record: PushRecord) -> SyncOrder | SyncInventoryAvailability:
    event = from_dict(record.payload)
    if isinstance(event, OrderStatusChanged):
        return _sync_order(event, record)
    return _sync_availability(event, record)


def _sync_order(event: OrderStatusChanged, record: PushRecord) -> SyncOrder:
    shipment = event.shipment
    items = tuple(
        OrderItem(
            order_item_id=line.order_item_id,
            quantity=line.quantity,
            catalog_entry_id=line.catalog_entry_id,
            part_number=line.part_number,
            status=line.status,
            shipment=(
                Shipment(shipment.tracking_number, shipment.carrier, iso_datetime(shipment.shipped_at))
                if shipment
                else None
            ),
        )
        for line in event.lines
    )
    order = Order(
        order_id=event.order_id,
        store_id=event.store_id,
        status=event.order_status,
        external_order_id=event.external_order_id,
        items=items,
    )
    area = ApplicationArea(iso_datetime(record.created_at), record.bodid, (("storeId", event.store_id),))
    return SyncOrder(area, order, "Change")


def _sync_availability(event: AvailabilityChanged, record: PushRecord) -> SyncInventoryAvailability:
    online = event.location_kind is LocationKind.ONLINE_STORE
    seen = Availability(event.status, event.quantity, event.available_at)
    availability = InventoryAvailability(
        status=event.status,
        catalog_entry_id=event.catalog_entry_id or None,
        part_number=event.part_number,
        online_store_id=event.location_id if online else None,
        physical_store_id=None if online else event.location_id,
        physical_store_name=None if online else event.location_name,
        quantity=event.quantity,
        availability_datetime=iso_datetime(event.available_at) if event.available_at else None,
        availability_offset=seen.offset_from(event.occurred_at),
    )
    context = (("langId", "-1"), ("storeId", event.store_id))
    area = ApplicationArea(iso_datetime(record.created_at), record.bodid, context)
    return SyncInventoryAvailability(area, (availability,), "Change")


# --- the outbox worker --------------------------------------------------------------------------------------

Render = Callable[[SyncOrder | SyncInventoryAvailability, Envelope], bytes]
ReadReply = Callable[[bytes], object]


def _render_with_codec(bod: SyncOrder | SyncInventoryAvailability, envelope: Envelope) -> bytes:
    from bods import codec

    return codec.render(bod, envelope=envelope)


def _read_with_codec(body: bytes) -> object:
    from bods import codec

    return codec.parse(body, validate=False).bod


class PushOutbox:
    """Drains the outbox through a `PushTransport`. Without a transport pushes simply stay pending."""

    def __init__(
        self,
        database: Database,
        clock: Clock,
        *,
        transport: PushTransport | None = None,
        soap: bool = True,
        credentials: UsernameToken | None = None,
        retry_base_s: float = 1.0,
        retry_cap_s: float = 60.0,
        max_attempts: int = 6,
        batch_size: int = 50,
        decide: Callable[[PushFacts], PushFault | None] | None = None,
        record: Callable[[PushAttempt], None] | None = None,
        render: Render = _render_with_codec,
        read_reply: ReadReply = _read_with_codec,
    ) -> None:
        self.database = database
        self.clock = clock
        self.transport = transport
        self.envelope = Envelope(soap=soap, security=credentials)
        self.retry_base_s = retry_base_s
        self.retry_cap_s = retry_cap_s
        self.max_attempts = max_attempts
        self.batch_size = batch_size
        self.decide = decide
        self.record = record
        self._render = render
        self.read_reply = read_reply  # how an answer is decoded (fast mode: by the link that logged it)

    def backoff(self, attempt: int) -> float:
        return min(self.retry_cap_s, self.retry_base_s * 2 ** (attempt - 1))

    def render(self, record: PushRecord) -> bytes:
        return self._render(to_bod(record), self.envelope)

    def drain(self, now: float | None = None) -> DrainReport:
        """Send what is due, in order; returns what happened. Safe to call from one worker at a time or
        many."""
        report = DrainReport()
        if self.transport is None:
            return report
        now = self.clock.now() if now is None else now
        with self.database.uow(read_only=True) as uow:
            unsent = uow.outbox.unsent(limit=self.batch_size * 20)
        waiting: set[str] = set()
        for record in unsent:
            if record.ordering_key in waiting:
                continue
            if record.status is PushStatus.SENDING or record.next_attempt_at > now:
                waiting.add(record.ordering_key)
                continue
            if report.attempted + report.delayed + report.dropped >= self.batch_size:
                break
            if not self._send(record, now, report):
                waiting.add(record.ordering_key)
        return report

    def list(
        self, status: PushStatus | None = None, *, limit: int = 200, offset: int = 0
    ) -> list[PushRecord]:
        with self.database.uow(read_only=True) as uow:
            return uow.outbox.list(status, limit=limit, offset=offset)

    def get(self, push_id: int) -> PushRecord | None:
        with self.database.uow(read_only=True) as uow:
            return uow.outbox.get(push_id)

    def counts(self) -> dict[str, int]:
        with self.database.uow(read_only=True) as uow:
            return uow.outbox.counts()

    def replay(self, push_ids: list[int] | None = None, now: float | None = None) -> int:
        """Failed pushes (all, or the given ids) go back to pending with a fresh attempt count."""
        with self.database.uow() as uow:
            return uow.outbox.replay(self.clock.now() if now is None else now, push_ids)

    def recover(self) -> int:
        """At start-up: pushes left mid-send by a crash are sent again."""
        with self.database.uow() as uow:
            return uow.outbox.recover_in_flight()

    # --- one push -------------------------------------------------------------------------------------------

    def _send(self, record: PushRecord, now: float, report: DrainReport) -> bool:
        with self.database.uow() as uow:
            if not uow.outbox.claim(record.push_id):
                return False
        attempt = record.attempts + 1
        fault = self._fault(record, attempt)
        if fault is not None and fault.kind is PushFaultKind.DELAY:
            with self.database.uow() as uow:
                uow.outbox.postpone(record.push_id, now + fault.seconds)
            report.delayed += 1
            self._note(record, attempt, "delayed", None, 0.0, b"", b"", None, f"delay {fault.seconds}s", now)
            return False
        body = self.render(record)
        if fault is not None and fault.kind is PushFaultKind.DROP:
            report.dropped += 1
            delivered, status, error = False, None, "dropped by a fault rule"
            self._note(record, attempt, "dropped", None, 0.0, body, b"", error, "drop", now)
        else:
            copies = fault.copies if fault is not None and fault.kind is PushFaultKind.DUPLICATE else 1
            delivered, status, error = self._post_copies(record, attempt, body, max(1, copies), now)
        self._settle(record, attempt, delivered, status, error, report)
        return delivered

    def _post_copies(
        self, record: PushRecord, attempt: int, body: bytes, copies: int, now: float
    ) -> tuple[bool, int | None, str | None]:
        delivered, last_status, last_error = False, None, None
        fault = f"duplicate x{copies}" if copies > 1 else None
        for _ in range(copies):
            ok, status, reply, error, latency = self._post(record.path, body)
            delivered = delivered or ok
            last_status, last_error = status, error
            outcome = "sent" if ok else ("failed" if attempt >= self.max_attempts else "retry")
            self._note(record, attempt, outcome, status, latency, body, reply, error, fault, now)
        return delivered, last_status, None if delivered else last_error

    def _post(self, path: str, body: bytes) -> tuple[bool, int | None, bytes, str | None, float]:
        assert self.transport is not None
        headers = {"Content-Type": "text/xml; charset=utf-8"}
        if self.envelope.soap:
            headers["SOAPAction"] = '""'
        started = time.perf_counter()
        try:
            status, reply = self.transport.post(path, body, headers)
        except Exception as exc:  # noqa: BLE001 - any transport failure is a failed attempt, never a crash
            return False, None, b"", f"{type(exc).__name__}: {exc}", time.perf_counter() - started
        latency = time.perf_counter() - started
        return (*self._judge(status, reply), latency)  # type: ignore[return-value]

    def _judge(self, status: int, reply: bytes) -> tuple[bool, int, bytes, str | None]:
        if status != 200:
            return False, status, reply, f"HTTP {status}"
        try:
            answer = self.read_reply(reply)
        except Exception as exc:  # noqa: BLE001 - an unreadable answer is a failed attempt
            return False, status, reply, f"unreadable ConfirmBOD: {exc}"
        if not isinstance(answer, ConfirmBOD):
            return False, status, reply, f"expected ConfirmBOD, got {type(answer).__name__}"
        if answer.change_status is not None:
            cs = answer.change_status
            return False, status, reply, f"ConfirmBOD failure {cs.reason_code}: {cs.reason}"
        return True, status, reply, None

    def _settle(
        self,
        record: PushRecord,
        attempt: int,
        delivered: bool,
        status: int | None,
        error: str | None,
        report: DrainReport,
    ) -> None:
        after = self.clock.now()
        with self.database.uow() as uow:
            if delivered:
                uow.outbox.mark_sent(record.push_id, after, status or 200, attempt)
                report.sent += 1
            elif attempt >= self.max_attempts:
                uow.outbox.mark_failed(
                    record.push_id, attempts=attempt, error=error or "", http_status=status
                )
                report.failed += 1
                log.warning(
                    "push %s (%s) failed for good after %s attempts: %s",
                    record.push_id,
                    record.bod_type,
                    attempt,
                    error,
                )
            else:
                uow.outbox.retry_later(
                    record.push_id,
                    attempts=attempt,
                    at=after + self.backoff(attempt),
                    error=error or "",
                    http_status=status,
                )
                report.retried += 1

    def _fault(self, record: PushRecord, attempt: int) -> PushFault | None:
        if self.decide is None:
            return None
        facts = PushFacts(
            record.bod_type,
            record.action_code,
            record.part_numbers,
            record.store_id,
            record.order_id,
            record.push_id,
            attempt,
        )
        try:
            return self.decide(facts)
        except Exception:  # noqa: BLE001 - a broken rule must not stop the worker
            log.exception("push fault rule failed for push %s", record.push_id)
            return None

    def _note(
        self,
        record: PushRecord,
        attempt: int,
        outcome: str,
        status: int | None,
        latency: float,
        body: bytes,
        reply: bytes,
        error: str | None,
        fault: str | None,
        now: float,
    ) -> None:
        if self.record is None:
            return
        try:
            self.record(
                PushAttempt(
                    record.push_id,
                    record.bod_type,
                    record.action_code,
                    record.path,
                    record.order_id,
                    record.store_id,
                    record.part_numbers,
                    attempt,
                    outcome,
                    status,
                    latency,
                    body,
                    reply,
                    error,
                    fault,
                    now,
                )
            )
        except Exception:  # noqa: BLE001 - journaling must not stop the worker
            log.exception("recording push %s failed", record.push_id)
