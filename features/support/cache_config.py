"""Give one item its own INVCNF cache configuration, the way a WCS administrator does: rows in INVCNF and
INVCNFREL, then a configuration reload (`POST /__admin/cache/reload`, WCS re-reads its configuration cache).

Only possible against the reference commerce server with its database at hand (the servers started by the
session, or `--commerce-db`). Facts section 3: THRESHOLDQUANTITY NULL = minus infinity; CHEXPABOVETHRES /
CHEXPBELOWTHRES in seconds, 0 = expires at once, NULL = never.
"""

from __future__ import annotations

import zlib

from features.support.items import Item
from harness.commerce.domain.cache_policy import CacheFlags, ConfigurationScope, InventoryConfiguration
from harness.commerce.storage.engine import create_engine_for
from harness.commerce.storage.unit_of_work import unit_of_work_factory

EVERYTHING = (
    CacheFlags.MEMORY
    | CacheFlags.DATABASE
    | CacheFlags.CALL_DOM
    | CacheFlags.DECREMENT_ON_SUBMIT
    | CacheFlags.STORE_DOM_RESULT
)
FIRST_ID = 100_000  # far from the seed's configuration ids


def item_configuration(
    item: Item, threshold: float | None, expiry_above: int | None, expiry_below: int | None
) -> InventoryConfiguration:
    rules = (threshold, expiry_above, expiry_below)
    return InventoryConfiguration(
        id=FIRST_ID + item.number,
        identifier=f"Conformance-{item.part_number}-{zlib.crc32(repr(rules).encode())}",
        flags=EVERYTHING,
        precedence=100.0,
        threshold=threshold,
        expiry_above=expiry_above,
        expiry_below=expiry_below,
        description="written by the conformance suites for one item",
    )


def configure_item(db_url: str, configuration: InventoryConfiguration, item: Item) -> None:
    """Replace any earlier configuration of this item by `configuration` (item at every location)."""
    engine = create_engine_for(db_url)
    try:
        with unit_of_work_factory(engine)() as uow:
            uow.configurations.remove(configuration.id)
            uow.configurations.add(
                configuration, [ConfigurationScope(configuration.id, int(item.product_id))]
            )
            uow.commit()
    finally:
        engine.dispose()
