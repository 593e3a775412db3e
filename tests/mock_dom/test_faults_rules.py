from __future__ import annotations

from typing import Any

import pytest

from mock_dom.faults import Facts, FaultBook, FaultKind, FaultRuleError, Target

RESERVE = Facts(
    operation="ProcessInventoryRequirement",
    action="ReserveInventory",
    part_numbers=("SKU-0001",),
    store="10101",
)
AVAILABILITY = Facts(operation="GetInventoryAvailability", part_numbers=("SKU-0002",), store="10101")


class Now:
    def __init__(self) -> None:
        self.value = 1_000.0

    def __call__(self) -> float:
        return self.value


@pytest.fixture
def now() -> Now:
    return Now()


@pytest.fixture
def book(now: Now) -> FaultBook:
    return FaultBook(seed=7, now=now)


def kinds(book: FaultBook, facts: Facts, n: int = 1) -> list[str | None]:
    out = []
    for _ in range(n):
        decision = book.decide(facts)
        out.append(decision.outcome.action.kind.value if decision.outcome else None)
    return out


def test_no_rules_means_no_fault(book: FaultBook) -> None:
    decision = book.decide(RESERVE)
    assert (decision.delay, decision.outcome, decision.describe()) == (0.0, None, None)


def test_a_rule_matches_on_operation_action_part_number_and_store(book: FaultBook) -> None:
    book.add(
        {
            "match": {
                "operation": "ProcessInventoryRequirement",
                "action": "ReserveInventory",
                "partNumber": "SKU-0001",
                "store": "10101",
            },
            "fault": {"type": "httpStatus", "status": 503},
        }
    )
    assert kinds(book, RESERVE) == ["httpStatus"]
    assert kinds(book, AVAILABILITY) == [None]


@pytest.mark.parametrize(
    "match",
    [{"operation": "ProcessOrder"}, {"action": "Cancel"}, {"partNumber": "SKU-0009"}, {"store": "10102"}],
)
def test_a_rule_ignores_bods_that_differ_in_one_fact(book: FaultBook, match: dict[str, Any]) -> None:
    book.add({"match": match, "fault": {"type": "drop"}})
    assert kinds(book, RESERVE) == [None]


def test_the_nth_matching_request_is_the_only_one_faulted(book: FaultBook) -> None:
    book.add({"match": {"operation": "ProcessInventoryRequirement", "nth": 2}, "fault": {"type": "drop"}})
    assert kinds(book, RESERVE, 4) == [None, "drop", None, None]


def test_nth_counts_only_matching_requests(book: FaultBook) -> None:
    book.add({"match": {"operation": "ProcessInventoryRequirement", "nth": 2}, "fault": {"type": "drop"}})
    assert kinds(book, AVAILABILITY) == [None]
    assert kinds(book, RESERVE, 2) == [None, "drop"]


def test_every_nth_request_is_faulted(book: FaultBook) -> None:
    book.add({"match": {"every": 3}, "fault": {"type": "malformed"}})
    assert kinds(book, RESERVE, 7) == [None, None, "malformed", None, None, "malformed", None]


def test_times_limits_how_often_a_rule_applies(book: FaultBook) -> None:
    book.add({"fault": {"type": "invalid"}, "times": 2})
    assert kinds(book, RESERVE, 3) == ["invalid", "invalid", None]
    assert book.rules()[0]["active"] is False
    assert book.rules()[0]["applied"] == 2


def test_a_rule_applies_only_inside_its_window(book: FaultBook, now: Now) -> None:
    book.add({"fault": {"type": "drop"}, "activeFrom": 1_010, "activeUntil": 1_020})
    assert kinds(book, RESERVE) == [None]
    now.value = 1_015
    assert kinds(book, RESERVE) == ["drop"]
    now.value = 1_020
    assert kinds(book, RESERVE) == [None]


def test_for_seconds_opens_a_window_from_now(book: FaultBook, now: Now) -> None:
    rule = book.add({"fault": {"type": "drop"}, "forSeconds": 5})
    assert (rule.active_from, rule.active_until) == (None, 1_005.0)
    now.value = 1_004.9
    assert kinds(book, RESERVE) == ["drop"]
    now.value = 1_005
    assert kinds(book, RESERVE) == [None]


def test_window_bounds_accept_iso_date_times(book: FaultBook) -> None:
    rule = book.add({"fault": {"type": "drop"}, "activeFrom": "1970-01-01T00:16:40Z"})
    assert rule.active_from == 1_000.0


def test_latency_rules_add_up_and_do_not_block_an_answer_fault(book: FaultBook) -> None:
    book.add({"fault": {"type": "latency", "seconds": 0.25}})
    book.add({"fault": {"type": "latency", "seconds": 0.5}})
    book.add({"fault": {"type": "soapFault"}})
    decision = book.decide(RESERVE)
    assert decision.delay == pytest.approx(0.75)
    assert decision.outcome is not None
    assert decision.outcome.action.kind is FaultKind.SOAP_FAULT
    assert decision.describe() == "latency 0.250s (rule f-1); latency 0.500s (rule f-2); soapFault (rule f-3)"


def test_the_first_matching_answer_fault_wins(book: FaultBook) -> None:
    book.add({"fault": {"type": "httpStatus", "status": 500}, "times": 1})
    book.add({"fault": {"type": "drop"}})
    assert kinds(book, RESERVE, 2) == ["httpStatus", "drop"]


