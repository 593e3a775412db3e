"""ProcessOrderSubmitEvent: the OrderSubmit listener that transfers a DOM store's order to DOM (flow step 6).

`on_order_submit` runs inside the submit's transaction: it sets transfer status F (hold on transfer: waiting
for DOM's result, facts section 4) and writes a durable BODOUTBOX row for ProcessOrder TransferOrder. Nothing
is sent from the request: `drain()` (the background worker's job; tests and the SimPy model call it
directly) sends every due row once, through the ExternalOrder client:

- AcknowledgeOrder without error: transfer status G, DOM's ExternalOrderID kept; then the cache decrement
  (DecrementCache): for every line whose INVCNF has FLAGS & 8, the cached availability (INVAVL in the same
  transaction, the memory cache after the commit) drops by the ordered quantity, and a
  ProcessInventoryRequirement DecrementCache row informs DOM;
- no answer (transport error, DOM unreachable, circuit breaker open): transfer status H (failed to transfer,
  error on the commerce side), retried later;
- an error answer: transfer status F (held), retried later.
Retries back off exponentially (`RetryPolicy`) until DOM acknowledges. A row is claimed atomically before it
is sent, so two workers never send it at once; its BODID never changes; DOM is idempotent on the order id,
which guards the one case a claim cannot: a sender killed after DOM accepted but before it recorded G.
An order canceled before its transfer is not transferred (the row is dropped).
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, replace

from bods.messages import InventoryRequirement, RequirementAction, RequirementItem
from bods.messages import Order as WireOrder
from bods.messages import OrderItem as WireOrderItem
from harness.commerce.domain.availability import AvailabilityRecord, AvailabilityStatus, Location, status_for
from harness.commerce.domain.cache_policy import CacheFlags
from harness.commerce.domain.catalog import Catalog
from harness.commerce.domain.errors import CommerceError, DomRejected, DomUnavailable
from harness.commerce.domain.order_errors import ConcurrentUpdate
from harness.commerce.domain.orders import Order, OrderStatus, OrderSubmitted, TransferStatus
from harness.commerce.services.availability import DOM_STORES
from harness.commerce.services.cache import ConfigurationIndex, MemoryCache
from harness.commerce.services.external_order import ExternalOrder
from harness.commerce.storage.outbox import OutboundMessage
from harness.commerce.storage.unit_of_work import SqlUnitOfWork, UnitOfWorkFactory
from mock_dom.clock import Clock
from mock_dom.domain.timefmt import iso_datetime

log = logging.getLogger(__name__)

TRANSFER = "TransferOrder"
DECREMENT = RequirementAction.DECREMENT_CACHE.value


@dataclass(frozen=True)
class RetryPolicy:
    """Backoff between attempts: base * 2**(attempt-1) seconds, at most `max_seconds`; a claim holds for
    `lease_seconds` (longer than any DOM call can take) before a killed sender's row is claimable again."""

    base_seconds: float = 1.0
    max_seconds: float = 60.0
    lease_seconds: float = 30.0

    def delay(self, attempts: int) -> float:
        return min(self.max_seconds, self.base_seconds * 2 ** max(0, attempts - 1))


@dataclass
class TransferReport:
    transferred: int = 0
    decremented: int = 0
    failed: int = 0
    dropped: int = 0

    @property
    def attempted(self) -> int:
        return self.transferred + self.decremented + self.failed + self.dropped


