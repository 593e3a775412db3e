"""The _wcf identifier shapes the DOM nouns share (facts section 2).

A catalog entry is named by UniqueID (catentry id) and/or ExternalIdentifier/PartNumber; an online store by
UniqueID and/or ExternalIdentifier/NameIdentifier; a physical store by UniqueID and/or
ExternalIdentifier/Identifier. Each decoder returns (unique id, external name), either may be None.
"""

from __future__ import annotations

from lxml import etree

from bods.families.common import sub, wcf9

UNIQUE_ID = wcf9("UniqueID")
EXTERNAL_IDENTIFIER = wcf9("ExternalIdentifier")
PART_NUMBER = wcf9("PartNumber")
NAME_IDENTIFIER = wcf9("NameIdentifier")
IDENTIFIER = wcf9("Identifier")
DISTINGUISHED_NAME = wcf9("DistinguishedName")
CATALOG_ENTRY_IDENTIFIER = wcf9("CatalogEntryIdentifier")
ONLINE_STORE_IDENTIFIER = wcf9("OnlineStoreIdentifier")
PHYSICAL_STORE_IDENTIFIER = wcf9("PhysicalStoreIdentifier")


def decode_pair(element: etree._Element | None, external_tag: str) -> tuple[str | None, str | None]:
    """(UniqueID, ExternalIdentifier/<external_tag>) of an identifier element; (None, None) when absent."""
    unique_id = external = None
    if element is None:
        return None, None
    for child in element[:]:
        tag = child.tag
        if tag == UNIQUE_ID:
            unique_id = (child.text or "").strip() or None
        elif tag == EXTERNAL_IDENTIFIER:
            external = None
            for name in child[:]:
                if name.tag == external_tag:
                    external = (name.text or "").strip() or None
                    break
    return unique_id, external


def unique_id(element: etree._Element | None) -> str | None:
    """The UniqueID of an identifier element (the last one, as `decode_pair` reads it); None when absent."""
    found = None
    if element is not None:
        for child in element[:]:
            if child.tag == UNIQUE_ID:
                found = (child.text or "").strip() or None
    return found


def catalog_entry(element: etree._Element | None) -> tuple[str | None, str | None]:
    return decode_pair(element, PART_NUMBER)


def store(element: etree._Element | None) -> tuple[str | None, str | None]:
    return decode_pair(element, NAME_IDENTIFIER)


def physical_store(element: etree._Element | None) -> tuple[str | None, str | None]:
    return decode_pair(element, IDENTIFIER)


def encode_pair(
    parent: etree._Element, tag: str, unique_id: str | None, external: str | None, external_tag: str
) -> etree._Element | None:
    """Write <tag>UniqueID, ExternalIdentifier/<external_tag></tag>; nothing when both are None."""
    if unique_id is None and external is None:
        return None
    element = sub(parent, tag)
    if unique_id is not None:
        sub(element, UNIQUE_ID, unique_id)
    if external is not None:
        sub(sub(element, EXTERNAL_IDENTIFIER), external_tag, external)
    return element


def encode_catalog_entry(
    parent: etree._Element, tag: str, catentry_id: str | None, part_number: str | None
) -> None:
    encode_pair(parent, tag, catentry_id, part_number, PART_NUMBER)


def encode_store(parent: etree._Element, tag: str, store_id: str | None, name: str | None) -> None:
    encode_pair(parent, tag, store_id, name, NAME_IDENTIFIER)


def encode_physical_store(
    parent: etree._Element, tag: str, store_id: str | None, identifier: str | None
) -> None:
    encode_pair(parent, tag, store_id, identifier, IDENTIFIER)
