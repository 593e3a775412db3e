"""`/__admin` resources over the mock DOM's state: inventory, reservations, orders, pushes, reset.

Thin views: read the JSON/query input strictly, call one `DomService` method, answer camelCase JSON. Domain
refusals (unknown order, illegal transition ...) become JSON errors through `web.errors`.

    GET  /__admin/inventory?partNumber=&location=&limit=&offset=
    GET  /__admin/inventory/<partNumber>                 stock per node and what DOM reports per location
    PUT  /__admin/inventory/<partNumber>/<location>   {"onHand": 5, "futureQuantity": 0, "futureDate": "+7d"}
    POST /__admin/inventory/<partNumber>/<location>/adjust  {"delta": -2}
    POST /__admin/inventory/replenish                   {"partNumber", "location", "quantity"?}
    GET  /__admin/reservations?state=&orderId=
    GET  /__admin/orders?state=        GET /__admin/orders/<id>
    POST /__admin/orders/<id>/advance | /ship {"carrier", "trackingNumber"} | /cancel
    GET  /__admin/pushes?status=       POST /__admin/pushes/replay {"ids": [..]}   POST /__admin/pushes/drain
    POST /__admin/tick                 POST /__admin/reset   (back to the configured seed)
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from flask import Blueprint, Response, jsonify, request

from mock_dom.services import KEEP
from mock_dom.web.context import current
from mock_dom.web.errors import AdminError
from mock_dom.web.json_input import json_object, number, optional_count, text
from mock_dom.web.naming import camel, snake_keys

bp = Blueprint("admin_state", __name__, url_prefix="/__admin")


def _paging() -> dict[str, int]:
    paging = {}
    for key in ("limit", "offset"):
        value = optional_count(request.args.get(key), key)
        if value is not None:
            paging[key] = value
    return paging


def _service() -> Any:
    return current().dom.service


@bp.get("/inventory")
def list_inventory() -> Response:
    rows = _service().list_inventory(
        request.args.get("partNumber") or None, request.args.get("location") or None, **_paging()
    )
    return jsonify({"inventory": camel(rows), "count": len(rows)})


@bp.get("/inventory/<part_number>")
def get_inventory(part_number: str) -> Response:
    return jsonify(camel(_service().get_inventory(part_number)))


@bp.put("/inventory/<part_number>/<location>")
def set_inventory(part_number: str, location: str) -> Response:
    body = snake_keys(json_object())
    if "quantity" in body:
        body.setdefault("on_hand", body.pop("quantity"))
    unknown = set(body) - {"on_hand", "future_quantity", "future_date", "catalog_entry_id"}
    if unknown:
        raise AdminError(400, "bad_request", f"unknown fields: {', '.join(sorted(unknown))}")
    changes: dict[str, Any] = {}
    for key in ("on_hand", "future_quantity"):
        if key in body:
            changes[key] = number(body, key)
    if "future_date" in body:
        changes["future_date"] = body["future_date"]
    if not changes:
        raise AdminError(
            400, "bad_request", "give at least one of onHand (or quantity), futureQuantity, futureDate"
        )
    level = _service().set_inventory(
        part_number,
        location,
        catalog_entry_id=text(body, "catalog_entry_id"),
        **{key: changes.get(key, KEEP) for key in ("on_hand", "future_quantity", "future_date")},
    )
    return jsonify(camel(level))


@bp.post("/inventory/<part_number>/<location>/adjust")
def adjust_inventory(part_number: str, location: str) -> Response:
    delta = number(json_object(), "delta")
    return jsonify(camel(_service().adjust_inventory(part_number, location, delta)))


@bp.post("/inventory/replenish")
def replenish() -> Response:
    body = snake_keys(json_object())
    part_number = text(body, "part_number", required=True)
    location = text(body, "location", required=True) if "location" in body else text(body, "location_id")
    if location is None:
        raise AdminError(400, "bad_request", "location is required")
    quantity = number(body, "quantity", required=False)
    return jsonify(camel(_service().replenish(part_number, location, quantity)))


@bp.get("/reservations")
def list_reservations() -> Response:
    rows = _service().list_reservations(
        request.args.get("state") or None, request.args.get("orderId") or None, **_paging()
    )
    return jsonify({"reservations": camel(rows), "count": len(rows)})


@bp.get("/orders")
def list_orders() -> Response:
    rows = _service().list_orders(request.args.get("state") or None, **_paging())
    return jsonify({"orders": camel(rows), "count": len(rows)})


@bp.get("/orders/<order_id>")
def get_order(order_id: str) -> Response:
    return jsonify(camel(_service().get_order(order_id)))


@bp.post("/orders/<order_id>/advance")
def advance_order(order_id: str) -> Response:
    return jsonify(camel(_service().advance_order(order_id)))


@bp.post("/orders/<order_id>/ship")
def ship_order(order_id: str) -> Response:
    body = snake_keys(json_object(required=False))
    return jsonify(
        camel(
            _service().ship_order(
                order_id, carrier=text(body, "carrier"), tracking_number=text(body, "tracking_number")
            )
        )
    )


@bp.post("/orders/<order_id>/cancel")
def cancel_order(order_id: str) -> Response:
    json_object(required=False)
    return jsonify(camel(_service().cancel_order(order_id)))


@bp.get("/pushes")
def list_pushes() -> Response:
    rows = _service().list_pushes(request.args.get("status") or None, **_paging())
    return jsonify({"pushes": camel(rows), "count": len(rows), "counts": _service().push_counts()})


@bp.post("/pushes/replay")
def replay_pushes() -> Response:
    ids = json_object(required=False).get("ids")
    if ids is not None and (
        not isinstance(ids, list) or not all(isinstance(i, int) and not isinstance(i, bool) for i in ids)
    ):
        raise AdminError(400, "bad_request", "ids must be a list of push ids (whole numbers)")
    return jsonify({"replayed": _service().replay_pushes(ids)})


@bp.post("/pushes/drain")
def drain_pushes() -> Response:
    json_object(required=False)
    dom = current().dom
    if dom.outbox.transport is None:
        raise AdminError(
            409, "no_commerce_url", "pushes stay queued: the mock DOM was started without a commerce URL"
        )
    report = dom.outbox.drain()
    return jsonify(camel({**asdict(report), "attempted": report.attempted}))


@bp.post("/tick")
def tick() -> Response:
    json_object(required=False)
    report = _service().tick()
    return jsonify(camel(asdict(report)))


@bp.post("/reset")
def reset() -> Response:
    json_object(required=False)
    context = current()
    rows = context.dom.service.reset()
    context.journal.clear()
    context.faults.clear()
    return jsonify({"stockRows": rows, "journal": "cleared", "faults": "cleared"})
