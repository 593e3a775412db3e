"""The drivers against the real servers: every intent lands on the endpoint it names and answers plainly."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from features.support import documents
from harness.drivers import INVENTORY_SERVICES, CommerceDriver, DomDriver, DriverError
from harness.run import Pair, running_pair


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pair]:
    with running_pair(tmp_path_factory.mktemp("drivers")) as running:
        yield running


@pytest.fixture
def shop(pair: Pair) -> Iterator[CommerceDriver]:
    with CommerceDriver(pair.commerce_url) as driver:
        yield driver


@pytest.fixture
def dom(pair: Pair) -> Iterator[DomDriver]:
    with DomDriver(pair.dom_url) as driver:
        driver.reset()
        yield driver


def test_availability_by_id_and_by_part_number_name_the_same_item(shop: CommerceDriver) -> None:
    by_id = shop.availability(["12121"]).expect_ok().record("12121")
    by_part = shop.availability_by_part_number(["SKU-0121"]).expect_ok().records[0]
    assert by_part.product_id == by_id.product_id == "12121"


def test_a_guest_shops_through_to_a_placed_order(shop: CommerceDriver) -> None:
    shop.guest_identity(email=f"{uuid.uuid4().hex}@example.test")
    assert shop.add_to_cart("12122", 1).status == 201
    assert shop.precheckout().expect_ok().get("orderId") == shop.order_id
    assert shop.add_payment("COD").status == 201
    assert shop.checkout().status == 201
    assert shop.order().expect_ok().get("orderStatus") != "P"
    assert [o["orderId"] for o in shop.order_history().expect_ok().get("Order")] == [shop.order_id]


def test_the_order_confirmation_shows_in_the_mail_box(shop: CommerceDriver) -> None:
    shop.guest_identity()
    shop.add_to_cart("12123", 1)
    shop.precheckout()
    shop.add_payment("COD")
    shop.checkout().expect_ok()
    assert "OrderConfirmation" in {m["kind"] for m in shop.mail(order_id=shop.order_id)}


def test_cart_calls_without_a_shopper_are_refused(shop: CommerceDriver) -> None:
    assert shop.add_to_cart("12124", 1).status == 401


def test_a_bod_to_the_commerce_server_is_answered_with_a_decoded_confirm_bod(shop: CommerceDriver) -> None:
    status, answer = shop.post_bod(
        INVENTORY_SERVICES, documents.cache_update("SKU-0125", 5, fulfillment_center=10001)
    )
    assert status == 200
    assert answer.type_name == "ConfirmBOD"


def test_the_commerce_journal_shows_a_bod_received_and_one_sent_to_dom(shop: CommerceDriver) -> None:
    since = shop.last_request_id()
    shop.post_bod(INVENTORY_SERVICES, documents.cache_update("SKU-0128", 5, fulfillment_center=10001))
    shop.availability(["12129"]).expect_ok()
    received = shop.requests(sinceId=since, direction="inbound")
    sent = shop.requests(sinceId=since, direction="outbound")
    assert [e["bodType"] for e in received] == ["SyncProductAvailability"]
    assert [(e["bodType"], e["partNumbers"]) for e in sent] == [("GetInventoryAvailability", ["SKU-0129"])]
    assert shop.verify(count=1, sinceId=since, bodType="GetInventoryAvailability")["ok"]


def test_a_bod_to_the_dom_is_answered_and_journaled(dom: DomDriver) -> None:
    exchange = dom.post_bod(INVENTORY_SERVICES, documents.availability_request(["SKU-0126"]))
    assert exchange.type_name == "ShowInventoryAvailability"
    assert dom.count(bodType="GetInventoryAvailability", partNumber="SKU-0126") == 1
    assert dom.verify(count=1, bodType="GetInventoryAvailability")["ok"]


def test_stock_set_through_the_admin_api_reads_back(dom: DomDriver) -> None:
    dom.set_inventory("SKU-0127", "10001", 4)
    assert dom.stock("SKU-0127", "10001")["onHand"] == 4.0


def test_fault_rules_are_added_listed_and_cleared(dom: DomDriver) -> None:
    dom.add_fault(match={"operation": "ProcessOrder"}, fault={"type": "httpStatus", "status": 503})
    assert len(dom.faults()) == 1
    dom.clear_faults()
    assert dom.faults() == []


def test_reset_brings_back_the_seed_and_empties_the_journal(dom: DomDriver) -> None:
    dom.set_inventory("SKU-0128", "10001", 0)
    dom.post_bod(INVENTORY_SERVICES, documents.availability_request(["SKU-0128"]))
    dom.reset()
    assert dom.stock("SKU-0128", "10001")["onHand"] > 0
    assert dom.requests() == []


def test_an_unknown_order_is_a_driver_error_and_find_order_says_none(dom: DomDriver) -> None:
    with pytest.raises(DriverError):
        dom.order("424242")
    assert dom.find_order("424242") is None
