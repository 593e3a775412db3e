"""Each invariant catches the broken run it is there for."""

from __future__ import annotations

import dataclasses

from storefront_sim.invariants import check_invariants, evaluate_invariants
from storefront_sim.monitor import OrderOutcome, Shipment
from storefront_sim.ports import BodDirection, CapturedBod
from storefront_sim.results import SimResult


def clean_result(**changes: object) -> SimResult:
    base = SimResult(
        scenario="t",
        seed=1,
        sim_seconds=60.0,
        kpis={
            "sessions_started": 1,
            "sessions_finished": 1,
            "funnel": {"checkout_started": 1},
            "oversold_units": 0,
            "negative_on_hand_samples": 0,
        },
        series={"minute": [0]},
        orders=(OrderOutcome(1.0, 0, "7", True, None, "done"),),
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def test_a_clean_run_has_no_violations() -> None:
    assert check_invariants(clean_result()) == []


def test_an_order_failed_without_an_error_key_is_a_violation() -> None:
    result = clean_result(orders=(OrderOutcome(1.0, 0, "7", False, None, "checkout"),))
    assert check_invariants(result) == [
        "orders_end_placed_or_failed: order 7 of shopper 0 failed at checkout without an error key"
    ]


def test_a_checkout_that_never_ended_is_a_violation() -> None:
    assert check_invariants(clean_result(orders=())) == [
        "orders_end_placed_or_failed: 1 checkouts started but 0 ended placed or failed"
    ]


def test_a_session_that_never_finished_is_a_violation() -> None:
    result = clean_result(kpis={**clean_result().kpis, "sessions_finished": 0})
    assert check_invariants(result) == ["sessions_end: 1 sessions started, 0 finished"]


def test_oversold_units_are_a_violation() -> None:
    result = clean_result(kpis={**clean_result().kpis, "oversold_units": 2.0})
    assert check_invariants(result) == ["no_oversell: 2.0 units sold beyond stock"]


def test_an_invalid_bod_is_a_violation_with_its_errors() -> None:
    bad = CapturedBod(
        "SyncOrder", "Change", BodDirection.TO_COMMERCE, False, ("line 3: missing BODID",), at=5.0
    )
    assert check_invariants(clean_result(bods=(bad,))) == [
        "bods_conform: SyncOrder (dom_to_commerce) at 5.0: line 3: missing BODID"
    ]


def test_a_shipment_of_an_order_never_placed_is_a_violation() -> None:
    result = clean_result(shipments=(Shipment(9.0, "99", 1.0, True, "S", "G"),))
    assert check_invariants(result) == ["only_placed_orders_ship: order 99 shipped but was never placed"]


def test_a_bod_missing_from_one_journal_is_a_violation() -> None:
    gap = "1 outbound BOD(s) of the mock_dom journal not in the commerce journal (SyncOrder)"
    assert check_invariants(clean_result(journal_gaps=(gap,))) == [f"journals_agree: {gap}"]


def test_every_invariant_is_reported_even_when_it_held() -> None:
    assert [inv.held for inv in evaluate_invariants(clean_result())] == [True] * 6
