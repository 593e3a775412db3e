"""The cache update service (SyncProductAvailability -> InventoryBalanceUpdate) and DOM's
SyncInventoryAvailability push, on typed BODs (the wire forms are tested through the BOD handler)."""

from __future__ import annotations

import pytest

from bods.messages import (
    ApplicationArea,
    CacheAction,
    ExpectedInventory,
    FulfillmentCenterInventory,
    InventoryAvailability,
    InventoryStatus,
    ProductAvailability,
    SyncInventoryAvailability,
    SyncProductAvailability,
)
from harness.commerce.domain.availability import AvailabilityRecord, AvailabilityStatus
from harness.commerce.domain.errors import (
    BodConflict,
    InvalidParameter,
    MissingParameter,
    UnknownCatalogEntry,
    UnknownFulfillmentCenter,
    UnknownPhysicalStore,
)
from harness.commerce.storage.inventory import InventoryLevel
from mock_dom.domain.timefmt import parse_datetime

FUTURE = "2024-06-01T00:00:00.000Z"


def sync(
    *products: ProductAvailability,
    action: CacheAction = CacheAction.UPDATE,
    bodid: str = "B-1",
    store: str = "10101",
) -> SyncProductAvailability:
    area = ApplicationArea("2024-05-01T09:59:00.000Z", bodid, (("storeId", store), ("langId", "-1")))
    return SyncProductAvailability(area, action, tuple(products))


def snapshot(uow_factory, catentry: int, catalog) -> tuple:
    with uow_factory() as uow:
        return (
            uow.inventory.level(catentry, 10001, 10101),
            uow.inventory.level(catentry, 10002, 10101),
            uow.availability.get(catentry, catalog.store_location(10101)),
            uow.availability.count(),
        )


def test_global_quantity_goes_to_the_default_center_and_refreshes_the_cache(
    balance, uow_factory, memory, catalog
) -> None:
    balance.sync_product_availability(sync(ProductAvailability("SKU-0001", 250.0, "C62")))
    with uow_factory() as uow:
        assert uow.inventory.level(12001, 10001, 10101).quantity == 250.0
        other_center = uow.inventory.level(12001, 10002, 10101).quantity
        cached = uow.availability.get(12001, catalog.store_location(10101))
    assert cached.quantity == 250.0 + other_center
    assert cached.status is AvailabilityStatus.AVAILABLE
    assert memory.get(cached.key) == cached


def test_center_level_quantities_go_to_their_centers(balance, uow_factory, catalog) -> None:
    product = ProductAvailability(
        "SKU-0002",
        fulfillment_centers=(FulfillmentCenterInventory(10001, 5.0), FulfillmentCenterInventory(10002, 7.0)),
    )
    balance.sync_product_availability(sync(product))
    east, west, cached, _ = snapshot(uow_factory, 12002, catalog)
    assert (east.quantity, west.quantity, cached.quantity) == (5.0, 7.0, 12.0)


def test_no_stock_with_expected_inventory_is_backorderable_with_its_date(
    balance, uow_factory, catalog
) -> None:
    product = ProductAvailability(
        "SKU-0003",
        quantity_on_hand=0.0,
        expected=(ExpectedInventory(500.0, "C62", FUTURE),),
        fulfillment_centers=(FulfillmentCenterInventory(10002, 0.0),),
    )
    balance.sync_product_availability(sync(product))
    *_, cached, _ = snapshot(uow_factory, 12003, catalog)
    assert cached.status is AvailabilityStatus.BACKORDERABLE
    assert cached.availability_time == parse_datetime(FUTURE)


def test_no_stock_and_nothing_expected_is_unavailable(balance, uow_factory, catalog) -> None:
    product = ProductAvailability(
        "SKU-0004",
        fulfillment_centers=(FulfillmentCenterInventory(10001, 0.0), FulfillmentCenterInventory(10002, 0.0)),
    )
    balance.sync_product_availability(sync(product))
    *_, cached, _ = snapshot(uow_factory, 12004, catalog)
    assert cached.status is AvailabilityStatus.UNAVAILABLE


def test_several_products_in_one_message(balance, uow_factory, catalog) -> None:
    balance.sync_product_availability(
        sync(ProductAvailability("SKU-0010", 1.0), ProductAvailability("SKU-0011", 2.0))
    )
    with uow_factory() as uow:
        assert uow.inventory.level(12010, 10001, 10101).quantity == 1.0
        assert uow.inventory.level(12011, 10001, 10101).quantity == 2.0


def test_delete_uncaches_the_item_everywhere(balance, uow_factory, memory, catalog, clock) -> None:
    records = [
        AvailabilityRecord(12001, loc, AvailabilityStatus.AVAILABLE, 3.0, last_update=clock.now())
        for loc in (catalog.store_location(10101), catalog.physical_location(20001))
    ]
    with uow_factory() as uow:
        uow.availability.save(records)
        uow.commit()
    for record in records:
        memory.put(record)
    balance.sync_product_availability(sync(ProductAvailability("SKU-0001"), action=CacheAction.DELETE))
    with uow_factory() as uow:
        assert uow.availability.count() == 0
        assert uow.inventory.level(12001, 10001, 10101) is not None
    assert len(memory) == 0


