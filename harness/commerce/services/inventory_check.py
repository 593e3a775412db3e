"""The Inventory component's ProcessInventoryRequirement CheckInventory, as ChangeOrder Create calls it when
an item is added to the cart (flow scenario 2, steps 1-2).

- DOM store: the item's availability at the line's location (the physical store of an in-store pickup line,
  else the online store) comes from the cache or from DOM through the availability service (an outbound
  GetInventoryAvailability on a miss). The line is orderable when the item is Available in the quantity
  asked (no quantity = infinite) or Backorderable.
- Non-ATP (and ATP) store: only when the online store's fulfillment center (STORE.FFMCENTER_ID) has enough
  stock in INVENTORY, unless the row's INVENTORYFLAGS has bit 2 (noCheck).
- No inventory: always orderable.
Anything else raises `_ERR_PROD_NOT_ORDERABLE` and the line is not added.
"""

from __future__ import annotations

from dataclasses import dataclass

from harness.commerce.domain.availability import AvailabilityStatus, InventorySystem
from harness.commerce.domain.catalog import Catalog, OnlineStore
from harness.commerce.domain.order_errors import ProductNotOrderable
from harness.commerce.services.availability import DOM_STORES, InventoryAvailabilityService
from harness.commerce.storage.inventory import NO_CHECK
from harness.commerce.storage.unit_of_work import UnitOfWorkFactory


@dataclass(frozen=True)
class CheckLine:
    """What the cart would hold of an item at a location after the change."""

    catentry_id: int
    quantity: float
    physical_store_id: int | None = None


@dataclass(frozen=True)
class CheckResult:
    """An orderable line: BACKORDERABLE lines carry the date the item is expected."""

    line: CheckLine
    status: AvailabilityStatus
    available_at: float | None = None


class InventoryCheck:
    def __init__(
        self, *, catalog: Catalog, availability: InventoryAvailabilityService, uow_factory: UnitOfWorkFactory
    ) -> None:
        self._catalog = catalog
        self._availability = availability
        self._uow_factory = uow_factory

    def check(self, store_id: int, line: CheckLine) -> CheckResult:
        store = self._catalog.store(store_id)
        if store.inventory_system in DOM_STORES:
            return self._check_dom(store, line)
        if store.inventory_system is InventorySystem.NO_INVENTORY:
            return CheckResult(line, AvailabilityStatus.AVAILABLE)
        return self._check_inventory_table(store, line)

    def _check_dom(self, store: OnlineStore, line: CheckLine) -> CheckResult:
        physical = [str(line.physical_store_id)] if line.physical_store_id else []
        records = self._availability.get(
            store.store_id,
            product_ids=[str(line.catentry_id)],
            physical_store_ids=physical,
            requested_quantity=line.quantity,
        )
        record = records[-1] if physical else records[0]  # REST order: online store, then physical stores
        part_number = self._catalog.entry(line.catentry_id).part_number
        where = f"store {line.physical_store_id}" if line.physical_store_id else f"store {store.store_id}"
        if record.status is AvailabilityStatus.BACKORDERABLE:
            return CheckResult(line, record.status, record.availability_time)
        if record.status is AvailabilityStatus.AVAILABLE and (
            record.quantity is None or record.quantity >= line.quantity
        ):
            return CheckResult(line, record.status)
        if record.status is AvailabilityStatus.AVAILABLE:
            raise ProductNotOrderable(
                f"Only {record.quantity:g} of {part_number} are available at {where}; "
                f"{line.quantity:g} asked.",
                str(line.catentry_id),
            )
        raise ProductNotOrderable(
            f"The item {part_number} is not available at {where} and cannot be ordered.",
            str(line.catentry_id),
        )

    def _check_inventory_table(self, store: OnlineStore, line: CheckLine) -> CheckResult:
        part_number = self._catalog.entry(line.catentry_id).part_number
        center = store.fulfillment_center_id
        level = None
        if center is not None:
            with self._uow_factory() as uow:
                level = uow.inventory.level(line.catentry_id, center, store.store_id)
        if level is not None and (level.flags & NO_CHECK or level.quantity >= line.quantity):
            return CheckResult(line, AvailabilityStatus.AVAILABLE)
        have = level.quantity if level is not None else 0.0
        raise ProductNotOrderable(
            f"The fulfillment center {center} has {have:g} of {part_number}; {line.quantity:g} asked.",
            str(line.catentry_id),
        )
