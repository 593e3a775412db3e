"""Which INVCNF governs an item at a location: most specific INVCNFREL, then PRECEDENCE, then lowest id."""

from __future__ import annotations

import pytest

from harness.commerce.domain.availability import Location, LocationKind
from harness.commerce.domain.cache_policy import (
    UNCONFIGURED,
    CacheFlags,
    ConfigurationScope,
    InventoryConfiguration,
    resolve_configuration,
)

ITEM, OTHER_ITEM = 12001, 12002
STORE = Location(LocationKind.ONLINE_STORE, 10101)
STLOC = Location(LocationKind.PHYSICAL_STORE, 20001)


def config(id_: int, precedence: float = 0.0) -> InventoryConfiguration:
    return InventoryConfiguration(id_, f"C{id_}", CacheFlags.CALL_DOM, precedence=precedence)


ANY_ANY = (config(1), ConfigurationScope(1))
ANY_STORE = (config(2), ConfigurationScope(2, store_id=10101))
ITEM_ANY = (config(3), ConfigurationScope(3, catentry_id=ITEM))
ITEM_STORE = (config(4), ConfigurationScope(4, catentry_id=ITEM, store_id=10101))
ANY_STLOC = (config(5), ConfigurationScope(5, stloc_id=20001))
ITEM_STLOC = (config(6), ConfigurationScope(6, catentry_id=ITEM, stloc_id=20001))
EVERYTHING = [ANY_ANY, ANY_STORE, ITEM_ANY, ITEM_STORE, ANY_STLOC, ITEM_STLOC]


@pytest.mark.parametrize(
    ("candidates", "catentry", "location", "expected_id"),
    [
        pytest.param(EVERYTHING, ITEM, STORE, 4, id="item+location beats everything"),
        pytest.param([ANY_ANY, ANY_STORE, ITEM_ANY], ITEM, STORE, 3, id="item+any beats any+location"),
        pytest.param([ANY_ANY, ANY_STORE], ITEM, STORE, 2, id="any+location beats any+any"),
        pytest.param([ANY_ANY], ITEM, STORE, 1, id="any+any covers everything"),
        pytest.param(EVERYTHING, OTHER_ITEM, STORE, 2, id="another item falls back to the location scope"),
        pytest.param(EVERYTHING, ITEM, STLOC, 6, id="physical store scope by STLOC_ID"),
        pytest.param(
            [ANY_ANY, ANY_STORE, ITEM_STORE], ITEM, STLOC, 1, id="store scopes do not cover a stloc"
        ),
        pytest.param([ANY_STLOC], OTHER_ITEM, STORE, 0, id="nothing covers it: unconfigured"),
    ],
)
def test_most_specific_configuration_wins(candidates, catentry, location, expected_id) -> None:
    assert resolve_configuration(candidates, catentry, location).id == expected_id


def test_highest_precedence_wins_among_equally_specific() -> None:
    low, high = config(7, precedence=-1.0), config(8, precedence=5.0)
    chosen = resolve_configuration([(low, ConfigurationScope(7)), (high, ConfigurationScope(8))], ITEM, STORE)
    assert chosen is high


def test_precedence_does_not_beat_specificity() -> None:
    broad = config(9, precedence=100.0)
    chosen = resolve_configuration([(broad, ConfigurationScope(9)), ITEM_ANY], ITEM, STORE)
    assert chosen.id == 3


def test_lowest_id_breaks_a_full_tie() -> None:
    chosen = resolve_configuration(
        [(config(12), ConfigurationScope(12)), (config(11), ConfigurationScope(11))], ITEM, STORE
    )
    assert chosen.id == 11


def test_unconfigured_asks_dom_and_keeps_nothing() -> None:
    assert resolve_configuration([], ITEM, STORE) is UNCONFIGURED
    assert UNCONFIGURED.flags == CacheFlags.CALL_DOM
