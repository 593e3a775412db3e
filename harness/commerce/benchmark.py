"""`domh bench availability`: cached availability look-ups against a constant JSON endpoint on the same stack.

Starts the commerce server exactly as `domh commerce` does (gunicorn, 1 worker x 8 threads, SQLite file)
next to a mock DOM (`harness.run.pair`), warms the cache, then drives, in one run and alternating
(constant, cached, cached, constant) so drift hits both alike:

- **cached**: `GET /wcs/resources/store/10101/inventoryavailability/<id>` for items whose cached record is
  valid for the whole run (stock at or above the threshold: 300 s expiry), so no request reaches DOM;
- **constant**: `GET /__admin/bench/constant`, the same Flask/gunicorn stack answering fixed bytes of the same
  shape: the ceiling a look-up can approach;
- **miss**: the `RealTime` items (SKU-0491..SKU-0500, expiry 0): every look-up is an outbound
  GetInventoryAvailability to the mock DOM and back, against the same baseline.

The result gives req/s, p50 and p99 of each, and cached/constant (target >= 0.8) and miss/constant ratios.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import httpx

from harness.commerce.loadgen import drive
from harness.run.pair import running_pair

TARGET_RATIO = 0.8
LOOKUP = "/wcs/resources/store/10101/inventoryavailability/{}"
CONSTANT = "/__admin/bench/constant"
WARM_ITEMS = range(12001, 12101)
REALTIME_ITEMS = range(12491, 12501)
PLENTIFUL = 10.0  # the Default configuration's threshold: at or above it a record stays valid for 300 s


def run(seconds: float = 5.0, connections: int = 16) -> dict[str, Any]:
    """Measure for about `seconds` per subject (cached, constant, miss) with `connections` connections."""
    with (
        tempfile.TemporaryDirectory(prefix="bench-availability-") as workdir,
        running_pair(Path(workdir)) as pair,
    ):
        base = pair.commerce_url
        cached_paths = _warm(base)
        dom_calls_before = _dom_calls(pair.dom_url)
        half = max(0.5, seconds / 2)
        constant_a = drive(base, [CONSTANT], seconds=half, connections=connections)
        cached_a = drive(base, cached_paths, seconds=half, connections=connections)
        cached_b = drive(base, cached_paths, seconds=half, connections=connections)
        constant_b = drive(base, [CONSTANT], seconds=half, connections=connections)
        dom_calls_cached = _dom_calls(pair.dom_url) - dom_calls_before
        miss = drive(
            base, [LOOKUP.format(i) for i in REALTIME_ITEMS], seconds=seconds, connections=connections
        )
    cached = _merge(cached_a.as_dict(), cached_b.as_dict())
    constant = _merge(constant_a.as_dict(), constant_b.as_dict())
    ratio = cached["req_per_s"] / constant["req_per_s"] if constant["req_per_s"] else 0.0
    miss_ratio = miss.requests_per_second / constant["req_per_s"] if constant["req_per_s"] else 0.0
    return {
        "benchmark": "availability",
        "seconds": seconds,
        "connections": connections,
        "server": "domh commerce (gunicorn gthread, 1 worker x 8 threads, SQLite)",
        "cached": cached,
        "constant": constant,
        "miss": miss.as_dict(),
        "ratio": round(ratio, 3),
        "miss_ratio": round(miss_ratio, 3),
        "target_ratio": TARGET_RATIO,
        "meets_target": ratio >= TARGET_RATIO,
        "dom_calls_during_cached": dom_calls_cached,
        "cached_items": len(cached_paths),
    }


def format_result(result: dict[str, Any]) -> str:
    lines = [
        f"availability benchmark: {result['seconds']:g} s per subject, {result['connections']} connections, "
        f"{result['server']}",
        f"{'subject':<10} {'req/s':>10} {'p50 ms':>9} {'p99 ms':>9} {'errors':>7}",
    ]
    for name in ("constant", "cached", "miss"):
        row = result[name]
        figures = f"{row['req_per_s']:>10.1f} {row['p50_ms']:>9.2f} {row['p99_ms']:>9.2f} {row['errors']:>7}"
        lines.append(f"{name:<10} {figures}")
    verdict = "meets" if result["meets_target"] else "BELOW"
    lines.append(
        f"cached/constant = {result['ratio']:.2f} ({verdict} the {result['target_ratio']:.1f} target); "
        f"miss/constant = {result['miss_ratio']:.2f}; DOM calls during the cached run: "
        f"{result['dom_calls_during_cached']}"
    )
    return "\n".join(lines)


def _warm(base: str) -> list[str]:
    """Look every warm item up once (filling the cache from DOM); keep those that stay valid all run."""
    paths = []
    with httpx.Client(base_url=base, timeout=10) as client:
        for item in WARM_ITEMS:
            path = LOOKUP.format(item)
            response = client.get(path)
            response.raise_for_status()
            [record] = response.json()["InventoryAvailability"]
            if float(record.get("availableQuantity", "inf")) >= PLENTIFUL:
                paths.append(path)
    if not paths:
        raise RuntimeError("no item has enough stock to stay cached through the run")
    return paths


def _dom_calls(dom_url: str) -> int:
    response = httpx.get(f"{dom_url}/__admin/requests/count", params={"bodType": "GetInventoryAvailability"})
    response.raise_for_status()
    return int(response.json()["count"])


def _merge(first: dict[str, float], second: dict[str, float]) -> dict[str, float]:
    """Two halves of one subject: totals summed, rate over the summed time, percentiles averaged."""
    requests = first["requests"] + second["requests"]
    seconds = first["seconds"] + second["seconds"]
    return {
        "requests": requests,
        "errors": first["errors"] + second["errors"],
        "seconds": round(seconds, 3),
        "req_per_s": round(requests / seconds, 1) if seconds else 0.0,
        "p50_ms": round((first["p50_ms"] + second["p50_ms"]) / 2, 3),
        "p99_ms": round((first["p99_ms"] + second["p99_ms"]) / 2, 3),
    }
