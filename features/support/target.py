"""Which servers the suites run against: the ones named on the command line, or a pair started here.

`--commerce-url` / `--dom-url` (or HARNESS_COMMERCE_URL / HARNESS_DOM_URL) point the suites at running
servers, a team's own commerce server or DOM included. Without them the session starts the mock DOM and the
reference commerce server side by side on free loopback ports (`harness.run.running_pair`). Naming only one
side runs the scenarios that need only that side (a real DOM's BOD conformance needs no commerce server).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pytest

from harness.run import Pair

COMMERCE_ENV = "HARNESS_COMMERCE_URL"
DOM_ENV = "HARNESS_DOM_URL"
COMMERCE_DB_ENV = "HARNESS_COMMERCE_DB"


@dataclass(frozen=True)
class Target:
    """Where the scenarios send their requests; `pair` is set when this session started the servers."""

    commerce_url: str | None
    dom_url: str | None
    commerce_db: str | None = None
    pair: Pair | None = None

    @property
    def started_here(self) -> bool:
        return self.pair is not None

    def describe(self) -> str:
        origin = "started by this session" if self.started_here else "given"
        return f"commerce {self.commerce_url or '(none)'}, DOM {self.dom_url or '(none)'} ({origin})"


def add_options(parser: pytest.Parser) -> None:
    group = parser.getgroup("dom-harness", "dom-harness conformance suites")
    group.addoption("--commerce-url", default=None, help=f"commerce server base URL (env {COMMERCE_ENV})")
    group.addoption("--dom-url", default=None, help=f"DOM base URL (env {DOM_ENV})")
    group.addoption(
        "--commerce-db",
        default=None,
        help=f"the reference commerce server's database URL (INVCNF scenarios) (env {COMMERCE_DB_ENV})",
    )


def given_target(config: pytest.Config) -> Target | None:
    """The servers named by options or environment; None when neither side is named."""
    commerce = config.getoption("--commerce-url") or os.environ.get(COMMERCE_ENV) or None
    dom = config.getoption("--dom-url") or os.environ.get(DOM_ENV) or None
    if not commerce and not dom:
        return None
    database = config.getoption("--commerce-db") or os.environ.get(COMMERCE_DB_ENV) or None
    return Target(_clean(commerce), _clean(dom), database)


def started_target(pair: Pair) -> Target:
    return Target(pair.commerce_url, pair.dom_url, f"sqlite:///{pair.workdir / 'commerce.db'}", pair)


def _clean(url: str | None) -> str | None:
    return url.rstrip("/") if url else None
