"""`serving.read_body`: the body of a BOD request, never more than the limit + 1 bytes, straight from WSGI."""

from __future__ import annotations

import io

from mock_dom.serving import read_body


class _Trickle(io.BytesIO):
    """A stream that gives at most 3 bytes per read, as a socket may."""

    def read(self, size: int | None = -1) -> bytes:
        return super().read(min(3, size if size is not None and size >= 0 else 3))


def environ(body: bytes, length: str | None, **more: object) -> dict[str, object]:
    found: dict[str, object] = {"wsgi.input": io.BytesIO(body), **more}
    if length is not None:
        found["CONTENT_LENGTH"] = length
    return found


def test_a_body_is_read_as_far_as_content_length_says() -> None:
    assert read_body(environ(b"<a/>and more", "4"), 100) == b"<a/>"


def test_a_larger_body_is_read_only_one_byte_past_the_limit() -> None:
    assert read_body(environ(b"x" * 50, "50"), 10) == b"x" * 11


def test_short_reads_are_read_on_until_the_body_is_complete() -> None:
    trickling = {"wsgi.input": _Trickle(b"0123456789"), "CONTENT_LENGTH": "10"}
    assert read_body(trickling, 100) == b"0123456789"


def test_a_chunked_body_is_read_until_the_server_ends_the_stream() -> None:
    chunked = environ(b"<a/>", None, **{"wsgi.input_terminated": True})
    assert read_body(chunked, 100) == b"<a/>"
    assert read_body(environ(b"x" * 50, None, **{"wsgi.input_terminated": True}), 10) == b"x" * 11


def test_without_a_length_or_an_end_marker_there_is_no_body() -> None:
    assert read_body(environ(b"<a/>", None), 100) == b""
    assert read_body(environ(b"<a/>", ""), 100) == b""


def test_a_content_length_that_is_not_a_number_gives_no_body() -> None:
    assert read_body(environ(b"<a/>", "four"), 100) == b""
