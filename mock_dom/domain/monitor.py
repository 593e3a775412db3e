"""The inventory monitor: when does a change of availability deserve a SyncInventoryAvailability push?

Sterling's RTAM pushes REALTIME_AVAILABILITY_CHANGE_LIST when an item's availability at a monitored location
crosses a configured level (facts section 3, "monitor option 1/3"). The mock compares the current availability
with the last one it pushed for that item and location (or, if it never pushed, with the value before the
change) and notifies when

* the status changed (Available / Backorderable / Unavailable, including a new future date), or
* the on-hand available quantity crossed `threshold` in either direction (old >= T > new, or old < T <= new),
  or
* `min_change` is set and the quantity moved by at least that much since the last push.
"""

from __future__ import annotations

from dataclasses import dataclass

from mock_dom.domain.inventory import Availability


@dataclass(frozen=True)
class MonitorPolicy:
    threshold: float = 10.0
    min_change: float | None = None
    enabled: bool = True

    def should_notify(self, baseline: Availability, current: Availability) -> bool:
        if not self.enabled:
            return False
        if baseline.status != current.status or baseline.available_at != current.available_at:
            return True
        if (baseline.quantity >= self.threshold) != (current.quantity >= self.threshold):
            return True
        return self.min_change is not None and abs(current.quantity - baseline.quantity) >= self.min_change
