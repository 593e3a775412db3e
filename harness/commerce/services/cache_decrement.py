"""The Inventory component's ProcessInventoryRequirement DecrementCache (flow step 6; facts section 2:
"decrements the cached inventory availability records by the requested quantities").

After a DOM store's order is transferred, every line whose INVCNF has FLAGS & 8 (decrement cached records
when an order is submitted, facts section 3) lowers its cached record at its location (the physical store of
a pickup line, else the online store) by the ordered quantity: INVAVL in the caller's transaction, the memory
cache after the commit. The status follows the RTAM rule on what is left. DOM is then told with a
ProcessInventoryRequirement DecrementCache naming the same lines.
"""

from __future__ import annotations

from dataclasses import replace

from bods.messages import InventoryRequirement, RequirementItem
from harness.commerce.domain.availability import AvailabilityRecord, AvailabilityStatus, Location, status_for
from harness.commerce.domain.cache_policy import CacheFlags
from harness.commerce.domain.catalog import Catalog
from harness.commerce.domain.orders import Order
from harness.commerce.services.cache import ConfigurationIndex, MemoryCache
from harness.commerce.storage.unit_of_work import SqlUnitOfWork

Wanted = dict[tuple[int, Location], float]


class CacheDecrement:
    def __init__(self, *, catalog: Catalog, configurations: ConfigurationIndex, memory: MemoryCache) -> None:
        self._catalog = catalog
        self._configurations = configurations
        self._memory = memory

    def covered(self, order: Order) -> Wanted:
        """The ordered quantity per item and location whose INVCNF has FLAGS & 8."""
        wanted: Wanted = {}
        for item in order.items:
            location = self._location_of(order.store_id, item.physical_store_id)
            configuration = self._configurations.configuration(item.catentry_id, location)
            if configuration.flags & CacheFlags.DECREMENT_ON_SUBMIT:
                key = (item.catentry_id, location)
                wanted[key] = wanted.get(key, 0.0) + item.quantity
        return wanted

    def decrement(self, uow: SqlUnitOfWork, wanted: Wanted) -> list[AvailabilityRecord]:
        """Lower the cached records (INVAVL in `uow`); returns every new record, for `refresh_memory`."""
        stored = uow.availability.get_many(wanted)
        changed = []
        for key, quantity in wanted.items():
            record = stored.get(key) or self._memory.get(key)
            if record is None or record.quantity is None:
                continue  # nothing cached, or an infinite quantity: nothing to lower
            changed.append(decremented(record, quantity))
        in_database = [record for record in changed if record.key in stored]
        if in_database:
            uow.availability.save(in_database)
        return changed

    def refresh_memory(self, records: list[AvailabilityRecord]) -> None:
        """After the commit: the memory cache takes the lowered records it holds."""
        for record in records:
            if self._memory.get(record.key) is not None:
                self._memory.put(record)

    def requirement(self, order: Order) -> InventoryRequirement:
        """The DecrementCache requirement DOM is told: the covered lines of the order."""
        covered = {catentry for catentry, _ in self.covered(order)}
        return InventoryRequirement(
            order_id=str(order.order_id),
            store_id=str(order.store_id),
            items=tuple(
                RequirementItem(
                    str(item.order_item_id),
                    item.quantity,
                    str(item.catentry_id),
                    item.part_number,
                    physical_store_id=str(item.physical_store_id) if item.physical_store_id else None,
                )
                for item in order.items
                if item.catentry_id in covered
            ),
            buyer_id=str(order.member_id),
        )

    def _location_of(self, store_id: int, physical_store_id: int | None) -> Location:
        if physical_store_id:
            return self._catalog.physical_location(physical_store_id)
        return self._catalog.store_location(store_id)


def decremented(record: AvailabilityRecord, quantity: float) -> AvailabilityRecord:
    """The record after `quantity` was sold: the RTAM status rule on what is left (facts section 2)."""
    left = max(0.0, (record.quantity or 0.0) - quantity)
    status = record.status
    if record.status is AvailabilityStatus.AVAILABLE:
        status = status_for(left, record.availability_time)
    return replace(record, quantity=left, status=status)
