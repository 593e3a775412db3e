"""The wire contract: OAGIS 9 BOD schemas, samples, the typed codec and the validator.

Typical use::

    from bods import codec
    doc = codec.parse(xml_bytes)  # -> bods.messages.Document (hardened parse + XSD + decode)
    xml = codec.render(doc.bod, envelope=doc.envelope)  # -> bytes, SOAP 1.1 when the input was SOAP

`bods.parse` and `bods.render` are the same functions. Importing `bods` (or `bods.messages`) loads no XML
library: domain code may depend on the message dataclasses alone.
"""

from __future__ import annotations

from typing import Any

__all__ = ["parse", "render"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from bods import codec

        return getattr(codec, name)
    raise AttributeError(f"module 'bods' has no attribute {name!r}")
