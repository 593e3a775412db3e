"""The outbound order-side requests to DOM (facts section 2): the ExternalInventory component's
ProcessInventoryRequirement (ReserveInventory, DecrementCache, CancelInventoryReservation) and the
ExternalOrder component's ProcessOrder TransferOrder.

They go over the same resilient transport as GetInventoryAvailability (so they share its circuit breaker).
A call that gets no answer raises DomUnavailable (transfer status H); an answer that is an error, or not
the expected Acknowledge*, raises DomRejected (transfer status F): see `DomClient`.
"""

from __future__ import annotations

from bods.messages import (
    AcknowledgeInventoryRequirement,
    AcknowledgeOrder,
    ApplicationArea,
    InventoryRequirement,
    Order,
    OrderAction,
    ProcessInventoryRequirement,
    ProcessOrder,
    RequirementAction,
)
from harness.commerce.services.dom_client import INVENTORY_SERVICES, ORDER_SERVICES, DomClient


class ExternalOrder(DomClient):
    """DOM's order-side services over `transport` (`post(service, body, headers) -> (status, body)`)."""

    def process_inventory_requirement(
        self, action: RequirementAction, requirement: InventoryRequirement, *, area: ApplicationArea
    ) -> InventoryRequirement:
        """DOM's answered requirement (per item InventoryStatus and quantity for ReserveInventory)."""
        request = ProcessInventoryRequirement(
            application_area=area,
            action_code=action,
            requirement=requirement,
        )
        answer = self._exchange(INVENTORY_SERVICES, request, action.value, AcknowledgeInventoryRequirement)
        return answer.requirement or requirement

    def transfer_order(self, order: Order, *, area: ApplicationArea) -> Order | None:
        """ProcessOrder TransferOrder; DOM's acknowledged order (with its ExternalOrderID) if it sends one."""
        request = ProcessOrder(application_area=area, action_code=OrderAction.TRANSFER_ORDER, order=order)
        answer = self._exchange(ORDER_SERVICES, request, "TransferOrder", AcknowledgeOrder)
        return answer.order

    def application_area(self, store_id: str | None, *, bodid: str, created: str) -> ApplicationArea:
        """The request's ApplicationArea; the caller fixes BODID and CreationDateTime (an outbox message keeps
        both across retries, so DOM can recognise a resent BOD)."""
        context = (("storeId", store_id), ("langId", self._language_id)) if store_id else ()
        return ApplicationArea(created, bodid, context)
