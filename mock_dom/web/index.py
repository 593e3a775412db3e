"""`GET /` (a short map of the server), `GET /__admin/health`, and the benchmark's constant endpoint.

`/__admin/bench/constant` answers a fixed ~1.5 KB XML document through the same Flask/gunicorn stack as the
BOD services, without touching the DOM: `mock_dom.benchmark` posts it the very request it posts to the
services (the body is read, as any POST handler must, then ignored), so the ratio says what the mock's own
work costs, whatever the machine. It is left out of the index on purpose.
"""

from __future__ import annotations

import time

from flask import Blueprint, Response, jsonify, request

from mock_dom.web.context import current

bp = Blueprint("index", __name__)

ENDPOINTS = {
    "bodServices": {
        "POST /dom/services/InventoryServices": "GetInventoryAvailability, ProcessInventoryRequirement",
        "POST /dom/services/OrderServices": "ProcessOrder (TransferOrder/Transfer, Cancel)",
    },
    "admin": {
        "GET /__admin/health": "liveness and row counts",
        "GET /__admin/inventory?partNumber=&location=": "stock levels",
        "GET /__admin/inventory/<partNumber>": "one item: stock per node, availability per location",
        "PUT /__admin/inventory/<partNumber>/<location>": "set onHand / futureQuantity / futureDate",
        "POST /__admin/inventory/<partNumber>/<location>/adjust": "add a delta to on hand",
        "POST /__admin/inventory/replenish": "receive future supply or more stock",
        "GET /__admin/reservations": "inventory reservations",
        "GET /__admin/orders, GET /__admin/orders/<id>": "transferred orders",
        "POST /__admin/orders/<id>/advance|ship|cancel": "move an order along its lifecycle",
        "GET /__admin/pushes, POST /__admin/pushes/replay|drain": "the outbound push queue",
        "POST /__admin/tick": "expire holds and take due lifecycle steps now",
        "GET /__admin/requests, GET /__admin/requests/count": "the request journal (filters as query)",
        "POST /__admin/requests/verify, DELETE /__admin/requests": "verify against / clear the journal",
        "GET|POST|DELETE /__admin/faults, DELETE /__admin/faults/<id>": "fault rules",
        "POST /__admin/reset": "state back to the seed; journal and fault rules cleared",
    },
}

CONSTANT_BODY = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<_inv:ShowInventoryAvailability xmlns:_inv="http://www.ibm.com/xmlns/prod/commerce/9/inventory"'
    b' xmlns:_wcf="http://www.ibm.com/xmlns/prod/commerce/9/foundation"'
    b' xmlns:oa="http://www.openapplications.org/oagis/9" releaseID="9.0" versionID="7.0.0.0">\n'
    b"  <oa:ApplicationArea><oa:CreationDateTime>2024-05-01T10:00:00.000Z</oa:CreationDateTime>"
    b"<oa:BODID>00000000-0000-0000-0000-000000000000</oa:BODID></oa:ApplicationArea>\n"
    b'  <_inv:DataArea><oa:Show recordSetCompleteIndicator="true" recordSetCount="1" recordSetStartNumber="0"'
    b' recordSetTotal="1"><oa:OriginalApplicationArea/></oa:Show>\n'
    + b"".join(
        b"    <_inv:InventoryAvailability><_inv:InventoryAvailabilityIdentifier><_wcf:ExternalIdentifier>"
        b"<_wcf:CatalogEntryIdentifier><_wcf:UniqueID>1200" + str(n).encode() + b"</_wcf:UniqueID>"
        b"</_wcf:CatalogEntryIdentifier><_wcf:OnlineStoreIdentifier><_wcf:UniqueID>10101</_wcf:UniqueID>"
        b"</_wcf:OnlineStoreIdentifier></_wcf:ExternalIdentifier></_inv:InventoryAvailabilityIdentifier>"
        b'<_inv:InventoryStatus>Available</_inv:InventoryStatus><_inv:AvailableQuantity uom="C62">135.0'
        b"</_inv:AvailableQuantity></_inv:InventoryAvailability>\n"
        for n in range(1, 3)
    )
    + b"  </_inv:DataArea>\n</_inv:ShowInventoryAvailability>\n"
)


@bp.get("/")
def index() -> Response:
    return jsonify({"name": "dom-harness mock DOM", "endpoints": ENDPOINTS})


@bp.get("/__admin/health")
def health() -> Response:
    context = current()
    return jsonify(
        {
            "status": "ok",
            "uptimeSeconds": round(time.time() - context.started_at, 3),
            "journalEntries": len(context.journal),
            "faultRules": len(context.faults.rules()),
        }
    )


@bp.route("/__admin/bench/constant", methods=["GET", "POST"])
def constant() -> Response:
    request.get_data(cache=False)
    return Response(CONSTANT_BODY, content_type="text/xml; charset=utf-8")
