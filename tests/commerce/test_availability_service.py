"""InventoryAvailabilityService: memory, INVAVL, DOM, and the degraded answers when DOM cannot answer."""

from __future__ import annotations

import logging

import pytest

from bods.messages import InventoryStatus
from harness.commerce.domain.availability import AvailabilityRecord, AvailabilityStatus
from harness.commerce.domain.errors import (
    DomUnavailable,
    InvalidParameter,
    UnknownCatalogEntry,
    UnknownPhysicalStore,
    UnknownStore,
)


def online(catalog):
    return catalog.store_location(10101)


def test_a_miss_asks_dom_once_for_every_item_and_location(availability, dom) -> None:
    records = availability.get(10101, product_ids=["12001", "12002"], physical_store_ids=["20001"])
    assert [(r.catentry_id, r.location.id) for r in records] == [
        (12001, 10101),
        (12001, 20001),
        (12002, 10101),
        (12002, 20001),
    ]
    assert len(dom.queries) == 1
    assert dom.queries[0].catalog_entry_ids == ("12001", "12002")
    assert dom.queries[0].online_store_id == "10101"
    assert dom.queries[0].physical_store_ids == ("20001",)


def test_a_valid_memory_record_is_served_without_dom_or_database(
    availability, dom, memory, catalog, clock
) -> None:
    memory.put(
        AvailabilityRecord(
            12001, online(catalog), AvailabilityStatus.AVAILABLE, 99.0, last_update=clock.now()
        )
    )
    availability._uow_factory = None  # any database access would fail
    [record] = availability.get(10101, product_ids=["12001"])
    assert record.quantity == 99.0
    assert dom.queries == []


def test_dom_answer_is_kept_in_memory_and_invavl_by_default(
    availability, memory, uow_factory, catalog
) -> None:
    availability.get(10101, part_numbers=["SKU-0001"])
    key = (12001, online(catalog))
    assert memory.get(key).quantity == 42.0
    with uow_factory() as uow:
        assert uow.availability.get(*key).quantity == 42.0


def test_physical_store_answers_stay_in_memory_only(availability, memory, uow_factory, catalog) -> None:
    availability.get(10101, product_ids=["12001"], physical_store_ids=["Store-20002"])
    key = (12001, catalog.physical_location(20002))
    assert memory.get(key) is not None
    with uow_factory() as uow:
        assert uow.availability.get(*key) is None


def test_second_lookup_within_expiry_is_a_memory_hit(availability, dom, clock) -> None:
    availability.get(10101, product_ids=["12001"])
    clock.advance(299)
    availability.get(10101, product_ids=["12001"])
    assert len(dom.queries) == 1
    assert availability.stats.memory_hits == 1


def test_lookup_after_expiry_asks_dom_again(availability, dom, clock) -> None:
    availability.get(10101, product_ids=["12001"])
    clock.advance(301)
    availability.get(10101, product_ids=["12001"])
    assert len(dom.queries) == 2


def test_low_stock_expires_after_the_short_expiry(availability, dom, clock) -> None:
    dom.levels[("12001", "10101")] = (InventoryStatus.AVAILABLE, 3.0)
    availability.get(10101, product_ids=["12001"])
    clock.advance(31)
    availability.get(10101, product_ids=["12001"])
    assert len(dom.queries) == 2


def test_realtime_items_always_ask_dom(availability, dom) -> None:
    availability.get(10101, part_numbers=["SKU-0500"])
    availability.get(10101, part_numbers=["SKU-0500"])
    assert len(dom.queries) == 2


def test_invavl_record_is_served_and_warms_memory(
    availability, dom, memory, uow_factory, catalog, clock
) -> None:
    key = (12003, online(catalog))
    with uow_factory() as uow:
        uow.availability.save([AvailabilityRecord(*key, AvailabilityStatus.AVAILABLE, 7.0, last_update=None)])
        uow.commit()
    [record] = availability.get(10101, product_ids=["12003"])
    assert record.quantity == 7.0
    assert memory.get(key) == record
    assert dom.queries == []


def test_dom_down_serves_the_stale_record_and_warns(availability, dom, clock, caplog) -> None:
    availability.get(10101, product_ids=["12001"])
    clock.advance(1000)
    dom.failure = DomUnavailable("connection refused")
    with caplog.at_level(logging.WARNING):
        [record] = availability.get(10101, product_ids=["12001"])
    assert record.quantity == 42.0
    assert "serving the stale cached availability" in caplog.text
    assert availability.stats.stale_served == 1


def test_dom_down_without_a_cached_record_is_an_error(availability, dom) -> None:
    dom.failure = DomUnavailable("connection refused")
    with pytest.raises(DomUnavailable, match="not cached"):
        availability.get(10101, product_ids=["12001"])


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"store_id": 999, "product_ids": ["12001"]}, UnknownStore),
        ({"store_id": 10101, "product_ids": ["99999"]}, UnknownCatalogEntry),
        ({"store_id": 10101, "part_numbers": ["NOPE"]}, UnknownCatalogEntry),
        (
            {"store_id": 10101, "product_ids": ["12001"], "physical_store_ids": ["29999"]},
            UnknownPhysicalStore,
        ),
        ({"store_id": 10101, "product_ids": ["abc"]}, InvalidParameter),
    ],
)
def test_unknown_names_are_refused_before_dom_is_asked(availability, dom, kwargs, error) -> None:
    store_id = kwargs.pop("store_id")
    with pytest.raises(error):
        availability.get(store_id, **kwargs)
    assert dom.queries == []
