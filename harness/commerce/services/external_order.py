"""The outbound order-side requests to DOM (facts section 2): the ExternalInventory component's
ProcessInventoryRequirement (ReserveInventory, DecrementCache, CancelInventoryReservation) and the
ExternalOrder component's ProcessOrder TransferOrder.

BODs are rendered by `bods.codec` and go over the same resilient transport as GetInventoryAvailability (so
they share its circuit breaker); answers are read with `codec.parse(validate=False)` as
`ExternalInventory` does. A call that gets no answer raises DomUnavailable (transfer status H); an answer
that is an error, or not the expected Acknowledge*, raises DomRejected (transfer status F).
"""

from __future__ import annotations

from bods import codec
from bods.errors import BodError
from bods.messages import (
    AcknowledgeInventoryRequirement,
    AcknowledgeOrder,
    ApplicationArea,
    ChangeStatus,
    Envelope,
    InventoryRequirement,
    Order,
    OrderAction,
    ProcessInventoryRequirement,
    ProcessOrder,
    RequirementAction,
    UsernameToken,
)
from harness.commerce.domain.errors import DomRejected
from harness.commerce.services.external_inventory import BARE_HEADERS, INVENTORY_SERVICES, SOAP_HEADERS
from harness.commerce.services.transport import Transport

ORDER_SERVICES = "OrderServices"


class ExternalOrder:
    """DOM's order-side services over `transport` (`post(service, body, headers) -> (status, body)`)."""

    def __init__(
        self,
        transport: Transport,
        *,
        soap: bool = True,
        credentials: UsernameToken | None = None,
        language_id: str = "-1",
    ) -> None:
        self._transport = transport
        self._envelope = Envelope(soap=soap, security=credentials if soap else None)
        self._headers = SOAP_HEADERS if soap else BARE_HEADERS
        self._language_id = language_id

    def process_inventory_requirement(
        self, action: RequirementAction, requirement: InventoryRequirement, *, area: ApplicationArea
    ) -> InventoryRequirement:
        """DOM's answered requirement (per item InventoryStatus and quantity for ReserveInventory)."""
        request = ProcessInventoryRequirement(
            application_area=area,
            action_code=action,
            requirement=requirement,
        )
        answer = self._call(INVENTORY_SERVICES, request, action.value)
        if not isinstance(answer, AcknowledgeInventoryRequirement):
            raise DomRejected(f"DOM answered {action.value} with {type(answer).__name__}")
        _refuse_on(answer.change_status, action.value)
        return answer.requirement or requirement

    def transfer_order(self, order: Order, *, area: ApplicationArea) -> Order | None:
        """ProcessOrder TransferOrder; DOM's acknowledged order (with its ExternalOrderID) if it sends one."""
        request = ProcessOrder(application_area=area, action_code=OrderAction.TRANSFER_ORDER, order=order)
        answer = self._call(ORDER_SERVICES, request, "TransferOrder")
        if not isinstance(answer, AcknowledgeOrder):
            raise DomRejected(f"DOM answered TransferOrder with {type(answer).__name__}")
        _refuse_on(answer.change_status, "TransferOrder")
        return answer.order

    def application_area(self, store_id: str | None, *, bodid: str, created: str) -> ApplicationArea:
        """The request's ApplicationArea; the caller fixes BODID and CreationDateTime (an outbox message keeps
        both across retries, so DOM can recognise a resent BOD)."""
        context = (("storeId", store_id), ("langId", self._language_id)) if store_id else ()
        return ApplicationArea(created, bodid, context)

    def _call(self, service: str, request: object, what: str) -> object:
        body = codec.render(request, envelope=self._envelope)  # type: ignore[arg-type]
        status, answer = self._transport.post(service, body, self._headers)
        try:
            return codec.parse(answer, validate=False).bod
        except BodError as exc:
            raise DomRejected(
                f"DOM answered {what} with HTTP {status} and no usable BOD: {exc.reason}",
                message_key=exc.reason_code.rsplit(".", 1)[0],
            ) from exc


def _refuse_on(change_status: ChangeStatus | None, what: str) -> None:
    if change_status is None:
        return
    raise DomRejected(
        f"DOM refused {what}: {change_status.reason} (code {change_status.code})",
        change_status.reason_code,
        message_key=change_status.reason_code.rsplit(".", 1)[0],
    )
