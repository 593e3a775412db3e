"""Fast mode, scenario dom_down: DOM unreachable from minute 10 to minute 20.

Orders submitted meanwhile are held (transfer status H/F, facts section 4) and transferred exactly once when
DOM is back; nothing is oversold, every checkout ends placed or failed with an error key, and the BOD log
holds every exchange (no answer only while DOM was down).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import simpy

from harness.commerce.domain.orders import TransferStatus
from storefront_sim import fast
from storefront_sim.model import run_model
from storefront_sim.ports import BodDirection, CapturedBod
from storefront_sim.results import SimResult
from storefront_sim.scenario import load_scenario

SHOPPERS = 150  # arrivals at 8 a minute reach well past the outage (600 s .. 1200 s)
HELD = {TransferStatus.HELD, TransferStatus.FAILED}


@dataclass
class Outcome:
    result: SimResult
    world: fast.FastWorld
    held_at_outage_end: set[str] = field(default_factory=set)

    def transfer_status(self, order_id: str) -> TransferStatus | None:
        with self.world.checkout.uow_factory() as uow:
            order = uow.orders.get(int(order_id))
        return order.transfer_status if order is not None else None


def transfer_requests(bods: list[CapturedBod]) -> list[CapturedBod]:
    return [b for b in bods if b.type == "ProcessOrder" and b.action in ("TransferOrder", "Transfer")]


@pytest.fixture(scope="module")
def outcome() -> Iterator[Outcome]:
    scenario = load_scenario("dom_down")
    start, duration = scenario.dom.outages[0]
    env = simpy.Environment()
    dom = fast.open_dom(scenario, env)
    seen = Outcome(None, dom.world)  # type: ignore[arg-type]

    def probe() -> Any:
        """Just before DOM comes back: which orders sent so far are still held?"""
        yield env.timeout(start + duration - 1)
        for order_id in {b.order_id for b in transfer_requests(dom.captured_bods()) if b.order_id}:
            if seen.transfer_status(order_id) in HELD:
                seen.held_at_outage_end.add(order_id)

    env.process(probe())
    storefront = fast.open_storefront(scenario, env, dom)
    seen.result = run_model(env, scenario, storefront, dom, shoppers=SHOPPERS)
    yield seen
    dom.close()


def test_orders_submitted_while_dom_is_down_are_held(outcome: Outcome) -> None:
    assert outcome.held_at_outage_end


def test_each_held_order_is_transferred_exactly_once_when_dom_is_back(outcome: Outcome) -> None:
    acknowledged = Counter(b.order_id for b in outcome.result.bods if b.type == "AcknowledgeOrder")
    for order_id in outcome.held_at_outage_end:
        assert outcome.transfer_status(order_id) is TransferStatus.TRANSFERRED
        assert acknowledged[order_id] == 1
        assert outcome.world.dom.service.get_order(order_id)["order_id"] == order_id


def test_held_orders_were_retried_during_the_outage(outcome: Outcome) -> None:
    assert outcome.result.kpis["transfer_retries"] >= len(outcome.held_at_outage_end)


def test_nothing_is_oversold_and_every_order_ends_placed_or_failed_with_a_reason(outcome: Outcome) -> None:
    kpis = outcome.result.kpis
    assert kpis["oversell_count"] == 0
    assert kpis["orders_failed"] > 0  # reservations refused while DOM was down ...
    assert set(kpis["order_failure_reasons"]) == {"_ERR_DOM_UNAVAILABLE"}  # ... each with its reason
    assert outcome.result.passed, outcome.result.violations


def test_stale_availability_is_served_while_dom_is_down(outcome: Outcome) -> None:
    assert outcome.result.kpis["stale_served"] > 0


def test_the_bod_log_misses_answers_only_while_dom_was_down(outcome: Outcome) -> None:
    (start, end), *_ = outcome.result.outages
    bods = outcome.result.bods
    unanswered = [
        bods[i]
        for i, bod in enumerate(bods)
        if bod.direction is BodDirection.TO_DOM
        and bod.is_request
        and (i + 1 == len(bods) or bods[i + 1].is_request)
    ]
    assert unanswered
    assert all(start <= (bod.at or 0) < end for bod in unanswered)
    pushes = [b for b in bods if b.direction is BodDirection.TO_COMMERCE]
    assert Counter(b.is_request for b in pushes)[True] == Counter(b.type for b in pushes)["ConfirmBOD"]
