"""`CommerceDriver`: the storefront and the inbound services of a commerce server, one method per intent.

It speaks the WCS REST resources the Aurora storefront uses in the two DOM flows (facts section 5,
seed-dom-integration-flows.txt): guest identity, inventory availability (by catalog entry id or part number,
online and physical stores), add to cart (ChangeOrder Create -> CheckInventory), precheckout (Prepare ->
ReserveInventory), payment instruction, checkout (Submit -> Transfer to DOM), the order view and history; plus
the inbound BOD services a DOM calls (SyncProductAvailability, SyncInventoryAvailability, SyncOrder,
ProcessOrder Cancel), the reference server's outgoing mail box (`/__admin/mail`) and its request journal
(`requests`, `count`, `verify`, `last_request_id`, `clear_requests`: every BOD it received or sent to DOM,
the mock DOM's journal API).

The driver remembers the last guest identity and cart it saw, so a test reads like a shopper's visit; every
cart method also takes `shopper=`/`order_id=` so one driver can serve many shoppers (simulations, load tests).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import httpx

from bods.messages import Bod
from harness.drivers import routes
from harness.drivers.answers import Answer, AvailabilityAnswer, BodExchange, DriverError, GuestIdentity
from harness.drivers.bod_client import post_bod
from harness.drivers.http import DEFAULT_TIMEOUT, HttpSide
from harness.drivers.journal import JournalQueries


class CommerceDriver(JournalQueries, HttpSide):
    """Drive a commerce server at `target` (base URL or `httpx.Client`) for store `store_id`."""

    def __init__(
        self, target: str | httpx.Client, *, store_id: str = routes.STORE_ID, timeout: float = DEFAULT_TIMEOUT
    ) -> None:
        super().__init__(target, timeout=timeout)
        self.store_id = store_id
        self.shopper: GuestIdentity | None = None
        self.order_id: str | None = None

    # --- shopper --------------------------------------------------------------------------------------------

    def guest_identity(self, email: str | None = None) -> GuestIdentity:
        """A new guest shopper; later cart calls of this driver carry its tokens."""
        answer = self._call(routes.guest_identity(self.store_id, email=email)).expect_ok("guest identity")
        self.shopper = GuestIdentity.from_json(answer.body)
        self.order_id = None
        return self.shopper

    # --- availability ---------------------------------------------------------------------------------------

    def availability(
        self,
        product_ids: Iterable[str],
        online_store_id: str | None = None,
        physical_store_ids: Sequence[str] = (),
    ) -> AvailabilityAnswer:
        """`GET inventoryavailability/{productIds}`: served from the cache, or from DOM on a miss."""
        call = routes.availability(
            _listed(product_ids),
            store_id=self.store_id,
            online_store_id=online_store_id,
            physical_store_ids=physical_store_ids,
        )
        return AvailabilityAnswer.from_response(self.send(call))

    def availability_by_part_number(
        self,
        part_numbers: Iterable[str],
        online_store_id: str | None = None,
        physical_store_ids: Sequence[str] = (),
    ) -> AvailabilityAnswer:
        call = routes.availability_by_part_number(
            _listed(part_numbers),
            store_id=self.store_id,
            online_store_id=online_store_id,
            physical_store_ids=physical_store_ids,
        )
        return AvailabilityAnswer.from_response(self.send(call))

    # --- cart and checkout ----------------------------------------------------------------------------------

    def add_to_cart(
        self,
        product_id: str,
        quantity: float = 1,
        physical_store_id: str | None = None,
        *,
        shopper: GuestIdentity | None = None,
    ) -> Answer:
        """`POST cart`; remembers the cart's `orderId` on success (201)."""
        call = routes.add_to_cart(
            product_id, quantity, physical_store_id=physical_store_id, store_id=self.store_id
        )
        answer = self._call(call, shopper)
        if answer.ok and answer.get("orderId"):
            self.order_id = str(answer.get("orderId"))
        return answer

    def precheckout(self, order_id: str | None = None, *, shopper: GuestIdentity | None = None) -> Answer:
        """`PUT cart/@self/precheckout`: the commerce server reserves the items at DOM (ReserveInventory)."""
        return self._call(routes.precheckout(order_id or self.order_id, store_id=self.store_id), shopper)

    def add_payment(
        self,
        method: str = "COD",
        *,
        order_id: str | None = None,
        amount: str | None = None,
        account: str | None = None,
        shopper: GuestIdentity | None = None,
    ) -> Answer:
        """`POST cart/@self/payment_instruction` with a payment method (COD, or VISA ... with `account`)."""
        call = routes.add_payment(
            method, order_id=order_id or self.order_id, amount=amount, account=account, store_id=self.store_id
        )
        return self._call(call, shopper)

    def checkout(self, order_id: str | None = None, *, shopper: GuestIdentity | None = None) -> Answer:
        """`POST cart/@self/checkout`: submit; the order is transferred to DOM afterwards (201 on success)."""
        return self._call(routes.checkout(order_id or self.order_id, store_id=self.store_id), shopper)

    def order(self, order_id: str | None = None, *, shopper: GuestIdentity | None = None) -> Answer:
        """`GET order/{orderId}`: the order as the shopper sees it (status, transfer status, items)."""
        wanted = order_id or self.order_id
        if not wanted:
            raise DriverError("no order id given and no cart seen yet")
        return self._call(routes.order(wanted, store_id=self.store_id), shopper)

    def order_history(self, *, shopper: GuestIdentity | None = None) -> Answer:
        return self._call(routes.order_history(store_id=self.store_id), shopper)

    # --- reference server extras and inbound services -------------------------------------------------------

    def mail(self, *, order_id: str | None = None, recipient: str | None = None) -> list[dict[str, Any]]:
        """Mails the reference commerce server has sent (order confirmation, shipping notice)."""
        answer = self._call(routes.mail(order_id=order_id, recipient=recipient)).expect_ok("mail box")
        return list(answer.get("mail") or [])

    def transfers(self, *, status: str | None = None) -> list[dict[str, Any]]:
        """The reference server's outbound BOD outbox rows (TransferOrder, DecrementCache)."""
        return list(self._call(routes.transfers(status=status)).expect_ok("transfers").get("transfers") or [])

    def retry_transfer(self, order_id: str | None = None) -> Answer:
        """Ask the reference server to resubmit an order held in transfer status H/F now (404 elsewhere)."""
        return self._call(routes.retry_transfer(order_id or self.order_id or ""))

    def reload_cache_configuration(self) -> Answer:
        """Make the reference commerce server re-read INVCNF (and empty its memory cache)."""
        return self._call(routes.cache_reload()).expect_ok("cache configuration reload")

    def post_bod(
        self, service: str, xml: Bod | bytes | str, soap: bool = True, *, validate: bool = True
    ) -> BodExchange:
        """POST a BOD to `/webapp/wcs/services/{service}` (InventoryServices or OrderServices)."""
        return post_bod(self.client, routes.commerce_service(service), xml, soap=soap, validate=validate)

    # --- plumbing -------------------------------------------------------------------------------------------

    def _call(self, call: routes.Call, shopper: GuestIdentity | None = None) -> Answer:
        identity = shopper or self.shopper
        return Answer.from_response(self.send(call, identity.headers() if identity else None))


def _listed(values: Iterable[str]) -> list[str]:
    items = [values] if isinstance(values, str) else list(values)
    if not items:
        raise DriverError("at least one item is needed")
    return [str(v) for v in items]
