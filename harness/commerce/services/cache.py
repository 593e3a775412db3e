"""The per-process parts of the inventory cache: the memory cache (INVCNF FLAGS & 1, WCS's distributed object
cache, here a dict per server process) and the resolved configuration per item and location.

Both are plain dicts read without locks (single dict operations are atomic in CPython), so a cached look-up
costs two dictionary hits and no database or XML work.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from harness.commerce.domain.availability import AvailabilityRecord, Location
from harness.commerce.domain.cache_policy import (
    ConfigurationScope,
    InventoryConfiguration,
    resolve_configuration,
)

Key = tuple[int, Location]
Coverage = tuple[InventoryConfiguration, ConfigurationScope]


class MemoryCache:
    """Availability records keyed by (catentry id, location)."""

    def __init__(self) -> None:
        self._records: dict[Key, AvailabilityRecord] = {}
        self.get: Callable[[Key], AvailabilityRecord | None] = self._records.get  # the dict's own, no wrapper

    def put(self, record: AvailabilityRecord) -> None:
        self._records[record.key] = record

    def discard(self, key: Key) -> None:
        self._records.pop(key, None)

    def clear(self) -> None:
        self._records.clear()

    def __len__(self) -> int:
        return len(self._records)


class ConfigurationIndex:
    """INVCNF resolution, computed once per (catentry, location) and kept until the configuration changes."""

    def __init__(self, coverage: Iterable[Coverage] = ()) -> None:
        self._state: tuple[dict[int | None, list[Coverage]], dict[Key, InventoryConfiguration]] = ({}, {})
        self.reload(coverage)

    def reload(self, coverage: Iterable[Coverage]) -> None:
        """Replace the configurations (after INVCNF/INVCNFREL changed) and forget every resolution."""
        by_item: dict[int | None, list[Coverage]] = {}
        for configuration, scope in coverage:
            by_item.setdefault(scope.catentry_id, []).append((configuration, scope))
        self._state = (by_item, {})  # one assignment: readers see the old pair or the new one

    def configuration(self, catentry_id: int, location: Location) -> InventoryConfiguration:
        by_item, resolved = self._state
        key = (catentry_id, location)
        found = resolved.get(key)
        if found is None:
            candidates = by_item.get(catentry_id, []) + by_item.get(None, [])
            found = resolve_configuration(candidates, catentry_id, location)
            resolved[key] = found
        return found
