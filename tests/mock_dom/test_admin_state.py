from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from mock_dom.clock import ManualClock
from mock_dom.testing import in_process_mock_dom, reserve_request, transfer_request

INVENTORY = "/dom/services/InventoryServices"
ORDERS = "/dom/services/OrderServices"


@pytest.fixture
def manual_clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def client(manual_clock: ManualClock) -> FlaskClient:
    return in_process_mock_dom(clock=manual_clock).test_client()


def error_of(response: Any) -> dict[str, str]:
    body = response.get_json()
    assert set(body) == {"error"}
    return body["error"]


def stock(client: FlaskClient, part: str, location: str) -> dict[str, Any]:
    [row] = client.get(
        "/__admin/inventory", query_string={"partNumber": part, "location": location}
    ).get_json()["inventory"]
    return row


def test_index_lists_the_endpoints(client: FlaskClient) -> None:
    body = client.get("/").get_json()
    assert "POST /dom/services/InventoryServices" in body["endpoints"]["bodServices"]
    assert "POST /__admin/reset" in body["endpoints"]["admin"]


def test_health_says_ok(client: FlaskClient) -> None:
    assert client.get("/__admin/health").get_json()["status"] == "ok"


def test_inventory_filters_by_part_number_and_location(client: FlaskClient) -> None:
    rows = client.get("/__admin/inventory", query_string={"partNumber": "SKU-0001"}).get_json()["inventory"]
    assert {r["locationId"] for r in rows} == {"10001", "10002", "20001", "20002", "20003"}
    assert stock(client, "SKU-0001", "10001")["partNumber"] == "SKU-0001"


def test_inventory_of_one_item_shows_what_dom_reports_per_location(client: FlaskClient) -> None:
    body = client.get("/__admin/inventory/SKU-0001").get_json()
    assert body["catalogEntryId"] == "12001"
    assert {a["locationId"] for a in body["availability"]} >= {"10101", "20001"}


def test_set_inventory_overwrites_on_hand(client: FlaskClient) -> None:
    response = client.put("/__admin/inventory/SKU-0001/10001", json={"onHand": 3})
    assert response.status_code == 200
    assert response.get_json()["onHand"] == 3.0
    assert stock(client, "SKU-0001", "10001")["onHand"] == 3.0


def test_set_inventory_accepts_quantity_as_on_hand(client: FlaskClient) -> None:
    client.put("/__admin/inventory/SKU-0001/10001", json={"quantity": 7})
    assert stock(client, "SKU-0001", "10001")["onHand"] == 7.0


def test_set_inventory_keeps_the_figures_not_named(client: FlaskClient) -> None:
    client.put("/__admin/inventory/SKU-0001/10001", json={"onHand": 3})
    client.put("/__admin/inventory/SKU-0001/10001", json={"futureQuantity": 9, "futureDate": "+7d"})
    row = stock(client, "SKU-0001", "10001")
    assert (row["onHand"], row["futureQuantity"]) == (3.0, 9.0)
    assert row["futureDate"] is not None


def test_adjust_adds_a_delta(client: FlaskClient) -> None:
    client.put("/__admin/inventory/SKU-0001/10001", json={"onHand": 3})
    response = client.post("/__admin/inventory/SKU-0001/10001/adjust", json={"delta": -2})
    assert response.get_json()["onHand"] == 1.0


def test_replenish_adds_stock(client: FlaskClient) -> None:
    client.put("/__admin/inventory/SKU-0001/10001", json={"onHand": 3})
    body = {"partNumber": "SKU-0001", "location": "10001", "quantity": 5}
    assert client.post("/__admin/inventory/replenish", json=body).get_json()["onHand"] == 8.0


def test_replenish_without_quantity_receives_the_future_supply(client: FlaskClient) -> None:
    client.put(
        "/__admin/inventory/SKU-0003/10001", json={"onHand": 0, "futureQuantity": 6, "futureDate": "+2d"}
    )
    row = client.post(
        "/__admin/inventory/replenish", json={"partNumber": "SKU-0003", "location": "10001"}
    ).get_json()
    assert (row["onHand"], row["futureQuantity"]) == (6.0, 0.0)


def test_reservations_and_orders_appear_after_bods(client: FlaskClient) -> None:
    client.post(INVENTORY, data=reserve_request("50001", [("SKU-0001", 2)]))
    [reservation] = client.get("/__admin/reservations").get_json()["reservations"]
    assert reservation["orderId"] == "50001"
    client.post(ORDERS, data=transfer_request("50001", [("SKU-0001", 2)]))
    [order] = client.get("/__admin/orders").get_json()["orders"]
    assert order["orderId"] == "50001"
    assert client.get("/__admin/orders/50001").get_json()["state"] == "created"


def test_orders_move_on_through_advance_ship_and_cancel(client: FlaskClient) -> None:
    client.post(ORDERS, data=transfer_request("50003", [("SKU-0001", 1)]))
    advanced = client.post("/__admin/orders/50003/advance", json={}).get_json()
    assert advanced["state"] != "created"
    shipped = client.post("/__admin/orders/50003/ship", json={"carrier": "DHL", "trackingNumber": "T-1"})
    assert shipped.status_code == 200
    assert shipped.get_json()["shipment"]["trackingNumber"] == "T-1"
    refused = client.post("/__admin/orders/50003/cancel", json={})
    assert refused.status_code == 409
    assert error_of(refused)["code"] == "_ERR_ORDER_STATUS_TRANSITION.-1"