def test_log_normal_latency_repeats_exactly_with_the_same_seed(now: Now) -> None:
    def delays() -> list[float]:
        book = FaultBook(seed=42, now=now)
        book.add({"fault": {"type": "latency", "median": 0.1, "p99": 2.0}})
        return [book.decide(RESERVE).delay for _ in range(20)]

    first, second = delays(), delays()
    assert first == second
    assert len(set(first)) == 20


def test_clear_numbers_rules_from_one_again(book: FaultBook) -> None:
    book.add({"fault": {"type": "drop"}})
    book.clear()
    assert book.add({"fault": {"type": "drop"}}).id == "f-1"


def test_clear_reseeds_the_random_draws(book: FaultBook) -> None:
    rule = {"fault": {"type": "latency", "median": 0.1, "p99": 2.0}}
    book.add(rule)
    before = [book.decide(RESERVE).delay for _ in range(3)]
    book.clear()
    book.add(rule)
    assert [book.decide(RESERVE).delay for _ in range(3)] == before


def test_log_normal_latency_has_the_requested_median(now: Now) -> None:
    book = FaultBook(seed=1, now=now)
    book.add({"fault": {"type": "latency", "median": 0.2, "p99": 1.0}})
    draws = sorted(book.decide(RESERVE).delay for _ in range(2001))
    assert draws[1000] == pytest.approx(0.2, rel=0.15)
    assert draws[1980] == pytest.approx(1.0, rel=0.35)


def test_timeout_defaults_to_thirty_seconds(book: FaultBook) -> None:
    book.add({"fault": {"type": "timeout"}})
    outcome = book.decide(RESERVE).outcome
    assert outcome is not None
    assert outcome.seconds == 30.0


def test_error_fault_gets_default_reason_code_and_reason(book: FaultBook) -> None:
    rule = book.add({"fault": {"type": "error"}})
    assert rule.action.reason_code == "_ERR_DOM_FAULT_INJECTED.-1"
    assert rule.action.reason


def test_push_rules_do_not_touch_requests_and_vice_versa(book: FaultBook) -> None:
    book.add({"on": "pushes", "fault": {"type": "duplicate"}})
    book.add({"fault": {"type": "drop"}, "match": {"operation": "GetInventoryAvailability"}})
    assert kinds(book, RESERVE) == [None]
    push = book.decide(Facts(operation="SyncOrder"), Target.PUSHES)
    assert push.outcome is not None
    assert push.outcome.action.kind is FaultKind.DUPLICATE
    assert book.decide(AVAILABILITY, Target.PUSHES).outcome is not None


def test_rules_round_trip_to_json_with_counters(book: FaultBook) -> None:
    book.add(
        {
            "id": "slow-reserve",
            "match": {"action": "ReserveInventory"},
            "fault": {"type": "latency", "seconds": 1},
            "times": 3,
            "description": "slow",
        }
    )
    book.decide(RESERVE)
    assert book.rules() == [
        {
            "id": "slow-reserve",
            "on": "requests",
            "match": {"action": "ReserveInventory"},
            "fault": {"type": "latency", "seconds": 1.0},
            "times": 3,
            "description": "slow",
            "matched": 1,
            "applied": 1,
            "active": True,
        }
    ]


def test_rules_can_be_removed_by_id(book: FaultBook) -> None:
    book.add({"fault": {"type": "drop"}})
    assert book.remove("f-1")
    assert not book.remove("f-1")
    assert kinds(book, RESERVE) == [None]


def test_duplicate_ids_are_refused(book: FaultBook) -> None:
    book.add({"id": "x", "fault": {"type": "drop"}})
    with pytest.raises(FaultRuleError, match="already exists"):
        book.add({"id": "x", "fault": {"type": "drop"}})


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ([], "JSON object"),
        ({}, '"type"'),
        ({"fault": {"type": "explode"}}, "fault.type must be one of"),
        ({"fault": {"type": "latency"}}, "needs seconds"),
        ({"fault": {"type": "latency", "median": 0.5}}, "both median and p99"),
        ({"fault": {"type": "latency", "median": 0.5, "p99": 0.1}}, "greater than median"),
        ({"fault": {"type": "latency", "seconds": -1}}, "positive"),
        ({"fault": {"type": "httpStatus", "status": 99}}, "HTTP status"),
        ({"fault": {"type": "httpStatus", "status": "503"}}, "number"),
        ({"fault": {"type": "drop", "seconds": 1}}, "unknown fields for a drop fault"),
        ({"fault": {"type": "drop"}, "match": {"colour": "red"}}, "unknown match field"),
        ({"fault": {"type": "drop"}, "match": {"nth": 0}}, "positive"),
        ({"fault": {"type": "drop"}, "match": {"nth": 1.5}}, "whole number"),
        ({"fault": {"type": "drop"}, "times": True}, "number"),
        ({"fault": {"type": "drop"}, "activeFrom": "tomorrow"}, "ISO 8601"),
        ({"fault": {"type": "drop"}, "extra": 1}, "unknown fault rule fields"),
        ({"fault": {"type": "duplicate"}}, "does not apply to requests"),
        ({"on": "pushes", "fault": {"type": "soapFault"}}, "does not apply to pushes"),
        ({"on": "sideways", "fault": {"type": "drop"}}, "on must be one of"),
    ],
)
def test_bad_rules_are_refused_with_a_reason(book: FaultBook, rule: Any, message: str) -> None:
    with pytest.raises(FaultRuleError, match=message):
        book.add(rule)
    assert book.rules() == []
