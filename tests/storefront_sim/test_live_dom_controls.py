"""The live DOM controls over the running mock DOM's admin API: another channel's sales and pushes off."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from storefront_sim import live
from storefront_sim.adapters import make_environment
from storefront_sim.ports import ONLINE
from storefront_sim.scenario import load_scenario


@pytest.fixture(scope="module")
def dom() -> Iterator[live.LiveDom]:
    opened = live.open_dom(load_scenario("omnichannel"), make_environment("live", 600.0))
    try:
        yield opened
    finally:
        opened.close()


def test_another_channel_sells_what_dom_can_promise_and_no_more(dom: live.LiveDom) -> None:
    before = dom.on_hand("SKU-0003", ONLINE)
    assert before > 2
    assert dom.withdraw("SKU-0003", ONLINE, 2) == 2
    assert dom.on_hand("SKU-0003", ONLINE) == before - 2
    assert dom.withdraw("SKU-0003", ONLINE, before + 100) == before - 2
    assert dom.on_hand("SKU-0003", ONLINE) == 0


def test_availability_pushes_off_is_a_drop_rule_on_sync_inventory_pushes_and_on_removes_it(
    dom: live.LiveDom,
) -> None:
    dom.set_availability_pushes(False)
    rules = [r for r in dom.driver.faults() if r["id"] == live.NO_AVAILABILITY_PUSHES_RULE]
    assert len(rules) == 1
    assert rules[0]["match"]["operation"] == "SyncInventoryAvailability"
    assert rules[0]["fault"]["type"] == "drop"
    dom.set_availability_pushes(True)
    assert all(r["id"] != live.NO_AVAILABILITY_PUSHES_RULE for r in dom.driver.faults())
