"""The shared seed, written on first start (when STORE is empty). See harness/commerce/README.md.

- STORE 10101 `AuroraESite`, inventory system DOM (-5), default fulfillment center 10001;
- FFMCENTER 10001 and 10002; STLOC 20001..20003 (`Store-20001`..`Store-20003`);
- CATENTRY 12001..12500 = part numbers SKU-0001..SKU-0500 (SKU-n <-> 12000+n);
- INVENTORY for every item at both centers: the mock DOM's default seed stock there (see `seed_levels`);
- INVCNF/INVCNFREL: a store-wide default, a lower-precedence legacy default it overrides, a physical-store
  configuration and a real-time configuration for SKU-0491..SKU-0500;
- INVAVL starts empty: the cache fills from DOM, `domh commerce load` or SyncInventoryAvailability.
"""

from __future__ import annotations

from sqlalchemy import Connection, insert

from harness.commerce.domain.availability import InventorySystem
from harness.commerce.domain.cache_policy import CacheFlags, ConfigurationScope, InventoryConfiguration
from harness.commerce.storage.catalog import CATENTRY, FFMCENTER, STLOC, STORE
from harness.commerce.storage.configuration import ConfigurationRepository
from harness.commerce.storage.inventory import INVENTORY
from mock_dom.seed import default_seed

ONLINE_STORE_ID = 10101
ONLINE_STORE_IDENTIFIER = "AuroraESite"
FULFILLMENT_CENTERS = {10001: "FC-10001", 10002: "FC-10002"}
PHYSICAL_STORES = {
    20001: ("Store-20001", "Aurora Downtown"),
    20002: ("Store-20002", "Aurora Uptown"),
    20003: ("Store-20003", "Aurora Riverside"),
}
ITEM_COUNT = 500
FIRST_CATENTRY_ID = 12001
REALTIME_ITEMS = range(491, ITEM_COUNT + 1)

ALL = CacheFlags.MEMORY | CacheFlags.DATABASE | CacheFlags.CALL_DOM | CacheFlags.DECREMENT_ON_SUBMIT
ALL |= CacheFlags.STORE_DOM_RESULT

DEFAULT = InventoryConfiguration(
    id=1,
    identifier="Default",
    flags=ALL,
    precedence=0.0,
    threshold=10.0,
    expiry_above=300,
    expiry_below=30,
    description="Every item everywhere: memory + INVAVL, 300 s at or above 10 units, 30 s below",
)
LEGACY_DEFAULT = InventoryConfiguration(
    id=2,
    identifier="LegacyDefault",
    flags=ALL,
    precedence=-1.0,
    threshold=None,
    expiry_above=3600,
    expiry_below=3600,
    description="Also covers everything, loses to Default on PRECEDENCE",
)
PHYSICAL = InventoryConfiguration(
    id=3,
    identifier="PhysicalStores",
    precedence=0.0,
    threshold=5.0,
    expiry_above=120,
    expiry_below=15,
    flags=CacheFlags.MEMORY | CacheFlags.CALL_DOM | CacheFlags.STORE_DOM_RESULT,
    description="Every item at the physical stores: memory only, 120 s at or above 5 units, 15 s below",
)
REALTIME = InventoryConfiguration(
    id=4,
    identifier="RealTime",
    flags=ALL,
    precedence=0.0,
    threshold=None,
    expiry_above=0,
    expiry_below=0,
    description="SKU-0491..SKU-0500 everywhere: always asks DOM (expiry 0), keeps the answer as a fall-back",
)


def part_number(n: int) -> str:
    return f"SKU-{n:04d}"


def catentry_id(n: int) -> int:
    return FIRST_CATENTRY_ID + n - 1


def seed_levels() -> dict[tuple[int, int], float]:
    """(catentry, fulfillment center) -> quantity: the on-hand stock of the mock DOM's default seed at the
    two centers, so that INVENTORY agrees with what DOM reports (mock_dom/seed_data/README.md)."""
    return {
        (int(row.catalog_entry_id), int(row.location)): row.on_hand
        for row in default_seed().rows
        if row.location.isdigit() and int(row.location) in FULFILLMENT_CENTERS
    }


def seed(connection: Connection) -> None:
    """Write the seed (the caller commits)."""
    connection.execute(
        insert(FFMCENTER), [{"FFMCENTER_ID": i, "NAME": n} for i, n in FULFILLMENT_CENTERS.items()]
    )
    connection.execute(
        insert(STORE).values(
            STORE_ID=ONLINE_STORE_ID,
            IDENTIFIER=ONLINE_STORE_IDENTIFIER,
            INVENTORYSYSTEM=int(InventorySystem.DOM),
            FFMCENTER_ID=min(FULFILLMENT_CENTERS),
        )
    )
    connection.execute(
        insert(STLOC),
        [
            {"STLOC_ID": i, "STOREENT_ID": ONLINE_STORE_ID, "IDENTIFIER": ident, "NAME": name, "ACTIVE": 1}
            for i, (ident, name) in PHYSICAL_STORES.items()
        ],
    )
    items = range(1, ITEM_COUNT + 1)
    connection.execute(
        insert(CATENTRY), [{"CATENTRY_ID": catentry_id(n), "PARTNUMBER": part_number(n)} for n in items]
    )
    levels = seed_levels()
    connection.execute(
        insert(INVENTORY),
        [
            {
                "CATENTRY_ID": catentry_id(n),
                "FFMCENTER_ID": center,
                "STORE_ID": ONLINE_STORE_ID,
                "QUANTITY": levels.get((catentry_id(n), center), 0.0),
                "QUANTITYMEASURE": "C62",
                "INVENTORYFLAGS": 0,
            }
            for n in items
            for center in FULFILLMENT_CENTERS
        ],
    )
    _seed_configurations(ConfigurationRepository(connection))


def _seed_configurations(configurations: ConfigurationRepository) -> None:
    configurations.add(DEFAULT, [ConfigurationScope(DEFAULT.id)])
    configurations.add(LEGACY_DEFAULT, [ConfigurationScope(LEGACY_DEFAULT.id)])
    configurations.add(
        PHYSICAL, [ConfigurationScope(PHYSICAL.id, stloc_id=stloc) for stloc in PHYSICAL_STORES]
    )
    configurations.add(
        REALTIME, [ConfigurationScope(REALTIME.id, catentry_id=catentry_id(n)) for n in REALTIME_ITEMS]
    )
