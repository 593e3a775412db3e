"""The composition root: `build(settings) -> Dom` wires storage, clock, service, push outbox and BOD handler.

    dom = build(config.dom_settings())          # or build(config): anything with .dom_settings() works
    app = create_app(dom, config)               # the Flask edge (mock_dom.web)
    worker = BackgroundWorker([("tick", dom.tick), ("drain", dom.drain)], interval)

The SimPy fast mode builds the same thing with its own clock and an in-process transport:

    dom = build(DomSettings(db_url="sqlite://"), clock=FunctionClock(lambda: origin + env.now),
                transport=InProcessPushTransport(commerce_handler.handle))

Nothing is created at import time; `Dom.close()` releases the database and the HTTP client.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

from bods.messages import UsernameToken
from mock_dom.bod_handler import BodHandler, Reply
from mock_dom.clock import Clock, SystemClock
from mock_dom.pushes import (
    DrainReport,
    HttpxPushTransport,
    PushAttempt,
    PushFacts,
    PushFault,
    PushOutbox,
    PushTransport,
)
from mock_dom.services import DomService, DomSettings, TickReport
from mock_dom.storage import Database

log = logging.getLogger(__name__)


@dataclass
class Dom:
    """One mock DOM: what the web edge, the background worker, the CLI and the simulations hold on to."""

    settings: DomSettings
    clock: Clock
    database: Database
    service: DomService
    outbox: PushOutbox
    handler: BodHandler

    @property
    def pushes(self) -> PushOutbox:
        return self.outbox

    def handle(self, service: str, body: bytes, headers: Mapping[str, str] | None = None) -> Reply:
        return self.handler.handle(service, body, headers or {})

    def tick(self, now: float | None = None) -> TickReport:
        """Expire reservations and run due lifecycle steps (the background worker calls this every ~0.2 s)."""
        return self.service.tick(now)

    def drain(self, now: float | None = None) -> DrainReport:
        """Send due pushes (a no-op while no commerce transport is configured)."""
        return self.outbox.drain(now)

    def run_once(self, now: float | None = None) -> tuple[TickReport, DrainReport]:
        return self.tick(now), self.drain(now)

    def close(self) -> None:
        close = getattr(self.outbox.transport, "close", None)
        if callable(close):
            close()
        self.database.dispose()


def build(
    settings: DomSettings | Any | None = None,
    *,
    clock: Clock | None = None,
    transport: PushTransport | None = None,
    decide: Callable[[PushFacts], PushFault | None] | None = None,
    record: Callable[[PushAttempt], None] | None = None,
    new_id: Callable[[], str] | None = None,
    seed: bool = True,
) -> Dom:
    """Build a mock DOM. The schema is created and the seed loaded when the database is empty (`seed=False`
    skips that). Pushes go through `transport`, else to `settings.commerce_url` over httpx, else nowhere."""
    settings = _settings(settings)
    clock = clock or SystemClock()
    database = Database(settings.db_url, stock_view=settings.uses_stock_view)  # off with several workers
    _create_schema(database)
    service = DomService(database, clock, settings, new_id=new_id)
    if seed:
        _seed_once(service)
    if transport is None and settings.commerce_url:
        transport = HttpxPushTransport(settings.commerce_url, timeout=settings.push_timeout_s)
    outbox = PushOutbox(
        database,
        clock,
        transport=transport,
        soap=settings.push_soap,
        credentials=_credentials(settings),
        retry_base_s=settings.push_retry_base_s,
        retry_cap_s=settings.push_retry_cap_s,
        max_attempts=settings.push_max_attempts,
        batch_size=settings.push_batch_size,
        decide=decide,
        record=record,
    )
    outbox.recover()
    handler = BodHandler(service, max_bytes=settings.max_body_bytes, validate=settings.validate_bods)
    return Dom(settings, clock, database, service, outbox, handler)


def _settings(settings: DomSettings | Any | None) -> DomSettings:
    if settings is None:
        return DomSettings()
    if isinstance(settings, DomSettings):
        return settings
    return settings.dom_settings()


def _credentials(settings: DomSettings) -> UsernameToken | None:
    if not settings.push_username:
        return None
    return UsernameToken(settings.push_username, settings.push_password or "")


def _create_schema(database: Database) -> None:
    """Create missing tables; another worker process doing the same at the same moment is fine."""
    try:
        database.create_schema()
    except (OperationalError, ProgrammingError):
        log.info("schema creation raced with another process; checking again")
        database.create_schema()


def _seed_once(service: DomService) -> None:
    try:
        if service.load_seed_if_empty():
            log.info("loaded the seed into an empty database")
    except IntegrityError:
        log.info("another process loaded the seed first")
