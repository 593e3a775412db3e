"""Validation: compiled once, MissingParameter where a required parameter is absent, located diagnostics."""

from __future__ import annotations

import threading

import pytest
import xmlschema
from lxml import etree

from bods import samples, validation
from bods.errors import BodInvalid, MissingParameter
from bods.xmlsafety import parse_xml


def test_the_schema_is_compiled_once_and_shared() -> None:
    assert validation.compiled_schema() is validation.compiled_schema()


def test_threads_share_the_same_compiled_schema() -> None:
    seen: list[object] = []
    threads = [threading.Thread(target=lambda: seen.append(validation.compiled_schema())) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert len({id(schema) for schema in seen}) == 1


def test_a_missing_sku_is_a_missing_parameter_naming_it() -> None:
    with pytest.raises(MissingParameter, match='"SKU" is a required field'):
        validation.validate(parse_xml(samples.load("invalid/missing_sku")))


def test_a_wrong_value_is_invalid_but_not_a_missing_parameter() -> None:
    with pytest.raises(BodInvalid) as refused:
        validation.validate(parse_xml(samples.load("invalid/non_numeric_quantity")))
    assert not isinstance(refused.value, MissingParameter)


def test_invalid_documents_carry_line_and_path_diagnostics() -> None:
    with pytest.raises(BodInvalid) as refused:
        validation.validate(parse_xml(samples.load("invalid/unknown_inventory_status")))
    first = refused.value.diagnostics[0]
    assert (first.line, first.path) == (
        28,
        "/_inv:SyncInventoryAvailability/_inv:DataArea/_inv:InventoryAvailability/_inv:InventoryStatus",
    )


@pytest.mark.parametrize(
    ("message", "parameter"),
    [
        ("Element '{x}ProductIdentifier': Missing child element(s). Expected is ( {y}SKU ).", "SKU"),
        ("Element '{x}ActionExpression': The attribute 'actionCode' is required but missing.", "ActionCode"),
        (
            "Element '{x}Order': This element is not expected. Expected is ( {y}OrderIdentifier ).",
            "OrderIdentifier",
        ),
        ("Element '{x}SKU': [facet 'minLength'] The value '' has a length of '0'; ...", "SKU"),
        ("Element '{x}Price': This element is not expected. Expected is ( {y}UserData ).", None),
        ("Element '{x}Status': [facet 'enumeration'] The value 'Q' is not an element of the set.", None),
    ],
)
def test_missing_parameters_are_recognised_from_the_schema_message(
    message: str, parameter: str | None
) -> None:
    assert validation.missing_parameter(message) == parameter


def test_diagnose_finds_nothing_wrong_with_a_valid_sample() -> None:
    assert validation.diagnose(samples.load("SyncOrder_shipped")) == []


def test_diagnose_gives_line_numbers_paths_and_the_rule() -> None:
    [diagnostic] = validation.diagnose(samples.load("invalid/missing_sku"))
    assert diagnostic.line == 18
    assert diagnostic.path.endswith("wcf:ProductIdentifier")
    assert "[rule:" in diagnostic.message


def test_diagnose_reports_codec_rules_too() -> None:
    [diagnostic] = validation.diagnose(samples.load("invalid/action_code_of_another_bod"))
    assert "Update | Delete" in diagnostic.message
    assert diagnostic.line == 11


def test_diagnose_reports_refused_documents_without_raising() -> None:
    [diagnostic] = validation.diagnose(samples.load("invalid/xxe_external_entity"))
    assert diagnostic.message.startswith("BodHostile")


def test_the_schemas_load_in_xmlschema() -> None:
    assert isinstance(validation.detailed_schema(), xmlschema.XMLSchema10)


def test_the_schemas_load_in_zeep() -> None:
    zeep = pytest.importorskip("zeep")
    from zeep.xsd import Schema

    document = etree.parse(str(validation.ENTRY_SCHEMA))
    schema = Schema(document.getroot(), transport=zeep.Transport(), location=str(validation.ENTRY_SCHEMA))
    element = schema.get_element("{http://www.ibm.com/xmlns/prod/commerce/9/order}SyncOrder")
    assert element.name == "SyncOrder"
