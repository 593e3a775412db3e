"""`domh bench sim` measures the fast adapters (real services through the codec) by default."""

from __future__ import annotations

from storefront_sim.benchmark import run


def test_the_benchmark_plugs_the_fast_storefront_by_default() -> None:
    result = run(0.01, shoppers=10)
    assert result["storefront"] == "adapter_storefront"
    assert result["full"]["sessions"] >= 10
    assert result["full"]["sessions_per_s"] < result["bare"]["sessions_per_s"]
