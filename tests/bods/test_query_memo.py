"""QueryMemo: a repeated query is answered from memory, everything else exactly as `codec.parse` would."""

from __future__ import annotations

import pytest

from bods import codec, factory, samples
from bods.errors import BodError, BodInvalid, BodTooLarge
from bods.query_memo import QueryMemo

QUERY = samples.load("GetInventoryAvailability_online")


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """Every document that reaches the real codec."""
    seen: list[bytes] = []
    real = codec.parse

    def counting(data: bytes, **options: object) -> object:
        seen.append(data)
        return real(data, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(codec, "parse", counting)
    return seen


def test_a_query_sent_again_is_not_parsed_again(parses: list[bytes]) -> None:
    memo = QueryMemo()
    first, second = memo.parse(QUERY), memo.parse(QUERY)
    assert second is first
    assert first == codec.parse(QUERY)  # the very document the codec gives
    assert parses.count(QUERY) == 2  # the memo's one miss and the comparison above


def test_transactional_bods_are_parsed_every_time_and_not_kept(parses: list[bytes]) -> None:
    memo = QueryMemo()
    order = samples.load("ProcessOrder_TransferOrder")
    assert memo.parse(order) == memo.parse(order)
    assert len(parses) == 2
    assert len(memo) == 0


def test_a_refused_document_is_refused_every_time(parses: list[bytes]) -> None:
    memo = QueryMemo()
    broken = QUERY.replace(b"<oa:Get>", b"<oa:Got>").replace(b"</oa:Get>", b"</oa:Got>")
    for _ in range(2):
        with pytest.raises(BodInvalid):
            memo.parse(broken)
    assert len(parses) == 2
    assert len(memo) == 0


def test_the_callers_size_limit_applies_to_a_remembered_query() -> None:
    memo = QueryMemo()
    memo.parse(QUERY)
    with pytest.raises(BodTooLarge):
        memo.parse(QUERY, max_bytes=len(QUERY) - 1)


def test_an_unvalidated_parse_goes_to_the_codec_and_is_not_kept(parses: list[bytes]) -> None:
    memo = QueryMemo()
    memo.parse(QUERY, validate=False)
    assert parses == [QUERY]
    assert len(memo) == 0


def test_the_memo_keeps_at_most_its_capacity_dropping_the_oldest() -> None:
    memo = QueryMemo(capacity=3)
    queries = [
        codec.render(factory.get_inventory_availability(factory.availability_query(n))) for n in range(1, 6)
    ]
    kept = [memo.parse(query) for query in queries]
    assert len(memo) == 3
    assert memo.parse(queries[-1]) is kept[-1]  # among the newest: from memory
    assert memo.parse(queries[0]) is not kept[0]  # the oldest went: parsed afresh


def test_a_query_larger_than_the_largest_kept_is_parsed_but_not_kept() -> None:
    memo = QueryMemo(largest=len(QUERY) - 1)
    memo.parse(QUERY)
    assert len(memo) == 0


def test_every_shipped_sample_parses_through_the_memo_as_through_the_codec() -> None:
    memo = QueryMemo()
    for name in samples.names() + samples.names(invalid=True):
        data = samples.load(name)
        try:
            expected = codec.parse(data)
        except BodError as error:
            with pytest.raises(type(error)):
                memo.parse(data)
            continue
        assert memo.parse(data) == expected == memo.parse(data)
