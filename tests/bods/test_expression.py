"""The GetInventoryAvailability expression: every documented variant reads, renders and round-trips."""

from __future__ import annotations

import pytest

from bods.errors import BadExpression
from bods.expression import parse_query, render_query
from bods.messages import AvailabilityQuery

HEAD = "{_wcf.ap=IBM_Store_Details}/InventoryAvailability[InventoryAvailabilityIdentifier/ExternalIdentifier["

VARIANTS = {
    "catentry-online": (
        HEAD + "CatalogEntryIdentifier[(UniqueID='12001')] and OnlineStoreIdentifier[(UniqueID='10101')]]]",
        AvailabilityQuery(catalog_entry_ids=("12001",), online_store_id="10101"),
    ),
    "several-catentries": (
        HEAD + "CatalogEntryIdentifier[(UniqueID='12001' or UniqueID='12002')] and "
        "OnlineStoreIdentifier[(UniqueID='10101')]]]",
        AvailabilityQuery(catalog_entry_ids=("12001", "12002"), online_store_id="10101"),
    ),
    "online-or-physical": (
        HEAD + "CatalogEntryIdentifier[(UniqueID='12001')] and (OnlineStoreIdentifier[(UniqueID='10101')] or "
        "PhysicalStoreIdentifier[(UniqueID='20001' or UniqueID='20002')])]]",
        AvailabilityQuery(
            catalog_entry_ids=("12001",), online_store_id="10101", physical_store_ids=("20001", "20002")
        ),
    ),
    "part-number-store-name": (
        HEAD + "CatalogEntryIdentifier[ExternalIdentifier[(PartNumber='SKU-0001')]] and "
        "OnlineStoreIdentifier[ExternalIdentifier[(NameIdentifier='AuroraESite')]]]]",
        AvailabilityQuery(part_numbers=("SKU-0001",), online_store_name="AuroraESite"),
    ),
    "part-number-physical-identifier": (
        HEAD + "CatalogEntryIdentifier[ExternalIdentifier[(PartNumber='SKU-0003')]] and "
        "(OnlineStoreIdentifier[ExternalIdentifier[(NameIdentifier='AuroraESite')]] or "
        "PhysicalStoreIdentifier[ExternalIdentifier[(Identifier='Store-20002')]])]]",
        AvailabilityQuery(
            part_numbers=("SKU-0003",), online_store_name="AuroraESite", physical_store_names=("Store-20002",)
        ),
    ),
    "item-only": (
        HEAD + "CatalogEntryIdentifier[(UniqueID='12001')]]]",
        AvailabilityQuery(catalog_entry_ids=("12001",)),
    ),
}


@pytest.mark.parametrize(("text", "query"), VARIANTS.values(), ids=VARIANTS.keys())
def test_each_documented_variant_is_read(text: str, query: AvailabilityQuery) -> None:
    assert parse_query(text) == query


@pytest.mark.parametrize(("text", "query"), VARIANTS.values(), ids=VARIANTS.keys())
def test_each_variant_is_written_the_way_wcs_writes_it(text: str, query: AvailabilityQuery) -> None:
    assert render_query(query) == text


@pytest.mark.parametrize(("text", "query"), VARIANTS.values(), ids=VARIANTS.keys())
def test_reading_what_was_written_gives_the_query_back(text: str, query: AvailabilityQuery) -> None:
    assert parse_query(render_query(query)) == query


def test_whitespace_double_quotes_and_a_missing_prefix_are_tolerated() -> None:
    text = (
        "/InventoryAvailability[ InventoryAvailabilityIdentifier / ExternalIdentifier [ "
        'CatalogEntryIdentifier[ UniqueID = "12001" ] and OnlineStoreIdentifier[(UniqueID="10101")] ] ]'
    )
    assert parse_query(text) == AvailabilityQuery(catalog_entry_ids=("12001",), online_store_id="10101")


def test_a_value_with_an_apostrophe_is_quoted_with_double_quotes() -> None:
    query = AvailabilityQuery(part_numbers=("O'Brien-1",), online_store_id="10101")
    assert '"O\'Brien-1"' in render_query(query)
    assert parse_query(render_query(query)) == query


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("", "empty"),
        (HEAD + "CatalogEntryIdentifier[(Name='shirt')]]]", "expected 'UniqueID'"),
        (HEAD + "OnlineStoreIdentifier[(UniqueID='10101')]]]", "no CatalogEntryIdentifier"),
        ("{_wcf.ap=IBM_All}/InventoryAvailability[]", "access profile"),
        (HEAD + "CatalogEntryIdentifier[(UniqueID='12001')]]", "expected ']'"),
        (HEAD + "CatalogEntryIdentifier[(UniqueID='12001')]]] extra", "end of the expression"),
        (
            HEAD + "CatalogEntryIdentifier[(UniqueID='1')] and CatalogEntryIdentifier[(UniqueID='2')]]]",
            "more than one",
        ),
        (
            HEAD + "CatalogEntryIdentifier[(UniqueID='1')] and (OnlineStoreIdentifier[(UniqueID='1')] or "
            "OnlineStoreIdentifier[(UniqueID='2')])]]",
            "more than one online store",
        ),
        (HEAD + "CatalogEntryIdentifier[(UniqueID=12001)]]]", "quoted value"),
        ("/InventoryAvailability[1]", "expected 'InventoryAvailabilityIdentifier'"),
        (HEAD + "CatalogEntryIdentifier[(UniqueID='12001')] # ]]", "unreadable character"),
    ],
)
def test_unreadable_expressions_say_what_is_wrong(text: str, complaint: str) -> None:
    with pytest.raises(BadExpression, match=complaint):
        parse_query(text)


def test_a_query_naming_items_both_ways_cannot_be_written() -> None:
    with pytest.raises(BadExpression):
        render_query(AvailabilityQuery(catalog_entry_ids=("1",), part_numbers=("SKU-0001",)))


def test_a_query_naming_no_item_cannot_be_written() -> None:
    with pytest.raises(BadExpression):
        render_query(AvailabilityQuery(online_store_id="10101"))
