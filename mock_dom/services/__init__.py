"""The mock DOM's service layer: one `DomService` facade over the use cases, built by `mock_dom.bootstrap`.

BOD-level methods take and return `bods.messages` dataclasses (the BOD handler parses and renders around
them); admin-level methods return JSON-ready dicts for the `/__admin` API. Every method runs in its own unit
of work; domain refusals raise `mock_dom.domain.errors.DomError`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bods import factory
from bods.messages import (
    AcknowledgeInventoryRequirement,
    AcknowledgeOrder,
    ApplicationArea,
    GetInventoryAvailability,
    ProcessInventoryRequirement,
    ProcessOrder,
    ShowInventoryAvailability,
)
from mock_dom.clock import Clock
from mock_dom.domain.errors import DomError, OrderNotFound
from mock_dom.domain.orders import OrderState
from mock_dom.domain.reservations import ReservationState
from mock_dom.seed import default_seed_path, load_seed
from mock_dom.services import admin, inventory, orders
from mock_dom.services.admin import KEEP
from mock_dom.services.context import ServiceContext
from mock_dom.services.settings import DomSettings
from mock_dom.storage import Database, PushStatus, StoredReply

__all__ = ["KEEP", "DomService", "DomSettings", "TickReport"]


@dataclass(frozen=True)
class TickReport:
    expired_reservations: int
    order_steps: int
    supplies_received: int = 0


class DomService:
    def __init__(
        self,
        database: Database,
        clock: Clock,
        settings: DomSettings,
        *,
        new_id: Callable[[], str] | None = None,
    ) -> None:
        self.settings = settings
        self.clock = clock
        self._ctx = ServiceContext(database, clock, settings, new_id or factory.new_id)

    # --- BOD services (InventoryServices, OrderServices) ----------------------------------------------------

    def get_inventory_availability(self, msg: GetInventoryAvailability) -> ShowInventoryAvailability:
        return inventory.get_inventory_availability(self._ctx, msg)

    def process_inventory_requirement(
        self, msg: ProcessInventoryRequirement
    ) -> AcknowledgeInventoryRequirement:
        return inventory.process_inventory_requirement(self._ctx, msg)

    def process_order(self, msg: ProcessOrder) -> AcknowledgeOrder:
        return orders.process_order(self._ctx, msg)

    def processed_reply(
        self, bodid: str, *, service: str, bod_type: str, action_code: str | None
    ) -> StoredReply | None:
        """The answer already given to the same request (same BODID, service, BOD type and action code)."""
        with self._ctx.uow(read_only=True) as uow:
            return uow.outbox.processed_reply(
                bodid, service=service, bod_type=bod_type, action_code=action_code
            )

    def remember_reply(
        self, bodid: str, *, service: str, bod_type: str, action_code: str | None, reply: StoredReply
    ) -> None:
        """Store the answer to `bodid`; the first answer stored for a BODID wins (storage keeps it)."""
        with self._ctx.uow() as uow:
            uow.outbox.remember_reply(
                bodid,
                service=service,
                bod_type=bod_type,
                action_code=action_code,
                now=self._ctx.now(),
                reply=reply,
            )

    def part_number_of(self, catalog_entry_id: str) -> str | None:
        """The part number of a catalog entry (SKU-n <-> 12000+n in the default seed), None if unknown."""
        with self._ctx.uow(read_only=True) as uow:
            item = uow.stock.item_by_catalog_entry_id(catalog_entry_id)
        return item.part_number if item else None

    def new_id(self) -> str:
        """A fresh id (BODIDs, correlation codes): a random UUID unless the builder passed its own source."""
        return self._ctx.new_id()

    def application_area(self) -> ApplicationArea:
        """A fresh ApplicationArea (new BODID, creation time from the clock) for an answer DOM writes."""
        return self._ctx.application_area(self._ctx.now())

    # --- time -----------------------------------------------------------------------------------------------

    def tick(self, now: float | None = None) -> TickReport:
        """Receive future supply whose date has come, expire reservations past their hold time, and take every
        due lifecycle step (in that order, so a backorder can use stock that arrived in the same tick)."""
        now = self.clock.now() if now is None else now
        received = inventory.receive_due_supply(self._ctx, now) if self.settings.receive_supply_on_date else 0
        expired = inventory.expire_reservations(self._ctx, now)
        return TickReport(expired, orders.run_due_orders(self._ctx, now), received)

    # --- admin: inventory -----------------------------------------------------------------------------------

    def list_inventory(
        self,
        part_number: str | None = None,
        location_id: str | None = None,
        *,
        limit: int = 1000,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        return admin.list_inventory(self._ctx, part_number, location_id, limit=limit, offset=offset)

    def get_inventory(self, part_number: str) -> dict[str, Any]:
        return admin.get_inventory(self._ctx, part_number)

    def set_inventory(
        self,
        part_number: str,
        location_id: str,
        *,
        on_hand: Any = KEEP,
        future_quantity: Any = KEEP,
        future_date: Any = KEEP,
        catalog_entry_id: str | None = None,
    ) -> dict[str, Any]:
        return admin.set_inventory(
            self._ctx,
            part_number,
            location_id,
            on_hand=on_hand,
            future_quantity=future_quantity,
            future_date=future_date,
            catalog_entry_id=catalog_entry_id,
        )

    def adjust_inventory(self, part_number: str, location_id: str, delta: float) -> dict[str, Any]:
        return admin.adjust_inventory(self._ctx, part_number, location_id, delta)

    def replenish(self, part_number: str, location_id: str, quantity: float | None = None) -> dict[str, Any]:
        return admin.replenish(self._ctx, part_number, location_id, quantity)

    # --- admin: reservations and orders ---------------------------------------------------------------------

    def list_reservations(
        self, state: str | None = None, order_id: str | None = None, *, limit: int = 200, offset: int = 0
    ) -> list[dict[str, Any]]:
        return admin.list_reservations(
            self._ctx,
            state=_enum(ReservationState, state, "state"),
            order_id=order_id,
            limit=limit,
            offset=offset,
        )

    def list_orders(
        self, state: str | None = None, *, limit: int = 200, offset: int = 0
    ) -> list[dict[str, Any]]:
        return admin.list_orders(
            self._ctx, state=_enum(OrderState, state, "state"), limit=limit, offset=offset
        )

    def get_order(self, order_id: str) -> dict[str, Any]:
        with self._ctx.uow(read_only=True) as uow:
            order = uow.orders.get(order_id)
        if order is None:
            raise OrderNotFound.for_id(order_id)
        return admin.order_view(order)

    def advance_order(self, order_id: str) -> dict[str, Any]:
        return admin.order_view(orders.advance_order(self._ctx, order_id))

    def ship_order(
        self, order_id: str, *, carrier: str | None = None, tracking_number: str | None = None
    ) -> dict[str, Any]:
        return admin.order_view(
            orders.ship_order(self._ctx, order_id, carrier=carrier, tracking_number=tracking_number)
        )

    def cancel_order(self, order_id: str) -> dict[str, Any]:
        return admin.order_view(orders.cancel_order(self._ctx, order_id))

    # --- admin: pushes --------------------------------------------------------------------------------------

    def list_pushes(
        self, status: str | None = None, *, limit: int = 200, offset: int = 0
    ) -> list[dict[str, Any]]:
        with self._ctx.uow(read_only=True) as uow:
            found = uow.outbox.list(_enum(PushStatus, status, "status"), limit=limit, offset=offset)
        return [admin.push_view(p) for p in found]

    def push_counts(self) -> dict[str, int]:
        with self._ctx.uow(read_only=True) as uow:
            return uow.outbox.counts()

    def replay_pushes(self, push_ids: list[int] | None = None) -> int:
        with self._ctx.uow() as uow:
            return uow.outbox.replay(self._ctx.now(), push_ids)

    # --- admin: seed ----------------------------------------------------------------------------------------

    def reset(self, seed_path: str | Path | None = None) -> int:
        return admin.reset(self._ctx, seed_path)

    def load_seed(self, path: str | Path | None = None) -> int:
        """Load a seed file into the (empty) database."""
        count = load_seed(
            self._ctx.database.uow,
            path or self.settings.seed_path or default_seed_path(),
            now=self._ctx.now(),
        )
        self._ctx.forget_topology()
        return count

    def load_seed_if_empty(self) -> bool:
        if not self._ctx.database.is_empty():
            return False
        self.load_seed()
        return True

    def stats(self) -> dict[str, Any]:
        counts = self._ctx.database.row_counts()
        return {
            "items": counts["dom_items"],
            "stock_rows": counts["dom_stock"],
            "reservations": counts["dom_reservations"],
            "orders": counts["dom_orders"],
            "pushes": self.push_counts(),
        }


def _enum(kind: Any, value: str | None, name: str) -> Any:
    if value is None or value == "":
        return None
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(member.value for member in kind)
        raise DomError(
            f"{name} must be one of {allowed}, not {value!r}.", reason_code="_ERR_INVALID_PARAMETER.-1"
        ) from None
