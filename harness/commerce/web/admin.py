"""`/__admin`: health, the constant JSON the benchmark compares the availability look-up with, and a reload
of the cache configuration (INVCNF changes are picked up on demand, as WCS's configuration cache is)."""

from __future__ import annotations

import json
from dataclasses import asdict

from flask import Blueprint, Response

from harness.commerce.bootstrap import CommerceServices

# The shape and size of a one-item online answer, so the baseline does comparable output work.
CONSTANT_BODY = json.dumps(
    {
        "InventoryAvailability": [
            {
                "availableQuantity": "42.0",
                "inventoryStatus": "Available",
                "onlineStoreId": "10101",
                "onlineStoreName": "AuroraESite",
                "productId": "12001",
                "unitOfMeasure": "C62",
            }
        ],
        "resourceId": "http://127.0.0.1:8000/wcs/resources/store/10101/inventoryavailability/12001",
        "resourceName": "inventoryavailability",
    },
    separators=(",", ":"),
)


def admin_blueprint(services: CommerceServices) -> Blueprint:
    blueprint = Blueprint("commerce_admin", __name__, url_prefix="/__admin")

    @blueprint.get("/health")
    def health() -> Response:
        body = {
            "status": "UP",
            "server": "commerce",
            "storeId": str(services.config.store_id),
            "dom": {
                "url": services.config.dom_services_url,
                "breaker": services.dom_transport.breaker.state.value,
            },
            "cache": {"memoryRecords": len(services.memory), **asdict(services.availability.stats)},
        }
        return Response(json.dumps(body), mimetype="application/json")

    @blueprint.get("/bench/constant")
    def constant() -> Response:
        return Response(CONSTANT_BODY, mimetype="application/json")

    @blueprint.post("/cache/reload")
    def reload_cache() -> Response:
        scopes = services.reload_configurations()
        return Response(
            json.dumps({"configurationScopes": scopes, "memoryRecords": 0}), mimetype="application/json"
        )

    return blueprint
