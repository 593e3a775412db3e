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

The load comes from `mock_dom.loadgen` (wrk when installed, else keep-alive Python processes, one per
connection), the generator `domh bench mock-dom` uses; the look-up targets rotate through their items. The
result gives req/s, p50 and p99 of each, and cached/constant (target >= 0.8) and miss/constant ratios.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx

from harness.run.pair import running_pair
from mock_dom.loadgen import Target, generator_name, merge, run_load

TARGET_RATIO = 0.8
LOOKUP = "/wcs/resources/store/10101/inventoryavailability/{}"
CONSTANT = "/__admin/bench/constant"
WARM_ITEMS = range(12001, 12101)
REALTIME_ITEMS = range(12491, 12501)
PLENTIFUL = 10.0  # the Default configuration's threshold: at or above it a record stays valid for 300 s


def targets(cached_paths: Sequence[str]) -> tuple[Target, Target, Target]:
    """The constant baseline, the cached look-ups (rotating over `cached_paths`) and the RealTime misses."""
    return (
        Target("constant", CONSTANT),
        Target.rotating("cached", cached_paths),
        Target.rotating("miss", [LOOKUP.format(i) for i in REALTIME_ITEMS]),
    )


def run(seconds: float = 5.0, connections: int = 8) -> dict[str, Any]:
    """Measure for about `seconds` per subject (cached, constant, miss) with `connections` connections.

    Each connection of the Python generator is a process, so the default is 8 (as `domh bench mock-dom`).
    """
    logging.getLogger("httpx").setLevel(logging.WARNING)  # an INFO line per warm-up call drowns the report
    with (
        tempfile.TemporaryDirectory(prefix="bench-availability-") as workdir,
        running_pair(Path(workdir)) as pair,
    ):
        base = pair.commerce_url
        constant_target, cached_target, miss_target = targets(_warm(base))
        dom_calls_before = _dom_calls(pair.dom_url)
        half = max(0.5, seconds / 2)
        rounds = [
            run_load(base, target, seconds=half, connections=connections)
            for target in (constant_target, cached_target, cached_target, constant_target)
        ]
        dom_calls_cached = _dom_calls(pair.dom_url) - dom_calls_before
        miss = run_load(base, miss_target, seconds=seconds, connections=connections)
    constant = merge("constant", [rounds[0], rounds[3]])
    cached = merge("cached", rounds[1:3])
    ratio = cached.rps / constant.rps if constant.rps else 0.0
    miss_ratio = miss.rps / constant.rps if constant.rps else 0.0
    return {
        "benchmark": "availability",
        "generator": generator_name(),
        "seconds": seconds,
        "connections": connections,
        "server": "domh commerce (gunicorn gthread, 1 worker x 8 threads, SQLite)",
        "cached": cached.to_json(),
        "constant": constant.to_json(),
        "miss": miss.to_json(),
        "ratio": round(ratio, 3),
        "miss_ratio": round(miss_ratio, 3),
        "target_ratio": TARGET_RATIO,
        "meets_target": ratio >= TARGET_RATIO,
        "dom_calls_during_cached": dom_calls_cached,
        "cached_items": len(cached_target.paths()),
    }


def format_result(result: dict[str, Any]) -> str:
    lines = [
        f"availability benchmark: {result['seconds']:g} s per subject, {result['connections']} connections "
        f"({result.get('generator', 'python')} generator), {result['server']}",
        f"{'subject':<10} {'req/s':>10} {'p50 ms':>9} {'p99 ms':>9} {'errors':>7}",
    ]
    for name in ("constant", "cached", "miss"):
        row = result[name]
        figures = f"{row['rps']:>10.1f} {row['p50_ms']:>9.2f} {row['p99_ms']:>9.2f} {row['errors']:>7}"
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