class OrderTransfer:
    def __init__(
        self,
        *,
        uow_factory: UnitOfWorkFactory,
        dom: ExternalOrder,
        catalog: Catalog,
        configurations: ConfigurationIndex,
        memory: MemoryCache,
        clock: Clock,
        policy: RetryPolicy | None = None,
    ) -> None:
        self._uow_factory = uow_factory
        self._dom = dom
        self._catalog = catalog
        self._configurations = configurations
        self._memory = memory
        self._clock = clock
        self.policy = policy or RetryPolicy()

    # -- the listener ------------------------------------------------------------------------------------------

    def on_order_submit(self, uow: SqlUnitOfWork, event: OrderSubmitted) -> None:
        """ProcessOrderSubmitEvent: queue the transfer of a DOM store's order in the submit's transaction."""
        order = event.order
        if self._catalog.store(order.store_id).inventory_system not in DOM_STORES:
            return
        uow.orders.save(replace(order, transfer_status=TransferStatus.HELD))
        uow.outbox.add(OutboundMessage(order.order_id, "ProcessOrder", TRANSFER, str(uuid.uuid4()), event.occurred_at))

    # -- the sender --------------------------------------------------------------------------------------------

    def resume(self) -> int:
        """At server start: pending transfers are due at once instead of after their backoff."""
        with self._uow_factory() as uow:
            count = uow.outbox.resume(self._clock.now())
            uow.commit()
        if count:
            log.info("resuming %d pending outbound BODs left by an earlier run", count)
        return count

    def next_due(self) -> float | None:
        with self._uow_factory() as uow:
            return uow.outbox.next_due()

    def drain(self, limit: int = 50) -> TransferReport:
        """Send every due outbox row once (claimed first); returns what happened."""
        report = TransferReport()
        now = self._clock.now()
        with self._uow_factory() as uow:
            due = uow.outbox.due(now, limit)
        for row in due:
            with self._uow_factory() as uow:
                claimed = uow.outbox.claim(row.outbox_id, now, self.policy.lease_seconds)
                uow.commit()
            if not claimed:
                continue
            if row.action_code == TRANSFER:
                self._transfer(row, report)
            else:
                self._decrement(row, report)
        return report

    def _transfer(self, row: OutboundMessage, report: TransferReport) -> None:
        with self._uow_factory() as uow:
            order = uow.orders.get(row.order_id)
        if order is None or order.status is OrderStatus.CANCELED:
            self._drop(row, "the order was canceled before it was transferred")
            report.dropped += 1
            return
        area = self._dom.application_area(str(order.store_id), bodid=row.bodid, created=iso_datetime(row.created))
        try:
            acknowledged = self._dom.transfer_order(self.wire_order(order), area=area)
        except DomUnavailable as failure:
            self._failed(row, TransferStatus.FAILED, failure)
            report.failed += 1
            return
        except DomRejected as failure:
            self._failed(row, TransferStatus.HELD, failure)
            report.failed += 1
            return
        external_id = acknowledged.external_order_id if acknowledged else None
        self._transferred(row, external_id)
        report.transferred += 1

    def _transferred(self, row: OutboundMessage, external_id: str | None) -> None:
        now = self._clock.now()
        for attempt in range(3):
            with self._uow_factory() as uow:
                order = uow.orders.get(row.order_id)
                if order is None:
                    return
                moved = replace(
                    order,
                    transfer_status=TransferStatus.TRANSFERRED,
                    transfer_code=None,
                    transfer_message=None,
                    external_order_id=external_id or order.external_order_id,
                )
                try:
                    uow.orders.save(moved)
                except ConcurrentUpdate:
                    if attempt == 2:
                        raise
                    continue
                uow.outbox.complete(row.outbox_id, now, row.attempts + 1)
                decremented = self._decrement_cached(uow, order)
                if decremented:
                    bodid = str(uuid.uuid4())
                    uow.outbox.add(OutboundMessage(order.order_id, "ProcessInventoryRequirement", DECREMENT, bodid, now))
                uow.commit()
            for record in decremented:
                if self._memory.get(record.key) is not None:
                    self._memory.put(record)
            log.info("order %s transferred to DOM (external id %s)", row.order_id, external_id)
            return

    def _failed(self, row: OutboundMessage, status: TransferStatus, failure: CommerceError) -> None:
        attempts = row.attempts + 1
        retry_at = self._clock.now() + self.policy.delay(attempts)
        log.warning(
            "order %s: transfer attempt %d failed (%s, transfer status %s), next attempt at %s: %s",
            row.order_id, attempts, failure.reason_code, status.value, iso_datetime(retry_at), failure.reason,
        )
        for attempt in range(3):
            with self._uow_factory() as uow:
                order = uow.orders.get(row.order_id)
                if order is not None and order.transfer_status is not TransferStatus.TRANSFERRED:
                    held = replace(order, transfer_status=status, transfer_code=failure.reason_code,
                                   transfer_message=failure.reason)
                    try:
                        uow.orders.save(held)
                    except ConcurrentUpdate:
                        if attempt == 2:
                            raise
                        continue
                uow.outbox.retry_at(row.outbox_id, retry_at, attempts, f"{failure.reason_code}: {failure.reason}")
                uow.commit()
            return

    def _drop(self, row: OutboundMessage, reason: str) -> None:
        with self._uow_factory() as uow:
            uow.outbox.drop(row.outbox_id, self._clock.now(), reason)
            uow.commit()
        log.info("order %s: %s %s", row.order_id, row.action_code, reason)

    # -- DecrementCache ----------------------------------------------------------------------------------------

    def _decrement_cached(self, uow: SqlUnitOfWork, order: Order) -> list[AvailabilityRecord]:
        """Lower the cached records of the lines whose INVCNF has FLAGS & 8; returns the new records."""
        wanted: dict[tuple[int, Location], float] = {}
        for item in order.items:
            location = self._location_of(order.store_id, item.physical_store_id)
            configuration = self._configurations.configuration(item.catentry_id, location)
            if configuration.flags & CacheFlags.DECREMENT_ON_SUBMIT:
                key = (item.catentry_id, location)
                wanted[key] = wanted.get(key, 0.0) + item.quantity
        if not wanted:
            return []
        stored = uow.availability.get_many(wanted)
        changed = []
        for key, quantity in wanted.items():
            record = stored.get(key) or self._memory.get(key)
            if record is None or record.quantity is None:
                continue
            changed.append(decremented(record, quantity))
        stored_changed = [record for record in changed if record.key in stored]
        if stored_changed:
            uow.availability.save(stored_changed)
        return changed

    def _decrement(self, row: OutboundMessage, report: TransferReport) -> None:
        """Tell DOM the cache was decremented (ProcessInventoryRequirement DecrementCache)."""
        with self._uow_factory() as uow:
            order = uow.orders.get(row.order_id)
        if order is None:
            self._drop(row, "the order no longer exists")
            report.dropped += 1
            return
        requirement = InventoryRequirement(
            order_id=str(order.order_id),
            store_id=str(order.store_id),
            items=tuple(
                RequirementItem(str(i.order_item_id), i.quantity, str(i.catentry_id), i.part_number,
                                physical_store_id=str(i.physical_store_id) if i.physical_store_id else None)
                for i in order.items
            ),
            buyer_id=str(order.member_id),
        )
        area = self._dom.application_area(str(order.store_id), bodid=row.bodid, created=iso_datetime(row.created))
        try:
            self._dom.process_inventory_requirement(RequirementAction.DECREMENT_CACHE, requirement, area=area)
        except (DomUnavailable, DomRejected) as failure:
            attempts = row.attempts + 1
            with self._uow_factory() as uow:
                at = self._clock.now() + self.policy.delay(attempts)
                uow.outbox.retry_at(row.outbox_id, at, attempts, f"{failure.reason_code}: {failure.reason}")
                uow.commit()
            report.failed += 1
            return
        with self._uow_factory() as uow:
            uow.outbox.complete(row.outbox_id, self._clock.now(), row.attempts + 1)
            uow.commit()
        report.decremented += 1

    # -- the wire order ----------------------------------------------------------------------------------------

    def wire_order(self, order: Order) -> WireOrder:
        """The ProcessOrder noun (facts section 2: createOrder mapping - OrderNo = order id, OrderDate = placed
        date, ship as complete, pickup lines with their physical store)."""
        store = self._catalog.store(order.store_id)
        return WireOrder(
            order_id=str(order.order_id),
            store_id=str(order.store_id),
            store_name=store.identifier,
            buyer_id=str(order.member_id),
            buyer_dn=f"uid=guest{order.member_id},o=GuestBuyerOrganization,o=Root Organization",
            buyer_logon_id=None,
            placed_date=iso_datetime(order.placed) if order.placed else None,
            currency=order.currency,
            total=order.total,
            ship_as_complete=True,
            status=order.status.value,
            items=tuple(
                WireOrderItem(
                    order_item_id=str(item.order_item_id),
                    quantity=item.quantity,
                    catalog_entry_id=str(item.catentry_id),
                    part_number=item.part_number,
                    unit_price=item.unit_price,
                    physical_store_id=str(item.physical_store_id) if item.physical_store_id else None,
                )
                for item in order.items
            ),
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
