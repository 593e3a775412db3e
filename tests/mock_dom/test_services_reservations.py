"""ProcessInventoryRequirement through the service: check, reserve, cancel, decrement, expiry."""

from __future__ import annotations

import pytest
from dom_support import requirement

from bods.messages import RequirementAction
from mock_dom.domain.errors import InvalidQuantity, UnknownItem, UnknownLocation

CHECK, RESERVE = RequirementAction.CHECK, RequirementAction.RESERVE
CANCEL, DECREMENT = RequirementAction.CANCEL_RESERVATION, RequirementAction.DECREMENT_CACHE


def reserved(service, part: str = "SKU-0001") -> dict[str, float]:
    return {row["location_id"]: row["reserved"] for row in service.list_inventory(part)}


def test_a_full_reservation_is_allocated_and_holds_the_stock(service) -> None:
    request = requirement(RESERVE, ("70001", "12001", 6))
    ack = service.process_inventory_requirement(request)
    (item,) = ack.requirement.items
    assert (item.inventory_status, item.available_quantity, item.part_number) == (
        "Allocated",
        6.0,
        "SKU-0001",
    )
    assert reserved(service)["10001"] + reserved(service)["10002"] == 6
    assert ack.requirement.reservation_id == "WC_50001"
    assert ack.original == request.application_area


def test_a_partial_reservation_holds_what_there_is_and_says_unavailable(service) -> None:
    ack = service.process_inventory_requirement(requirement(RESERVE, ("70001", "12001", 10)))
    (item,) = ack.requirement.items
    assert (item.inventory_status, item.available_quantity) == ("Unavailable", 8.0)


def test_an_out_of_stock_line_is_unavailable_and_holds_nothing(service) -> None:
    ack = service.process_inventory_requirement(requirement(RESERVE, ("70001", "12050", 1)))
    assert (ack.requirement.items[0].inventory_status, ack.requirement.items[0].available_quantity) == (
        "Unavailable",
        0.0,
    )


def test_a_line_covered_by_future_supply_is_backordered_with_its_date(service) -> None:
    ack = service.process_inventory_requirement(requirement(RESERVE, ("70001", "12025", 3)))
    item = ack.requirement.items[0]
    assert (item.inventory_status, item.availability_datetime) == ("Backordered", "2024-05-08T10:00:00.000Z")


def test_lines_are_answered_one_by_one(service) -> None:
    ack = service.process_inventory_requirement(
        requirement(
            RESERVE, ("1", "12001", 1), ("2", "12025", 1), ("3", "12050", 1), ("4", "12001", 2, "20001")
        )
    )
    assert [i.inventory_status for i in ack.requirement.items] == [
        "Allocated",
        "Backordered",
        "Unavailable",
        "Allocated",
    ]
    assert reserved(service)["20001"] == 2


def test_reserving_the_same_order_again_replaces_the_earlier_hold(service) -> None:
    service.process_inventory_requirement(requirement(RESERVE, ("70001", "12001", 4)))
    service.process_inventory_requirement(requirement(RESERVE, ("70001", "12001", 2)))
    assert sum(reserved(service).values()) == 2
    assert len(service.list_reservations()) == 1


def test_a_reservation_expires_after_the_hold_time(service, clock) -> None:
    service.process_inventory_requirement(requirement(RESERVE, ("70001", "12001", 4)))
    clock.advance(899)
    assert service.tick().expired_reservations == 0
    clock.advance(1)
    assert service.tick().expired_reservations == 1
    assert sum(reserved(service).values()) == 0
    assert service.list_reservations()[0]["state"] == "expired"


def test_cancel_releases_the_reservation(service) -> None:
    service.process_inventory_requirement(requirement(RESERVE, ("70001", "12001", 4)))
    service.process_inventory_requirement(requirement(CANCEL))
    assert sum(reserved(service).values()) == 0
    assert service.list_reservations(state="released")[0]["reservation_id"] == "WC_50001"


def test_cancel_naming_lines_releases_only_those(service) -> None:
    service.process_inventory_requirement(requirement(RESERVE, ("1", "12001", 3), ("2", "12001", 2)))
    service.process_inventory_requirement(requirement(CANCEL, ("2", "12001", 2)))
    assert sum(reserved(service).values()) == 3
    assert [line["order_item_id"] for line in service.list_reservations()[0]["lines"]] == ["1"]


def test_canceling_an_unknown_reservation_is_acknowledged(service) -> None:
    ack = service.process_inventory_requirement(requirement(CANCEL, order_id="404"))
    assert ack.change_status is None


def test_check_answers_like_a_reservation_without_holding(service) -> None:
    ack = service.process_inventory_requirement(
        requirement(CHECK, ("1", "12001", 8), ("2", "12001", 9), ("3", "12025", 5))
    )
    assert [i.inventory_status for i in ack.requirement.items] == ["Allocated", "Unavailable", "Backordered"]
    assert sum(reserved(service).values()) == 0
    assert service.list_reservations() == []


def test_decrement_cache_is_acknowledged_and_changes_no_stock(service) -> None:
    before = service.list_inventory()
    ack = service.process_inventory_requirement(requirement(DECREMENT, ("1", "12001", 3)))
    assert ack.change_status is None
    assert service.list_inventory() == before


@pytest.mark.parametrize(
    ("line", "error"),
    [
        (("1", "99999", 1), UnknownItem),
        (("1", "12001", 0), InvalidQuantity),
        (("1", "12001", 1, "29999"), UnknownLocation),
    ],
)
def test_a_bad_line_refuses_the_whole_request_and_holds_nothing(service, line, error) -> None:
    with pytest.raises(error):
        service.process_inventory_requirement(requirement(RESERVE, ("0", "12001", 2), line))
    assert sum(reserved(service).values()) == 0
    assert service.list_reservations() == []


def test_concurrent_reservations_never_oversell_the_last_units(file_db_url, clock) -> None:
    import threading

    from dom_support import SMALL_SEED, open_database

    from mock_dom.services import DomService, DomSettings

    database = open_database(file_db_url, SMALL_SEED, clock.now())
    shared = DomService(database, clock, DomSettings())
    verdicts: list[str] = []
    errors: list[BaseException] = []
    start = threading.Barrier(12)

    def shopper(n: int) -> None:
        try:
            start.wait(timeout=10)
            ack = shared.process_inventory_requirement(
                requirement(RESERVE, ("1", "12001", 1, "20001"), order_id=str(n))
            )
            verdicts.append(ack.requirement.items[0].inventory_status)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=shopper, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert sorted(verdicts) == ["Allocated"] * 2 + ["Unavailable"] * 10
    assert reserved(shared)["20001"] == 2
    database.dispose()
