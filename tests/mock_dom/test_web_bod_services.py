from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from bods import codec
from bods.messages import AcknowledgeInventoryRequirement, ConfirmBOD, ShowInventoryAvailability
from mock_dom.testing import availability_request, in_process_mock_dom, reserve_request, transfer_request

INVENTORY = "/dom/services/InventoryServices"
ORDERS = "/dom/services/OrderServices"

HOSTILE = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<lolz>&lol2;</lolz>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><x>&xxe;</x>"""


@pytest.fixture
def client() -> FlaskClient:
    return in_process_mock_dom(max_body_bytes=50_000).test_client()


def journal(client: FlaskClient, **query: str) -> list[dict]:
    return client.get("/__admin/requests", query_string=query).get_json()["requests"]


def test_availability_is_answered_with_show_inventory_availability(client: FlaskClient) -> None:
    response = client.post(INVENTORY, data=availability_request(["SKU-0001"]))
    assert response.status_code == 200
    answer = codec.parse(response.data).bod
    assert isinstance(answer, ShowInventoryAvailability)
    assert [r.part_number for r in answer.records] == ["SKU-0001"]


def test_soap_in_gets_soap_out(client: FlaskClient) -> None:
    response = client.post(INVENTORY, data=availability_request(soap=True), content_type="text/xml")
    assert response.content_type.startswith("text/xml")
    assert codec.parse(response.data).envelope.soap


def test_bare_in_gets_bare_out(client: FlaskClient) -> None:
    response = client.post(INVENTORY, data=availability_request(soap=False))
    assert not codec.parse(response.data).envelope.soap


def test_a_reservation_is_acknowledged_and_journalled(client: FlaskClient) -> None:
    response = client.post(INVENTORY, data=reserve_request("50001", [("SKU-0001", 2)]))
    assert isinstance(codec.parse(response.data).bod, AcknowledgeInventoryRequirement)
    [entry] = journal(client)
    assert entry["bodType"] == "ProcessInventoryRequirement"
    assert entry["actionCode"] == "ReserveInventory"
    assert entry["partNumbers"] == ["SKU-0001"]
    assert entry["storeId"] == "10101"
    assert entry["status"] == 200
    assert entry["valid"] is True
    assert entry["direction"] == "inbound"
    assert "ReserveInventory" in entry["requestBody"]
    assert "AcknowledgeInventoryRequirement" in entry["responseBody"]


def test_an_order_transfer_goes_to_order_services(client: FlaskClient) -> None:
    response = client.post(ORDERS, data=transfer_request("50002", [("SKU-0002", 1)]))
    assert response.status_code == 200
    assert client.get("/__admin/orders/50002").status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"not xml at all",
        b"<unclosed",
        HOSTILE,
        EXTERNAL_ENTITY,
        "<é/>".encode("latin-1"),
        b"\x00\xff" * 64,
    ],
    ids=["empty", "text", "unclosed", "billion-laughs", "external-entity", "latin1", "binary"],
)
def test_bad_bodies_get_a_confirm_bod_error_and_change_nothing(client: FlaskClient, body: bytes) -> None:
    before = client.get("/__admin/inventory", query_string={"partNumber": "SKU-0001"}).get_json()
    response = client.post(INVENTORY, data=body)
    assert response.status_code == 400
    answer = codec.parse(response.data).bod
    assert isinstance(answer, ConfirmBOD)
    assert answer.change_status is not None
    assert answer.change_status.reason_code.startswith("_ERR_")
    assert b"Traceback" not in response.data
    assert client.get("/__admin/inventory", query_string={"partNumber": "SKU-0001"}).get_json() == before


def test_hostile_entities_are_not_expanded(client: FlaskClient) -> None:
    response = client.post(INVENTORY, data=EXTERNAL_ENTITY)
    assert b"root:" not in response.data
    assert b"FORBIDDEN" in response.data


def test_the_server_keeps_answering_after_bad_input(client: FlaskClient) -> None:
    for body in (HOSTILE, b"<unclosed", b"\x00" * 100):
        client.post(INVENTORY, data=body)
    assert client.post(INVENTORY, data=availability_request()).status_code == 200


def test_bad_input_is_journalled_as_invalid(client: FlaskClient) -> None:
    client.post(INVENTORY, data=b"<unclosed")
    [entry] = journal(client, valid="false")
    assert entry["status"] == 400
    assert entry["errors"][0].startswith("_ERR_BOD_MALFORMED.-1")


def test_an_oversized_body_is_refused_with_413(client: FlaskClient) -> None:
    response = client.post(INVENTORY, data=b"<a>" + b" " * 60_000 + b"</a>")
    assert response.status_code == 413
    assert isinstance(codec.parse(response.data).bod, ConfirmBOD)
    assert response.headers["Connection"] == "close"


def test_no_more_than_the_size_cap_of_a_body_is_read(client: FlaskClient) -> None:
    client.post(INVENTORY, data=b"x" * 120_000)
    [entry] = journal(client)
    assert len(entry["requestBody"]) == 50_001


def test_an_unknown_service_is_a_bod_error_404(client: FlaskClient) -> None:
    response = client.post("/dom/services/PaymentServices", data=availability_request())
    assert response.status_code == 404
    assert isinstance(codec.parse(response.data).bod, ConfirmBOD)


def test_a_bod_sent_to_the_wrong_service_is_refused(client: FlaskClient) -> None:
    response = client.post(ORDERS, data=availability_request())
    assert response.status_code == 400


def test_get_on_a_bod_service_is_a_json_405(client: FlaskClient) -> None:
    response = client.get(INVENTORY)
    assert response.status_code == 405
    assert response.get_json()["error"]["code"] == "method_not_allowed"


def test_the_benchmark_constant_is_a_fixed_xml_body_left_out_of_the_index(client: FlaskClient) -> None:
    first, second = client.get("/__admin/bench/constant"), client.get("/__admin/bench/constant")
    assert first.status_code == 200
    assert first.data == second.data
    assert 1_400 <= len(first.data) <= 2_000
    assert "bench" not in str(client.get("/").get_json())
    posted = client.post("/__admin/bench/constant", data=b"<any>body</any>", content_type="text/xml")
    assert (posted.status_code, posted.data) == (200, first.data)
