"""Shopper charts stop soon after the last shopper when DOM goes on fulfilling long after."""

from __future__ import annotations

import dataclasses

from report_samples import synthetic_result

from harness.reports import plots
from storefront_sim.results import SimResult


def with_activity(active_minutes: int, total_minutes: int, outages: tuple = ()) -> SimResult:
    base = synthetic_result()
    minutes = list(range(total_minutes))
    busy = [5 if m < active_minutes else 0 for m in minutes]
    series = {name: list(busy) for name in ("lookups", "cache_hits", "dom_fetches", "carts", "orders_placed")}
    series |= {"minute": minutes, "stale_served": [0] * total_minutes, "orders_failed": [0] * total_minutes}
    return dataclasses.replace(base, series=series, outages=outages)


def test_a_long_fulfilment_tail_ends_the_shopper_charts_two_minutes_after_the_last_shopper() -> None:
    assert plots.shopping_end(with_activity(12, 77)) == 13  # last active minute 11, plus 2


def test_a_run_busy_most_of_its_length_is_shown_whole() -> None:
    assert plots.shopping_end(with_activity(60, 77)) is None


def test_an_outage_after_the_last_shopper_stays_in_view() -> None:
    assert plots.shopping_end(with_activity(12, 77, outages=((600.0, 1500.0),))) == 25


def test_the_clipped_chart_says_where_the_shoppers_stopped(tmp_path) -> None:
    figure, axes = plots.new_figure()
    plots.clip_to_shopping(axes, with_activity(12, 77))
    assert axes.get_xlim() == (-0.5, 13)
    assert axes.get_title(loc="right") == "no shopper after minute 11; DOM fulfils until minute 76"
    assert plots.orders_chart(with_activity(12, 77), tmp_path / "orders.png").stat().st_size > 0
