"""WCS REST for the checkout flow (facts section 5, REST_samples.json), thin wrappers around the services:

    POST /wcs/resources/store/{storeId}/guestidentity                  -> 201 WCToken, WCTrustedToken, userId
    POST /wcs/resources/store/{storeId}/cart                           -> 201 ChangeOrder Create
    GET  /wcs/resources/store/{storeId}/cart/@self                     -> the cart
    PUT  /wcs/resources/store/{storeId}/cart/@self                     -> ChangeOrder Update (0 removes)
    PUT  /wcs/resources/store/{storeId}/cart/@self/precheckout         -> ProcessOrder Prepare (reserve)
    POST /wcs/resources/store/{storeId}/cart/@self/payment_instruction -> 201 add a payment method
    GET  /wcs/resources/store/{storeId}/cart/@self/payment_instruction -> the payment methods
    POST /wcs/resources/store/{storeId}/cart/@self/checkout            -> 201 ProcessOrder Submit
    GET  /wcs/resources/store/{storeId}/order/{orderId}                -> status, items, shipments, transfer
    GET  /wcs/resources/store/{storeId}/order/@history                 -> the shopper's orders

Every call but guestidentity needs the `WCToken` header (and accepts `WCTrustedToken`). Refusals use the
REST error body of `web.errors`, with the status codes of `STATUS_BY_ERROR` here (401 no/unknown token,
403 another shopper's order, 409 concurrent change) before the shared ones; `_ERR_INSUFFICIENT_INVENTORY`
also lists DOM's per-item verdicts under `orderItem`.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, request

from harness.commerce.checkout_bootstrap import CheckoutServices
from harness.commerce.domain.errors import CommerceError, InvalidParameter
from harness.commerce.domain.order_errors import (
    ConcurrentUpdate,
    InsufficientInventory,
    NotAuthenticated,
    NotAuthorized,
)
from harness.commerce.domain.payments import instruction_from_request
from harness.commerce.services.cart import CartLine
from harness.commerce.storage.shoppers import Shopper
from harness.commerce.web.errors import error_response, status_of
from harness.commerce.web.order_json import order_json, payment_json

STORE = "/wcs/resources/store/<store_id>"

STATUS_BY_ERROR: tuple[tuple[type[CommerceError], int], ...] = (
    (NotAuthenticated, 401),
    (NotAuthorized, 403),
    (ConcurrentUpdate, 409),
)


def checkout_blueprint(checkout: CheckoutServices) -> Blueprint:
    blueprint = Blueprint("wcs_rest_checkout", __name__)
    identity, cart, process = checkout.identity, checkout.cart, checkout.checkout

    def shopper() -> Shopper:
        return identity.authenticate(request.headers.get("WCToken"), request.headers.get("WCTrustedToken"))

    @blueprint.post(STORE + "/guestidentity")
    def guest_identity(store_id: str) -> Response:
        cart.store(_store(store_id))
        guest = identity.create_guest(_text(_body(required=False), "email1"))
        return _json(
            {
                "WCToken": guest.wc_token,
                "WCTrustedToken": guest.wc_trusted_token,
                "personalizationID": guest.personalization_id,
                "userId": str(guest.user_id),
            },
            201,
        )

    @blueprint.post(STORE + "/cart")
    def add_to_cart(store_id: str) -> Response:
        lines = [
            CartLine(
                quantity=_text(entry, "quantity") or "",
                product_id=_text(entry, "productId"),
                part_number=_text(entry, "partNumber"),
                physical_store_id=_text(entry, "physicalStoreId"),
            )
            for entry in _entries(_body())
        ]
        order, item_ids = cart.add(shopper(), _store(store_id), lines)
        return _json(
            {"orderId": str(order.order_id), "orderItem": [{"orderItemId": str(i)} for i in item_ids]}, 201
        )

    @blueprint.get(STORE + "/cart/@self")
    def get_cart(store_id: str) -> Response:
        who = shopper()
        order = cart.current(who, _store(store_id))
        _, payments = process.payment_instructions(who, order.store_id)
        return _json(order_json(order, payments))

    @blueprint.put(STORE + "/cart/@self")
    def update_cart(store_id: str) -> Response:
        changes = [
            (_text(entry, "orderItemId") or "", _text(entry, "quantity") or "") for entry in _entries(_body())
        ]
        order = cart.update(shopper(), _store(store_id), changes)
        return _json(
            {
                "orderId": str(order.order_id),
                "orderItem": [{"orderItemId": str(i.order_item_id)} for i in order.items],
            }
        )

    @blueprint.put(STORE + "/cart/@self/precheckout")
    def precheckout(store_id: str) -> Response:
        prepared = process.prepare(shopper(), _store(store_id), _text(_body(required=False), "orderId"))
        body: dict[str, Any] = {"orderId": str(prepared.order.order_id)}
        if prepared.verdicts:
            body["orderItem"] = [verdict.as_json() for verdict in prepared.verdicts]
        return _json(body)

    @blueprint.post(STORE + "/cart/@self/payment_instruction")
    def add_payment(store_id: str) -> Response:
        body = _body()
        instruction = instruction_from_request(
            _text(body, "payMethodId"), _text(body, "account"), _text(body, "piAmount")
        )
        order, stored = process.add_payment_instruction(
            shopper(), _store(store_id), instruction, _text(body, "orderId")
        )
        return _json(
            {"orderId": str(order.order_id), "paymentInstruction": [{"piId": str(stored.instruction_id)}]},
            201,
        )

    @blueprint.get(STORE + "/cart/@self/payment_instruction")
    def list_payments(store_id: str) -> Response:
        order, payments = process.payment_instructions(shopper(), _store(store_id))
        return _json(
            {"orderId": str(order.order_id), "paymentInstruction": [payment_json(p) for p in payments]}
        )

    @blueprint.post(STORE + "/cart/@self/checkout")
    def checkout_cart(store_id: str) -> Response:
        body = _body(required=False)
        fields = (_text(body, "x_field1"), _text(body, "x_field2"), _text(body, "x_field3"))
        order = process.submit(shopper(), _store(store_id), _text(body, "orderId"), fields)
        return _json({"orderId": str(order.order_id)}, 201)

    @blueprint.get(STORE + "/order/@history")
    def order_history(store_id: str) -> Response:
        orders = cart.history(shopper(), _store(store_id))
        return _json(
            {
                "Order": [order_json(order) for order in orders],
                "recordSetComplete": "true",
                "recordSetCount": str(len(orders)),
                "recordSetStartNumber": "0",
                "recordSetTotal": str(len(orders)),
            }
        )

    @blueprint.get(STORE + "/order/<order_id>")
    def get_order(store_id: str, order_id: str) -> Response:
        _store(store_id)
        return _json(order_json(cart.order(shopper(), order_id)))

    @blueprint.errorhandler(CommerceError)
    def refused(error: CommerceError) -> Response:
        status = next((code for kind, code in STATUS_BY_ERROR if isinstance(error, kind)), status_of(error))
        response = error_response(status, error.message_key, error.reason, error.parameters)
        if isinstance(error, InsufficientInventory) and error.items:
            body = json.loads(response.get_data())
            body["orderItem"] = list(error.items)
            response.set_data(json.dumps(body))
        return response

    return blueprint


def _json(body: dict[str, Any], status: int = 200) -> Response:
    return Response(json.dumps(body), status=status, mimetype="application/json")


def _store(store_id: str) -> int:
    if not store_id.isdigit():
        raise InvalidParameter.named("storeId", store_id)
    return int(store_id)


def _body(*, required: bool = True) -> dict[str, Any]:
    data = request.get_json(silent=True)
    if data is None and not required and not request.get_data():
        return {}
    if not isinstance(data, dict):
        raise InvalidParameter(
            "The request body must be a JSON object.", "body", message_key="_ERR_INVALID_INPUT"
        )
    return data


def _entries(body: dict[str, Any]) -> list[dict[str, Any]]:
    entries = body.get("orderItem")
    if not isinstance(entries, list) or not entries or not all(isinstance(e, dict) for e in entries):
        raise InvalidParameter.named("orderItem", json.dumps(entries)[:100])
    return entries


def _text(body: dict[str, Any], name: str) -> str | None:
    value = body.get(name)
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise InvalidParameter.named(name, value)
    return str(value)
