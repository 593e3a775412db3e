"""Location look-ups used by the GetInventoryAvailability expression variants."""

from __future__ import annotations

import pytest

from mock_dom.domain.errors import UnknownLocation
from mock_dom.domain.locations import Topology


def test_online_store_is_found_by_id_and_by_name(topology: Topology) -> None:
    assert topology.online_store_by_id("10101") == topology.online_store_by_name("AuroraESite")


def test_physical_store_is_found_by_id_and_by_external_identifier(topology: Topology) -> None:
    assert topology.physical_store_by_id("20001") == topology.physical_store_by_external_id("Store-20001")


@pytest.mark.parametrize(
    ("lookup", "value", "reason_code"),
    [
        ("online_store_by_id", "99", "_APP_INVENTORYAVAILABILITY_FAILED_TO_FIND_ONLINE_STORE_BY_ID.-1"),
        (
            "online_store_by_name",
            "Nope",
            "_APP_INVENTORYAVAILABILITY_FAILED_TO_FIND_ONLINE_STORE_BY_NAME_IDENTIFIER.-1",
        ),
        (
            "physical_store_by_id",
            "10001",
            "_APP_INVENTORYAVAILABILITY_FAILED_TO_FIND_PHYSICAL_STORE_BY_ID.-1",
        ),
        (
            "physical_store_by_external_id",
            "Store-9",
            "_APP_INVENTORYAVAILABILITY_FAILED_TO_FIND_PHYSICAL_STORE_BY_EXTERNAL_IDENTIFIER.-1",
        ),
    ],
)
def test_unknown_location_carries_the_documented_message_key(
    topology: Topology, lookup: str, value: str, reason_code: str
) -> None:
    with pytest.raises(UnknownLocation) as caught:
        getattr(topology, lookup)(value)
    assert caught.value.reason_code == reason_code


def test_online_lines_are_sourced_from_the_fulfillment_centers(topology: Topology) -> None:
    assert topology.sourcing_nodes("10101", None) == ("10001", "10002")


def test_pickup_lines_are_sourced_from_the_pickup_store(topology: Topology) -> None:
    assert topology.sourcing_nodes("10101", "20002") == ("20002",)


def test_a_fulfillment_center_reports_through_its_online_store(topology: Topology) -> None:
    assert [loc.location_id for loc in topology.reporting_locations("10002")] == ["10101"]
