"""WCS REST inventory availability (facts section 5, REST_samples.json):

    GET /wcs/resources/store/{storeId}/inventoryavailability/{productIds}?onlineStoreId=&physicalStoreId=a,b
    GET /wcs/resources/store/{storeId}/inventoryavailability/byPartNumber/{partNumbers}?...

One record for the online store per item, plus one per requested physical store; every number is a JSON
string. This is the hot path: a cached answer is the service's dictionary look-ups plus string joins of
record fragments rendered once per record (`record_json` is memoised on the immutable record).
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from flask import Blueprint, Response, request

from harness.commerce.domain.availability import AvailabilityRecord, AvailabilityStatus
from harness.commerce.domain.errors import InvalidParameter
from harness.commerce.services.availability import InventoryAvailabilityService
from mock_dom.domain.timefmt import iso_datetime

PREFIX = "/wcs/resources/store/<store_id>/inventoryavailability"


def rest_blueprint(availability: InventoryAvailabilityService) -> Blueprint:
    blueprint = Blueprint("wcs_rest_inventory", __name__)

    def answer(store_id: str, **names: list[str]) -> Response:
        if not store_id.isdigit():
            raise InvalidParameter.named("storeId", store_id)
        environ = request.environ
        online, physical = None, []
        if environ.get("QUERY_STRING"):
            args = request.args
            online = args.get("onlineStoreId") or None
            physical = [p for p in (args.get("physicalStoreId") or "").split(",") if p]
        records = availability.get(
            int(store_id), online_store_id=online, physical_store_ids=physical, **names
        )
        return Response(render_availability(records, resource_id(environ)), mimetype="application/json")

    @blueprint.get(PREFIX + "/<product_ids>")
    def by_product_id(store_id: str, product_ids: str) -> Response:
        return answer(store_id, product_ids=[p for p in product_ids.split(",") if p])

    @blueprint.get(PREFIX + "/byPartNumber/<part_numbers>")
    def by_part_number(store_id: str, part_numbers: str) -> Response:
        return answer(store_id, part_numbers=[p for p in part_numbers.split(",") if p])

    return blueprint


def resource_id(environ: dict[str, Any]) -> str:
    """The request URL without its query (the sample's resourceId), read from the WSGI environ: werkzeug's
    `request.base_url` re-encodes it as an IRI, which costs more than the whole cached look-up."""
    host = environ.get("HTTP_HOST") or f"{environ.get('SERVER_NAME', '')}:{environ.get('SERVER_PORT', '')}"
    path = environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
    return f"{environ.get('wsgi.url_scheme', 'http')}://{host}{path}"


def render_availability(records: list[AvailabilityRecord], resource_id: str) -> str:
    return (
        '{"InventoryAvailability":['
        + ",".join([record_json(record) for record in records])
        + '],"resourceId":'
        + json.dumps(resource_id)
        + ',"resourceName":"inventoryavailability"}'
    )


@lru_cache(maxsize=65_536)
def record_json(record: AvailabilityRecord) -> str:
    """One InventoryAvailability entry, keys in the sample's (alphabetical) order."""
    body: dict[str, str] = {}
    if record.status is AvailabilityStatus.BACKORDERABLE and record.availability_time is not None:
        body["availabilityDateTime"] = iso_datetime(record.availability_time)
    if record.quantity is not None:
        body["availableQuantity"] = repr(float(record.quantity))
    body["inventoryStatus"] = record.status.inventory_status.value
    location = record.location
    if location.is_online_store:
        body["onlineStoreId"] = str(location.id)
        body["onlineStoreName"] = location.name
    else:
        body["physicalStoreId"] = str(location.id)
        body["physicalStoreName"] = location.name
    body["productId"] = str(record.catentry_id)
    body["unitOfMeasure"] = record.uom
    for name, value in (
        ("x_customField1", record.field1),
        ("x_customField2", record.field2),
        ("x_customField3", record.field3),
    ):
        if value is not None:
            body[name] = str(value)
    return json.dumps(body, separators=(",", ":"))
