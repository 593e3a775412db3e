"""Every shipped sample: valid ones parse and round-trip, invalid ones raise the error their index names."""

from __future__ import annotations

import pytest

from bods import codec, errors, samples, validation


def test_every_valid_sample_validates_against_the_schemas(valid_sample: tuple[str, bytes]) -> None:
    name, data = valid_sample
    assert validation.diagnose(data) == [], name


def test_every_valid_sample_parses_and_re_renders_to_an_equal_document(
    valid_sample: tuple[str, bytes],
) -> None:
    _, data = valid_sample
    document = codec.parse(data)
    again = codec.parse(codec.render(document.bod, envelope=document.envelope))
    assert (again.bod, again.envelope) == (document.bod, document.envelope)


def test_every_sample_starts_with_a_comment_saying_what_it_shows(valid_sample: tuple[str, bytes]) -> None:
    _, data = valid_sample
    assert data.split(b"\n", 2)[1].startswith(b"<!--")


@pytest.mark.parametrize("stem", sorted(samples.INVALID))
def test_every_invalid_sample_raises_the_error_of_the_index(stem: str) -> None:
    expected = getattr(errors, samples.INVALID[stem].error)
    with pytest.raises(errors.BodError) as refused:
        codec.parse(samples.load(f"invalid/{stem}"))
    assert type(refused.value) is expected


def test_the_invalid_index_lists_exactly_the_invalid_files() -> None:
    assert {name.removeprefix("invalid/") for name in samples.names(invalid=True)} == set(samples.INVALID)


def test_the_invalid_readme_table_matches_the_index() -> None:
    readme = (samples.INVALID_DIR / "README.md").read_text()
    for stem, sample in samples.INVALID.items():
        assert f"| `{stem}.xml` | `{sample.error}` |" in readme


def test_every_bod_type_has_a_shipped_sample() -> None:
    shipped = {codec.parse(samples.load(name)).type_name for name in samples.names()}
    assert shipped == {
        "SyncProductAvailability",
        "GetInventoryAvailability",
        "ShowInventoryAvailability",
        "SyncInventoryAvailability",
        "ProcessInventoryRequirement",
        "AcknowledgeInventoryRequirement",
        "ProcessOrder",
        "AcknowledgeOrder",
        "SyncOrder",
        "ConfirmBOD",
    }


def test_samples_load_with_or_without_the_xml_suffix() -> None:
    assert samples.load("ConfirmBOD_1") == samples.load("ConfirmBOD_1.xml")


def test_an_unknown_sample_name_lists_the_known_ones() -> None:
    with pytest.raises(KeyError, match="ConfirmBOD_1"):
        samples.load("NoSuchBOD")


def test_sample_names_cannot_escape_the_samples_folder() -> None:
    with pytest.raises(KeyError):
        samples.load("../schemas/bods")
