"""Per-simulated-minute series of a run: traffic, cache behaviour, DOM latency, the order funnel."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from storefront_sim.kpis import dom_requests, outage_windows
from storefront_sim.monitor import Monitor, Stage
from storefront_sim.ports import BodDirection, CapturedBod

FUNNEL_SERIES = {
    "arrivals": Stage.ARRIVED,
    "carts": Stage.ADDED_TO_CART,
    "checkouts": Stage.CHECKOUT_STARTED,
    "orders_placed": Stage.ORDER_PLACED,
    "orders_failed": Stage.ORDER_FAILED,
}


def per_minute(times: Iterable[float], minutes: int) -> list[int]:
    counts = Counter(int(t // 60) for t in times)
    return [counts.get(m, 0) for m in range(minutes)]


def mean_per_minute(samples: Iterable[tuple[float, float]], minutes: int) -> list[float | None]:
    sums: dict[int, list[float]] = defaultdict(list)
    for t, value in samples:
        sums[int(t // 60)].append(value)
    return [round(sum(sums[m]) / len(sums[m]), 3) if sums.get(m) else None for m in range(minutes)]


def dom_down_per_minute(monitor: Monitor, minutes: int, end: float) -> list[int]:
    down = [0] * minutes
    for start, stop in outage_windows(monitor, end):
        for minute in range(int(start // 60), min(minutes, math.ceil(stop / 60))):
            down[minute] = 1
    return down


def time_series(monitor: Monitor, bods: Sequence[CapturedBod], end: float) -> dict[str, list[Any]]:
    """One value per simulated minute for each series; `minute` is the axis."""
    minutes = max(1, math.ceil(end / 60))
    lookups = [c.t for c in monitor.calls if c.kind == "inventory_availability"]
    requests = [b for b in dom_requests(bods) if b.at is not None]
    latencies = [
        (b.at, b.latency * 1000)
        for b in bods
        if b.direction is BodDirection.TO_DOM and b.at is not None and b.latency is not None
    ]
    series: dict[str, list[Any]] = {
        "minute": list(range(minutes)),
        "lookups": per_minute(lookups, minutes),
        "cache_hits": per_minute((r.t for r in monitor.lookups if r.source == "cache"), minutes),
        "dom_fetches": per_minute((r.t for r in monitor.lookups if r.source == "dom"), minutes),
        "stale_served": per_minute((r.t for r in monitor.lookups if r.source == "stale"), minutes),
        "dom_requests": per_minute((b.at for b in requests), minutes),  # type: ignore[misc]
        "dom_latency_ms": mean_per_minute(latencies, minutes),  # type: ignore[arg-type]
        "dom_down": dom_down_per_minute(monitor, minutes, end),
    }
    for name, stage in FUNNEL_SERIES.items():
        series[name] = per_minute((f.t for f in monitor.funnel if f.stage is stage), minutes)
    return series


def stock_series(monitor: Monitor) -> dict[str, list[tuple[float, float]]]:
    """On-hand samples per sampled item-location, as (simulated minute, on-hand)."""
    stock: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for sample in monitor.stock:
        stock[f"{sample.part_number} @ {sample.location}"].append((round(sample.t / 60, 3), sample.on_hand))
    return dict(sorted(stock.items()))
