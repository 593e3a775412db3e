"""The in-process links of fast mode: every document is logged with the codec's real verdict, in the order it
crossed, and an answer the link has read for its log is handed to the caller instead of a second parse."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from bods import codec
from bods.errors import BodError
from bods.messages import Bod
from harness.commerce.services.circuit_breaker import CircuitBreaker
from harness.commerce.services.transport import ResilientTransport, read_answer
from mock_dom.clock import ManualClock
from storefront_sim.capture import inspect
from storefront_sim.inprocess import BodLog, CommerceLink, DomLink
from storefront_sim.ports import BodDirection

SAMPLES = Path(codec.__file__).resolve().parent / "samples"
SYNC_ORDER = (SAMPLES / "SyncOrder_shipped.xml").read_bytes()
CONFIRM = (SAMPLES / "SyncOrder_ConfirmBOD.xml").read_bytes()
SHOW = (SAMPLES / "ShowInventoryAvailability_online.xml").read_bytes()
GET = (SAMPLES / "GetInventoryAvailability_online.xml").read_bytes()
# Schema-invalid: the root is a known BOD, its required content is gone.
INVALID_SYNC = SYNC_ORDER.replace(b"<oa:BODID>", b"<oa:Nonsense>").replace(b"</oa:BODID>", b"</oa:Nonsense>")
BOM = "\ufeff".encode()


class Env:
    now = 12.5


@dataclass
class Answer:
    """What both servers' Flask-free handlers return, as far as the links look at it."""

    status: int
    body: bytes
    request: Bod | None = None
    bod_type: str | None = None
    action_code: str | None = None
    valid: bool = True
    reason_code: str | None = None
    error_reason: str | None = None
    order_id: str | None = None


def commerce_handler(answer: bytes):
    """A commerce handler: decodes the push with validation as the real ones do, answers `answer`."""

    def handle(service: str, body: bytes, headers: object) -> Answer:
        try:
            request = codec.parse(body).bod
        except BodError:
            return Answer(400, answer)
        return Answer(200, answer, request=request)

    return handle


def test_the_documents_are_valid_samples_and_the_broken_one_is_not() -> None:
    assert all(inspect(xml).valid for xml in (SYNC_ORDER, CONFIRM, SHOW, GET))
    assert not inspect(INVALID_SYNC).valid


def test_a_push_the_handler_decoded_is_logged_as_the_codec_reads_it() -> None:
    log = BodLog(Env())
    link = CommerceLink(log)
    link.handlers["OrderServices"] = commerce_handler(CONFIRM)
    assert link.post("/wcs/OrderServices", SYNC_ORDER, {}) == (200, CONFIRM)
    push, reply = log.bods
    expected = inspect(SYNC_ORDER)
    assert (push.type, push.action, push.order_id, push.valid) == (
        expected.type,
        expected.action,
        expected.order_id,
        True,
    )
    assert push.order_id
    assert push.direction is BodDirection.TO_COMMERCE
    assert push.at == 12.5
    assert (reply.type, reply.valid) == ("ConfirmBOD", True)


def test_an_invalid_push_is_logged_invalid_with_the_codecs_reason() -> None:
    log = BodLog(Env())
    link = CommerceLink(log)
    link.handlers["OrderServices"] = commerce_handler(CONFIRM)
    link.post("/wcs/OrderServices", INVALID_SYNC, {})
    push = log.bods[0]
    assert push.valid is False
    assert push.type == "SyncOrder"
    assert push.errors
    assert push.errors == inspect(INVALID_SYNC).errors


def test_a_push_to_no_handler_is_still_logged() -> None:
    log = BodLog(Env())
    assert CommerceLink(log).post("/wcs/Elsewhere", SYNC_ORDER, {}) == (404, b"")
    assert [bod.type for bod in log.bods] == ["SyncOrder"]


