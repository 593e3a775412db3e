"""Turning the monitor's lists and the captured BODs into KPIs and per-minute series.

Every figure here is derived after the run from what was observed; nothing is counted twice. Ratios are
rounded to four decimals so the golden KPI files stay stable, and a ratio with nothing to divide by is None.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from bods.messages import OrderAction
from storefront_sim.monitor import Monitor, Stage
from storefront_sim.ports import AvailabilitySource, BodDirection, CapturedBod

LOOKUP_BOD = "GetInventoryAvailability"
ORDER_BODS = ("ProcessInventoryRequirement", "ProcessOrder", "GetOrder")  # order-related calls to DOM
TRANSFER_ACTIONS = frozenset(a.value for a in OrderAction if a.is_transfer)


def ratio(numerator: float, denominator: float) -> float | None:
    return round(numerator / denominator, 4) if denominator else None


def percentile(values: Sequence[float], pct: float) -> float | None:
    """Nearest-rank percentile; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)], 3)


def dom_requests(bods: Iterable[CapturedBod]) -> list[CapturedBod]:
    """Requests commerce sent to DOM (answers and DOM's own pushes excluded)."""
    return [b for b in bods if b.direction is BodDirection.TO_DOM and b.is_request]


def funnel(monitor: Monitor) -> dict[str, int]:
    """Distinct sessions that reached each stage."""
    reached: dict[Stage, set[int]] = defaultdict(set)
    for record in monitor.funnel:
        reached[record.stage].add(record.shopper)
    return {stage.value: len(reached[stage]) for stage in Stage}


def availability_kpis(monitor: Monitor, requests: list[CapturedBod]) -> dict[str, Any]:
    sources = Counter(r.source for r in monitor.lookups)
    lookups = sum(1 for c in monitor.calls if c.kind == "inventory_availability")
    known = sum(sources[s.value] for s in AvailabilitySource)
    dom_lookups = sum(1 for b in requests if b.type == LOOKUP_BOD)
    return {
        "availability_lookups": lookups,
        "availability_records": len(monitor.lookups),
        "cache_hits": sources[AvailabilitySource.CACHE.value],
        "dom_fetches": sources[AvailabilitySource.DOM.value],
        "stale_served": sources[AvailabilitySource.STALE.value],
        "cache_hit_ratio": ratio(sources[AvailabilitySource.CACHE.value], known),
        "dom_lookup_requests": dom_lookups,
        "dom_calls_per_lookup": ratio(dom_lookups, lookups),
    }


def order_kpis(monitor: Monitor, requests: list[CapturedBod]) -> dict[str, Any]:
    placed = [o for o in monitor.orders if o.placed]
    failed = [o for o in monitor.orders if not o.placed]
    order_calls = sum(1 for b in requests if b.type in ORDER_BODS)
    adds = [r for r in monitor.reservations if r.stage == "add_to_cart"]
    return {
        "orders_placed": len(placed),
        "orders_failed": len(failed),
        "order_failure_reasons": dict(sorted(Counter(o.error_key or "(none)" for o in failed).items())),
        "dom_order_requests": order_calls,
        "dom_calls_per_order": ratio(order_calls, len(placed)),
        "add_to_cart_attempts": len(adds),
        "add_to_cart_refused": sum(1 for r in adds if not r.ok),
    }


def reservation_kpis(monitor: Monitor) -> dict[str, Any]:
    lines = [r for r in monitor.reservations if r.stage == "precheckout"]
    seen_available = [r for r in monitor.reservations if r.seen_available]
    stale = sum(1 for r in seen_available if not r.ok)
    return {
        "reservation_attempts": len(lines),
        "reservation_failures": sum(1 for r in lines if not r.ok),
        "stale_availability_events": stale,
        "stale_availability_rate": ratio(stale, len(seen_available)),
    }


def oversold(monitor: Monitor) -> dict[tuple[str, str], float]:
    """Item-locations whose allocated units sold (by the shoppers, and by other channels since the baseline)
    exceed their baseline on-hand plus later restocks."""
    sold: Counter[tuple[str, str]] = Counter()
    for sale in monitor.sales:
        if sale.allocated:
            sold[(sale.part_number, sale.location)] += sale.quantity
    for key in sold:
        sold[key] += monitor.taken_after_baseline[key]
    over = {}
    for key, units in sorted(sold.items()):
        stock = monitor.baseline.get(key, 0.0) + monitor.restocked_after_baseline[key]
        if units > stock + 1e-9:
            over[key] = units - stock
    return over


