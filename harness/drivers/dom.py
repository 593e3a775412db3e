"""`DomDriver`: a DOM's BOD endpoints, and the mock DOM's `/__admin` API, one method per intent.

The BOD side (`post_bod`, `get_inventory_availability` ...) works against any DOM that exposes
`/dom/services/InventoryServices` and `/dom/services/OrderServices`, a real one included. The admin side
(stock, reservations, orders and their lifecycle, queued pushes, the request journal, fault rules, reset) is
the mock DOM's own and is named after WireMock's nouns; `has_admin()` tells whether the server offers it.
Admin methods return parsed JSON and raise `DriverError` (with the admin error code) when refused.
"""

from __future__ import annotations

from typing import Any

import httpx

from bods.messages import Bod
from harness.drivers import routes
from harness.drivers.answers import Answer, BodExchange, DriverError
from harness.drivers.bod_client import post_bod
from harness.drivers.http import HttpSide
from harness.drivers.journal import JournalQueries, admin_query

INVENTORY_SERVICES = "InventoryServices"
ORDER_SERVICES = "OrderServices"


class DomDriver(JournalQueries, HttpSide):
    """Drive a DOM at `target` (base URL or `httpx.Client`); journal methods from `JournalQueries`."""

    # --- BOD endpoints (any DOM) ----------------------------------------------------------------------------

    def post_bod(
        self, service: str, xml: Bod | bytes | str, soap: bool = True, *, validate: bool = True
    ) -> BodExchange:
        """POST a BOD to `/dom/services/{service}` and decode the answer."""
        return post_bod(self.client, routes.dom_service(service), xml, soap=soap, validate=validate)

    # --- mock DOM admin: health, stock ----------------------------------------------------------------------

    def has_admin(self) -> bool:
        """True when the server answers the mock DOM's `/__admin/health` (a real DOM does not)."""
        try:
            return self.send(routes.admin("health")).status_code == 200
        except httpx.HTTPError:
            return False

    def health(self) -> dict[str, Any]:
        return self._admin(routes.admin("health"))

    def inventory(self, part: str | None = None, location: str | None = None) -> list[dict[str, Any]]:
        """Stock rows (on hand, reserved, future supply) filtered by part number and/or location."""
        return self._admin(routes.admin("inventory", partNumber=part, location=location))["inventory"]

    def stock(self, part: str, location: str) -> dict[str, Any]:
        """The one stock row of `part` at `location`."""
        rows = self.inventory(part, location)
        if not rows:
            raise DriverError(f"the DOM has no stock row for {part} at {location}")
        return rows[0]

    def set_inventory(self, part: str, location: str, quantity: float, **fields: Any) -> dict[str, Any]:
        """Set on-hand (and optionally `future_quantity`, `future_date`) of `part` at `location`."""
        return self._admin(
            routes.admin(f"inventory/{part}/{location}", "PUT", {"quantity": quantity, **fields})
        )

    def adjust_inventory(self, part: str, location: str, delta: float) -> dict[str, Any]:
        return self._admin(routes.admin(f"inventory/{part}/{location}/adjust", "POST", {"delta": delta}))

    def replenish(self, **fields: Any) -> dict[str, Any]:
        """Receive supply (e.g. `partNumber=`, `location=`, `quantity=`); DOM pushes the change."""
        return self._admin(routes.admin("inventory/replenish", "POST", fields))

    # --- reservations and orders ----------------------------------------------------------------------------

    def reservations(self, *, order_id: str | None = None, state: str | None = None) -> list[dict[str, Any]]:
        """Reservations DOM holds (ReserveInventory), optionally of one order or in one state."""
        return self._admin(routes.admin("reservations", orderId=order_id, state=state))["reservations"]

    def orders(self) -> list[dict[str, Any]]:
        return self._admin(routes.admin("orders"))["orders"]

    def order(self, order_id: str) -> dict[str, Any]:
        return self._admin(routes.admin(f"orders/{order_id}"))

    def find_order(self, order_id: str) -> dict[str, Any] | None:
        """The order DOM received under this commerce order id, or None when it has not arrived."""
        answer = Answer.from_response(self.send(routes.admin(f"orders/{order_id}")))
        return answer.body if answer.ok and isinstance(answer.body, dict) else None

    def advance(self, order_id: str) -> dict[str, Any]:
        """Step the order's fulfillment lifecycle once (the status update is queued as a SyncOrder push)."""
        return self._admin(routes.admin(f"orders/{order_id}/advance", "POST", {}))

    def ship(self, order_id: str, **fields: Any) -> dict[str, Any]:
        return self._admin(routes.admin(f"orders/{order_id}/ship", "POST", fields))

    def cancel(self, order_id: str) -> dict[str, Any]:
        return self._admin(routes.admin(f"orders/{order_id}/cancel", "POST", {}))

    # --- pushes (DOM -> commerce) ---------------------------------------------------------------------------

    def pushes(self, **filters: Any) -> list[dict[str, Any]]:
        return self._admin(routes.admin("pushes", **admin_query(filters)))["pushes"]

    def drain_pushes(self) -> dict[str, Any]:
        """Send every queued push (SyncOrder, SyncInventoryAvailability) now."""
        return self._admin(routes.admin("pushes/drain", "POST", {}))

    def replay_pushes(self, **fields: Any) -> dict[str, Any]:
        return self._admin(routes.admin("pushes/replay", "POST", fields))

    # --- faults and reset -----------------------------------------------------------------------------------

    def add_fault(self, rule: dict[str, Any] | None = None, **fields: Any) -> dict[str, Any]:
        """Add a fault rule given as data, e.g. `{"match": {"operation": "GetInventoryAvailability"},
        "fault": {"type": "httpStatus", "status": 503}}` (format in mock_dom/README.md)."""
        return self._admin(routes.admin("faults", "POST", {**(rule or {}), **fields}))

    def faults(self) -> list[dict[str, Any]]:
        return self._admin(routes.admin("faults"))["faults"]

    def clear_faults(self) -> None:
        self._admin(routes.admin("faults", "DELETE"))

    def tick(self) -> dict[str, Any]:
        """Run one step of DOM's timers now (reservation expiry, fulfillment lifecycle)."""
        return self._admin(routes.admin("tick", "POST", {}))

    def reset(self) -> None:
        """Stock back to the seed; reservations, orders, pushes, journal and fault rules cleared."""
        self._admin(routes.admin("reset", "POST", {}))
