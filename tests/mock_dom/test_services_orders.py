"""ProcessOrder through the service, the fulfillment lifecycle by time and by admin call, and its pushes."""

from __future__ import annotations

import pytest
from dom_support import cancel_request, requirement, transfer

from bods.messages import OrderAction, RequirementAction
from mock_dom.domain.errors import IllegalTransition, MissingData, OrderNotFound

RESERVE = RequirementAction.RESERVE


def stock(service, part: str = "SKU-0001") -> dict[str, tuple[float, float]]:
    return {row["location_id"]: (row["on_hand"], row["reserved"]) for row in service.list_inventory(part)}


def order_pushes(service) -> list[tuple[str, str | None]]:
    return [
        (p["event"]["state"], p["event"]["order_status"])
        for p in service.list_pushes()
        if p["bod_type"] == "SyncOrder"
    ]


def test_transfer_takes_the_reservation_over(service) -> None:
    service.process_inventory_requirement(requirement(RESERVE, ("70001", "12001", 2)))
    ack = service.process_order(transfer(("70001", "12001", 2)))
    assert ack.order.external_order_id == "2024050110000050001"
    assert stock(service)["10001"] == (5, 2)
    order = service.get_order("50001")
    assert (order["state"], order["reservation_id"]) == ("created", "WC_50001")
    assert service.list_reservations()[0]["state"] == "transferred"


def test_the_plain_transfer_action_code_is_accepted_too(service) -> None:
    assert (
        service.process_order(transfer(("70001", "12001", 2), action=OrderAction.TRANSFER)).change_status
        is None
    )


def test_transfer_without_a_reservation_allocates(service) -> None:
    service.process_order(transfer(("70001", "12001", 6)))
    assert stock(service)["10001"] == (5, 5)
    assert stock(service)["10002"] == (3, 1)


def test_transfer_after_the_reservation_expired_allocates_afresh(service, clock) -> None:
    service.process_inventory_requirement(requirement(RESERVE, ("70001", "12001", 2)))
    clock.advance(1000)
    service.tick()
    service.process_order(transfer(("70001", "12001", 2)))
    assert stock(service)["10001"] == (5, 2)
    assert service.get_order("50001")["reservation_id"] is None


def test_a_duplicate_transfer_is_acknowledged_without_a_second_order(service) -> None:
    first = service.process_order(transfer(("70001", "12001", 2)))
    again = service.process_order(transfer(("70001", "12001", 2)))
    assert again.order.external_order_id == first.order.external_order_id
    assert len(service.list_orders()) == 1
    assert stock(service)["10001"] == (5, 2)


def test_an_order_without_items_is_refused(service) -> None:
    with pytest.raises(MissingData):
        service.process_order(transfer())


def test_cancel_releases_the_stock_and_pushes_x(service) -> None:
    service.process_order(transfer(("70001", "12001", 2)))
    ack = service.process_order(cancel_request())
    assert ack.order.status == "X"
    assert stock(service)["10001"] == (5, 0)
    assert order_pushes(service) == [("canceled", "X")]


def test_canceling_an_unknown_order_is_refused(service) -> None:
    with pytest.raises(OrderNotFound):
        service.process_order(cancel_request("404"))


def test_an_order_is_released_and_shipped_as_time_passes(service, clock) -> None:
    service.process_order(transfer(("70001", "12001", 2)))
    clock.advance(2)
    service.tick()
    assert service.get_order("50001")["state"] == "scheduled"
    clock.advance(3)
    service.tick()
    assert service.get_order("50001")["state"] == "released"
    clock.advance(5)
    service.tick()
    order = service.get_order("50001")
    assert (order["state"], order["shipment"]["carrier"]) == ("shipped", "UPS")
    assert stock(service)["10001"] == (3, 0)
    assert order_pushes(service) == [("released", "R"), ("shipped", "S")]


def test_nothing_happens_before_the_due_time(service, clock) -> None:
    service.process_order(transfer(("70001", "12001", 2)))
    clock.advance(1.9)
    assert service.tick().order_steps == 0


def test_admin_can_force_each_step(service) -> None:
    service.process_order(transfer(("70001", "12001", 2)))
    assert service.advance_order("50001")["state"] == "scheduled"
    assert service.advance_order("50001")["state"] == "released"
    shipped = service.ship_order("50001", carrier="DHL", tracking_number="JD0001")
    assert shipped["shipment"]["tracking_number"] == "JD0001"
    with pytest.raises(IllegalTransition):
        service.cancel_order("50001")


def test_the_shipped_push_carries_items_d_and_the_shipment(service) -> None:
    service.process_order(transfer(("70001", "12001", 2)))
    service.ship_order("50001", tracking_number="T-1")
    (push,) = service.list_pushes()
    assert [line["status"] for line in push["event"]["lines"]] == ["D"]
    assert push["event"]["shipment"]["tracking_number"] == "T-1"


def test_an_order_without_stock_is_backordered_until_supply_arrives(service, clock) -> None:
    service.process_order(transfer(("70001", "12025", 3)))
    clock.advance(2)
    service.tick()
    assert service.get_order("50001")["state"] == "backordered"
    clock.advance(7)
    service.tick()
    assert service.get_order("50001")["state"] == "backordered"
    service.replenish("SKU-0025", "10001")
    clock.advance(7)
    service.tick()
    assert service.get_order("50001")["state"] == "scheduled"
    assert stock(service, "SKU-0025")["10001"] == (10, 3)
    assert order_pushes(service) == [("backordered", "B")]


def test_a_backordered_order_picks_up_new_on_hand_stock(service, clock) -> None:
    service.process_order(transfer(("70001", "12050", 1)))
    service.advance_order("50001")
    service.adjust_inventory("SKU-0050", "10002", 4)
    assert service.advance_order("50001")["state"] == "scheduled"
    assert stock(service, "SKU-0050")["10002"] == (4, 1)


def test_admin_calls_on_unknown_orders_are_refused(service) -> None:
    for call in (service.advance_order, service.ship_order, service.cancel_order, service.get_order):
        with pytest.raises(OrderNotFound):
            call("404")


def test_future_supply_arrives_on_its_date_and_frees_the_backorder(service, clock) -> None:
    service.process_order(transfer(("70001", "12025", 3)))
    clock.advance(2)
    service.tick()
    clock.advance(7 * 86_400)
    report = service.tick()
    assert report.supplies_received == 1
    assert stock(service, "SKU-0025")["10001"] == (10, 3)
    assert service.get_order("50001")["state"] == "scheduled"


def test_supply_waits_for_the_admin_when_arrival_on_date_is_off(db, clock) -> None:
    from mock_dom.services import DomService, DomSettings

    manual = DomService(db, clock, DomSettings(receive_supply_on_date=False))
    clock.advance(8 * 86_400)
    assert manual.tick().supplies_received == 0
    assert stock(manual, "SKU-0025")["10001"] == (0, 0)


def test_without_delays_orders_move_only_by_admin_call(db, clock) -> None:
    from mock_dom.services import DomService, DomSettings

    manual = DomService(
        db, clock, DomSettings(schedule_delay_s=None, release_delay_s=None, ship_delay_s=None)
    )
    manual.process_order(transfer(("70001", "12001", 1)))
    clock.advance(10_000)
    assert manual.tick().order_steps == 0
    assert manual.get_order("50001")["next_due_at"] is None
    assert manual.advance_order("50001")["state"] == "scheduled"
