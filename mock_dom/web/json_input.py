"""Reading admin JSON input strictly: a clear 400 for a missing body, a wrong type or a negative count."""

from __future__ import annotations

from typing import Any

from flask import request

from mock_dom.web.errors import AdminError


def json_object(*, required: bool = True) -> dict[str, Any]:
    """The request body as a JSON object; an empty body counts as `{}` unless `required`."""
    if not request.get_data(cache=True):
        if required:
            raise AdminError(400, "bad_request", "a JSON object body is required")
        return {}
    data = request.get_json(silent=True, force=True)
    if not isinstance(data, dict):
        raise AdminError(400, "bad_request", "the body must be a JSON object")
    return data


def number(
    data: dict[str, Any], key: str, *, required: bool = True, default: float | None = None
) -> float | None:
    value = data.get(key)
    if value is None:
        if required:
            raise AdminError(400, "bad_request", f"{key} is required")
        return default
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise AdminError(400, "bad_request", f"{key} must be a number, not {value!r}")
    return float(value)


def text(data: dict[str, Any], key: str, *, required: bool = False) -> str | None:
    value = data.get(key)
    if value is None:
        if required:
            raise AdminError(400, "bad_request", f"{key} is required")
        return None
    if not isinstance(value, str) or not value:
        raise AdminError(400, "bad_request", f"{key} must be a non-empty string, not {value!r}")
    return value


def optional_count(value: Any, key: str) -> int | None:
    """A whole number >= 0 from JSON or a query string, or None."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise AdminError(400, "bad_request", f"{key} must be a whole number, not {value!r}")
    try:
        count = int(value)
    except (TypeError, ValueError):
        raise AdminError(400, "bad_request", f"{key} must be a whole number, not {value!r}") from None
    if count < 0 or (isinstance(value, float) and not value.is_integer()):
        raise AdminError(400, "bad_request", f"{key} must be a whole number >= 0, not {value!r}")
    return count
