"""The availability flow against a running mock DOM (flow text, availability steps 2-3): a miss goes out as
GetInventoryAvailability over HTTP (visible in DOM's journal), a hit does not, and a DOM that fails leaves
the stale cached value in service."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from harness.commerce.config import CommerceConfig, DomClientSettings
from harness.commerce.web.app import create_app
from mock_dom.testing import MockDomServer, running_mock_dom

URL = "/wcs/resources/store/10101/inventoryavailability"


@pytest.fixture(scope="module")
def dom_server() -> Iterator[MockDomServer]:
    with running_mock_dom() as server:
        yield server


@pytest.fixture
def dom(dom_server: MockDomServer) -> MockDomServer:
    dom_server.admin.reset()
    return dom_server


@pytest.fixture
def commerce(dom: MockDomServer, clock):
    config = CommerceConfig(
        db_url="sqlite://", dom_url=dom.url, dom=DomClientSettings(retries=0, read_timeout=5)
    )
    app = create_app(config, clock=clock)
    yield app.test_client()
    app.extensions["commerce"].close()


def availability(commerce, query: str) -> list[dict[str, str]]:
    response = commerce.get(f"{URL}/{query}")
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()["InventoryAvailability"]


def test_a_miss_sends_get_inventory_availability_to_dom(dom, commerce) -> None:
    dom.admin.set_inventory("SKU-0001", "10001", 7)
    dom.admin.set_inventory("SKU-0001", "10002", 0)
    dom.admin.set_inventory("SKU-0001", "20002", 3)
    online, pickup = availability(commerce, "12001?physicalStoreId=20002")
    assert (online["availableQuantity"], online["inventoryStatus"]) == ("7.0", "Available")
    assert (pickup["availableQuantity"], pickup["physicalStoreId"]) == ("3.0", "20002")
    [request] = dom.admin.requests(bodType="GetInventoryAvailability")
    assert request["partNumbers"] == ["SKU-0001"]
    assert request["valid"] is True


def test_a_hit_does_not_go_to_dom(dom, commerce) -> None:
    availability(commerce, "12002")
    availability(commerce, "12002")
    assert dom.admin.count(bodType="GetInventoryAvailability") == 1


def test_backorderable_items_show_when_they_become_available(commerce) -> None:
    [online] = availability(commerce, "byPartNumber/SKU-0025")
    assert online["inventoryStatus"] == "Backorderable"
    assert online["availabilityDateTime"].endswith("Z")


def test_dom_answering_503_leaves_the_stale_value_in_service(dom, commerce, clock, caplog) -> None:
    first = availability(commerce, "12003")
    clock.advance(3600)
    dom.admin.faults.add(
        {"match": {"operation": "GetInventoryAvailability"}, "fault": {"type": "httpStatus"}}
    )
    with caplog.at_level(logging.WARNING):
        again = availability(commerce, "12003")
    assert again == first
    assert "serving the stale cached availability" in caplog.text
    assert dom.admin.count(bodType="GetInventoryAvailability") == 2


def test_dom_refusing_with_an_error_bod_leaves_the_stale_value_in_service(dom, commerce, clock) -> None:
    first = availability(commerce, "12004")
    clock.advance(3600)
    dom.admin.faults.add(
        {
            "match": {"operation": "GetInventoryAvailability"},
            "fault": {"type": "error", "reasonCode": "_ERR_INVENTORY_DOWN.-1", "reason": "restarting"},
        }
    )
    assert availability(commerce, "12004") == first


def test_dom_failing_with_nothing_cached_is_a_json_error(dom, commerce) -> None:
    dom.admin.faults.add({"match": {"operation": "GetInventoryAvailability"}, "fault": {"type": "drop"}})
    response = commerce.get(f"{URL}/12005")
    assert response.status_code == 503
    assert response.get_json()["errors"][0]["errorKey"] == "_ERR_DOM_UNAVAILABLE"
