"""Fixtures: synthetic simulation results for the report tests."""

from __future__ import annotations

import pytest
from report_samples import synthetic_result

from storefront_sim.results import SimResult


@pytest.fixture
def result() -> SimResult:
    return synthetic_result()


@pytest.fixture
def failing_result() -> SimResult:
    return synthetic_result(invalid_bod=True)
