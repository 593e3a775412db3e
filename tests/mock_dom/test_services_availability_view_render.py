"""Availability answers written from kept templates are byte for byte what bods.codec.render writes."""

from __future__ import annotations

import random
import uuid

import pytest

from bods import codec
from bods.messages import (
    ApplicationArea,
    ChangeStatus,
    Envelope,
    InventoryAvailability,
    InventoryStatus,
    ShowInventoryAvailability,
)
from mock_dom.answer_templates import ShowTemplates
from mock_dom.bootstrap import build
from mock_dom.services import DomSettings
from mock_dom.testing import availability_request

SOAP, BARE = Envelope(soap=True), Envelope()


def random_record(rng: random.Random) -> InventoryAvailability:
    n = rng.randint(1, 500)
    online = rng.random() < 0.5
    status = rng.choice(list(InventoryStatus))
    backorderable = status is InventoryStatus.BACKORDERABLE
    return InventoryAvailability(
        status=status,
        catalog_entry_id=str(12000 + n),
        part_number=f"SKU-{n:04d}",
        online_store_id="10101" if online else None,
        physical_store_id=None if online else rng.choice(("20001", "20002")),
        physical_store_name=None if online or rng.random() < 0.5 else "Store-20001",
        quantity=rng.choice((None, 0.0, float(rng.randint(1, 150)), 2.5)),
        availability_datetime="2024-05-08T10:00:00.000Z" if backorderable else None,
        availability_offset=rng.randint(0, 604800) if backorderable else None,
    )


def answer(records: tuple[InventoryAvailability, ...], rng: random.Random) -> ShowInventoryAvailability:
    moment = f"2024-05-01T10:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}.{rng.randint(0, 999):03d}Z"
    return ShowInventoryAvailability(
        ApplicationArea(moment, str(uuid.UUID(int=rng.getrandbits(128)))), records
    )


def test_templated_answers_equal_the_codec_rendering() -> None:
    rng = random.Random(42)
    templates = ShowTemplates()
    shapes = [tuple(random_record(rng) for _ in range(rng.randint(0, 3))) for _ in range(40)]
    for _ in range(400):
        show, envelope = answer(rng.choice(shapes), rng), rng.choice((SOAP, BARE))
        assert templates.render(show, envelope) == codec.render(show, envelope=envelope)
    assert 0 < len(templates) <= 80


def test_the_same_records_give_answers_that_differ_only_in_bodid_and_time() -> None:
    rng = random.Random(1)
    templates = ShowTemplates()
    records = (random_record(rng),)
    first, second = answer(records, rng), answer(records, rng)
    one, two = templates.render(first, SOAP), templates.render(second, SOAP)
    assert one != two
    assert two == codec.render(second, envelope=SOAP)
    assert len(templates) == 1


@pytest.mark.parametrize(
    "area",
    [
        ApplicationArea("2024-05-01T10:00:00.000Z", "bod<&>id"),
        ApplicationArea("2024-05-01T10:00:00.000Z", "id-1", (("storeId", "10101"),)),
        ApplicationArea(None, "id-1"),
    ],
)
def test_answers_it_cannot_template_are_rendered_by_the_codec(area: ApplicationArea) -> None:
    templates = ShowTemplates()
    show = ShowInventoryAvailability(area, (random_record(random.Random(3)),))
    assert templates.render(show, SOAP) == codec.render(show, envelope=SOAP)
    assert len(templates) == 0


def test_error_answers_are_rendered_by_the_codec() -> None:
    templates = ShowTemplates()
    show = ShowInventoryAvailability(
        ApplicationArea("2024-05-01T10:00:00.000Z", "id-1"),
        (),
        ChangeStatus("c-1", "_APP_INVENTORYAVAILABILITY_FAILED_TO_FIND_ITEM.-1", "no such item"),
    )
    assert templates.render(show, BARE) == codec.render(show, envelope=BARE)
    assert len(templates) == 0


def test_no_more_templates_are_kept_than_the_capacity() -> None:
    rng = random.Random(9)
    templates = ShowTemplates(capacity=3)
    for _ in range(10):
        show = answer((random_record(rng),), rng)
        assert templates.render(show, BARE) == codec.render(show, envelope=BARE)
        assert len(templates) <= 3


def test_a_stock_change_shows_in_the_next_answer_through_the_handler() -> None:
    dom = build(DomSettings(db_url="sqlite://"))
    try:
        request = availability_request(["SKU-0001"], soap=True)
        first = codec.parse(dom.handle("InventoryServices", request).body).bod
        dom.service.adjust_inventory("SKU-0001", "10001", -3)
        second = codec.parse(dom.handle("InventoryServices", request).body).bod
        assert second.records[0].quantity == first.records[0].quantity - 3
        assert second.application_area.bodid != first.application_area.bodid
    finally:
        dom.close()
