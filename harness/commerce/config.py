"""Configuration of the reference commerce server: one frozen dataclass, filled from `domh commerce` flags.

Nothing here opens a database or a socket; `create_app(config)` does, in the process that serves.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlsplit

from harness.commerce.checkout_config import CheckoutSettings

DEFAULT_DOM_SERVICES_PATH = "/dom/services"  # where the mock DOM serves InventoryServices / OrderServices


class ConfigError(ValueError):
    """A setting that cannot be used; the CLI prints it and exits 2."""


@dataclass(frozen=True)
class DomClientSettings:
    """The ExternalInventory client to DOM: timeouts, bounded retries, circuit breaker, wire style.

    WCS documents none of these values (facts section 6 [I]); they are harness parameters.
    `username`/`password` add a WS-Security UsernameToken to outbound requests.
    """

    connect_timeout: float = 1.0
    read_timeout: float = 3.0
    retries: int = 1
    backoff_seconds: float = 0.05
    breaker_failures: int = 5
    breaker_reset_seconds: float = 10.0
    soap: bool = True
    username: str | None = None
    password: str | None = None
    max_connections: int = 32


@dataclass(frozen=True)
class CommerceConfig:
    """Everything the commerce server needs to start.

    `dom_url` is the base URL of DOM's services (`<dom_url>/InventoryServices`); a URL without a path gets
    the mock DOM's `/dom/services`. `db_url` defaults to `commerce.db` in the working directory; `sqlite://`
    keeps everything in memory (one worker only). `ws_username`/`ws_password` set, inbound BODs must carry a
    matching WS-Security UsernameToken; None means not checked. `store_id` is the online store inbound BODs
    without a storeId context apply to. `journal_size` is how many request journal entries (BODs received
    and sent, `/__admin/requests`) the server keeps, oldest dropped first.
    """

    host: str = "127.0.0.1"
    port: int = 8000
    dom_url: str = "http://127.0.0.1:8001" + DEFAULT_DOM_SERVICES_PATH
    db_url: str = "sqlite:///commerce.db"
    workers: int = 1
    threads: int = 8
    ws_username: str | None = None
    ws_password: str | None = None
    dom: DomClientSettings = field(default_factory=DomClientSettings)
    max_body_bytes: int = 1_048_576
    store_id: int = 10101
    access_log: bool = False
    checkout: CheckoutSettings = field(default_factory=CheckoutSettings)
    journal_size: int = 10_000

    def __post_init__(self) -> None:
        for name in ("workers", "threads", "max_body_bytes", "journal_size"):
            if getattr(self, name) < 1:
                raise ConfigError(f"{name} must be at least 1, not {getattr(self, name)!r}")
        if not 0 <= self.port <= 65535:
            raise ConfigError(f"port must be 0..65535, not {self.port}")
        if not self.dom_url.startswith(("http://", "https://")):
            raise ConfigError(f"dom_url must be an http(s) URL, not {self.dom_url!r}")
        if (self.ws_username is None) != (self.ws_password is None):
            raise ConfigError("ws_username and ws_password go together")

    @property
    def dom_services_url(self) -> str:
        """`dom_url`, with the mock DOM's services path when the URL names only a host."""
        url = self.dom_url.rstrip("/")
        return url if urlsplit(url).path else url + DEFAULT_DOM_SERVICES_PATH

    @property
    def checks_credentials(self) -> bool:
        return self.ws_username is not None

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def with_changes(self, **changes: Any) -> CommerceConfig:
        return replace(self, **changes)