def test_what_a_handler_sends_while_handling_a_push_is_logged_after_the_push() -> None:
    log = BodLog(Env())
    link = CommerceLink(log)
    answer = commerce_handler(CONFIRM)

    def handle(service: str, body: bytes, headers: object) -> Answer:
        log.add(GET, BodDirection.TO_DOM)  # e.g. the commerce side asks DOM something meanwhile
        return answer(service, body, headers)

    link.handlers["OrderServices"] = handle
    link.post("/wcs/OrderServices", SYNC_ORDER, {})
    assert [bod.type for bod in log.bods] == ["SyncOrder", "GetInventoryAvailability", "ConfirmBOD"]


def test_the_push_outbox_gets_the_answer_the_link_decoded_once_then_parses_itself() -> None:
    link = CommerceLink(BodLog(Env()))
    link.handlers["OrderServices"] = commerce_handler(CONFIRM)
    _, body = link.post("/wcs/OrderServices", SYNC_ORDER, {})
    first = link.read_answer(body)
    assert first == codec.parse(CONFIRM, validate=False).bod
    again = link.read_answer(body)
    assert again == first
    assert again is not first  # handed out once; afterwards a parse of its own


def dom_link(answer: bytes, log: BodLog) -> DomLink:
    def handle(service: str, body: bytes, headers: object) -> Answer:
        return Answer(200, answer, bod_type="GetInventoryAvailability", action_code="Get")

    return DomLink(handle, log)


def test_the_dom_client_reads_doms_answer_through_the_resilient_transport_without_a_second_parse() -> None:
    log = BodLog(Env())
    link = dom_link(SHOW, log)
    transport = ResilientTransport(link, CircuitBreaker(ManualClock()))
    status, body = transport.post("InventoryServices", GET, {})
    shared = read_answer(transport, body)
    assert shared == codec.parse(SHOW, validate=False).bod
    assert [(bod.type, bod.valid) for bod in log.bods] == [
        ("GetInventoryAvailability", True),
        ("ShowInventoryAvailability", True),
    ]
    assert read_answer(transport, body) is not shared


def outcome(read, body: bytes) -> object:
    """What a reading gives: the BOD, or the refusal's reason."""
    try:
        return read(body)
    except BodError as refused:
        return refused.reason


QUANTITY = b'<_inv:AvailableQuantity uom="C62">'


@pytest.mark.parametrize(
    "answer",
    [
        # Validation strips the stray BOM and passes it; a tolerant reader refuses the quantity.
        SHOW.replace(QUANTITY, QUANTITY + BOM, 1),
        SHOW.replace(b"<oa:BODID>", b"<oa:Nonsense>").replace(b"</oa:BODID>", b"</oa:Nonsense>"),
    ],
    ids=["stray-bom", "schema-invalid"],
)
def test_an_answer_the_codec_would_not_pass_as_is_is_read_tolerantly_by_the_caller(answer: bytes) -> None:
    log = BodLog(Env())
    link = dom_link(answer, log)
    _, body = link.post("InventoryServices", GET, {})
    tolerant = outcome(lambda xml: codec.parse(xml, validate=False).bod, answer)
    assert outcome(link.read_answer, body) == tolerant
    logged = log.bods[-1]
    assert (logged.valid, logged.errors) == (inspect(answer).valid, inspect(answer).errors)


def test_the_stray_bom_answer_really_reads_differently_with_and_without_validation() -> None:
    answer = SHOW.replace(QUANTITY, QUANTITY + BOM, 1)
    assert inspect(answer).valid
    assert isinstance(outcome(lambda xml: codec.parse(xml, validate=False).bod, answer), str)


def test_an_answer_is_only_handed_to_a_reader_of_the_same_bytes() -> None:
    log = BodLog(Env())
    link = dom_link(SHOW, log)
    link.post("InventoryServices", GET, {})
    other = (SAMPLES / "ShowInventoryAvailability_error.xml").read_bytes()
    assert link.read_answer(other) == codec.parse(other, validate=False).bod
