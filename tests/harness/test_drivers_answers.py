"""Drivers turn HTTP answers into plain values (checked against a stub transport, no server)."""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
import pytest

from harness.drivers import CommerceDriver, DomDriver, DriverError

Handler = Callable[[httpx.Request], httpx.Response]


def client(handler: Handler) -> httpx.Client:
    return httpx.Client(base_url="http://shop.test", transport=httpx.MockTransport(handler))


def test_availability_records_are_decoded_with_numbers_from_strings() -> None:
    body = {
        "InventoryAvailability": [
            {
                "productId": "12001",
                "onlineStoreId": "10101",
                "inventoryStatus": "Available",
                "availableQuantity": "120.0",
                "unitOfMeasure": "C62",
            },
            {
                "productId": "12001",
                "physicalStoreId": "20001",
                "inventoryStatus": "Unavailable",
                "availableQuantity": "0.0",
                "unitOfMeasure": "C62",
            },
        ],
        "resourceName": "inventoryavailability",
    }
    shop = CommerceDriver(client(lambda request: httpx.Response(200, json=body)))
    answer = shop.availability(["12001"], physical_store_ids=["20001"])
    assert answer.record("12001").quantity == 120.0
    assert answer.record("12001", "20001").status == "Unavailable"


def test_a_missing_record_is_a_driver_error() -> None:
    shop = CommerceDriver(client(lambda request: httpx.Response(200, json={"InventoryAvailability": []})))
    with pytest.raises(DriverError):
        shop.availability(["12001"]).record("12001")


def test_wcs_error_bodies_give_their_error_key() -> None:
    error = {"errors": [{"errorKey": "_ERR_PROD_NOT_ORDERABLE", "errorMessage": "not orderable"}]}
    shop = CommerceDriver(client(lambda request: httpx.Response(400, json=error)))
    answer = shop.add_to_cart("12050", 1)
    assert (answer.ok, answer.error_key) == (False, "_ERR_PROD_NOT_ORDERABLE")


def test_cart_calls_carry_the_guest_tokens_and_remember_the_cart() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path.endswith("/guestidentity"):
            return httpx.Response(201, json={"userId": "-1002", "WCToken": "t1", "WCTrustedToken": "t2"})
        return httpx.Response(201, json={"orderId": "5001", "orderItem": [{"orderItemId": "7001"}]})

    shop = CommerceDriver(client(handler))
    shop.guest_identity()
    shop.add_to_cart("12001", 1)
    shop.checkout()
    assert seen[1].headers["WCToken"] == "t1"
    assert json.loads(seen[2].content) == {"orderId": "5001"}


def test_a_given_client_is_left_open_by_close() -> None:
    given = client(lambda request: httpx.Response(200, json={}))
    CommerceDriver(given).close()
    assert not given.is_closed


def test_admin_refusals_raise_with_the_admin_error_code() -> None:
    refusal = {"error": {"code": "unknown_order", "message": "no such order"}}
    dom = DomDriver(client(lambda request: httpx.Response(404, json=refusal)))
    with pytest.raises(DriverError, match="unknown_order"):
        dom.order("nope")


def test_dom_without_admin_api_is_recognised() -> None:
    dom = DomDriver(client(lambda request: httpx.Response(404, text="Not Found")))
    assert dom.has_admin() is False


def test_journal_filters_travel_as_query_parameters() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"count": 2})

    assert DomDriver(client(handler)).count(bodType="GetInventoryAvailability", valid=True) == 2
    assert dict(seen[0].url.params) == {"bodType": "GetInventoryAvailability", "valid": "true"}


def test_bod_answers_are_decoded_by_the_codec_and_unpack_as_status_and_document() -> None:
    from bods import codec
    from bods.messages import ApplicationArea, ConfirmBOD, Envelope

    confirm = ConfirmBOD(
        ApplicationArea(creation_datetime="2024-01-01T00:00:00.000Z", bodid="b1"), original=None
    )
    reply = codec.render(confirm, envelope=Envelope(soap=True))
    shop = CommerceDriver(client(lambda request: httpx.Response(200, content=reply)))
    status, document = shop.post_bod("InventoryServices", b"<anything/>")
    assert status == 200
    assert document.type_name == "ConfirmBOD"


def test_an_answer_that_is_not_a_bod_is_kept_as_the_error() -> None:
    shop = CommerceDriver(client(lambda request: httpx.Response(500, text="Internal Server Error")))
    exchange = shop.post_bod("InventoryServices", b"<anything/>")
    assert exchange.document is None
    assert exchange.error is not None
    assert not exchange.succeeded
