"""`domh bod validate|types|sample` through the real `domh` entry point."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bods import samples

Domh = Callable[..., int]


def test_validating_the_shipped_valid_samples_succeeds(
    domh: Domh, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = [str(samples.path(name)) for name in samples.names()]
    assert domh("bod", "validate", *paths) == 0
    out = capsys.readouterr().out
    assert not [line for line in out.splitlines() if line.startswith("FAIL")]
    assert f"{len(paths)} documents: {len(paths)} OK, 0 FAIL" in out


def test_a_folder_is_searched_recursively_and_invalid_samples_fail(
    domh: Domh, capsys: pytest.CaptureFixture[str]
) -> None:
    assert domh("bod", "validate", str(samples.HERE)) == 1
    out = capsys.readouterr().out
    assert out.count("FAIL ") == len(samples.INVALID)


def test_failures_are_explained_with_line_and_path(domh: Domh, capsys: pytest.CaptureFixture[str]) -> None:
    assert domh("bod", "validate", str(samples.path("invalid/missing_sku"))) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("FAIL ")
    assert lines[0].endswith("missing_sku.xml")
    assert lines[1] == '    MissingParameter: CMN0206E Please check all fields. "SKU" is a required field.'
    assert lines[2].startswith("    line 18: /inv:SyncProductAvailability/")


def test_each_valid_line_names_the_bod_type(domh: Domh, capsys: pytest.CaptureFixture[str]) -> None:
    domh("bod", "validate", str(samples.path("SyncOrder_shipped")))
    assert capsys.readouterr().out.splitlines()[0].endswith("SyncOrder_shipped.xml  SyncOrder")


def test_a_missing_path_fails(domh: Domh, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert domh("bod", "validate", str(tmp_path / "nope.xml")) == 1
    assert "no such file" in capsys.readouterr().out


def test_an_empty_folder_is_a_usage_error(domh: Domh, tmp_path: Path) -> None:
    assert domh("bod", "validate", str(tmp_path)) == 2


def test_types_lists_every_bod_with_its_action_codes(domh: Domh, capsys: pytest.CaptureFixture[str]) -> None:
    assert domh("bod", "types") == 0
    out = capsys.readouterr().out
    assert "ProcessInventoryRequirement" in out
    assert "CancelInventoryReservation" in out
    assert "TransferOrder, Transfer, Cancel" in out


def test_sample_prints_a_shipped_sample(domh: Domh, capsys: pytest.CaptureFixture[str]) -> None:
    assert domh("bod", "sample", "ConfirmBOD_1") == 0
    assert capsys.readouterr().out == samples.load("ConfirmBOD_1").decode()


def test_an_unknown_sample_lists_the_names(domh: Domh, capsys: pytest.CaptureFixture[str]) -> None:
    assert domh("bod", "sample", "NoSuchBOD") == 2
    assert "ConfirmBOD_1" in capsys.readouterr().err


def test_bod_alone_prints_help(domh: Domh, capsys: pytest.CaptureFixture[str]) -> None:
    assert domh("bod") == 2
    assert "domh bod validate PATH" in capsys.readouterr().out
