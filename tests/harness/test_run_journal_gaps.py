"""`journal_gaps`: a BOD journaled by one server and not by the other is reported, what is never sent is not."""

from __future__ import annotations

from typing import Any

from harness.run import journal_gaps

GET = "<_inv:GetInventoryAvailability><oa:BODID>1</oa:BODID></_inv:GetInventoryAvailability>"
PUSH = "<_ord:SyncOrder><oa:BODID>2</oa:BODID></_ord:SyncOrder>"


def entry(server: str, direction: str, body: str, **more: Any) -> dict[str, Any]:
    kind = "SyncOrder" if "SyncOrder" in body else "GetInventoryAvailability"
    fields = {"status": 200, "timestamp": 100.0, "outcome": "answered", "bodType": kind}
    return {"server": server, "direction": direction, "requestBody": body, **fields, **more}


def both_sides(body: str, sender: str = "commerce") -> list[dict[str, Any]]:
    receiver = "mock_dom" if sender == "commerce" else "commerce"
    return [entry(sender, "outbound", body), entry(receiver, "inbound", body)]


def test_journals_that_hold_the_same_bods_agree() -> None:
    assert journal_gaps(both_sides(GET) + both_sides(PUSH, sender="mock_dom")) == []


def test_a_request_dom_answered_but_commerce_did_not_journal_is_a_gap() -> None:
    entries = both_sides(PUSH, sender="mock_dom") + [entry("mock_dom", "inbound", GET)]
    assert journal_gaps(entries) == [
        "1 inbound BOD(s) of the mock_dom journal not in the commerce journal (GetInventoryAvailability)"
    ]


def test_a_push_commerce_never_received_is_a_gap() -> None:
    entries = both_sides(GET) + [entry("mock_dom", "outbound", PUSH)]
    assert journal_gaps(entries) == [
        "1 outbound BOD(s) of the mock_dom journal not in the commerce journal (SyncOrder)"
    ]


def test_retried_attempts_of_one_bod_count_once() -> None:
    entries = both_sides(GET) + [entry("mock_dom", "inbound", GET, status=503)]
    assert journal_gaps(entries) == []


def test_pushes_a_fault_kept_off_the_wire_and_unanswered_requests_are_not_looked_for() -> None:
    entries = both_sides(GET) + [
        entry("mock_dom", "outbound", PUSH, outcome="dropped"),
        entry("commerce", "outbound", GET.replace("1", "3"), status=None, outcome="unanswered"),
    ]
    assert journal_gaps(entries) == []


def test_entries_still_settling_when_fetched_are_not_looked_for() -> None:
    entries = both_sides(GET) + [entry("mock_dom", "outbound", PUSH, timestamp=130.0)]
    assert journal_gaps(entries, settled_before=120.0) == []
    assert journal_gaps(entries, settled_before=140.0) != []


def test_with_one_journal_missing_nothing_is_compared() -> None:
    assert journal_gaps([entry("mock_dom", "inbound", GET)]) == []
