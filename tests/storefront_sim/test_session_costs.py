"""Where a session's time goes: each function's own time lands in the layer of the code that spent it."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import pytest
import sqlalchemy
from sqlalchemy import create_engine, text

import bods
import harness.commerce
from bods import codec
from storefront_sim.benchmark import format_result, run
from storefront_sim.session_costs import UNATTRIBUTED, LayerOf, StackSampler, StatementCount

DATABASE, CODEC = "database (SQLAlchemy, sqlite3)", "BOD codec (bods, lxml)"
STORAGE, COMMERCE = "storage adapters (both servers)", "commerce services"


def in_folder(module: object, *parts: str) -> str:
    return str(Path(module.__file__).parent.joinpath(*parts))  # type: ignore[attr-defined]


STDLIB = "/usr/lib/python3.11/dataclasses.py"


def test_a_stack_counts_for_its_innermost_frame_that_has_a_layer() -> None:
    layer_of = LayerOf()
    stack = [STDLIB, in_folder(sqlalchemy, "engine", "base.py"), in_folder(bods, "codec.py")]
    assert layer_of.of_stack(iter(stack)) == DATABASE
    assert layer_of.of_stack(iter(stack[:1] + stack[2:])) == CODEC


def test_a_storage_folder_counts_as_storage_not_as_its_server() -> None:
    layer_of = LayerOf()
    assert layer_of.of_file(in_folder(harness.commerce, "storage", "orders.py")) == STORAGE
    assert layer_of.of_file(in_folder(harness.commerce, "services", "checkout.py")) == COMMERCE


def test_a_stack_with_no_layer_is_unattributed() -> None:
    assert LayerOf().of_stack(iter([STDLIB, "<frozen runpy>"])) == UNATTRIBUTED


def busy_in_the_codec(seconds_of_cpu: float) -> None:
    data = (Path(bods.__file__).parent / "samples" / "ProcessOrder_Transfer.xml").read_bytes()
    started = time.process_time()
    while time.process_time() - started < seconds_of_cpu:
        codec.parse(data)


def test_the_sampler_sees_where_the_cpu_time_went() -> None:
    with StackSampler() as sampler:
        busy_in_the_codec(0.3)
    shares = sampler.shares()
    assert sum(sampler.counts.values()) >= 10
    assert shares[CODEC] > 0.8
    assert signal.getsignal(signal.SIGPROF) is not sampler._sample  # the previous handler is back


def test_statements_are_counted_only_while_counting() -> None:
    engine = create_engine("sqlite://")
    with engine.connect() as connection:
        with StatementCount() as counted:
            for _ in range(3):
                connection.execute(text("SELECT 1"))
        connection.execute(text("SELECT 1"))
    assert counted.count == 3


def test_the_benchmark_says_where_a_fast_session_spends_its_time() -> None:
    result = run(0.01, shoppers=10)
    breakdown = result["breakdown"]
    assert breakdown["sampled_sessions"] == 10
    assert sum(row["share"] for row in breakdown["layers"].values()) == pytest.approx(1.0, abs=0.01)
    assert breakdown["sql_statements_per_session"] > 1
    assert breakdown["bods_per_session"] > 0
    assert "where a full session's time goes" in format_result(result)
    floor = result["floor"]
    assert floor["total_us"] == pytest.approx(
        floor["bare_us"] + floor["validation_us"] + floor["reading_us"] + floor["statements_us"], abs=0.3
    )
    assert "the least a session can cost" in format_result(result)


def test_the_breakdown_can_be_left_out() -> None:
    result = run(0.01, shoppers=5, breakdown=False)
    assert "breakdown" not in result
    assert "floor" not in result
    assert "where a full session's time goes" not in format_result(result)
