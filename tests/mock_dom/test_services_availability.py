"""GetInventoryAvailability through the service: every documented query variant and its errors."""

from __future__ import annotations

import pytest
from dom_support import DAY, availability_request

from bods.messages import InventoryStatus
from mock_dom.domain.errors import UnknownItem, UnknownLocation


def test_by_catalog_entry_at_the_online_store_sums_the_fulfillment_centers(service) -> None:
    show = service.get_inventory_availability(
        availability_request(catalog_entry_ids=("12001",), online_store_id="10101")
    )
    (record,) = show.records
    assert (record.status, record.quantity, record.online_store_id) == (
        InventoryStatus.AVAILABLE,
        8.0,
        "10101",
    )
    assert (record.catalog_entry_id, record.part_number, record.uom) == ("12001", "SKU-0001", "C62")


def test_by_part_number_at_the_online_store_named(service) -> None:
    show = service.get_inventory_availability(
        availability_request(part_numbers=("SKU-0001",), online_store_name="AuroraESite")
    )
    assert show.records[0].online_store_id == "10101"


def test_at_a_physical_store_by_id(service) -> None:
    show = service.get_inventory_availability(
        availability_request(catalog_entry_ids=("12001",), physical_store_ids=("20001",))
    )
    (record,) = show.records
    assert (record.physical_store_id, record.quantity, record.online_store_id) == ("20001", 2.0, None)


def test_at_a_physical_store_by_external_identifier(service) -> None:
    show = service.get_inventory_availability(
        availability_request(part_numbers=("SKU-0001",), physical_store_names=("Store-20001",))
    )
    assert show.records[0].physical_store_id == "20001"


def test_online_and_physical_stores_give_one_record_each(service) -> None:
    show = service.get_inventory_availability(
        availability_request(
            catalog_entry_ids=("12001", "12050"), online_store_id="10101", physical_store_ids=("20001",)
        )
    )
    assert [(r.part_number, r.online_store_id or r.physical_store_id) for r in show.records] == [
        ("SKU-0001", "10101"),
        ("SKU-0001", "20001"),
        ("SKU-0050", "10101"),
        ("SKU-0050", "20001"),
    ]


def test_a_node_without_a_stock_row_is_unavailable(service) -> None:
    show = service.get_inventory_availability(
        availability_request(catalog_entry_ids=("12007",), physical_store_ids=("20003",))
    )
    assert show.records[0].status is InventoryStatus.UNAVAILABLE


def test_backorderable_items_carry_the_date_and_offset(service, clock) -> None:
    show = service.get_inventory_availability(
        availability_request(catalog_entry_ids=("12025",), online_store_id="10101")
    )
    (record,) = show.records
    assert (record.status, record.quantity) == (InventoryStatus.BACKORDERABLE, 0.0)
    assert record.availability_offset == 7 * DAY
    assert record.availability_datetime == "2024-05-08T10:00:00.000Z"


def test_without_a_location_the_context_store_is_the_online_store(service) -> None:
    show = service.get_inventory_availability(availability_request(catalog_entry_ids=("12001",)))
    assert show.records[0].online_store_id == "10101"


def test_the_answer_has_its_own_bodid_and_clock_time(service) -> None:
    show = service.get_inventory_availability(availability_request(catalog_entry_ids=("12001",)))
    assert show.application_area.bodid == "id-0001"
    assert show.application_area.creation_datetime == "2024-05-01T10:00:00.000Z"
    assert show.change_status is None


@pytest.mark.parametrize(
    ("query", "error", "reason_code"),
    [
        (
            {"catalog_entry_ids": ("99999",)},
            UnknownItem,
            "_APP_INVENTORYAVAILABILITY_FAILED_TO_FIND_CATENTRY_BY_ID.-1",
        ),
        (
            {"part_numbers": ("SKU-9999",)},
            UnknownItem,
            "_APP_INVENTORYAVAILABILITY_FAILED_TO_FIND_CATENTRY_BY_PARTNUMBER.-1",
        ),
        (
            {"catalog_entry_ids": ("12001",), "online_store_id": "1"},
            UnknownLocation,
            "_APP_INVENTORYAVAILABILITY_FAILED_TO_FIND_ONLINE_STORE_BY_ID.-1",
        ),
        (
            {"catalog_entry_ids": ("12001",), "online_store_name": "X"},
            UnknownLocation,
            "_APP_INVENTORYAVAILABILITY_FAILED_TO_FIND_ONLINE_STORE_BY_NAME_IDENTIFIER.-1",
        ),
        (
            {"catalog_entry_ids": ("12001",), "physical_store_ids": ("1",)},
            UnknownLocation,
            "_APP_INVENTORYAVAILABILITY_FAILED_TO_FIND_PHYSICAL_STORE_BY_ID.-1",
        ),
        (
            {"catalog_entry_ids": ("12001",), "physical_store_names": ("X",)},
            UnknownLocation,
            "_APP_INVENTORYAVAILABILITY_FAILED_TO_FIND_PHYSICAL_STORE_BY_EXTERNAL_IDENTIFIER.-1",
        ),
    ],
)
def test_unknown_items_and_stores_are_refused_with_the_documented_keys(
    service, query, error, reason_code
) -> None:
    with pytest.raises(error) as caught:
        service.get_inventory_availability(availability_request(**query))
    assert caught.value.reason_code == reason_code
