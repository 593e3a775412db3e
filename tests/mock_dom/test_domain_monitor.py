"""When the inventory monitor pushes SyncInventoryAvailability."""

from __future__ import annotations

from bods.messages import InventoryStatus
from mock_dom.domain.events import AvailabilityChanged, EventLine, OrderStatusChanged, from_dict, to_dict
from mock_dom.domain.inventory import Availability
from mock_dom.domain.locations import LocationKind
from mock_dom.domain.monitor import MonitorPolicy
from mock_dom.domain.orders import OrderState, Shipment

AVAILABLE = InventoryStatus.AVAILABLE


def seen(quantity: float, status: InventoryStatus = AVAILABLE, date: float | None = None) -> Availability:
    return Availability(status, quantity, date)


def test_falling_below_the_threshold_is_notified() -> None:
    assert MonitorPolicy(threshold=10).should_notify(seen(12), seen(9))


def test_rising_to_the_threshold_is_notified() -> None:
    assert MonitorPolicy(threshold=10).should_notify(seen(9), seen(10))


def test_moving_above_the_threshold_is_quiet() -> None:
    assert not MonitorPolicy(threshold=10).should_notify(seen(50), seen(40))


def test_moving_below_the_threshold_is_quiet() -> None:
    assert not MonitorPolicy(threshold=10).should_notify(seen(8), seen(5))


def test_a_status_change_is_always_notified() -> None:
    policy = MonitorPolicy(threshold=0)
    assert policy.should_notify(seen(1), seen(0, InventoryStatus.UNAVAILABLE))


def test_a_large_enough_change_is_notified_when_configured() -> None:
    policy = MonitorPolicy(threshold=10, min_change=25)
    assert policy.should_notify(seen(100), seen(75))
    assert not policy.should_notify(seen(100), seen(76))


def test_a_disabled_monitor_is_quiet() -> None:
    assert not MonitorPolicy(enabled=False).should_notify(seen(12), seen(0, InventoryStatus.UNAVAILABLE))


def test_events_survive_the_outbox_round_trip() -> None:
    order_event = OrderStatusChanged(
        "1",
        "10101",
        OrderState.SHIPPED,
        "S",
        (EventLine("7", "SKU-0001", "12001", 2.0, "D"),),
        5.0,
        "K",
        Shipment("UPS", "1Z", 5.0),
    )
    stock_event = AvailabilityChanged(
        "SKU-0001",
        "12001",
        "20001",
        LocationKind.PHYSICAL_STORE,
        "Store-20001",
        "10101",
        AVAILABLE,
        3.0,
        None,
        5.0,
    )
    assert from_dict(to_dict(order_event)) == order_event
    assert from_dict(to_dict(stock_event)) == stock_event