def stock_kpis(monitor: Monitor) -> dict[str, Any]:
    over = oversold(monitor)
    negative = sum(1 for s in monitor.stock if s.on_hand < 0)
    return {
        "oversell_count": len(over) + negative,
        "oversold_units": round(sum(over.values()), 3),
        "negative_on_hand_samples": negative,
        "restocks": len(monitor.restocks),
        "restocked_units": round(sum(r.quantity for r in monitor.restocks), 3),
        "other_channel_sales": len(monitor.other_sales),
        "other_channel_units": round(sum(s.quantity for s in monitor.other_sales), 3),
    }


def fulfillment_kpis(monitor: Monitor, bods: Sequence[CapturedBod]) -> dict[str, Any]:
    to_ship = [s.t - s.placed_at for s in monitor.shipments if s.shipped]
    transfers = Counter(
        b.order_id for b in dom_requests(bods) if b.type == "ProcessOrder" and b.action in TRANSFER_ACTIONS
    )
    return {
        "orders_shipped": len(to_ship),
        "orders_unshipped_when_tracking_ended": sum(1 for s in monitor.shipments if not s.shipped),
        "order_to_ship_p50_s": percentile(to_ship, 50),
        "order_to_ship_p90_s": percentile(to_ship, 90),
        "transfer_requests": sum(transfers.values()),
        "transfer_retries": sum(n - 1 for order, n in transfers.items() if order is not None and n > 1),
        "transfers_failed": sum(1 for s in monitor.shipments if s.transfer_status == "H"),
    }


def bod_conformance(bods: Sequence[CapturedBod]) -> dict[str, dict[str, int]]:
    """Per BOD type: how many were exchanged and how many failed validation."""
    table: dict[str, dict[str, int]] = {}
    for bod in bods:
        row = table.setdefault(bod.type, {"count": 0, "valid": 0, "invalid": 0})
        row["count"] += 1
        row["valid" if bod.valid else "invalid"] += 1
    return dict(sorted(table.items()))


def bod_kpis(bods: Sequence[CapturedBod]) -> dict[str, Any]:
    invalid = sum(1 for b in bods if not b.valid)
    return {
        "bods_exchanged": len(bods),
        "bods_valid": len(bods) - invalid,
        "bods_invalid": invalid,
        "dom_requests": len(dom_requests(bods)),
        "bods_by_type": bod_conformance(bods),
    }


def compute_kpis(monitor: Monitor, bods: Sequence[CapturedBod]) -> dict[str, Any]:
    """The KPI dictionary of a run (deterministic for a seed and a deterministic storefront)."""
    requests = dom_requests(bods)
    stages = funnel(monitor)
    kpis: dict[str, Any] = {
        "sessions_started": stages[Stage.ARRIVED.value],
        "sessions_finished": stages[Stage.FINISHED.value],
        "funnel": stages,
        "dom_outage_s": round(float(outage_seconds(monitor, monitor.env.now)), 3),
    }
    for part in (
        availability_kpis(monitor, requests),
        order_kpis(monitor, requests),
        reservation_kpis(monitor),
        stock_kpis(monitor),
        fulfillment_kpis(monitor, bods),
        bod_kpis(bods),
    ):
        kpis.update(part)
    return kpis


def outage_windows(monitor: Monitor, end: float) -> list[tuple[float, float]]:
    """(start, end) simulated seconds of every DOM outage; one still open at the end closes there."""
    windows, opened = [], None
    for record in monitor.outages:
        if record.down and opened is None:
            opened = record.t
        elif not record.down and opened is not None:
            windows.append((opened, record.t))
            opened = None
    if opened is not None:
        windows.append((opened, end))
    return windows


def outage_seconds(monitor: Monitor, end: float) -> float:
    return sum(stop - start for start, stop in outage_windows(monitor, end))


def timings(monitor: Monitor) -> dict[str, dict[str, float]]:
    """Wall-clock response times per storefront call kind, in milliseconds (not deterministic)."""
    by_kind: dict[str, list[float]] = defaultdict(list)
    for call in monitor.calls:
        by_kind[call.kind].append(call.seconds * 1000)
    return {
        kind: {"count": len(ms), "p50_ms": percentile(ms, 50) or 0.0, "p90_ms": percentile(ms, 90) or 0.0}
        for kind, ms in sorted(by_kind.items())
    }
