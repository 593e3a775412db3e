"""Helpers of the end-to-end tests against real servers: bounded waiting and journal reading."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from harness.drivers import DomDriver

T = TypeVar("T")


def eventually(probe: Callable[[], T], *, what: str, timeout: float = 60.0, interval: float = 0.1) -> T:
    """Call `probe` until it returns something truthy (bounded by `timeout` seconds); return that value."""
    deadline = time.monotonic() + timeout
    last: T | None = None
    while time.monotonic() < deadline:
        last = probe()
        if last:
            return last
        time.sleep(interval)
    raise AssertionError(f"gave up waiting for {what}; last value {last!r}")


def accepted_transfers(dom: DomDriver, order_id: str) -> int:
    """TransferOrder requests for `order_id` that DOM processed (no fault rule answered instead)."""
    return sum(
        1
        for entry in dom.requests(bodType="ProcessOrder", actionCode="TransferOrder")
        if entry["fault"] is None and f"<_wcf:UniqueID>{order_id}</_wcf:UniqueID>" in entry["requestBody"]
    )