def test_an_unknown_order_is_a_json_404(client: FlaskClient) -> None:
    response = client.get("/__admin/orders/nope")
    assert response.status_code == 404
    assert error_of(response)["code"] == "_ERR_ORDER_NOT_FOUND.-1"


def test_order_steps_queue_pushes_that_stay_queued_without_a_commerce_url(client: FlaskClient) -> None:
    client.post(ORDERS, data=transfer_request("50004", [("SKU-0001", 1)]))
    client.post("/__admin/orders/50004/ship", json={})
    body = client.get("/__admin/pushes").get_json()
    assert any(p["bodType"] == "SyncOrder" for p in body["pushes"])
    assert body["counts"]
    drained = client.post("/__admin/pushes/drain", json={})
    assert drained.status_code == 409
    assert error_of(drained)["code"] == "no_commerce_url"


def test_replay_answers_how_many_pushes_went_back_to_pending(client: FlaskClient) -> None:
    assert client.post("/__admin/pushes/replay", json={}).get_json() == {"replayed": 0}


def test_tick_expires_reservations_past_their_hold(client: FlaskClient, manual_clock: ManualClock) -> None:
    client.post(INVENTORY, data=reserve_request("50005", [("SKU-0001", 2)]))
    manual_clock.advance(3600)
    assert client.post("/__admin/tick", json={}).get_json()["expiredReservations"] == 1


def test_reset_restores_the_seed_and_clears_journal_and_faults(client: FlaskClient) -> None:
    seeded = stock(client, "SKU-0001", "10001")["onHand"]
    client.put("/__admin/inventory/SKU-0001/10001", json={"onHand": 0})
    client.post("/__admin/faults", json={"fault": {"type": "drop"}, "match": {"operation": "ProcessOrder"}})
    client.post(INVENTORY, data=reserve_request("50006", [("SKU-0002", 1)]))
    assert client.post("/__admin/reset", json={}).status_code == 200
    assert stock(client, "SKU-0001", "10001")["onHand"] == seeded
    assert client.get("/__admin/requests/count").get_json()["count"] == 0
    assert client.get("/__admin/faults").get_json()["faults"] == []
    assert client.get("/__admin/reservations").get_json()["reservations"] == []


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "code"),
    [
        ("put", "/__admin/inventory/SKU-0001/10001", None, 400, "bad_request"),
        ("put", "/__admin/inventory/SKU-0001/10001", {}, 400, "bad_request"),
        ("put", "/__admin/inventory/SKU-0001/10001", {"onHand": "many"}, 400, "bad_request"),
        ("put", "/__admin/inventory/SKU-0001/10001", {"onHand": 1, "colour": "red"}, 400, "bad_request"),
        ("put", "/__admin/inventory/SKU-0001/10001", {"onHand": -1}, 400, "_ERR_INVALID_QUANTITY.-1"),
        ("put", "/__admin/inventory/SKU-9999/10001", {"onHand": 1}, 404, None),
        ("put", "/__admin/inventory/SKU-0001/99999", {"onHand": 1}, 404, None),
        ("post", "/__admin/inventory/SKU-0001/10001/adjust", {"delta": True}, 400, "bad_request"),
        ("post", "/__admin/inventory/replenish", {"location": "10001"}, 400, "bad_request"),
        (
            "post",
            "/__admin/inventory/replenish",
            {"partNumber": "SKU-0001", "location": "10001", "quantity": -3},
            400,
            "_ERR_INVALID_QUANTITY.-1",
        ),
        ("post", "/__admin/pushes/replay", {"ids": ["a"]}, 400, "bad_request"),
        ("get", "/__admin/orders?limit=-1", None, 400, "bad_request"),
        ("get", "/__admin/orders?state=sideways", None, 400, "_ERR_INVALID_PARAMETER.-1"),
        ("get", "/__admin/nothing-here", None, 404, "not_found"),
        ("delete", "/__admin/reset", None, 405, "method_not_allowed"),
    ],
)
def test_bad_admin_input_is_a_json_error(
    client: FlaskClient, method: str, path: str, body: Any, status: int, code: str | None
) -> None:
    kwargs = {"json": body} if body is not None else {}
    response = getattr(client, method)(path, **kwargs)
    assert response.status_code == status
    error = error_of(response)
    assert error["message"]
    if code is not None:
        assert error["code"] == code


def test_a_body_that_is_not_json_is_a_400(client: FlaskClient) -> None:
    response = client.put(
        "/__admin/inventory/SKU-0001/10001", data=b"{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert error_of(response)["code"] == "bad_request"


def test_an_unexpected_error_is_a_json_500_without_a_trace(client: FlaskClient) -> None:
    client.application.extensions["mock_dom"].dom.service.list_orders = _explode
    response = client.get("/__admin/orders")
    assert response.status_code == 500
    error = error_of(response)
    assert error["code"] == "internal_error"
    assert "Traceback" not in error["message"]
    assert "boom" not in error["message"]


def _explode(*_: Any, **__: Any) -> None:
    raise RuntimeError("boom")
