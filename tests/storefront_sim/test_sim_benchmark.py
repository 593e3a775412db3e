"""The benchmark runs both subjects and reports their ratio (smoke-sized budgets only)."""

from __future__ import annotations

from sim_fakes import FakeStorefront, fake_pair

from storefront_sim.benchmark import format_result, run


def test_the_benchmark_measures_bare_and_full_sessions_and_their_ratio() -> None:
    result = run(0.01, shoppers=20)
    assert result["bare"]["sessions"] >= 20
    assert result["full"]["sessions"] >= 20
    assert result["ratio"] == round(result["full"]["sessions_per_s"] / result["bare"]["sessions_per_s"], 3)


def test_the_full_model_uses_the_storefront_factory_it_is_given() -> None:
    made: list[FakeStorefront] = []

    def dom_factory(mode, scenario, env):  # type: ignore[no-untyped-def]
        storefront, dom = fake_pair(env, scenario.epoch)
        made.append(storefront)
        return dom

    def storefront_factory(mode, scenario, env, dom):  # type: ignore[no-untyped-def]
        return made[-1]

    result = run(0.01, shoppers=10, storefront_factory=storefront_factory, dom_factory=dom_factory)
    assert made
    assert result["storefront"] == "storefront_factory"


def test_the_result_formats_as_lines_naming_both_subjects() -> None:
    text = format_result(run(0.01, shoppers=10))
    assert "bare SimPy model" in text
    assert "full / bare" in text
