"""The push outbox: order, success rule, retry with backoff, failed kept for replay, fault hooks, journal
hook.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from dom_support import transfer

from bods.messages import ApplicationArea, ChangeStatus, ConfirmBOD, SyncInventoryAvailability, SyncOrder
from mock_dom.pushes import (
    INVENTORY_SERVICES_PATH,
    ORDER_SERVICES_PATH,
    InProcessPushTransport,
    PushFault,
    PushFaultKind,
    PushOutbox,
    to_bod,
)
from mock_dom.storage import PushStatus

OK = ConfirmBOD(ApplicationArea("t", "b"), None)
REFUSED = ConfirmBOD(ApplicationArea("t", "b"), None, ChangeStatus("c", "_ERR_X.-1", "no"))


@dataclass
class FakeCommerce:
    """Answers each POST from a script: (status, reply) pairs, then 200 OK forever. Remembers every call."""

    script: list[tuple[int, bytes] | Exception] = field(default_factory=list)
    calls: list[tuple[str, bytes, dict]] = field(default_factory=list)

    def post(self, path, body, headers):
        self.calls.append((path, body, dict(headers)))
        answer = self.script.pop(0) if self.script else (200, b"ok")
        if isinstance(answer, Exception):
            raise answer
        return answer


def read_reply(body: bytes):
    return {b"ok": OK, b"refused": REFUSED}.get(body) or (_ for _ in ()).throw(ValueError("not a BOD"))


def render(bod, envelope) -> bytes:
    return f"{type(bod).__name__}:{bod.application_area.bodid}:soap={envelope.soap}".encode()


@pytest.fixture
def commerce() -> FakeCommerce:
    return FakeCommerce()


@pytest.fixture
def outbox(db, clock, commerce) -> PushOutbox:
    return PushOutbox(
        db,
        clock,
        transport=commerce,
        retry_base_s=2,
        retry_cap_s=5,
        max_attempts=3,
        render=render,
        read_reply=read_reply,
    )


def ship_two_orders(service) -> None:
    service.process_order(transfer(("1", "12001", 1), order_id="A"))
    service.process_order(transfer(("2", "12001", 1), order_id="B"))
    service.ship_order("A")
    service.ship_order("B")


def statuses(outbox) -> list[str]:
    return [p.status.value for p in outbox.list()]


def test_due_pushes_are_sent_in_order_with_soap_headers(service, outbox, commerce) -> None:
    ship_two_orders(service)
    report = outbox.drain()
    assert report.sent == 2
    assert [call[1].split(b":")[0] for call in commerce.calls] == [b"SyncOrder", b"SyncOrder"]
    assert commerce.calls[0][0] == ORDER_SERVICES_PATH
    assert commerce.calls[0][2] == {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": '""'}
    assert statuses(outbox) == ["sent", "sent"]


def test_without_a_transport_pushes_stay_queued(service, db, clock) -> None:
    ship_two_orders(service)
    assert PushOutbox(db, clock, render=render, read_reply=read_reply).drain().attempted == 0
    assert service.push_counts()["pending"] == 2


def test_a_failed_attempt_is_retried_after_the_backoff(service, outbox, commerce, clock) -> None:
    commerce.script = [(503, b"")]
    ship_two_orders(service)
    assert outbox.drain().sent == 1  # order B does not wait for order A
    first = outbox.list()[0]
    assert (first.status, first.attempts, first.last_http_status) == (PushStatus.PENDING, 1, 503)
    assert first.next_attempt_at == clock.now() + 2
    clock.advance(1.9)
    assert outbox.drain().attempted == 0
    clock.advance(0.1)
    assert outbox.drain().sent == 1
    assert statuses(outbox) == ["sent", "sent"]


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        ((200, b"refused"), "ConfirmBOD failure _ERR_X.-1"),
        ((200, b"junk"), "unreadable"),
        (ConnectionError("refused"), "ConnectionError"),
        ((500, b"ok"), "HTTP 500"),
    ],
)
def test_only_http_200_with_a_clean_confirm_bod_counts_as_delivered(
    service, outbox, commerce, answer, error
) -> None:
    commerce.script = [answer]
    ship_two_orders(service)
    outbox.drain()
    assert error in outbox.list()[0].last_error


def test_backoff_doubles_up_to_the_cap(outbox) -> None:
    assert [outbox.backoff(n) for n in (1, 2, 3, 4)] == [2, 4, 5, 5]


def test_a_push_that_keeps_failing_is_kept_as_failed_and_can_be_replayed(
    service, outbox, commerce, clock
) -> None:
    commerce.script = [(500, b"")] * 3
    service.process_order(transfer(("1", "12001", 1)))
    service.cancel_order("50001")
    for _ in range(3):
        outbox.drain()
        clock.advance(10)
    assert statuses(outbox) == ["failed"]
    assert outbox.list()[0].attempts == 3
    assert outbox.drain().attempted == 0
    assert outbox.replay() == 1
    assert outbox.drain().sent == 1


def test_later_pushes_for_the_same_order_wait_for_the_earlier_one(service, outbox, commerce, clock) -> None:
    commerce.script = [(503, b"")]
    service.process_order(transfer(("1", "12001", 1)))
    service.advance_order("50001")
    service.advance_order("50001")  # released: R
    service.ship_order("50001")  # shipped: S
    service.set_inventory("SKU-0007", "10001", on_hand=0)  # another key
    report = outbox.drain()
    assert (report.retried, report.sent) == (1, 1)
    assert statuses(outbox) == ["pending", "pending", "sent"]
    clock.advance(2)
    outbox.drain()
    assert [c[1].split(b":")[0] for c in commerce.calls] == [
        b"SyncOrder",
        b"SyncInventoryAvailability",
        b"SyncOrder",
        b"SyncOrder",
    ]


def test_a_delay_fault_postpones_without_counting_an_attempt(service, outbox, commerce, clock) -> None:
    outbox.decide = lambda facts: PushFault(PushFaultKind.DELAY, seconds=30) if facts.attempt == 1 else None
    service.set_inventory("SKU-0007", "10001", on_hand=0)
    assert outbox.drain().delayed == 1
    push = outbox.list()[0]
    assert (push.attempts, push.next_attempt_at, commerce.calls) == (0, clock.now() + 30, [])


def test_a_drop_fault_loses_the_attempt_without_sending(service, outbox, commerce) -> None:
    outbox.decide = lambda facts: PushFault(PushFaultKind.DROP)
    service.set_inventory("SKU-0007", "10001", on_hand=0)
    assert outbox.drain().dropped == 1
    assert (commerce.calls, outbox.list()[0].attempts) == ([], 1)


def test_a_duplicate_fault_sends_the_same_bod_twice(service, outbox, commerce) -> None:
    outbox.decide = lambda facts: PushFault(PushFaultKind.DUPLICATE, copies=2)
    service.set_inventory("SKU-0007", "10001", on_hand=0)
    assert outbox.drain().sent == 1
    assert len(commerce.calls) == 2
    assert commerce.calls[0][1] == commerce.calls[1][1]


def test_fault_rules_see_the_push_facts(service, outbox) -> None:
    seen = []
    outbox.decide = lambda facts: seen.append(facts)
    service.set_inventory("SKU-0007", "10001", on_hand=0)
    outbox.drain()
    assert (seen[0].bod_type, seen[0].action_code, seen[0].part_numbers, seen[0].store_id) == (
        "SyncInventoryAvailability",
        "Change",
        ("SKU-0007",),
        "10101",
    )


def test_every_attempt_is_recorded_for_the_journal(service, outbox, commerce) -> None:
    attempts = []
    outbox.record = attempts.append
    commerce.script = [(503, b"busy")]
    service.set_inventory("SKU-0007", "10001", on_hand=0)
    outbox.drain()
    (attempt,) = attempts
    assert (attempt.outcome, attempt.http_status, attempt.response_body, attempt.path) == (
        "retry",
        503,
        b"busy",
        INVENTORY_SERVICES_PATH,
    )
    assert attempt.request_body.startswith(b"SyncInventoryAvailability:")


def test_a_broken_hook_does_not_stop_the_drain(service, outbox) -> None:
    outbox.decide = lambda facts: 1 / 0
    outbox.record = lambda attempt: 1 / 0
    service.set_inventory("SKU-0007", "10001", on_hand=0)
    assert outbox.drain().sent == 1


def test_pushes_caught_mid_send_are_sent_again_after_a_restart(service, outbox, db) -> None:
    service.set_inventory("SKU-0007", "10001", on_hand=0)
    with db.uow() as uow:
        uow.outbox.claim(1)
    assert outbox.drain().attempted == 0
    assert outbox.recover() == 1
    assert outbox.drain().sent == 1


def test_the_in_process_transport_calls_the_handler_by_service_name() -> None:
    @dataclass
    class Reply:
        status: int
        body: bytes

    calls = []
    transport = InProcessPushTransport(
        lambda service, body, headers: calls.append(service) or Reply(200, b"x")
    )
    assert transport.post(ORDER_SERVICES_PATH, b"<a/>", {}) == (200, b"x")
    assert calls == ["OrderServices"]


def test_a_shipped_order_becomes_a_sync_order_change(service, outbox) -> None:
    service.process_order(transfer(("70001", "12001", 2)))
    service.ship_order("50001", carrier="UPS", tracking_number="1Z9")
    bod = to_bod(outbox.list()[0])
    assert isinstance(bod, SyncOrder)
    assert bod.action_code == "Change"
    assert (bod.order.order_id, bod.order.status, bod.order.external_order_id) == (
        "50001",
        "S",
        "2024050110000050001",
    )
    (item,) = bod.order.items
    assert (item.order_item_id, item.status, item.shipment.tracking_number, item.shipment.carrier) == (
        "70001",
        "D",
        "1Z9",
        "UPS",
    )
    assert bod.application_area.store_id == "10101"


def test_an_availability_change_becomes_a_sync_inventory_availability_change(service, outbox) -> None:
    service.set_inventory("SKU-0001", "20001", on_hand=0)
    bod = to_bod(outbox.list()[0])
    assert isinstance(bod, SyncInventoryAvailability)
    (record,) = bod.records
    assert (
        record.part_number,
        record.catalog_entry_id,
        record.physical_store_id,
        record.online_store_id,
    ) == ("SKU-0001", "12001", "20001", None)
    assert (record.status.value, record.quantity) == ("Unavailable", 0.0)


def test_a_retried_push_is_the_same_bod(service, outbox, commerce, clock) -> None:
    commerce.script = [(503, b"")]
    service.set_inventory("SKU-0007", "10001", on_hand=0)
    outbox.drain()
    clock.advance(5)
    outbox.drain()
    assert commerce.calls[0][1] == commerce.calls[1][1]


def test_the_httpx_transport_posts_to_the_commerce_services_path() -> None:
    import httpx

    from mock_dom.pushes import HttpxPushTransport

    seen = []

    def commerce(request: httpx.Request) -> httpx.Response:
        seen.append((str(request.url), request.headers["SOAPAction"], request.content))
        return httpx.Response(200, content=b"<ok/>")

    transport = HttpxPushTransport(
        "http://127.0.0.1:8000/webapp/wcs/services/", http_transport=httpx.MockTransport(commerce)
    )
    assert transport.post(ORDER_SERVICES_PATH, b"<a/>", {"SOAPAction": '""'}) == (200, b"<ok/>")
    assert seen == [("http://127.0.0.1:8000/webapp/wcs/services/OrderServices", '""', b"<a/>")]
    transport.close()


def test_a_transport_timeout_is_a_failed_attempt(service, db, clock) -> None:
    import httpx

    from mock_dom.pushes import HttpxPushTransport

    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("no answer", request=request)

    transport = HttpxPushTransport("http://127.0.0.1:8000", http_transport=httpx.MockTransport(slow))
    outbox = PushOutbox(db, clock, transport=transport, render=render, read_reply=read_reply)
    service.set_inventory("SKU-0007", "10001", on_hand=0)
    assert outbox.drain().retried == 1
    assert "ReadTimeout" in outbox.list()[0].last_error