@pytest.mark.parametrize(
    ("bod", "error"),
    [
        (sync(ProductAvailability("SKU-0001", 1.0), ProductAvailability("", 1.0)), MissingParameter),
        (sync(ProductAvailability("SKU-0001", 1.0), ProductAvailability("NOPE", 1.0)), UnknownCatalogEntry),
        (
            sync(ProductAvailability("SKU-0001", fulfillment_centers=(FulfillmentCenterInventory(99, 1.0),))),
            UnknownFulfillmentCenter,
        ),
        (
            sync(ProductAvailability("SKU-0001", expected=(ExpectedInventory(1.0, None, "soon"),))),
            InvalidParameter,
        ),
        (sync(ProductAvailability("SKU-0001", 1.0), store="abc"), InvalidParameter),
    ],
)
def test_refused_messages_change_nothing(balance, uow_factory, memory, catalog, bod, error) -> None:
    before = snapshot(uow_factory, 12001, catalog)
    with pytest.raises(error):
        balance.sync_product_availability(bod)
    assert snapshot(uow_factory, 12001, catalog) == before
    assert len(memory) == 0


def test_missing_sku_names_the_command_parameter(balance) -> None:
    with pytest.raises(MissingParameter) as refused:
        balance.sync_product_availability(sync(ProductAvailability("SKU-0001"), ProductAvailability(" ")))
    assert refused.value.reason_code == "_ERR_CMD_MISSING_PARAM.-1"
    assert '"SKU_2" is a required field' in refused.value.reason


def test_redelivery_is_applied_once_with_the_same_answer(balance, uow_factory, catalog) -> None:
    first = balance.sync_product_availability(sync(ProductAvailability("SKU-0001", 10.0)))
    with uow_factory() as uow:  # someone else changes the level in between
        uow.inventory.save([InventoryLevel(12001, 10001, 10101, 3.0)])
        uow.commit()
    again = balance.sync_product_availability(sync(ProductAvailability("SKU-0001", 10.0)))
    assert again.redelivered
    assert not first.redelivered
    assert (again.reply_bodid, again.reply_time) == (first.reply_bodid, first.reply_time)
    with uow_factory() as uow:
        assert uow.inventory.level(12001, 10001, 10101).quantity == 3.0


def test_same_bodid_with_other_content_is_refused(balance, uow_factory, catalog) -> None:
    balance.sync_product_availability(sync(ProductAvailability("SKU-0001", 10.0)))
    before = snapshot(uow_factory, 12001, catalog)
    with pytest.raises(BodConflict) as refused:
        balance.sync_product_availability(sync(ProductAvailability("SKU-0001", 11.0)))
    assert refused.value.reason_code == "_ERR_BOD_DUPLICATE_BODID.-1"
    assert snapshot(uow_factory, 12001, catalog) == before


def dom_push(*records: InventoryAvailability, bodid: str = "P-1") -> SyncInventoryAvailability:
    return SyncInventoryAvailability(
        ApplicationArea("2024-05-01T10:00:04.000Z", bodid, (("storeId", "10101"),)), records
    )


def test_dom_push_replaces_the_cached_records(balance, uow_factory, memory, catalog) -> None:
    balance.sync_inventory_availability(
        dom_push(
            InventoryAvailability(
                InventoryStatus.AVAILABLE,
                catalog_entry_id="12001",
                online_store_id="10101",
                quantity=57.0,
                user_data=(("customField1", "1"), ("customField3", "x")),
            ),
            InventoryAvailability(
                InventoryStatus.BACKORDERABLE,
                part_number="SKU-0002",
                physical_store_id="Store-20001",
                quantity=0.0,
                availability_datetime=FUTURE,
            ),
        )
    )
    with uow_factory() as uow:
        online = uow.availability.get(12001, catalog.store_location(10101))
    assert (online.quantity, online.field1, online.field3) == (57.0, 1, "x")
    pickup = memory.get((12002, catalog.physical_location(20001)))
    assert pickup.status is AvailabilityStatus.BACKORDERABLE
    assert pickup.availability_time == parse_datetime(FUTURE)


def test_dom_push_naming_an_unknown_store_changes_nothing(balance, uow_factory, memory) -> None:
    with pytest.raises(UnknownPhysicalStore):
        balance.sync_inventory_availability(
            dom_push(
                InventoryAvailability(
                    InventoryStatus.AVAILABLE, catalog_entry_id="12001", online_store_id="10101", quantity=1.0
                ),
                InventoryAvailability(
                    InventoryStatus.AVAILABLE,
                    catalog_entry_id="12001",
                    physical_store_id="Store-9",
                    quantity=1.0,
                ),
            )
        )
    with uow_factory() as uow:
        assert uow.availability.count() == 0
    assert len(memory) == 0
