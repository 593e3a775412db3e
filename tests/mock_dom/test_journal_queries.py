from __future__ import annotations

import threading

import pytest

from mock_dom.journal import CriteriaError, Direction, Exchange, JournalCriteria, RequestJournal


def exchange(**overrides: object) -> Exchange:
    values: dict[str, object] = {
        "direction": Direction.INBOUND,
        "service": "InventoryServices",
        "bod_type": "GetInventoryAvailability",
        "action_code": "IBM_Store_Details",
        "status": 200,
        "part_numbers": ("SKU-0001",),
        "store_id": "10101",
    }
    values.update(overrides)
    return Exchange(**values)  # type: ignore[arg-type]


@pytest.fixture
def journal() -> RequestJournal:
    ticks = iter(range(1000, 2000))
    return RequestJournal(capacity=5, now=lambda: float(next(ticks)))


def test_recorded_entries_get_growing_ids_and_the_clock_time(journal: RequestJournal) -> None:
    first = journal.record(exchange())
    second = journal.record(exchange())
    assert (first.id, second.id) == (1, 2)
    assert (first.timestamp, second.timestamp) == (1000.0, 1001.0)


def test_a_full_journal_drops_the_oldest_entry(journal: RequestJournal) -> None:
    for _ in range(7):
        journal.record(exchange())
    assert [e.id for e in journal.entries()] == [3, 4, 5, 6, 7]


def test_ids_are_not_reused_after_clear(journal: RequestJournal) -> None:
    journal.record(exchange())
    journal.clear()
    assert journal.record(exchange()).id == 2
    assert len(journal) == 1


def test_filter_by_bod_type_and_action(journal: RequestJournal) -> None:
    journal.record(exchange())
    journal.record(exchange(bod_type="ProcessInventoryRequirement", action_code="ReserveInventory"))
    journal.record(exchange(bod_type="ProcessInventoryRequirement", action_code="CancelInventoryReservation"))
    criteria = JournalCriteria(bod_type="ProcessInventoryRequirement", action_code="ReserveInventory")
    assert [e.id for e in journal.entries(criteria)] == [2]


def test_filter_by_part_number_looks_inside_the_list(journal: RequestJournal) -> None:
    journal.record(exchange(part_numbers=("SKU-0001", "SKU-0002")))
    journal.record(exchange(part_numbers=("SKU-0003",)))
    assert [e.id for e in journal.entries(JournalCriteria(part_number="SKU-0002"))] == [1]


def test_filter_by_direction_validity_and_since_id(journal: RequestJournal) -> None:
    journal.record(exchange(valid=False, errors=("bad",)))
    journal.record(exchange(direction=Direction.OUTBOUND, bod_type="SyncOrder"))
    journal.record(exchange(valid=False, errors=("bad",)))
    assert journal.count(JournalCriteria(valid=False, since_id=1)) == 1
    assert journal.count(JournalCriteria(direction=Direction.OUTBOUND)) == 1


def test_limit_keeps_the_newest_entries(journal: RequestJournal) -> None:
    for _ in range(4):
        journal.record(exchange())
    assert [e.id for e in journal.entries(limit=2)] == [3, 4]


def test_criteria_accept_query_string_values() -> None:
    criteria = JournalCriteria.from_mapping(
        {"valid": "false", "sinceId": "4", "direction": "outbound", "type": "x"}
    )
    assert criteria == JournalCriteria(valid=False, since_id=4, direction=Direction.OUTBOUND, bod_type="x")


def test_empty_query_values_are_ignored() -> None:
    assert JournalCriteria.from_mapping({"partNumber": ""}) == JournalCriteria()


@pytest.mark.parametrize(
    "raw",
    [{"colour": "red"}, {"valid": "maybe"}, {"sinceId": "x"}, {"direction": "sideways"}, {"bodType": 3}],
)
def test_bad_criteria_are_refused(raw: dict[str, object]) -> None:
    with pytest.raises(CriteriaError):
        JournalCriteria.from_mapping(raw)


def test_verify_exact_count(journal: RequestJournal) -> None:
    journal.record(exchange())
    journal.record(exchange())
    assert journal.verify(JournalCriteria(bod_type="GetInventoryAvailability"), count=2).ok
    result = journal.verify(JournalCriteria(bod_type="GetInventoryAvailability"), count=1)
    assert (result.ok, result.actual) == (False, 2)


def test_verify_at_least_and_the_default_of_one(journal: RequestJournal) -> None:
    journal.record(exchange())
    assert journal.verify(JournalCriteria(store_id="10101")).ok
    assert not journal.verify(JournalCriteria(store_id="10101"), at_least=2).ok


def test_a_failed_verify_reports_the_nearest_misses_first(journal: RequestJournal) -> None:
    journal.record(exchange(bod_type="ProcessOrder", action_code="TransferOrder", store_id="10102"))
    journal.record(exchange(bod_type="ProcessOrder", action_code="Cancel"))
    result = journal.verify(
        JournalCriteria(bod_type="ProcessOrder", action_code="TransferOrder", store_id="10101")
    )
    assert not result.ok
    assert result.actual == 0
    assert [m.entry.id for m in result.near_misses] == [2, 1]
    assert result.near_misses[0].differences == ("actionCode is 'Cancel', expected 'TransferOrder'",)


def test_a_passing_verify_lists_no_near_misses(journal: RequestJournal) -> None:
    journal.record(exchange(bod_type="ProcessOrder"))
    assert journal.verify(JournalCriteria(bod_type="ProcessOrder")).near_misses == ()


def test_long_bodies_are_clipped() -> None:
    journal = RequestJournal(body_limit=10)
    entry = journal.record(exchange(request_body="x" * 25))
    assert entry.request_body == "x" * 10 + "...[15 more characters]"


def test_entries_serialise_with_camel_case_names(journal: RequestJournal) -> None:
    data = journal.record(exchange(fault="latency 0.1s (rule f-1)")).to_json()
    assert data["bodType"] == "GetInventoryAvailability"
    assert data["partNumbers"] == ["SKU-0001"]
    assert data["direction"] == "inbound"
    assert data["fault"] == "latency 0.1s (rule f-1)"


def test_concurrent_records_lose_nothing() -> None:
    journal = RequestJournal(capacity=10_000)

    def write() -> None:
        for _ in range(500):
            journal.record(exchange())

    threads = [threading.Thread(target=write) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    ids = [e.id for e in journal.entries()]
    assert ids == list(range(1, 2001))  # unique, none lost, and read back oldest first
