"""The decoding helpers the families share: one-pass child shapes and field-by-field message building."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pytest
from lxml import etree

from bods import codec, samples
from bods.families.common import Shape, build, check_buildable
from bods.messages import ApplicationArea, Bod, ChangeStatus, Document


def _fields_of_every_message(value: object) -> list[tuple[type, set[str], set[str]]]:
    """(class, instance dict keys, declared field names) for every dataclass reachable from `value`."""
    found = []
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        declared = {item.name for item in dataclasses.fields(value)}
        found.append((type(value), set(vars(value)), declared))
        for name in declared:
            found.extend(_fields_of_every_message(getattr(value, name)))
    elif isinstance(value, tuple):
        for item in value:
            found.extend(_fields_of_every_message(item))
    return found


def _rebuilt(value: object) -> object:
    """The same value made again through the dataclass constructors."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {item.name: _rebuilt(getattr(value, item.name)) for item in dataclasses.fields(value)}
        return type(value)(**fields)
    if isinstance(value, tuple):
        return tuple(_rebuilt(item) for item in value)
    return value


@pytest.mark.parametrize("name", samples.names())
def test_decoded_messages_carry_exactly_their_declared_fields(name: str) -> None:
    document = codec.parse(samples.load(name))
    for cls, present, declared in _fields_of_every_message(document):
        assert present == declared, cls.__name__


@pytest.mark.parametrize("name", samples.names())
def test_decoded_messages_equal_the_same_messages_built_by_their_constructors(name: str) -> None:
    document = codec.parse(samples.load(name))
    again = _rebuilt(document)
    assert again == document
    assert hash(again.bod) == hash(document.bod)  # type: ignore[attr-defined]
    assert repr(again) == repr(document)


def test_built_messages_stay_frozen() -> None:
    area = build(ApplicationArea, {"creation_datetime": None, "bodid": "b", "context": ()})
    with pytest.raises(dataclasses.FrozenInstanceError):
        area.bodid = "other"  # type: ignore[misc]


def test_a_message_with_a_post_init_cannot_be_built_field_by_field() -> None:
    @dataclass(frozen=True)
    class Checked:
        value: int

        def __post_init__(self) -> None:
            if self.value < 0:
                raise ValueError("negative")

    with pytest.raises(TypeError, match="Checked"):
        check_buildable(Checked)


def test_a_message_with_slots_cannot_be_built_field_by_field() -> None:
    @dataclass(frozen=True, slots=True)
    class Slotted:
        value: int

    with pytest.raises(TypeError, match="Slotted"):
        check_buildable(Slotted)


def test_the_message_classes_can_be_built_field_by_field() -> None:
    check_buildable(ApplicationArea, ChangeStatus, Document, *Bod.__args__)  # type: ignore[attr-defined]


def test_a_shape_reads_the_first_child_of_each_tag_and_strips_texts() -> None:
    element = etree.fromstring("<r><a> one </a><b>x</b><a>two</a><?pi x?><c/></r>")
    a, b, missing = Shape("a", "b", "d", texts=("a",)).read(element)
    assert (a, b.text, missing) == ("one", "x", None)


def test_a_shape_collects_repeated_children_in_document_order() -> None:
    element = etree.fromstring("<r><i>1</i><h>head</h><i>2</i><h>again</h><i>3</i></r>")
    (head,), items = Shape("h", texts=("h",), repeated="i").read_all(element)
    assert (head, [item.text for item in items]) == ("head", ["1", "2", "3"])


def test_a_shape_of_an_absent_element_is_all_empty() -> None:
    assert Shape("a", "b").read(None) == [None, None]
    assert Shape("a", repeated="i").read_all(None) == ([None], [])
