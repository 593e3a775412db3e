"""Every fault kind through the Flask app (test client, fake sleep); socket-level faults are in
test_faults_sockets.py."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from lxml import etree

from bods import codec
from bods.errors import BodError, BodInvalid
from bods.messages import AcknowledgeInventoryRequirement, ApplicationArea, ConfirmBOD, Family
from mock_dom.clock import ManualClock
from mock_dom.testing import availability_request, in_process_mock_dom, reserve_request, transfer_request

INVENTORY = "/dom/services/InventoryServices"
ORDERS = "/dom/services/OrderServices"
RESERVE_RULE = {"match": {"operation": "ProcessInventoryRequirement", "action": "ReserveInventory"}}


class FakeSleep:
    def __init__(self) -> None:
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


class CommerceStub:
    """Answers every push with a success ConfirmBOD and remembers what it got."""

    def __init__(self) -> None:
        self.received: list[tuple[str, bytes]] = []

    def post(self, path: str, body: bytes, headers: Mapping[str, str]) -> tuple[int, bytes]:
        self.received.append((path, body))
        return 200, codec.render(
            ConfirmBOD(ApplicationArea("2024-05-01T10:00:00.000Z", "c-1"), None, None, Family.DOM)
        )


@pytest.fixture
def sleep() -> FakeSleep:
    return FakeSleep()


@pytest.fixture
def manual_clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def app(sleep: FakeSleep, manual_clock: ManualClock) -> Flask:
    return in_process_mock_dom(sleep=sleep, clock=manual_clock, timeout_fault_cap=2.0, fault_seed=3)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def add_fault(client: FlaskClient, rule: dict[str, Any]) -> dict[str, Any]:
    response = client.post("/__admin/faults", json=rule)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def reserve(client: FlaskClient, order_id: str = "50001", **kwargs: Any) -> Any:
    return client.post(INVENTORY, data=reserve_request(order_id, [("SKU-0001", 2)], **kwargs))


def reservations(client: FlaskClient) -> list[dict[str, Any]]:
    return client.get("/__admin/reservations").get_json()["reservations"]


def last_entry(client: FlaskClient) -> dict[str, Any]:
    return client.get("/__admin/requests").get_json()["requests"][-1]


def test_latency_waits_then_answers_normally(client: FlaskClient, sleep: FakeSleep) -> None:
    add_fault(client, {**RESERVE_RULE, "fault": {"type": "latency", "seconds": 0.25}})
    response = reserve(client)
    assert response.status_code == 200
    assert sleep.calls == [0.25]
    assert last_entry(client)["fault"] == "latency 0.250s (rule f-1)"


def test_latency_only_hits_matching_requests(client: FlaskClient, sleep: FakeSleep) -> None:
    add_fault(client, {**RESERVE_RULE, "fault": {"type": "latency", "seconds": 0.25}})
    client.post(INVENTORY, data=availability_request())
    assert sleep.calls == []
    assert last_entry(client)["fault"] is None


def test_log_normal_latency_repeats_exactly_for_the_same_fault_seed() -> None:
    def run() -> list[float]:
        sleep = FakeSleep()
        client = in_process_mock_dom(sleep=sleep, fault_seed=11).test_client()
        add_fault(client, {"fault": {"type": "latency", "median": 0.05, "p99": 0.5}})
        for _ in range(5):
            client.post(INVENTORY, data=availability_request())
        return sleep.calls

    first = run()
    assert first == run()
    assert len(set(first)) == 5


def test_error_answers_the_documented_error_form_and_reserves_nothing(client: FlaskClient) -> None:
    rule = {"type": "error", "reasonCode": "_ERR_DOM_BUSY.-1", "reason": "DOM is restarting"}
    add_fault(client, {**RESERVE_RULE, "fault": rule})
    response = reserve(client)
    assert response.status_code == 200
    answer = codec.parse(response.data).bod
    assert isinstance(answer, AcknowledgeInventoryRequirement)
    assert answer.change_status is not None
    assert (answer.change_status.reason_code, answer.change_status.reason) == (
        "_ERR_DOM_BUSY.-1",
        "DOM is restarting",
    )
    assert answer.original is not None
    assert reservations(client) == []


def test_error_comes_back_in_soap_when_the_request_was_soap(client: FlaskClient) -> None:
    add_fault(client, {**RESERVE_RULE, "fault": {"type": "error"}})
    response = reserve(client, soap=True)
    assert codec.parse(response.data).envelope.soap


def test_error_for_an_unreadable_request_is_a_confirm_bod(client: FlaskClient) -> None:
    add_fault(client, {"fault": {"type": "error"}})
    answer = codec.parse(client.post(INVENTORY, data=b"<broken").data).bod
    assert isinstance(answer, ConfirmBOD)
    assert answer.change_status is not None


def test_soap_fault_is_a_500_with_the_rules_fault_code(client: FlaskClient) -> None:
    add_fault(
        client, {**RESERVE_RULE, "fault": {"type": "soapFault", "faultCode": "soapenv:Server", "reason": "x"}}
    )
    response = reserve(client)
    assert response.status_code == 500
    assert b"Fault" in response.data
    assert b"soapenv:Server" in response.data
    assert reservations(client) == []


def test_http_status_answers_that_status(client: FlaskClient) -> None:
    add_fault(client, {**RESERVE_RULE, "fault": {"type": "httpStatus", "status": 503}})
    response = reserve(client)
    assert (response.status_code, response.data) == (503, b"Service Unavailable")
    assert last_entry(client)["status"] == 503


def test_http_status_can_carry_a_body(client: FlaskClient) -> None:
    add_fault(client, {"fault": {"type": "httpStatus", "status": 502, "body": "bad gateway from proxy"}})
    assert reserve(client).data == b"bad gateway from proxy"


def test_http_status_after_processing_keeps_the_work_done(client: FlaskClient) -> None:
    add_fault(
        client, {**RESERVE_RULE, "fault": {"type": "httpStatus", "status": 504, "afterProcessing": True}}
    )
    assert reserve(client).status_code == 504
    assert len(reservations(client)) == 1


def test_drop_without_a_socket_is_marked_and_changes_nothing(client: FlaskClient) -> None:
    add_fault(client, {**RESERVE_RULE, "fault": {"type": "drop"}})
    response = reserve(client)
    assert response.headers["X-Mock-Dom-Fault"] == "drop"
    entry = last_entry(client)
    assert entry["status"] is None
    assert entry["outcome"].startswith("dropped")
    assert reservations(client) == []


def test_drop_after_processing_reserves_then_loses_the_answer(client: FlaskClient) -> None:
    add_fault(client, {**RESERVE_RULE, "fault": {"type": "drop", "afterProcessing": True}})
    reserve(client)
    assert len(reservations(client)) == 1


def test_timeout_holds_the_request_up_to_the_cap(client: FlaskClient, sleep: FakeSleep) -> None:
    add_fault(client, {**RESERVE_RULE, "fault": {"type": "timeout", "seconds": 30}})
    reserve(client)
    assert sleep.calls == [2.0]
    assert last_entry(client)["outcome"].startswith("timed out")


def test_malformed_garbles_the_real_answer(client: FlaskClient) -> None:
    add_fault(client, {**RESERVE_RULE, "fault": {"type": "malformed"}})
    response = reserve(client)
    with pytest.raises(BodError):
        codec.parse(response.data)
    with pytest.raises(etree.XMLSyntaxError):
        etree.fromstring(response.data)
    assert len(reservations(client)) == 1
    assert last_entry(client)["outcome"] == "garbled"


def test_invalid_answers_well_formed_but_schema_invalid_xml(client: FlaskClient) -> None:
    add_fault(client, {**RESERVE_RULE, "fault": {"type": "invalid"}})
    response = reserve(client, soap=True)
    etree.fromstring(response.data)
    with pytest.raises(BodInvalid):
        codec.parse(response.data)


def test_the_nth_matching_request_is_faulted(client: FlaskClient) -> None:
    add_fault(
        client,
        {
            "match": {"operation": "ProcessInventoryRequirement", "nth": 2},
            "fault": {"type": "httpStatus", "status": 500},
        },
    )
    client.post(INVENTORY, data=availability_request())
    statuses = [reserve(client, f"5000{n}").status_code for n in range(1, 4)]
    assert statuses == [200, 500, 200]


def test_every_nth_request_is_faulted(client: FlaskClient) -> None:
    add_fault(client, {"match": {"every": 2}, "fault": {"type": "httpStatus", "status": 500}})
    statuses = [client.post(INVENTORY, data=availability_request()).status_code for _ in range(4)]
    assert statuses == [200, 500, 200, 500]


def test_times_limits_a_rule(client: FlaskClient) -> None:
    add_fault(client, {"fault": {"type": "httpStatus", "status": 503}, "times": 2})
    statuses = [client.post(INVENTORY, data=availability_request()).status_code for _ in range(3)]
    assert statuses == [503, 503, 200]
    [rule] = client.get("/__admin/faults").get_json()["faults"]
    assert (rule["applied"], rule["active"]) == (2, False)


def test_a_window_follows_the_doms_clock(client: FlaskClient, manual_clock: ManualClock) -> None:
    add_fault(client, {"fault": {"type": "httpStatus", "status": 503}, "forSeconds": 60})
    assert client.post(INVENTORY, data=availability_request()).status_code == 503
    manual_clock.advance(61)
    assert client.post(INVENTORY, data=availability_request()).status_code == 200


def test_rules_match_on_part_number_and_store(client: FlaskClient) -> None:
    add_fault(
        client, {"match": {"partNumber": "SKU-0002", "store": "10101"}, "fault": {"type": "httpStatus"}}
    )
    assert client.post(INVENTORY, data=availability_request(["SKU-0001"])).status_code == 200
    assert client.post(INVENTORY, data=availability_request(["SKU-0002"])).status_code == 503


def test_a_rule_given_a_part_number_matches_requests_naming_the_catalog_entry(client: FlaskClient) -> None:
    add_fault(client, {"match": {"partNumber": "SKU-0001"}, "fault": {"type": "httpStatus"}})
    body = availability_request(catalog_entry_ids=["12001"])
    assert client.post(INVENTORY, data=body).status_code == 503


def test_every_applied_fault_is_in_the_journal(client: FlaskClient) -> None:
    add_fault(client, {"fault": {"type": "latency", "seconds": 0.1}})
    add_fault(client, {**RESERVE_RULE, "fault": {"type": "httpStatus", "status": 500}})
    reserve(client)
    entry = last_entry(client)
    assert entry["fault"] == "latency 0.100s (rule f-1); httpStatus 500 (rule f-2)"
    assert entry["bodType"] == "ProcessInventoryRequirement"
    faulted = client.get("/__admin/requests", query_string={"fault": "true"}).get_json()["count"]
    assert faulted == 1


# --- pushes ----------------------------------------------------------------------------------------------


@pytest.fixture
def commerce(app: Flask) -> CommerceStub:
    stub = CommerceStub()
    app.extensions["mock_dom"].dom.outbox.transport = stub
    return stub


def ship_an_order(client: FlaskClient, order_id: str = "60001") -> None:
    client.post(ORDERS, data=transfer_request(order_id, [("SKU-0001", 1)]))
    assert client.post(f"/__admin/orders/{order_id}/ship", json={}).status_code == 200


def outbound(client: FlaskClient) -> list[dict[str, Any]]:
    return client.get("/__admin/requests", query_string={"direction": "outbound"}).get_json()["requests"]


def test_pushes_are_journalled_as_outbound(client: FlaskClient, commerce: CommerceStub) -> None:
    ship_an_order(client)
    client.post("/__admin/pushes/drain", json={})
    sync_orders = [e for e in outbound(client) if e["bodType"] == "SyncOrder"]
    assert sync_orders
    assert sync_orders[0]["outcome"] == "sent"
    assert sync_orders[0]["service"] == "OrderServices"


def test_a_duplicate_rule_sends_a_push_twice(client: FlaskClient, commerce: CommerceStub) -> None:
    add_fault(client, {"on": "pushes", "match": {"operation": "SyncOrder"}, "fault": {"type": "duplicate"}})
    ship_an_order(client)
    client.post("/__admin/pushes/drain", json={})
    sync_orders = [body for path, body in commerce.received if path.endswith("OrderServices")]
    assert len(sync_orders) == 2
    assert sync_orders[0] == sync_orders[1]


def test_a_dropped_push_never_reaches_commerce(client: FlaskClient, commerce: CommerceStub) -> None:
    add_fault(
        client, {"on": "pushes", "match": {"operation": "SyncOrder"}, "fault": {"type": "drop"}, "times": 1}
    )
    ship_an_order(client)
    client.post("/__admin/pushes/drain", json={})
    assert not [p for p, _ in commerce.received if p.endswith("OrderServices")]
    assert [e["outcome"] for e in outbound(client) if e["bodType"] == "SyncOrder"] == ["dropped"]


def test_a_delayed_push_waits(client: FlaskClient, commerce: CommerceStub, manual_clock: ManualClock) -> None:
    rule = {
        "on": "pushes",
        "match": {"operation": "SyncOrder"},
        "fault": {"type": "delay", "seconds": 30},
        "times": 1,
    }
    add_fault(client, rule)
    ship_an_order(client)
    client.post("/__admin/pushes/drain", json={})
    assert not [p for p, _ in commerce.received if p.endswith("OrderServices")]
    manual_clock.advance(31)
    client.post("/__admin/pushes/drain", json={})
    assert [p for p, _ in commerce.received if p.endswith("OrderServices")]
