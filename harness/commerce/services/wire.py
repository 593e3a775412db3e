"""DOM's InventoryAvailability noun <-> the cache record (INVAVL columns), shared by the look-up
(DOM's answer) and the SyncInventoryAvailability push.

The item is named by catalog entry UniqueID or PartNumber, the location by OnlineStoreIdentifier (UniqueID or
NameIdentifier) or PhysicalStoreIdentifier (UniqueID or ExternalIdentifier such as `Store-20001`), facts
section 2.
UserData customField1..3 map onto FIELD1..3.
"""

from __future__ import annotations

from bods.messages import InventoryAvailability
from harness.commerce.domain.availability import UNITLESS, AvailabilityRecord, AvailabilityStatus, Location
from harness.commerce.domain.catalog import Catalog
from harness.commerce.domain.errors import InvalidParameter
from mock_dom.domain.timefmt import parse_datetime


def number(parameter: str, value: str | None) -> int:
    """A numeric identifier parameter, or the InvalidParameter error naming it."""
    if value is None or not value.strip().isdigit():
        raise InvalidParameter.named(parameter, value)
    return int(value)


def wire_key(catalog: Catalog, wire: InventoryAvailability) -> tuple[int, Location]:
    """(catentry id, location) of a record; raises the NotFound error of whatever is unknown."""
    if wire.catalog_entry_id:
        catentry = catalog.entry(number("CatalogEntryIdentifier/UniqueID", wire.catalog_entry_id)).catentry_id
    else:
        catentry = catalog.entry_by_part_number(wire.part_number or "").catentry_id
    if wire.physical_store_id:
        return catentry, catalog.physical_location_of(wire.physical_store_id)
    if wire.physical_store_name:
        return catentry, catalog.physical_store_by_identifier(wire.physical_store_name).location
    if wire.online_store_name and not wire.online_store_id:
        return catentry, catalog.store_location_named(wire.online_store_name)
    return catentry, catalog.store_location(number("OnlineStoreIdentifier/UniqueID", wire.online_store_id))


def record_from_wire(
    wire: InventoryAvailability, catentry_id: int, location: Location, now: float
) -> AvailabilityRecord:
    """The cache record for DOM's record, stamped LASTUPDATE = `now`."""
    fields = dict(wire.user_data)
    try:
        available_at = parse_datetime(wire.availability_datetime) if wire.availability_datetime else None
    except ValueError as exc:
        raise InvalidParameter.named("AvailabilityDateTime", wire.availability_datetime) from exc
    return AvailabilityRecord(
        catentry_id=catentry_id,
        location=location,
        status=AvailabilityStatus.of(wire.status),
        quantity=wire.quantity,
        availability_time=available_at,
        availability_offset=wire.availability_offset,
        last_update=now,
        uom=wire.uom or UNITLESS,
        field1=_optional_int(fields.get("customField1")),
        field2=_optional_float(fields.get("customField2")),
        field3=fields.get("customField3"),
    )


def _optional_int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _optional_float(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None
