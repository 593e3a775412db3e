"""Configuration of the mock DOM server: one frozen dataclass, filled from CLI flags, then the environment.

Precedence: a command-line flag wins, then a `MOCK_DOM_<FIELD>` environment variable (e.g.
`MOCK_DOM_COMMERCE_URL`, `MOCK_DOM_DB_URL`), then the default. Nothing here opens a database or a socket;
the behaviour core gets its own settings object through `dom_settings()`.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, get_type_hints

ENV_PREFIX = "MOCK_DOM_"


class ConfigError(ValueError):
    """A setting that cannot be used (bad number, bad URL); the CLI prints it and exits 2."""


@dataclass(frozen=True)
class MockDomConfig:
    """Everything the mock DOM server needs to start.

    `commerce_url` is where DOM's pushes (SyncOrder, SyncInventoryAvailability) go, e.g.
    `http://127.0.0.1:8000/webapp/wcs/services`; None keeps them queued (visible under /__admin/pushes).
    `push_username`/`push_password` add a WS-Security UsernameToken to pushes, as the SyncOrder sample does
    (facts section 4). `db_url` defaults to a SQLite file in the working directory; `sqlite://` keeps state
    in memory (one worker only).
    """

    host: str = "127.0.0.1"
    port: int = 8001
    commerce_url: str | None = None
    seed_path: Path | None = None
    db_url: str = "sqlite:///mock-dom.db"
    workers: int = 1
    threads: int = 8
    max_body_bytes: int = 1_048_576
    journal_size: int = 10_000
    push_username: str | None = None
    push_password: str | None = None
    tick_interval: float = 1.0
    schedule_delay_s: float = 2.0  # fulfillment lifecycle: seconds created -> scheduled (DomSettings)
    release_delay_s: float = 3.0  # seconds scheduled -> released
    ship_delay_s: float = 5.0  # seconds released -> shipped
    fault_seed: int = 0
    timeout_fault_cap: float = 60.0
    access_log: bool = False

    def __post_init__(self) -> None:
        positive = (
            "port",
            "workers",
            "threads",
            "max_body_bytes",
            "journal_size",
            "tick_interval",
            "timeout_fault_cap",
        )
        for name in positive:
            value = getattr(self, name)
            if value < (0 if name == "port" else 1e-9):
                raise ConfigError(f"{name} must be positive, not {value!r}")
        if self.port > 65535:
            raise ConfigError(f"port must be at most 65535, not {self.port}")
        if self.commerce_url is not None and not self.commerce_url.startswith(("http://", "https://")):
            raise ConfigError(f"commerce_url must be an http(s) URL, not {self.commerce_url!r}")

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> MockDomConfig:
        """Defaults, then `MOCK_DOM_*` variables, then `overrides` (values None are ignored)."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        hints = get_type_hints(cls)
        for f in fields(cls):
            raw = environ.get(ENV_PREFIX + f.name.upper())
            if raw is not None and raw != "":
                values[f.name] = _convert(f.name, hints[f.name], raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    @classmethod
    def from_args(cls, args: argparse.Namespace, environ: Mapping[str, str] | None = None) -> MockDomConfig:
        """Flags parsed by `mock_dom.cli`; flags left unset fall back to the environment, then defaults."""
        names = {f.name for f in fields(cls)}
        overrides = {name: getattr(args, name) for name in names if getattr(args, name, None) is not None}
        return cls.from_env(environ, **overrides)

    def with_changes(self, **changes: Any) -> MockDomConfig:
        return replace(self, **changes)

    def dom_settings(self) -> Any:
        """The behaviour core's `DomSettings` for this configuration."""
        from mock_dom.services import DomSettings

        return DomSettings(**_dom_settings_values(self, DomSettings))


def _dom_settings_values(config: MockDomConfig, settings_type: type) -> dict[str, Any]:
    """Copy the fields the core's settings share with this config (by name)."""
    wanted = {f.name for f in fields(settings_type)}
    return {name: getattr(config, name) for name in wanted if hasattr(config, name)}


def _convert(name: str, kind: Any, raw: str) -> Any:
    text = str(kind)
    try:
        if "bool" in text:
            if raw.lower() in ("1", "true", "yes", "on"):
                return True
            if raw.lower() in ("0", "false", "no", "off"):
                return False
            raise ValueError(raw)
        if "int" in text:
            return int(raw)
        if "float" in text:
            return float(raw)
        if "Path" in text:
            return Path(raw)
    except ValueError as error:
        raise ConfigError(f"{ENV_PREFIX}{name.upper()}={raw!r} is not a valid {text}") from error
    return raw
