"""Which KPIs a report shows, in what words and units, and how two runs compare.

The simulation's KPI dictionary holds more than a wall can show; this table picks the figures a team watches
during a DOM integration run and formats them. `expect_zero` marks figures that must be 0 for the run to be
healthy (they are highlighted when they are not).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


def count(value: Any) -> str:
    return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}"


def percent(value: Any) -> str:
    return f"{value * 100:.1f} %"


def decimal(value: Any) -> str:
    return f"{value:.3f}"


def duration(value: Any) -> str:
    seconds = float(value)
    if seconds >= 3600:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 60:.1f} min" if seconds >= 90 else f"{seconds:.0f} s"


@dataclass(frozen=True)
class KpiRow:
    key: str
    label: str
    fmt: Callable[[Any], str] = count
    expect_zero: bool = False
    hint: str = ""

    def text(self, kpis: dict[str, Any]) -> str:
        value = kpis.get(self.key)
        return "n/a" if value is None else self.fmt(value)

    def alarming(self, kpis: dict[str, Any]) -> bool:
        return self.expect_zero and bool(kpis.get(self.key))


KPI_ROWS: tuple[KpiRow, ...] = (
    KpiRow("sessions_started", "Shopper sessions"),
    KpiRow("orders_placed", "Orders placed"),
    KpiRow("orders_failed", "Orders failed", hint="by reason below"),
    KpiRow("availability_lookups", "Availability lookups", hint="REST inventoryavailability calls"),
    KpiRow("cache_hit_ratio", "Cache hit ratio", percent, hint="records answered from the commerce cache"),
    KpiRow("stale_served", "Stale records served", hint="expired cache while DOM was unreachable"),
    KpiRow(
        "dom_calls_per_lookup", "DOM calls per lookup", decimal, hint="GetInventoryAvailability per lookup"
    ),
    KpiRow(
        "dom_calls_per_order", "DOM calls per order", decimal, hint="reserve + transfer requests per order"
    ),
    KpiRow(
        "stale_availability_rate",
        "Stale availability rate",
        percent,
        hint="shown Available, then refused or not reserved",
    ),
    KpiRow("reservation_failures", "Reservation failures", hint="precheckout lines not allocated"),
    KpiRow(
        "other_channel_units",
        "Units sold by other channels",
        hint="store tills, marketplace: DOM stock the cache is not told of",
    ),
    KpiRow("oversell_count", "Oversells", expect_zero=True, hint="must be 0"),
    KpiRow("order_to_ship_p50_s", "Order to ship, p50", duration),
    KpiRow("order_to_ship_p90_s", "Order to ship, p90", duration),
    KpiRow("transfer_retries", "Transfer retries", hint="ProcessOrder sent again for one order"),
    KpiRow("bods_exchanged", "BODs exchanged"),
    KpiRow("bods_invalid", "BODs failing validation", expect_zero=True, hint="must be 0"),
    KpiRow("dom_outage_s", "DOM unreachable", duration),
)

HEADLINE_KEYS = (
    "orders_placed",
    "cache_hit_ratio",
    "stale_availability_rate",
    "oversell_count",
    "order_to_ship_p90_s",
    "bods_invalid",
)


def headline_rows() -> list[KpiRow]:
    by_key = {row.key: row for row in KPI_ROWS}
    return [by_key[key] for key in HEADLINE_KEYS]


@dataclass(frozen=True)
class Difference:
    """One KPI of two runs side by side: `other - base`, and relative to base when that means something."""

    row: KpiRow
    base: str
    other: str
    delta: str


def difference(row: KpiRow, base: dict[str, Any], other: dict[str, Any]) -> Difference:
    a, b = base.get(row.key), other.get(row.key)
    if not isinstance(a, int | float) or not isinstance(b, int | float):
        return Difference(row, row.text(base), row.text(other), "")
    delta = b - a
    relative = f" ({delta / a * 100:+.0f} %)" if a else ""
    shown = f"{delta * 100:+.1f} pt" if row.fmt is percent else f"{delta:+,.3g}"
    return Difference(row, row.text(base), row.text(other), "=" if delta == 0 else shown + relative)


def compare_rows(base: dict[str, Any], other: dict[str, Any]) -> list[Difference]:
    return [difference(row, base, other) for row in KPI_ROWS]
