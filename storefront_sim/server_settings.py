"""A scenario's settings as the two servers take them: the INVCNF cache row and DOM's lifecycle delays.

Both adapters apply a scenario the same way. Times are simulated seconds; `time_scale` converts them to the
servers' clock: 1 in fast mode (the servers read a `SimClock`), 1/speed in live mode (they read the wall
clock while the simulation runs `speed` times faster), so a 300 s cache expiry is still 300 simulated
seconds in both modes.

- Cache (facts section 3): `threshold`, `expiry_above_s`, `expiry_below_s` (and optionally `flags`) replace
  THRESHOLDQUANTITY, CHEXPABOVETHRES, CHEXPBELOWTHRES (FLAGS) of the seeded store-wide `Default` and
  `PhysicalStores` INVCNF rows; `"never"` is NULL (never expires / no threshold). INVCNF keeps whole seconds,
  so a scaled expiry is rounded, and a positive one never becomes 0 (0 means "always ask DOM").
- Fulfillment: the mean transfer-to-shipment delay is split over DOM's created -> scheduled -> released ->
  shipped steps (10 %, 20 %, 70 %).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, update

from harness.commerce.storage.configuration import INVCNF
from storefront_sim.scenario import CacheValue, Scenario

SCENARIO_ROWS = ("Default", "PhysicalStores")  # INVCNF identifiers the scenario's cache settings replace
NULL_WORDS = frozenset({"never", "none", "null"})
LIFECYCLE_SHARES = (0.1, 0.2, 0.7)  # created -> scheduled, -> released, -> shipped


@dataclass(frozen=True)
class LifecycleDelays:
    """Seconds (on the DOM's clock) an order spends created, scheduled and released."""

    schedule_s: float
    release_s: float
    ship_s: float


def lifecycle_delays(scenario: Scenario, time_scale: float = 1.0) -> LifecycleDelays:
    mean = scenario.dom.fulfillment_delay_s * time_scale
    schedule, release, ship = (round(mean * share, 6) for share in LIFECYCLE_SHARES)
    return LifecycleDelays(schedule, release, ship)


def _nullable(value: CacheValue) -> float | None:
    if isinstance(value, str):
        if value.strip().lower() in NULL_WORDS:
            return None
        return float(value)
    return float(value)


def _seconds(value: CacheValue, time_scale: float) -> int | None:
    seconds = _nullable(value)
    if seconds is None:
        return None
    scaled = seconds * time_scale
    return max(1, round(scaled)) if seconds > 0 else 0


def cache_columns(scenario: Scenario, time_scale: float = 1.0) -> dict[str, Any]:
    """The INVCNF column values the scenario's `[cache]` table asks for (only the keys it sets)."""
    settings = scenario.cache_settings()
    columns: dict[str, Any] = {}
    if "threshold" in settings:
        columns["THRESHOLDQUANTITY"] = _nullable(settings["threshold"])
    if "expiry_above_s" in settings:
        columns["CHEXPABOVETHRES"] = _seconds(settings["expiry_above_s"], time_scale)
    if "expiry_below_s" in settings:
        columns["CHEXPBELOWTHRES"] = _seconds(settings["expiry_below_s"], time_scale)
    if "flags" in settings:
        columns["FLAGS"] = int(float(settings["flags"]))
    return columns


def apply_cache_settings(engine: Engine, scenario: Scenario, time_scale: float = 1.0) -> int:
    """Write the scenario's cache settings into INVCNF (the commerce server re-reads it on start or reload);
    returns the rows changed."""
    columns = cache_columns(scenario, time_scale)
    if not columns:
        return 0
    with engine.begin() as connection:
        changed = connection.execute(
            update(INVCNF).where(INVCNF.c.IDENTIFIER.in_(SCENARIO_ROWS)).values(**columns)
        )
    return int(changed.rowcount or 0)
