"""The admin API speaks camelCase JSON (WireMock's habit, and the WCS REST style); the services speak
snake_case. These two helpers translate at the edge."""

from __future__ import annotations

import re
from typing import Any

_UPPER = re.compile(r"([A-Z])")


def camel(value: Any) -> Any:
    """Rename every dict key `part_number` -> `partNumber`, recursively; values are left alone."""
    if isinstance(value, dict):
        return {_camel_key(k) if isinstance(k, str) else k: camel(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [camel(v) for v in value]
    return value


def snake_keys(data: dict[str, Any]) -> dict[str, Any]:
    """Top-level keys `partNumber` -> `part_number` (input may use either form)."""
    return {_UPPER.sub(lambda m: "_" + m.group(1).lower(), k): v for k, v in data.items()}


def _camel_key(key: str) -> str:
    head, *rest = key.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)
