"""Every URL the drivers and the load tests call, built in one place.

Each builder returns a `Call`: method, path (query string included), JSON body and a `name` that groups calls
with different ids under one label (Locust's `name=`, report tables). `CommerceDriver`/`DomDriver` send calls
with httpx; the Locust users send the very same calls with their own client, so both hit identical URLs.

Commerce paths follow the WCS REST resources (facts section 5) and the inbound BOD services
(`/webapp/wcs/services/InventoryServices`, `.../OrderServices`, facts sections 1 and 4); mock DOM paths
follow its `/__admin` API (nouns, as in WireMock) and BOD endpoints `/dom/services/...`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

STORE_ID = "10101"  # the seed's online store (AuroraESite)
REST = "/wcs/resources/store"
COMMERCE_SERVICES = "/webapp/wcs/services"
DOM_SERVICES = "/dom/services"
ADMIN = "/__admin"


@dataclass(frozen=True)
class Call:
    """One HTTP request to make: `path` is relative to the server's base URL and carries the query string."""

    method: str
    path: str
    name: str
    json: Any = None
    headers: Mapping[str, str] = field(default_factory=dict)


def _ids(values: Iterable[str]) -> str:
    return ",".join(quote(str(v), safe="") for v in values)


def _query(**params: str | None) -> str:
    present = {k: v for k, v in params.items() if v not in (None, "")}
    return "?" + urlencode(present) if present else ""


def _store(store_id: str) -> str:
    return f"{REST}/{quote(store_id, safe='')}"


# --- commerce: WCS REST storefront --------------------------------------------------------------------------


def guest_identity(store_id: str = STORE_ID, *, email: str | None = None) -> Call:
    body = {"email1": email} if email else {}
    return Call("POST", f"{_store(store_id)}/guestidentity", f"{REST}/[storeId]/guestidentity", json=body)


def availability(
    product_ids: Iterable[str],
    *,
    store_id: str = STORE_ID,
    online_store_id: str | None = None,
    physical_store_ids: Iterable[str] = (),
) -> Call:
    """`GET inventoryavailability/{productIds}?onlineStoreId=&physicalStoreId=a,b` (catalog entry ids)."""
    query = _query(onlineStoreId=online_store_id, physicalStoreId=",".join(physical_store_ids) or None)
    path = f"{_store(store_id)}/inventoryavailability/{_ids(product_ids)}{query}"
    return Call("GET", path, f"{REST}/[storeId]/inventoryavailability/[productIds]")


def availability_by_part_number(
    part_numbers: Iterable[str],
    *,
    store_id: str = STORE_ID,
    online_store_id: str | None = None,
    physical_store_ids: Iterable[str] = (),
) -> Call:
    query = _query(onlineStoreId=online_store_id, physicalStoreId=",".join(physical_store_ids) or None)
    path = f"{_store(store_id)}/inventoryavailability/byPartNumber/{_ids(part_numbers)}{query}"
    return Call("GET", path, f"{REST}/[storeId]/inventoryavailability/byPartNumber/[partNumbers]")


def add_to_cart(
    product_id: str, quantity: float, *, physical_store_id: str | None = None, store_id: str = STORE_ID
) -> Call:
    """`POST cart` with one order item; numbers travel as strings like WCS does ("2.0")."""
    item: dict[str, str] = {"productId": str(product_id), "quantity": f"{float(quantity):.1f}"}
    if physical_store_id:
        item["physicalStoreId"] = str(physical_store_id)
    return Call("POST", f"{_store(store_id)}/cart", f"{REST}/[storeId]/cart", json={"orderItem": [item]})


def precheckout(order_id: str | None = None, *, store_id: str = STORE_ID) -> Call:
    body = {"orderId": order_id} if order_id else {}
    return Call(
        "PUT", f"{_store(store_id)}/cart/@self/precheckout", f"{REST}/[storeId]/cart/@self/precheckout", body
    )


def add_payment(
    method: str,
    *,
    order_id: str | None = None,
    amount: str | None = None,
    account: str | None = None,
    store_id: str = STORE_ID,
) -> Call:
    """`POST cart/@self/payment_instruction`: COD, or a card (VISA, MASTERCARD, AMEX) with its `account`."""
    body: dict[str, str] = {"payMethodId": method}
    if account:
        body["account"] = account
    if order_id:
        body["orderId"] = order_id
    if amount is not None:
        body["piAmount"] = amount
    name = f"{REST}/[storeId]/cart/@self/payment_instruction"
    return Call("POST", f"{_store(store_id)}/cart/@self/payment_instruction", name, body)


def checkout(order_id: str | None = None, *, store_id: str = STORE_ID) -> Call:
    body = {"orderId": order_id} if order_id else {}
    return Call(
        "POST", f"{_store(store_id)}/cart/@self/checkout", f"{REST}/[storeId]/cart/@self/checkout", body
    )


def order(order_id: str, *, store_id: str = STORE_ID) -> Call:
    path = f"{_store(store_id)}/order/{quote(str(order_id), safe='')}"
    return Call("GET", path, f"{REST}/[storeId]/order/[orderId]")


def order_history(*, store_id: str = STORE_ID) -> Call:
    return Call("GET", f"{_store(store_id)}/order/@history", f"{REST}/[storeId]/order/@history")


def mail(*, order_id: str | None = None, recipient: str | None = None) -> Call:
    """The reference commerce server's sent (or kept) emails."""
    return Call("GET", f"{ADMIN}/mail{_query(orderId=order_id, recipient=recipient)}", f"{ADMIN}/mail")


def transfers(*, status: str | None = None) -> Call:
    """The reference commerce server's outbound BOD outbox (TransferOrder, DecrementCache)."""
    return Call("GET", f"{ADMIN}/transfers{_query(status=status)}", f"{ADMIN}/transfers")


def retry_transfer(order_id: str) -> Call:
    """Resubmit an order held in transfer status H/F now (reference server)."""
    path = f"{ADMIN}/orders/{quote(str(order_id), safe='')}/transfer"
    return Call("POST", path, f"{ADMIN}/orders/[orderId]/transfer", json={})


def cache_reload() -> Call:
    """The reference commerce server re-reads INVCNF/INVCNFREL and drops its memory cache."""
    return Call("POST", f"{ADMIN}/cache/reload", f"{ADMIN}/cache/reload", json={})


def commerce_service(service: str) -> str:
    """Inbound BOD service path: InventoryServices (SyncProductAvailability, SyncInventoryAvailability) or
    OrderServices (SyncOrder, ProcessOrder Cancel)."""
    return f"{COMMERCE_SERVICES}/{service}"


# --- mock DOM: BOD endpoints and /__admin -------------------------------------------------------------------


def dom_service(service: str) -> str:
    """DOM BOD endpoint path: InventoryServices (Get/ProcessInventoryRequirement) or OrderServices."""
    return f"{DOM_SERVICES}/{service}"


def admin(path: str, method: str = "GET", json: Any = None, **params: str | None) -> Call:
    """A `/__admin/...` call; the label drops ids (`/__admin/orders/[id]`) for grouping."""
    label = "/".join("[id]" if _looks_like_id(part) else part for part in path.split("/"))
    return Call(method, f"{ADMIN}/{path}{_query(**params)}", f"{ADMIN}/{label}", json)


def _looks_like_id(part: str) -> bool:
    return any(ch.isdigit() for ch in part)
