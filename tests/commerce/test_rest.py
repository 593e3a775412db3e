"""WCS REST inventory availability (facts section 5): shape, cache hits without DOM, errors as WCS JSON."""

from __future__ import annotations

import logging

import pytest

from bods import codec
from bods.messages import ApplicationArea, InventoryAvailability, InventoryStatus, SyncInventoryAvailability

URL = "/wcs/resources/store/10101/inventoryavailability"


def test_online_and_physical_records_as_the_sample_shows(client, wire_dom) -> None:
    response = client.get(f"{URL}/12001?physicalStoreId=20001,20002")
    assert response.status_code == 200
    body = response.get_json()
    assert body["resourceName"] == "inventoryavailability"
    assert body["resourceId"] == f"http://localhost{URL}/12001"
    online, *physical = body["InventoryAvailability"]
    assert online == {
        "availableQuantity": "42.0",
        "inventoryStatus": "Available",
        "onlineStoreId": "10101",
        "onlineStoreName": "AuroraESite",
        "productId": "12001",
        "unitOfMeasure": "C62",
    }
    assert [(r["physicalStoreId"], r["physicalStoreName"]) for r in physical] == [
        ("20001", "Aurora Downtown"),
        ("20002", "Aurora Uptown"),
    ]
    assert wire_dom.calls == 1


def test_a_cached_lookup_does_not_call_dom(client, wire_dom) -> None:
    client.get(f"{URL}/12001,12002?physicalStoreId=20003")
    calls = wire_dom.calls
    response = client.get(f"{URL}/12001,12002?physicalStoreId=20003")
    assert response.status_code == 200
    assert len(response.get_json()["InventoryAvailability"]) == 4
    assert wire_dom.calls == calls


def test_by_part_number(client) -> None:
    body = client.get(f"{URL}/byPartNumber/SKU-0007,SKU-0008").get_json()
    assert [r["productId"] for r in body["InventoryAvailability"]] == ["12007", "12008"]


def test_backorderable_records_carry_the_availability_date(client, app, dom, clock) -> None:
    dom.levels[("12025", "10101")] = (InventoryStatus.BACKORDERABLE, 0.0)
    services = app.extensions["commerce"]
    client.get(f"{URL}/12025")
    record = services.memory.get((12025, services.availability.catalog.store_location(10101)))
    assert record.availability_time is None  # the fake DOM gives no date: none is invented
    body = client.get(f"{URL}/12025").get_json()["InventoryAvailability"][0]
    assert body["inventoryStatus"] == "Backorderable"
    assert "availabilityDateTime" not in body


def test_backorderable_date_from_a_dom_push_is_shown(client) -> None:
    push = SyncInventoryAvailability(
        ApplicationArea("2024-05-01T10:00:04.000Z", "push-1", (("storeId", "10101"),)),
        (
            InventoryAvailability(
                InventoryStatus.BACKORDERABLE,
                catalog_entry_id="12025",
                online_store_id="10101",
                quantity=0.0,
                availability_datetime="2024-06-01T00:00:00.000Z",
            ),
        ),
    )
    assert client.post("/webapp/wcs/services/InventoryServices", data=codec.render(push)).status_code == 200
    body = client.get(f"{URL}/12025").get_json()["InventoryAvailability"][0]
    assert body["availabilityDateTime"] == "2024-06-01T00:00:00.000Z"
    assert body["availableQuantity"] == "0.0"


@pytest.mark.parametrize(
    ("path", "status", "key"),
    [
        (
            "/wcs/resources/store/999/inventoryavailability/12001",
            404,
            "_APP_INVENTORYAVAILABILITY_FAILED_TO_FIND_ONLINE_STORE_BY_ID",
        ),
        (f"{URL}/99999", 404, "_APP_INVENTORYAVAILABILITY_FAILED_TO_FIND_CATENTRY_BY_ID"),
        (f"{URL}/byPartNumber/NOPE", 404, "_APP_INVENTORYAVAILABILITY_FAILED_TO_FIND_CATENTRY_BY_PARTNUMBER"),
        (
            f"{URL}/12001?physicalStoreId=29999",
            404,
            "_APP_INVENTORYAVAILABILITY_FAILED_TO_FIND_PHYSICAL_STORE_BY_ID",
        ),
        (f"{URL}/abc", 400, "_ERR_CMD_INVALID_PARAM"),
        ("/wcs/resources/store/x/inventoryavailability/12001", 400, "_ERR_CMD_INVALID_PARAM"),
        ("/wcs/resources/nothing/here", 404, "_ERR_HTTP_404"),
    ],
)
def test_refusals_use_the_wcs_error_body(client, wire_dom, path, status, key) -> None:
    response = client.get(path)
    assert response.status_code == status
    [error] = response.get_json()["errors"]
    assert error["errorKey"] == key
    assert set(error) == {"errorKey", "errorParameters", "errorMessage", "errorCode"}
    assert wire_dom.calls == 0


def test_dom_down_serves_the_stale_value_with_a_warning(client, wire_dom, clock, caplog) -> None:
    client.get(f"{URL}/12001")
    clock.advance(3600)
    wire_dom.down = True
    with caplog.at_level(logging.WARNING):
        response = client.get(f"{URL}/12001")
    assert response.status_code == 200
    assert response.get_json()["InventoryAvailability"][0]["availableQuantity"] == "42.0"
    assert "serving the stale cached availability" in caplog.text


def test_dom_down_without_a_cached_value_is_a_json_error(client, wire_dom) -> None:
    wire_dom.down = True
    response = client.get(f"{URL}/12001")
    assert response.status_code == 503
    assert response.get_json()["errors"][0]["errorKey"] == "_ERR_DOM_UNAVAILABLE"


def test_the_circuit_opens_and_closes_with_the_clock(client, app, wire_dom, clock) -> None:
    wire_dom.down = True
    for product in ("12001", "12002", "12003"):
        client.get(f"{URL}/{product}")
    assert wire_dom.calls == 3
    assert client.get("/__admin/health").get_json()["dom"]["breaker"] == "open"
    assert client.get(f"{URL}/12004").status_code == 503
    assert wire_dom.calls == 3  # refused by the open breaker, DOM not called
    wire_dom.down = False
    clock.advance(10)
    assert client.get(f"{URL}/12004").status_code == 200
    assert client.get("/__admin/health").get_json()["dom"]["breaker"] == "closed"


def test_an_unexpected_failure_is_json_without_a_trace(client, app, monkeypatch) -> None:
    def explode(*_args, **_kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(app.extensions["commerce"].availability, "get", explode)
    response = client.get(f"{URL}/12001")
    assert response.status_code == 500
    text = response.get_data(as_text=True)
    assert "secret internals" not in text
    assert "Traceback" not in text
    assert response.get_json()["errors"][0]["errorKey"] == "_ERR_GENERIC"


def test_health_and_constant_endpoints(client) -> None:
    assert client.get("/__admin/health").get_json()["status"] == "UP"
    constant = client.get("/__admin/bench/constant")
    assert constant.status_code == 200
    assert constant.get_json()["resourceName"] == "inventoryavailability"
