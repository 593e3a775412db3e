"""Builders: fresh application areas, the documented error form, confirmations and the seed contract ids."""

from __future__ import annotations

import uuid

from bods import factory
from bods.messages import ApplicationArea, Family


def test_a_new_application_area_has_a_fresh_bodid_and_puts_the_store_first() -> None:
    area = factory.new_application_area("10101", {"langId": "-1"})
    uuid.UUID(area.bodid)  # raises if not a uuid
    assert area.context == (("storeId", "10101"), ("langId", "-1"))
    assert area.bodid != factory.new_application_area("10101").bodid


def test_new_ids_are_version_4_uuids_and_do_not_repeat() -> None:
    ids = [factory.new_id() for _ in range(10_000)]
    assert {uuid.UUID(i).version for i in ids} == {4}
    assert {uuid.UUID(i).variant for i in ids} == {uuid.RFC_4122}
    assert all(str(uuid.UUID(i)) == i for i in ids)  # the canonical form: lower case, 8-4-4-4-12
    assert {i[19] for i in ids} == set("89ab")  # the variant digit takes all its values
    assert len(set(ids)) == len(ids)


def test_the_creation_datetime_follows_the_given_clock() -> None:
    assert factory.new_application_area(now=1714557600.25).creation_datetime == "2024-05-01T10:00:00.250Z"


def test_change_status_gets_a_correlation_id_unless_given() -> None:
    generated = factory.change_status("_ERR_CMD_MISSING_PARAM.-1", "missing")
    uuid.UUID(generated.code)
    assert factory.change_status("_E.-1", "x", code="abc").code == "abc"


def test_a_legacy_confirm_echoes_only_creation_datetime_and_bodid() -> None:
    original = ApplicationArea("2024-05-01T10:00:00.000Z", "Test", (("storeId", "10101"),))
    confirm = factory.confirm(original, family=Family.LEGACY)
    assert confirm.original == ApplicationArea("2024-05-01T10:00:00.000Z", "Test")
    assert confirm.succeeded


def test_a_dom_confirm_echoes_the_business_context_too() -> None:
    original = ApplicationArea("2024-05-01T10:00:00.000Z", "B1", (("storeId", "10101"),))
    confirm = factory.confirm(original, family=Family.DOM, change_status=factory.change_status("_E.-1", "x"))
    assert confirm.original == original
    assert not confirm.succeeded


def test_seed_part_numbers_and_catalog_entries_correspond() -> None:
    assert (factory.part_number(1), factory.catalog_entry_id(1)) == ("SKU-0001", "12001")
    assert (factory.part_number(500), factory.catalog_entry_id(500)) == ("SKU-0500", "12500")


def test_sample_order_totals_its_lines() -> None:
    order = factory.sample_order(numbers=(1, 2), quantity=2.0, unit_price=10.0)
    assert order.total == 40.0
    assert [item.order_item_id for item in order.items] == ["70001", "70002"]
