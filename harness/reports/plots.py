"""The report's charts, drawn with matplotlib's object API on the Agg canvas and saved as PNG.

No pyplot: figures are built and saved explicitly, so nothing global (backend, current figure) changes and
reports can be written from any thread. DOM outage windows are shaded on every time chart.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from storefront_sim.results import SimResult

INK, MUTED, GRID = "#1f2933", "#7b8794", "#e4e7eb"
BLUE, GREEN, ORANGE, RED, PURPLE = "#2f6fde", "#2e9d5b", "#e8833a", "#d64545", "#7c5cc4"
PALETTE = (BLUE, ORANGE, GREEN, PURPLE, RED, "#1f9bb5", "#b5891f")
FUNNEL = (
    ("arrived", "Arrived"),
    ("searched", "Searched"),
    ("viewed_product", "Viewed a product"),
    ("added_to_cart", "Added to cart"),
    ("checkout_started", "Started checkout"),
    ("order_placed", "Order placed"),
    ("order_shipped", "Seen shipped"),
)


def new_figure(width: float = 7.2, height: float = 3.4) -> tuple[Figure, Axes]:
    figure = Figure(figsize=(width, height), dpi=110, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    axes.spines[["top", "right"]].set_visible(False)
    axes.spines[["left", "bottom"]].set_color(MUTED)
    axes.tick_params(colors=INK, labelsize=9)
    axes.grid(True, color=GRID, linewidth=0.8)
    axes.set_axisbelow(True)
    return figure, axes


def shade_outages(axes: Axes, result: SimResult) -> None:
    for number, (start, end) in enumerate(result.outages):
        axes.axvspan(
            start / 60, end / 60, color=RED, alpha=0.08, label="DOM unreachable" if number == 0 else None
        )


def finish(
    figure: Figure, axes: Axes, path: Path, title: str, ylabel: str, xlabel: str = "simulated minute"
) -> Path:
    axes.set_title(title, loc="left", fontsize=12, color=INK, fontweight="bold")
    axes.set_ylabel(ylabel, fontsize=9, color=MUTED)
    axes.set_xlabel(xlabel, fontsize=9, color=MUTED)
    handles, labels = axes.get_legend_handles_labels()
    if handles:
        figure.legend(
            handles,
            labels,
            fontsize=8.5,
            frameon=False,
            loc="outside lower center",
            ncol=min(len(handles), 4),
        )
    figure.savefig(path, format="png")
    return path


SHOPPER_ACTIVITY = ("lookups", "carts", "orders_placed", "orders_failed")
ACTIVITY_MARGIN_MIN = 2  # minutes shown after the last shopper activity


def shopping_end(result: SimResult) -> float | None:
    """The minute the shopper charts can stop at, when the run goes on long after the last shopper (DOM
    fulfilling orders only): otherwise most of such a chart is a flat line at zero. None: show it all."""
    minutes = result.series.get("minute", [])
    series = [result.series[name] for name in SHOPPER_ACTIVITY if name in result.series]
    active = [minute for i, minute in enumerate(minutes) if any(values[i] for values in series)]
    if not active:
        return None
    outage_end = max((end / 60 for _, end in result.outages), default=0.0)
    end = max(active[-1] + ACTIVITY_MARGIN_MIN, outage_end)
    return end if end < 0.6 * minutes[-1] else None


def clip_to_shopping(axes: Axes, result: SimResult) -> None:
    end = shopping_end(result)
    if end is None:
        return
    axes.set_xlim(left=-0.5, right=end)
    last = result.series["minute"][-1]
    axes.set_title(
        f"no shopper after minute {end - ACTIVITY_MARGIN_MIN:.0f}; DOM fulfils until minute {last:.0f}",
        loc="right",
        fontsize=8,
        color=MUTED,
    )


def empty_note(axes: Axes, text: str) -> None:
    axes.text(0.5, 0.5, text, ha="center", va="center", transform=axes.transAxes, color=MUTED, fontsize=9)


def availability_chart(result: SimResult, path: Path) -> Path:
    figure, axes = new_figure()
    minutes = result.series["minute"]
    shade_outages(axes, result)
    axes.plot(minutes, result.series["lookups"], color=BLUE, linewidth=1.6, label="lookups")
    axes.plot(minutes, result.series["cache_hits"], color=GREEN, linewidth=1.4, label="records from cache")
    axes.plot(minutes, result.series["dom_fetches"], color=ORANGE, linewidth=1.2, label="records from DOM")
    if any(result.series["stale_served"]):
        axes.plot(minutes, result.series["stale_served"], color=RED, linewidth=1.2, label="stale records")
    clip_to_shopping(axes, result)
    return finish(figure, axes, path, "Availability lookups and cache hits", "per minute")


def latency_chart(result: SimResult, path: Path) -> Path:
    figure, axes = new_figure()
    shade_outages(axes, result)
    latency = [math.nan if v is None else v for v in result.series["dom_latency_ms"]]
    if any(v is not None for v in result.series["dom_latency_ms"]):
        axes.plot(
            result.series["minute"],
            latency,
            color=PURPLE,
            linewidth=1.4,
            marker=".",
            markersize=3,
            label="mean DOM exchange (gaps: no exchange that minute)",
        )
        axes.set_ylim(bottom=0)
    else:
        empty_note(axes, "no DOM latency samples in this run")
    return finish(figure, axes, path, "DOM latency", "milliseconds")


def funnel_chart(result: SimResult, path: Path) -> Path:
    figure, axes = new_figure()
    funnel = result.kpis.get("funnel", {})
    labels = [label for _, label in FUNNEL][::-1]
    values = [funnel.get(key, 0) for key, _ in FUNNEL][::-1]
    bars = axes.barh(
        labels, values, color=[GREEN if label == "Order placed" else BLUE for label in labels], height=0.62
    )
    axes.bar_label(bars, labels=[f"{v:,}" for v in values], padding=3, fontsize=9, color=INK)
    axes.grid(True, axis="x", color=GRID)
    axes.grid(False, axis="y")
    return finish(figure, axes, path, "Order funnel", "", xlabel="sessions reaching the stage")


def orders_chart(result: SimResult, path: Path) -> Path:
    figure, axes = new_figure()
    minutes = result.series["minute"]
    shade_outages(axes, result)
    axes.bar(minutes, result.series["orders_placed"], color=GREEN, width=0.9, label="placed")
    axes.bar(
        minutes,
        result.series["orders_failed"],
        bottom=result.series["orders_placed"],
        color=RED,
        width=0.9,
        label="failed",
    )
    axes.plot(minutes, result.series["carts"], color=BLUE, linewidth=1.0, label="add to cart")
    clip_to_shopping(axes, result)
    return finish(figure, axes, path, "Orders and carts", "per minute")


def stock_chart(result: SimResult, path: Path, items: int = 5) -> Path:
    figure, axes = new_figure(width=14.4, height=3.6)
    shade_outages(axes, result)
    ranked: Sequence[str] = sorted(result.stock, key=lambda name: -len(result.stock[name]))[:items]
    for colour, name in zip(PALETTE, sorted(ranked), strict=False):
        samples = result.stock[name]
        axes.step(
            [m for m, _ in samples],
            [q for _, q in samples],
            where="post",
            color=colour,
            linewidth=1.4,
            label=name,
        )
    if not ranked:
        empty_note(axes, "no stock samples in this run")
    axes.axhline(0, color=MUTED, linewidth=0.8)
    return finish(figure, axes, path, "On-hand of the busiest items", "units on hand")


CHARTS = (
    ("availability.png", "Availability lookups and cache hits", availability_chart),
    ("dom_latency.png", "DOM latency", latency_chart),
    ("funnel.png", "Order funnel", funnel_chart),
    ("orders.png", "Orders and carts over time", orders_chart),
    ("stock.png", "Inventory of the busiest items", stock_chart),
)


def draw_all(result: SimResult, folder: Path, prefix: str = "") -> list[tuple[str, Path]]:
    """Every chart of a result as (title, PNG path)."""
    return [(title, draw(result, folder / f"{prefix}{name}")) for name, title, draw in CHARTS]
