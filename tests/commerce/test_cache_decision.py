"""The INVCNF cache decision (facts section 3): validity by threshold and expiry, and the actions."""

from __future__ import annotations

import pytest

from harness.commerce.domain.availability import (
    AvailabilityRecord,
    AvailabilityStatus,
    Location,
    LocationKind,
)
from harness.commerce.domain.cache_policy import CacheFlags, InventoryConfiguration, decide, is_expired

NOW = 1_714_557_600.0
STORE = Location(LocationKind.ONLINE_STORE, 10101, "AuroraESite")
F = CacheFlags
ALL = F.MEMORY | F.DATABASE | F.CALL_DOM | F.DECREMENT_ON_SUBMIT | F.STORE_DOM_RESULT
MISSING = object()
NEVER = object()


def configuration(
    flags: CacheFlags = ALL, threshold: float | None = 10.0, above: int | None = 300, below: int | None = 30
) -> InventoryConfiguration:
    return InventoryConfiguration(1, "T", flags, threshold=threshold, expiry_above=above, expiry_below=below)


def cached(
    quantity: float | None, age: object, status: AvailabilityStatus = AvailabilityStatus.AVAILABLE
) -> AvailabilityRecord | None:
    if age is MISSING:
        return None
    last_update = None if age is NEVER else NOW - float(age)  # type: ignore[arg-type]
    return AvailabilityRecord(12001, STORE, status, quantity, last_update=last_update)


# threshold, above, below, quantity, age (s), requested, expired?
EXPIRY_TABLE = [
    pytest.param(10.0, 300, 30, 50.0, 100, 0, False, id="above threshold, younger than the above expiry"),
    pytest.param(10.0, 300, 30, 50.0, 301, 0, True, id="above threshold, older than the above expiry"),
    pytest.param(10.0, 300, 30, 50.0, 300, 0, False, id="exactly at the expiry is still valid"),
    pytest.param(10.0, 300, 30, 5.0, 31, 0, True, id="below threshold uses the short expiry"),
    pytest.param(10.0, 300, 30, 5.0, 29, 0, False, id="below threshold, younger than the short expiry"),
    pytest.param(10.0, 300, 30, 10.0, 100, 0, False, id="at the threshold counts as above"),
    pytest.param(
        10.0, 300, 30, 15.0, 100, 6, True, id="requested quantity pushes the record below threshold"
    ),
    pytest.param(10.0, 300, 30, 15.0, 100, 5, False, id="requested quantity leaving exactly the threshold"),
    pytest.param(None, 300, 30, 0.0, 100, 1000, False, id="NULL threshold is minus infinity: always above"),
    pytest.param(None, 300, 0, 0.0, 301, 0, True, id="NULL threshold, above expiry elapsed"),
    pytest.param(10.0, 0, 0, 50.0, 0, 0, True, id="expiry 0 is always expired even at age 0"),
    pytest.param(10.0, 0, 30, 50.0, NEVER, 0, True, id="expiry 0 expires even without LASTUPDATE"),
    pytest.param(10.0, None, 30, 50.0, 10**9, 0, False, id="NULL expiry never expires"),
    pytest.param(10.0, 300, None, 1.0, 10**9, 0, False, id="NULL below-threshold expiry never expires"),
    pytest.param(10.0, 300, 30, 1.0, NEVER, 0, False, id="no LASTUPDATE never expires"),
    pytest.param(10.0, 300, 30, None, 100, 0, False, id="infinite available quantity is above any threshold"),
]


@pytest.mark.parametrize(
    ("threshold", "above", "below", "quantity", "age", "requested", "expired"), EXPIRY_TABLE
)
def test_expiry_follows_threshold_and_age(threshold, above, below, quantity, age, requested, expired) -> None:
    record = cached(quantity, age)
    assert record is not None
    assert is_expired(configuration(ALL, threshold, above, below), record, NOW, requested) is expired


def test_unavailable_record_without_quantity_counts_as_zero() -> None:
    record = cached(None, 100, AvailabilityStatus.UNAVAILABLE)
    assert record is not None
    assert is_expired(configuration(ALL, 10.0, 300, 30), record, NOW) is True


# flags, cached age, -> serve_cached, call_dom, store_in_memory, store_in_database, stale
DECISION_TABLE = [
    pytest.param(ALL, 10, (True, False, False, False, False), id="valid record is served, DOM not called"),
    pytest.param(
        ALL, MISSING, (False, True, True, True, False), id="miss calls DOM and stores in memory and DB"
    ),
    pytest.param(ALL, 1000, (False, True, True, True, True), id="expired record calls DOM, kept as stale"),
    pytest.param(F.CALL_DOM, MISSING, (False, True, False, False, False), id="DOM call without storing"),
    pytest.param(
        F.CALL_DOM | F.STORE_DOM_RESULT | F.MEMORY,
        MISSING,
        (False, True, True, False, False),
        id="store result in memory only",
    ),
    pytest.param(
        F.CALL_DOM | F.STORE_DOM_RESULT | F.DATABASE,
        MISSING,
        (False, True, False, True, False),
        id="store result in the database only",
    ),
    pytest.param(
        F.CALL_DOM | F.MEMORY | F.DATABASE,
        MISSING,
        (False, True, False, False, False),
        id="without flag 16 DOM results are not stored",
    ),
    pytest.param(
        F.MEMORY | F.DATABASE,
        1000,
        (True, False, False, False, True),
        id="without flag 4 an expired record is served stale",
    ),
    pytest.param(
        F.MEMORY | F.DATABASE,
        MISSING,
        (False, False, False, False, False),
        id="without flag 4 a miss has nothing to serve",
    ),
]


@pytest.mark.parametrize(("flags", "age", "expected"), DECISION_TABLE)
def test_decision_actions(flags: CacheFlags, age: object, expected: tuple[bool, ...]) -> None:
    decision = decide(configuration(flags), cached(50.0, age), NOW)
    actual = (
        decision.serve_cached,
        decision.call_dom,
        decision.store_in_memory,
        decision.store_in_database,
        decision.stale,
    )
    assert actual == expected


@pytest.mark.parametrize(("flags", "decrement"), [(ALL, True), (ALL & ~F.DECREMENT_ON_SUBMIT, False)])
def test_decrement_on_submit_follows_flag_8(flags: CacheFlags, decrement: bool) -> None:
    assert decide(configuration(flags), None, NOW).decrement_on_submit is decrement


def test_requested_quantity_reaches_the_threshold_rule() -> None:
    record = cached(15.0, 100)
    assert decide(configuration(), record, NOW, requested_quantity=0).serve_cached is True
    assert decide(configuration(), record, NOW, requested_quantity=10).call_dom is True
