"""Journal times (wall clock) map to simulated time through marks taken during the run."""

from __future__ import annotations

from storefront_sim.live import SimTimeMarks


def marks() -> SimTimeMarks:
    found = SimTimeMarks(speed=60.0)
    found.mark(1000.0, 0.0)
    found.mark(1001.0, 30.0)  # the model fell behind: 30 simulated seconds in one wall second, not 60
    return found


def test_a_time_between_two_marks_is_interpolated() -> None:
    assert marks().sim_time(1000.5) == 15.0


def test_a_time_after_the_last_mark_runs_at_the_nominal_speed() -> None:
    assert marks().sim_time(1002.0) == 90.0


def test_a_time_before_the_first_mark_runs_back_at_the_nominal_speed() -> None:
    assert marks().sim_time(999.5) == -30.0
