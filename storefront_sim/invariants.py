"""Promises every run must keep, whatever the scenario: checked after the run, reported one by one.

A run can be slow, lose orders to an outage or run out of stock and still pass; it fails when an order ends in
limbo, a session never ends, stock is oversold, a BOD on the wire does not conform to the schemas, or (live)
a BOD one server journaled is missing from the other's journal.
"""

from __future__ import annotations

from collections.abc import Callable

from storefront_sim.results import InvariantResult, SimResult

Check = Callable[[SimResult], list[str]]


def every_order_ends_placed_or_failed_with_reason(result: SimResult) -> list[str]:
    problems = [
        f"order {o.order_id or '?'} of shopper {o.shopper} failed at {o.step} without an error key"
        for o in result.orders
        if not o.placed and not o.error_key
    ]
    started = result.kpis.get("funnel", {}).get("checkout_started", 0)
    if started != len(result.orders):
        problems.append(f"{started} checkouts started but {len(result.orders)} ended placed or failed")
    return problems


def every_session_ends(result: SimResult) -> list[str]:
    started, finished = result.kpis.get("sessions_started", 0), result.kpis.get("sessions_finished", 0)
    return [] if started == finished else [f"{started} sessions started, {finished} finished"]


def nothing_is_oversold(result: SimResult) -> list[str]:
    problems = []
    if result.kpis.get("oversold_units", 0):
        problems.append(f"{result.kpis['oversold_units']} units sold beyond stock")
    if result.kpis.get("negative_on_hand_samples", 0):
        problems.append(f"on-hand went negative in {result.kpis['negative_on_hand_samples']} samples")
    return problems


def every_bod_conforms(result: SimResult) -> list[str]:
    return [
        f"{bod.type} ({bod.direction.value}) at {bod.at}: {'; '.join(bod.errors) or 'invalid'}"
        for bod in result.bods
        if not bod.valid
    ]


def both_journals_agree(result: SimResult) -> list[str]:
    return list(result.journal_gaps)


def only_placed_orders_ship(result: SimResult) -> list[str]:
    placed = {o.order_id for o in result.orders if o.placed}
    return [
        f"order {s.order_id} shipped but was never placed"
        for s in result.shipments
        if s.shipped and s.order_id not in placed
    ]


INVARIANTS: tuple[tuple[str, str, Check], ...] = (
    (
        "orders_end_placed_or_failed",
        "every checkout ends with the order placed or failed with an error key",
        every_order_ends_placed_or_failed_with_reason,
    ),
    ("sessions_end", "every shopper session that started also finished", every_session_ends),
    ("no_oversell", "no item sold beyond its stock; on-hand never negative", nothing_is_oversold),
    ("bods_conform", "every BOD exchanged validates against the schemas", every_bod_conforms),
    ("only_placed_orders_ship", "only orders that were placed are reported shipped", only_placed_orders_ship),
    (
        "journals_agree",
        "every BOD between the servers is in both servers' journals (live runs)",
        both_journals_agree,
    ),
)


def evaluate_invariants(result: SimResult) -> tuple[InvariantResult, ...]:
    """Each invariant with the violations found (empty when it held)."""
    return tuple(InvariantResult(name, text, tuple(check(result))) for name, text, check in INVARIANTS)


def check_invariants(result: SimResult) -> list[str]:
    """All violations of a run as '<invariant>: <what happened>'; an empty list means the run passed."""
    return [f"{inv.name}: {message}" for inv in evaluate_invariants(result) for message in inv.violations]
