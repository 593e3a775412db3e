from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from mock_dom.testing import availability_request, in_process_mock_dom, reserve_request

INVENTORY = "/dom/services/InventoryServices"


@pytest.fixture
def client() -> FlaskClient:
    client = in_process_mock_dom().test_client()
    client.post(INVENTORY, data=availability_request(["SKU-0001"]))
    client.post(INVENTORY, data=reserve_request("50001", [("SKU-0002", 1)]))
    client.post(INVENTORY, data=b"<broken")
    return client


def test_requests_lists_every_exchange_oldest_first(client: FlaskClient) -> None:
    body = client.get("/__admin/requests").get_json()
    assert body["count"] == 3
    assert [r["id"] for r in body["requests"]] == [1, 2, 3]


def test_requests_filter_by_type_part_number_and_validity(client: FlaskClient) -> None:
    def ids(**query: str) -> list[int]:
        return [r["id"] for r in client.get("/__admin/requests", query_string=query).get_json()["requests"]]

    assert ids(bodType="ProcessInventoryRequirement") == [2]
    assert ids(actionCode="ReserveInventory", partNumber="SKU-0002") == [2]
    assert ids(valid="false") == [3]
    assert ids(sinceId="1", valid="true") == [2]
    assert ids(limit="1") == [3]


def test_requests_can_leave_the_bodies_out(client: FlaskClient) -> None:
    [row, *_] = client.get("/__admin/requests", query_string={"bodies": "false"}).get_json()["requests"]
    assert "requestBody" not in row
    assert "responseBody" not in row


def test_count_uses_the_same_filters(client: FlaskClient) -> None:
    query = {"direction": "inbound", "storeId": "10101"}
    assert client.get("/__admin/requests/count", query_string=query).get_json() == {"count": 2}


def test_verify_passes_on_the_exact_count(client: FlaskClient) -> None:
    body = {"criteria": {"bodType": "GetInventoryAvailability"}, "count": 1}
    assert client.post("/__admin/requests/verify", json=body).get_json() == {
        "ok": True,
        "actual": 1,
        "nearMisses": [],
    }


def test_a_failing_verify_explains_itself_with_near_misses(client: FlaskClient) -> None:
    body = {"criteria": {"bodType": "ProcessInventoryRequirement", "partNumber": "SKU-0001"}, "atLeast": 1}
    result = client.post("/__admin/requests/verify", json=body).get_json()
    assert (result["ok"], result["actual"]) == (False, 0)
    nearest = result["nearMisses"][0]
    assert nearest["entry"]["id"] == 2
    assert nearest["differences"] == ["partNumbers are ['SKU-0002'], expected to include 'SKU-0001'"]
    assert "requestBody" not in nearest["entry"]


def test_delete_clears_the_journal(client: FlaskClient) -> None:
    assert client.delete("/__admin/requests").status_code == 204
    assert client.get("/__admin/requests/count").get_json() == {"count": 0}


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "code"),
    [
        ("get", "/__admin/requests", {"query_string": {"colour": "red"}}, "bad_criteria"),
        ("get", "/__admin/requests", {"query_string": {"valid": "maybe"}}, "bad_criteria"),
        ("get", "/__admin/requests", {"query_string": {"limit": "x"}}, "bad_request"),
        ("get", "/__admin/requests/count", {"query_string": {"sinceId": "soon"}}, "bad_criteria"),
        ("post", "/__admin/requests/verify", {"json": {"criteria": [], "count": 1}}, "bad_criteria"),
        ("post", "/__admin/requests/verify", {"json": {"count": -1}}, "bad_request"),
        ("post", "/__admin/requests/verify", {"json": {"count": 1, "extra": 1}}, "bad_request"),
        (
            "post",
            "/__admin/requests/verify",
            {"data": b"[1]", "content_type": "application/json"},
            "bad_request",
        ),
        ("post", "/__admin/faults", {"json": {"fault": {"type": "explode"}}}, "bad_fault_rule"),
        ("post", "/__admin/faults", {}, "bad_request"),
        ("delete", "/__admin/faults/f-404", {}, "fault_not_found"),
    ],
)
def test_bad_journal_and_fault_input_is_a_json_4xx(
    client: FlaskClient, method: str, path: str, kwargs: dict, code: str
) -> None:
    response = getattr(client, method)(path, **kwargs)
    assert 400 <= response.status_code < 500
    assert response.get_json()["error"]["code"] == code


def test_fault_rules_can_be_added_listed_and_removed(client: FlaskClient) -> None:
    created = client.post(
        "/__admin/faults", json={"match": {"operation": "ProcessOrder"}, "fault": {"type": "drop"}}
    )
    assert created.status_code == 201
    rule_id = created.get_json()["id"]
    [listed] = client.get("/__admin/faults").get_json()["faults"]
    assert (listed["id"], listed["active"], listed["matched"]) == (rule_id, True, 0)
    assert client.delete(f"/__admin/faults/{rule_id}").status_code == 204
    assert client.get("/__admin/faults").get_json()["faults"] == []


def test_delete_all_fault_rules(client: FlaskClient) -> None:
    client.post("/__admin/faults", json={"fault": {"type": "drop"}})
    client.post("/__admin/faults", json={"fault": {"type": "malformed"}})
    assert client.delete("/__admin/faults").status_code == 204
    assert client.get("/__admin/faults").get_json()["faults"] == []
