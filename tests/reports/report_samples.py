"""Synthetic simulation results to write reports from (no simulation needed)."""

from __future__ import annotations

import dataclasses

from storefront_sim.invariants import evaluate_invariants
from storefront_sim.monitor import OrderOutcome, Shipment
from storefront_sim.ports import BodDirection, CapturedBod
from storefront_sim.results import SimResult


def bod(bod_type: str, at: float, valid: bool = True, order_id: str | None = None) -> CapturedBod:
    errors = () if valid else ("line 4: element 'oa:BODID' missing",)
    return CapturedBod(
        bod_type, "Change", BodDirection.TO_DOM, valid, errors, b"<x>\xc3\xa9</x>", at, 0.02, order_id
    )


def synthetic_result(*, invalid_bod: bool = False, placed: int = 42, hit_ratio: float = 0.875) -> SimResult:
    minutes = list(range(5))
    result = SimResult(
        scenario="quiet_day",
        seed=42,
        sim_seconds=300.0,
        kpis={
            "sessions_started": 120,
            "sessions_finished": 120,
            "orders_placed": placed,
            "orders_failed": 3,
            "funnel": {
                "arrived": 120,
                "viewed_product": 100,
                "added_to_cart": 60,
                "checkout_started": 2,
                "order_placed": 1,
                "order_shipped": 1,
            },
            "order_failure_reasons": {"_ERR_DOM_UNAVAILABLE": 3},
            "availability_lookups": 400,
            "cache_hit_ratio": hit_ratio,
            "dom_calls_per_lookup": 0.125,
            "stale_availability_rate": 0.02,
            "oversell_count": 0,
            "oversold_units": 0,
            "negative_on_hand_samples": 0,
            "order_to_ship_p90_s": 1260.0,
            "bods_exchanged": 3,
            "bods_invalid": int(invalid_bod),
        },
        series={
            "minute": minutes,
            "lookups": [80] * 5,
            "cache_hits": [70] * 5,
            "dom_fetches": [10] * 5,
            "stale_served": [0] * 5,
            "dom_latency_ms": [20.0, None, 22.0, 21.0, 20.0],
            "orders_placed": [1] * 5,
            "orders_failed": [0, 1, 2, 0, 0],
            "carts": [12] * 5,
        },
        stock={"SKU-0007 @ online": [(0.0, 10.0), (2.0, 7.0), (4.0, 3.0)]},
        outages=((60.0, 120.0),),
        bods=(
            bod("ProcessOrder", 10.0, order_id="7"),
            bod("AcknowledgeOrder", 10.0, order_id="7"),
            bod("SyncOrder", 200.0, valid=not invalid_bod),
        ),
        orders=(
            OrderOutcome(10.0, 0, "7", True, None, "done"),
            OrderOutcome(20.0, 1, "8", False, "_ERR_X", "checkout"),
        ),
        shipments=(Shipment(250.0, "7", 10.0, True, "S", "G"),),
        timings={"inventory_availability": {"count": 400, "p50_ms": 1.5, "p90_ms": 4.25}},
    )
    return dataclasses.replace(result, invariants=evaluate_invariants(result))
