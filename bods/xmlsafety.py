"""Hardened XML parsing: the only way bytes from the network become an lxml tree in this project.

BODs arrive from systems we do not control (a DOM, a commerce server, a test tool), so the parser refuses
every construct that could make it read files, reach the network or expand entities: a document with a DOCTYPE
or an entity declaration is refused with `BodHostile` *before* libxml2 sees it (the prolog is walked first),
and the parser itself is configured so that nothing would be resolved even if the scan were bypassed. Size is
checked before parsing (`BodTooLarge`), malformed input becomes `BodSyntaxError`.

Tolerance: the real UpdateOrderStatus_Res carries a stray U+FEFF between elements (facts section 2), and some
senders prefix a byte order mark. libxml2 skips a leading BOM itself; stray ones inside a BOD are removed by
`strip_stray_boms` when validation would otherwise fail on them (clean documents never pay for the walk).
"""

from __future__ import annotations

import re
import threading

from lxml import etree

from bods.errors import BodHostile, BodSyntaxError, BodTooLarge

DEFAULT_MAX_BYTES = 1_048_576

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF32_BOMS = (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")

_KEYWORD = re.compile(rb"[A-Za-z]*")
# The prolog items that may precede the root element: XML whitespace, UTF-8 byte order marks, processing
# instructions (the XML declaration among them) and comments. The bodies are written as runs of "any byte but
# the closer's first" (possessive, so the engine scans them in a tight loop and never backtracks); a closer
# is the first "?>" after "<?" and the first "-->" after "<!--".
_PROLOG = re.compile(
    rb"(?:[ \t\r\n]|\xef\xbb\xbf"
    rb"|<\?[^?]*+(?:\?(?!>)[^?]*+)*+\?>"
    rb"|<!--[^-]*+(?:-(?!->)[^-]*+)*+-->)*+"
)

_local = threading.local()


def new_parser(schema: etree.XMLSchema | None = None) -> etree.XMLParser:
    """A libxml2 parser that resolves nothing: no entities, no DTD loading, no network, no huge trees.

    Ignorable whitespace and comments are dropped while parsing: BODs have element-only content, and fewer
    nodes make validation and decoding cheaper.

    With a `schema`, libxml2 also validates while it parses (see `bods.validation.validating_parser`).
    lxml parsers must not be shared between threads while parsing, hence one per thread (`parser()`).
    """
    return etree.XMLParser(
        schema=schema,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=True,
        remove_comments=True,
        collect_ids=False,
    )


def parser() -> etree.XMLParser:
    """This thread's hardened parser (created on first use, then reused)."""
    current = getattr(_local, "parser", None)
    if current is None:
        current = _local.parser = new_parser()
    return current


def parse_xml(
    data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES, using: etree.XMLParser | None = None
) -> etree._Element:
    """Parse untrusted bytes into an lxml element, or raise a `BodError` subclass.

    Order matters: size first (cheap, bounds everything after), then the DTD scan (nothing has been parsed
    yet), then libxml2. After parsing, the document info is checked once more as a second line of defence.
    `using` is another parser made by `new_parser` (a validating one); by default, this thread's `parser()`.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise BodSyntaxError(f"expected bytes, got {type(data).__name__}")
    if type(data) is not bytes:
        data = bytes(data)
    if len(data) > max_bytes:
        raise BodTooLarge(f"document of {len(data)} bytes exceeds the limit of {max_bytes} bytes")
    refuse_dtd(data)
    try:
        root = etree.fromstring(data, using or parser())
    except etree.XMLSyntaxError as exc:
        if not data.strip():
            raise BodSyntaxError("empty document") from None
        raise BodSyntaxError(f"not well-formed XML: {exc.msg} (line {exc.lineno})") from None
    except ValueError as exc:  # e.g. an unsupported encoding declaration
        raise BodSyntaxError(f"not parseable XML: {exc}") from None
    if root.getroottree().docinfo.doctype:
        raise BodHostile("document type declarations are not accepted")
    return root


def refuse_dtd(data: bytes) -> None:
    """Raise `BodHostile` when the document declares a DTD (XXE, billion laughs, parameter entities).

    XML only allows a document type declaration - and so entity declarations - in the prolog, before the
    root element. The prolog is matched item by item (whitespace, byte order marks, processing instructions,
    comments) by one regular expression; any other `<!` where it ends is DTD markup and is refused. An
    unterminated comment or processing instruction ends the prolog too: libxml2 refuses such a document as
    not well-formed. Whatever comes after the root start tag cannot declare anything: a `<!DOCTYPE` there is
    merely not well-formed, and libxml2 reports it so.
    """
    text = _as_scannable(data)
    end = _PROLOG.match(text).end()  # type: ignore[union-attr]
    if text.startswith(b"<!", end) and not text.startswith(b"<!--", end):
        keyword = _KEYWORD.match(text, end + 2).group().decode("ascii")  # type: ignore[union-attr]
        raise BodHostile(f"<!{keyword} markup is not accepted: DTDs and entity declarations are refused")


def strip_stray_boms(element: etree._Element) -> bool:
    """Remove U+FEFF characters that sit between elements (text/tail); True if anything was removed.

    Called only after a validation failure, so clean documents never pay for the walk.
    """
    changed = False
    for node in element.iter():
        for attribute in ("text", "tail") if node is not element else ("text",):
            value = getattr(node, attribute)
            if value and "\ufeff" in value:
                setattr(node, attribute, value.replace("\ufeff", "") or None)
                changed = True
    return changed


_WIDE_STARTS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff", b"<\x00", b"\x00<")


def _as_scannable(data: bytes) -> bytes:
    """Bytes in which ASCII markup can be searched: UTF-16/32 input is transcoded first."""
    if not data.startswith(_WIDE_STARTS):
        return data
    for codec, marks in (("utf-32", _UTF32_BOMS), ("utf-16", _UTF16_BOMS)):
        if data[:4] in marks or data[:2] in marks:
            return data.decode(codec, errors="replace").encode("utf-8")
    codec = "utf-16-le" if data[:1] == b"<" else "utf-16-be"
    return data.decode(codec, errors="replace").encode("utf-8")
