"""The floor under a fast session: each part really does the work it stands for, and the parts add up."""

from __future__ import annotations

import pytest
from lxml import etree

from bods import samples
from bods.validation import validating_parser
from storefront_sim.benchmark import floor_figures, floor_lines
from storefront_sim.session_costs import StatementCount
from storefront_sim.session_floor import (
    REPEATS,
    SessionFloor,
    cheapest_statement_seconds,
    conforms,
    read_elements,
    session_floor,
    validation_seconds,
)

SAMPLE = samples.load("ProcessOrder_Transfer.xml")


def test_the_validation_part_validates_against_the_contract() -> None:
    invalid = SAMPLE.replace(b"<oa:ApplicationArea ", b"<oa:Unexpected/><oa:ApplicationArea ", 1)
    assert invalid != SAMPLE
    assert conforms(SAMPLE, validating_parser())
    assert not conforms(invalid, validating_parser())
    assert validation_seconds([SAMPLE, invalid]) > 0  # a refused document is measured, not raised


def test_the_reading_part_reads_every_element() -> None:
    tree = etree.fromstring(SAMPLE)
    assert read_elements(tree) == int(tree.xpath("count(//*)"))


def test_the_statement_part_runs_real_statements_each_repetition() -> None:
    with StatementCount() as counted:
        assert cheapest_statement_seconds(count=7) > 0
    assert counted.count >= 7 * REPEATS


def test_the_floor_is_per_session_and_adds_its_parts() -> None:
    nothing = session_floor(50_000.0, [], sessions=4, statements_per_session=0.0)
    assert nothing.bare_us == 20.0
    assert nothing.statements_us == 0.0
    floor = session_floor(50_000.0, [SAMPLE] * 8, sessions=4, statements_per_session=3.0)
    assert floor.validation_us > 0
    assert floor.statements_us > 0
    assert floor.reading_us > 0
    assert floor.total_us == pytest.approx(
        20.0 + floor.validation_us + floor.reading_us + floor.statements_us
    )


def test_the_floor_is_set_against_what_each_target_allows() -> None:
    figures = floor_figures(
        SessionFloor(bare_us=20.0, validation_us=150.0, reading_us=60.0, statements_us=770.0)
    )
    assert figures["total_us"] == 1000.0
    assert figures["max_sessions_per_s"] == 1000.0
    assert figures["target_us"] == 500.0  # 2,000 sessions/s
    assert figures["ratio_target_us"] == 200.0  # 0.1 of a bare session of 20 us
    text = "\n".join(floor_lines(figures, {"bods_per_session": 8.4, "sql_statements_per_session": 64.7}))
    assert "checking its 8.4 BODs once" in text
    assert "at most 1,000 sessions/s" in text
