"""The mock DOM's Flask app: `create_app(dom, config)` wires the BOD services, the admin API and the errors.

`dom` is what `mock_dom.bootstrap.build(settings)` returns (the service, the Flask-free BOD handler, the push
outbox). The app adds what only the HTTP edge needs: the request journal and the fault rules, hooked into the
outbox too so pushes are journalled and can be faulted. Nothing is created at import time.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from flask import Flask

from mock_dom.config import MockDomConfig
from mock_dom.faults import FaultBook
from mock_dom.faults.pushes import push_decider
from mock_dom.journal import RequestJournal, push_recorder
from mock_dom.web import admin_journal, admin_state, bod_services, index
from mock_dom.web.bod_facts import catalog_lookup
from mock_dom.web.context import EXTENSION, MockDomContext
from mock_dom.web.errors import register_error_handlers


def create_app(
    dom: Any,
    config: MockDomConfig | None = None,
    *,
    sleep: Callable[[float], None] = time.sleep,
) -> Flask:
    """Build the app around an already built core.

    `sleep` is how latency and timeout faults wait; tests pass a fake.
    """
    config = config or MockDomConfig()
    clock = getattr(dom, "clock", None)
    context = MockDomContext(
        dom=dom,
        config=config,
        journal=RequestJournal(config.journal_size),
        faults=FaultBook(seed=config.fault_seed, now=clock.now if clock is not None else time.time),
        sleep=sleep,
        part_number_of=catalog_lookup(dom),
    )
    outbox = getattr(dom, "outbox", None)
    if outbox is not None:
        outbox.decide = push_decider(context.faults)
        outbox.record = push_recorder(context.journal)
    app = Flask("mock_dom")
    app.config["MAX_CONTENT_LENGTH"] = None  # the BOD views cap bodies themselves (a BOD-form 413)
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.extensions[EXTENSION] = context
    for blueprint in (index.bp, bod_services.bp, admin_state.bp, admin_journal.bp):
        app.register_blueprint(blueprint)
    register_error_handlers(app)
    return app


def app_from_config(config: MockDomConfig) -> Flask:
    """Build the core from the config, then the app: what each gunicorn worker runs after the fork."""
    from mock_dom.bootstrap import build

    return create_app(build(config.dom_settings()), config)


def context_of(app: Flask) -> MockDomContext:
    context: MockDomContext = app.extensions[EXTENSION]
    return context
