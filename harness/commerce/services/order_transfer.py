"""ProcessOrderSubmitEvent: the OrderSubmit listener that transfers a DOM store's order to DOM (flow step 6).

`on_order_submit` runs inside the submit's transaction: it sets transfer status F (hold on transfer: waiting
for DOM's result, facts section 4) and writes a durable BODOUTBOX row for ProcessOrder TransferOrder. Nothing
is sent from the request: `drain()` (the background worker's job; tests and the SimPy model call it
directly) sends every due row once, through the ExternalOrder client:

- AcknowledgeOrder without error: transfer status G, DOM's ExternalOrderID kept; then, once per order, the
  cache decrement (`cache_decrement`: lines whose INVCNF has FLAGS & 8 lower their cached availability, in
  the same transaction) and a ProcessInventoryRequirement DecrementCache row that informs DOM;
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

from sqlalchemy.exc import IntegrityError

from bods.messages import Order as WireOrder
from bods.messages import OrderItem as WireOrderItem
from bods.messages import RequirementAction
from harness.commerce.domain.availability import AvailabilityRecord
from harness.commerce.domain.catalog import Catalog
from harness.commerce.domain.errors import CommerceError, DomRejected, DomUnavailable
from harness.commerce.domain.order_errors import ConcurrentUpdate
from harness.commerce.domain.orders import Order, OrderStatus, OrderSubmitted, TransferStatus
from harness.commerce.services.availability import DOM_STORES
from harness.commerce.services.cache import ConfigurationIndex, MemoryCache
from harness.commerce.services.cache_decrement import CacheDecrement
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
        self._cache = CacheDecrement(catalog=catalog, configurations=configurations, memory=memory)
        self._clock = clock
        self.policy = policy or RetryPolicy()

    # -- the listener ----------------------------------------------------------------------------------------

    def on_order_submit(self, uow: SqlUnitOfWork, event: OrderSubmitted) -> None:
        """ProcessOrderSubmitEvent: queue the transfer of a DOM store's order in the submit's transaction."""
        order = event.order
        if self._catalog.store(order.store_id).inventory_system not in DOM_STORES:
            return
        uow.orders.save(replace(order, transfer_status=TransferStatus.HELD))
        uow.outbox.add(
            OutboundMessage(order.order_id, "ProcessOrder", TRANSFER, str(uuid.uuid4()), event.occurred_at)
        )

    # -- the sender ------------------------------------------------------------------------------------------

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
            with self._uow_factory() as uow:  # the claim is committed before anything is sent
                claimed = uow.outbox.claim(row.outbox_id, now, self.policy.lease_seconds)
                order = uow.orders.get(row.order_id) if claimed else None
                uow.commit()
            if not claimed:
                continue
            if row.action_code == TRANSFER:
                self._transfer(row, order, report)
            else:
                self._decrement(row, order, report)
        return report

    def _transfer(self, row: OutboundMessage, order: Order | None, report: TransferReport) -> None:
        if order is None or order.status is OrderStatus.CANCELED:
            self._drop(row, "the order was canceled before it was transferred")
            report.dropped += 1
            return
        area = self._dom.application_area(
            str(order.store_id), bodid=row.bodid, created=iso_datetime(row.created)
        )
        try:
            acknowledged = self._dom.transfer_order(self.wire_order(order), area=area)
        except DomUnavailable as failure:
            self._failed(row, order, TransferStatus.FAILED, failure)
            report.failed += 1
            return
        except DomRejected as failure:
            self._failed(row, order, TransferStatus.HELD, failure)
            report.failed += 1
            return
        external_id = acknowledged.external_order_id if acknowledged else None
        self._transferred(row, order, external_id)
        report.transferred += 1

    def _transferred(self, row: OutboundMessage, sent: Order, external_id: str | None) -> None:
        """Record G, complete the row and (once per order) decrement the cache, in one transaction. The
        order as read at the claim is written over first; a change made since is read again."""
        now = self._clock.now()
        for attempt in range(4):  # the order read at the claim, then up to 3 fresh reads
            with self._uow_factory() as uow:
                order = sent if attempt == 0 else uow.orders.get(row.order_id)
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
                    uow.orders.save(moved, read=order)
                except ConcurrentUpdate:
                    if attempt == 3:
                        raise
                    continue
                uow.outbox.complete(row.outbox_id, now, row.attempts + 1)
                decremented: list[AvailabilityRecord] = []
                covered = self._cache.covered(order)
                # once per order, even when the transfer was resent: the DecrementCache row is added only
                # if the order has none yet, and the cache is decremented only then
                if covered and uow.outbox.add_once(
                    OutboundMessage(
                        order.order_id, "ProcessInventoryRequirement", DECREMENT, str(uuid.uuid4()), now
                    )
                ):
                    decremented = self._cache.decrement(uow, covered)
                try:
                    uow.commit()
                except IntegrityError:  # another sender recorded this transfer at the same moment
                    log.info("order %s: transfer already recorded by another sender", row.order_id)
                    return
            self._cache.refresh_memory(decremented)
            log.info("order %s transferred to DOM (external id %s)", row.order_id, external_id)
            return

    def _failed(
        self, row: OutboundMessage, sent: Order, status: TransferStatus, failure: CommerceError
    ) -> None:
        attempts = row.attempts + 1
        retry_at = self._clock.now() + self.policy.delay(attempts)
        log.warning(
            "order %s: transfer attempt %d failed (%s, transfer status %s), next attempt at %s: %s",
            row.order_id,
            attempts,
            failure.reason_code,
            status.value,
            iso_datetime(retry_at),
            failure.reason,
        )
        for attempt in range(4):  # the order read at the claim, then up to 3 fresh reads
            with self._uow_factory() as uow:
                order = sent if attempt == 0 else uow.orders.get(row.order_id)
                if order is not None and order.transfer_status is not TransferStatus.TRANSFERRED:
                    held = replace(
                        order,
                        transfer_status=status,
                        transfer_code=failure.reason_code,
                        transfer_message=failure.reason,
                    )
                    try:
                        uow.orders.save(held, read=order)
                    except ConcurrentUpdate:
                        if attempt == 3:
                            raise
                        continue
                uow.outbox.retry_at(
                    row.outbox_id, retry_at, attempts, f"{failure.reason_code}: {failure.reason}"
                )
                uow.commit()
            return

    def _drop(self, row: OutboundMessage, reason: str) -> None:
        with self._uow_factory() as uow:
            uow.outbox.drop(row.outbox_id, self._clock.now(), reason)
            uow.commit()
        log.info("order %s: %s %s", row.order_id, row.action_code, reason)

    # -- DecrementCache --------------------------------------------------------------------------------------

    def _decrement(self, row: OutboundMessage, order: Order | None, report: TransferReport) -> None:
        """Tell DOM the cache was decremented (ProcessInventoryRequirement DecrementCache)."""
        if order is None:
            self._drop(row, "the order no longer exists")
            report.dropped += 1
            return
        requirement = self._cache.requirement(order)
        area = self._dom.application_area(
            str(order.store_id), bodid=row.bodid, created=iso_datetime(row.created)
        )
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

    # -- the wire order --------------------------------------------------------------------------------------

    def wire_order(self, order: Order) -> WireOrder:
        """The ProcessOrder noun (facts section 2, createOrder mapping: OrderNo = order id, OrderDate = placed
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
