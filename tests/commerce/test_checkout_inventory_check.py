"""CheckInventory at add-to-cart: a DOM store asks the availability cache (or DOM), a non-ATP store reads
INVENTORY at the store's fulfillment center unless INVENTORYFLAGS has bit 2 (flow scenario 2, step 1 note)."""

from __future__ import annotations

import pytest
from sqlalchemy import insert, update

from bods.messages import InventoryStatus
from harness.commerce.domain.availability import AvailabilityStatus, InventorySystem
from harness.commerce.domain.order_errors import ProductNotOrderable
from harness.commerce.services.inventory_check import CheckLine, InventoryCheck
from harness.commerce.storage.catalog import STORE
from harness.commerce.storage.inventory import INVENTORY, NO_CHECK

NON_ATP = 10201


@pytest.fixture
def check(uow_factory, availability) -> InventoryCheck:
    with uow_factory() as uow:
        uow.connection.execute(
            insert(STORE).values(
                STORE_ID=NON_ATP,
                IDENTIFIER="NonAtpSite",
                INVENTORYSYSTEM=int(InventorySystem.NON_ATP),
                FFMCENTER_ID=10001,
            )
        )
        uow.connection.execute(
            insert(INVENTORY),
            [
                {"CATENTRY_ID": 12001, "FFMCENTER_ID": 10001, "STORE_ID": NON_ATP, "QUANTITY": 5.0},
                {"CATENTRY_ID": 12002, "FFMCENTER_ID": 10002, "STORE_ID": NON_ATP, "QUANTITY": 50.0},
            ],
        )
        uow.commit()
        catalog = uow.catalog.snapshot()
    availability.catalog = catalog
    return InventoryCheck(catalog=catalog, availability=availability, uow_factory=uow_factory)


def test_a_non_atp_item_is_orderable_when_the_fulfillment_center_has_enough(check) -> None:
    assert check.check(NON_ATP, CheckLine(12001, 5)).status is AvailabilityStatus.AVAILABLE


def test_a_non_atp_item_beyond_the_centers_stock_is_not_orderable(check) -> None:
    with pytest.raises(ProductNotOrderable):
        check.check(NON_ATP, CheckLine(12001, 6))


def test_stock_at_another_fulfillment_center_does_not_count(check) -> None:
    with pytest.raises(ProductNotOrderable):
        check.check(NON_ATP, CheckLine(12002, 1))


def test_inventoryflags_bit_2_skips_the_check(check, uow_factory) -> None:
    with uow_factory() as uow:
        uow.connection.execute(
            update(INVENTORY).where(INVENTORY.c.STORE_ID == NON_ATP).values(INVENTORYFLAGS=NO_CHECK)
        )
        uow.commit()
    assert check.check(NON_ATP, CheckLine(12001, 500)).status is AvailabilityStatus.AVAILABLE


def test_a_dom_store_asks_dom_on_a_miss_and_refuses_an_unavailable_item(check, dom) -> None:
    dom.levels[("12003", "10101")] = (InventoryStatus.UNAVAILABLE, 0.0)
    with pytest.raises(ProductNotOrderable):
        check.check(10101, CheckLine(12003, 1))
    assert dom.queries[0].catalog_entry_ids == ("12003",)


def test_a_dom_store_accepts_a_backorderable_item(check, dom) -> None:
    dom.levels[("12004", "10101")] = (InventoryStatus.BACKORDERABLE, 0.0)
    assert check.check(10101, CheckLine(12004, 3)).status is AvailabilityStatus.BACKORDERABLE


def test_a_pickup_line_is_judged_by_its_physical_store(check, dom) -> None:
    dom.levels[("12005", "20001")] = (InventoryStatus.AVAILABLE, 1.0)
    assert check.check(10101, CheckLine(12005, 1, 20001)).status is AvailabilityStatus.AVAILABLE
    with pytest.raises(ProductNotOrderable):
        check.check(10101, CheckLine(12006, 50, 20001))  # the fake DOM has 42 of everything else
