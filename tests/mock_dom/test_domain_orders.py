"""Reservations, order transfer and the fulfillment lifecycle on the pure domain."""

from __future__ import annotations

import pytest

from mock_dom.domain.allocation import LineVerdict, SupplyKind
from mock_dom.domain.errors import IllegalTransition
from mock_dom.domain.inventory import StockLevel
from mock_dom.domain.lifecycle import LifecycleDelays, advance, cancel, ship
from mock_dom.domain.orders import DomOrder, OrderLine, OrderState, tracking_number_for
from mock_dom.domain.reservations import (
    Reservation,
    ReservationLine,
    line_id_for,
    reservation_id_for,
    reserve_lines,
)
from mock_dom.domain.transfer import take_over

NOW = 1_714_557_600.0
DELAYS = LifecycleDelays(schedule_s=2, release_s=3, ship_s=5, backorder_recheck_s=7)


def wanted(item: str, part: str, qty: float, store: str | None = None) -> ReservationLine:
    return ReservationLine(item, part, "12001", qty, store)


def order_with(lines: tuple[OrderLine, ...], state: OrderState = OrderState.CREATED) -> DomOrder:
    return DomOrder("50001", "X50001", "10101", state, NOW, NOW, lines, DELAYS.due(state, NOW))


def test_reservation_and_line_ids_carry_the_wc_prefix() -> None:
    assert (reservation_id_for("50001"), line_id_for("70001")) == ("WC_50001", "WC_70001")


def test_reserving_answers_per_line(ledger, topology) -> None:
    lines = reserve_lines(
        (wanted("1", "SKU-0001", 2), wanted("2", "SKU-0025", 1), wanted("3", "SKU-0050", 1)),
        ledger,
        topology,
        "10101",
    )
    assert [line.verdict for line in lines] == [
        LineVerdict.ALLOCATED,
        LineVerdict.BACKORDERED,
        LineVerdict.UNAVAILABLE,
    ]


def test_pickup_line_reserves_at_the_pickup_store_only(ledger, topology) -> None:
    (line,) = reserve_lines((wanted("1", "SKU-0001", 3, "20001"),), ledger, topology, "10101")
    assert line.verdict is LineVerdict.UNAVAILABLE
    assert ledger.level("SKU-0001", "20001").reserved == 2


def test_reservation_expires_at_its_hold_time() -> None:
    reservation = Reservation("WC_1", "1", "10101", NOW, NOW + 900, ())
    assert not reservation.is_expired(NOW + 899)
    assert reservation.is_expired(NOW + 900)


def test_transfer_takes_over_the_reserved_holds(ledger, topology) -> None:
    reserved = reserve_lines((wanted("1", "SKU-0001", 2),), ledger, topology, "10101")
    reservation = Reservation("WC_50001", "50001", "10101", NOW, NOW + 900, reserved)
    (line,) = take_over((OrderLine("1", "SKU-0001", "12001", 2),), reservation, ledger, topology, "10101")
    assert line.holds == reserved[0].holds
    assert ledger.level("SKU-0001", "10001").reserved == 2


def test_transfer_reallocates_a_line_whose_quantity_changed(ledger, topology) -> None:
    reserved = reserve_lines((wanted("1", "SKU-0001", 2),), ledger, topology, "10101")
    reservation = Reservation("WC_50001", "50001", "10101", NOW, NOW + 900, reserved)
    (line,) = take_over((OrderLine("1", "SKU-0001", "12001", 4),), reservation, ledger, topology, "10101")
    assert sum(h.quantity for h in line.holds) == 4
    assert ledger.level("SKU-0001", "10001").reserved == 4


def test_transfer_releases_reserved_lines_the_order_dropped(ledger, topology) -> None:
    reserved = reserve_lines(
        (wanted("1", "SKU-0001", 2), wanted("2", "SKU-0001", 1)), ledger, topology, "10101"
    )
    reservation = Reservation("WC_50001", "50001", "10101", NOW, NOW + 900, reserved)
    take_over((OrderLine("1", "SKU-0001", "12001", 2),), reservation, ledger, topology, "10101")
    assert ledger.level("SKU-0001", "10001").reserved == 2


def test_transfer_without_reservation_allocates(ledger, topology) -> None:
    (line,) = take_over((OrderLine("1", "SKU-0001", "12001", 6),), None, ledger, topology, "10101")
    assert line.is_ready
    assert ledger.level("SKU-0001", "10002").reserved == 1


