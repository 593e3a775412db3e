"""The one driver library: end-to-end tests, Gherkin steps, SimPy live mode and Locust users all use it.

    from harness.drivers import CommerceDriver, DomDriver

    shop = CommerceDriver("http://127.0.0.1:8000")
    shop.guest_identity()
    shop.add_to_cart("12001", 2)
    dom = DomDriver("http://127.0.0.1:8001")
    assert dom.count(bodType="GetInventoryAvailability") == 0

URLs live in `harness.drivers.routes` (Locust sends the same `Call`s); answers are plain values
(`harness.drivers.answers`).
"""

from harness.drivers import routes
from harness.drivers.answers import (
    Answer,
    AvailabilityAnswer,
    AvailabilityRecord,
    BodExchange,
    DriverError,
    GuestIdentity,
)
from harness.drivers.commerce import CommerceDriver
from harness.drivers.dom import INVENTORY_SERVICES, ORDER_SERVICES, DomDriver

__all__ = [
    "INVENTORY_SERVICES",
    "ORDER_SERVICES",
    "Answer",
    "AvailabilityAnswer",
    "AvailabilityRecord",
    "BodExchange",
    "CommerceDriver",
    "DomDriver",
    "DriverError",
    "GuestIdentity",
    "routes",
]
