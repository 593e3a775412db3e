"""What every view of the mock DOM app shares: the core (`Dom`), the config, the journal and the fault book.

Kept in `app.extensions["mock_dom"]` (Flask's place for per-app state) rather than in module globals, so two
apps in one process (tests, the in-process harness) never share anything.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import current_app

from mock_dom.config import MockDomConfig
from mock_dom.faults import FaultBook
from mock_dom.journal import RequestJournal

EXTENSION = "mock_dom"


@dataclass
class MockDomContext:
    dom: Any
    config: MockDomConfig
    journal: RequestJournal
    faults: FaultBook
    sleep: Callable[[float], None] = time.sleep
    part_number_of: Callable[[str], str | None] | None = None
    started_at: float = field(default_factory=time.time)


def current() -> MockDomContext:
    context: MockDomContext = current_app.extensions[EXTENSION]
    return context