def test_order_moves_created_scheduled_released_shipped(ledger, topology) -> None:
    lines = take_over((OrderLine("1", "SKU-0001", "12001", 2),), None, ledger, topology, "10101")
    step = advance(order_with(lines), NOW + 2, DELAYS, ledger, topology)
    assert (step.order.state, step.event, step.order.next_due_at) == (OrderState.SCHEDULED, None, NOW + 5)
    step = advance(step.order, NOW + 5, DELAYS, ledger, topology)
    assert (step.order.state, step.event.order_status) == (OrderState.RELEASED, "R")
    step = advance(step.order, NOW + 10, DELAYS, ledger, topology)
    assert step.order.state is OrderState.SHIPPED
    assert step.event.order_status == "S"
    assert {line.status for line in step.event.lines} == {"D"}


def test_shipping_uses_up_the_held_stock(ledger, topology) -> None:
    lines = take_over((OrderLine("1", "SKU-0001", "12001", 2),), None, ledger, topology, "10101")
    step = ship(
        order_with(lines, OrderState.RELEASED), NOW, DELAYS, ledger, carrier="DHL", tracking_number="T-1"
    )
    level = ledger.level("SKU-0001", "10001")
    assert (level.on_hand, level.reserved) == (3, 0)
    assert (step.event.shipment.carrier, step.event.shipment.tracking_number) == ("DHL", "T-1")


def test_shipment_gets_a_deterministic_tracking_number(ledger, topology) -> None:
    lines = take_over((OrderLine("1", "SKU-0001", "12001", 1),), None, ledger, topology, "10101")
    step = ship(order_with(lines), NOW, DELAYS, ledger)
    assert step.order.shipment.tracking_number == tracking_number_for("50001")


def test_order_without_on_hand_stock_becomes_backordered(ledger, topology) -> None:
    lines = take_over((OrderLine("1", "SKU-0025", "12025", 2),), None, ledger, topology, "10101")
    step = advance(order_with(lines), NOW + 2, DELAYS, ledger, topology)
    assert (step.order.state, step.event.order_status) == (OrderState.BACKORDERED, "B")
    assert step.order.next_due_at == NOW + 9


def test_backordered_order_waits_quietly_until_stock_arrives(ledger, topology) -> None:
    lines = take_over((OrderLine("1", "SKU-0050", "12050", 1),), None, ledger, topology, "10101")
    step = advance(order_with(lines, OrderState.BACKORDERED), NOW, DELAYS, ledger, topology)
    assert (step.order.state, step.event) == (OrderState.BACKORDERED, None)
    ledger.stock[("SKU-0050", "10002")] = StockLevel("SKU-0050", "10002", on_hand=4)
    step = advance(step.order, NOW + 7, DELAYS, ledger, topology)
    assert step.order.state is OrderState.SCHEDULED
    assert ledger.level("SKU-0050", "10002").reserved == 1


def test_forcing_a_backordered_order_without_stock_is_refused(ledger, topology) -> None:
    lines = take_over((OrderLine("1", "SKU-0050", "12050", 1),), None, ledger, topology, "10101")
    with pytest.raises(IllegalTransition):
        advance(order_with(lines, OrderState.BACKORDERED), NOW, DELAYS, ledger, topology, forced=True)


def test_an_order_waiting_for_future_supply_cannot_ship(ledger, topology) -> None:
    lines = take_over((OrderLine("1", "SKU-0025", "12025", 1),), None, ledger, topology, "10101")
    assert lines[0].holds[0].supply is SupplyKind.FUTURE
    with pytest.raises(IllegalTransition):
        ship(order_with(lines), NOW, DELAYS, ledger)


def test_cancel_gives_the_stock_back_and_says_x(ledger, topology) -> None:
    lines = take_over((OrderLine("1", "SKU-0001", "12001", 2),), None, ledger, topology, "10101")
    step = cancel(order_with(lines, OrderState.RELEASED), NOW, DELAYS, ledger)
    assert ledger.level("SKU-0001", "10001").reserved == 0
    assert (step.order.state, step.event.order_status, step.order.next_due_at) == (
        OrderState.CANCELED,
        "X",
        None,
    )


def test_canceling_twice_changes_nothing(ledger, topology) -> None:
    canceled = order_with((), OrderState.CANCELED)
    assert cancel(canceled, NOW, DELAYS, ledger).event is None


def test_a_shipped_order_cannot_be_canceled_or_advanced(ledger, topology) -> None:
    shipped = order_with((), OrderState.SHIPPED)
    with pytest.raises(IllegalTransition):
        cancel(shipped, NOW, DELAYS, ledger)
    with pytest.raises(IllegalTransition):
        advance(shipped, NOW, DELAYS, ledger, topology)


def test_a_disabled_delay_leaves_the_order_to_admin_calls() -> None:
    assert LifecycleDelays(release_s=None).due(OrderState.SCHEDULED, NOW) is None
