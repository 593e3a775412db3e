"""The mock DOM as pytest fixtures (registered through the `pytest11` entry point, so installing the project
is enough): a session-scoped `mock_dom_server` and a function-scoped `mock_dom` that resets state, journal and
fault rules before each test, the make/clear pair pytest-httpserver uses.

    def test_reserve(mock_dom):
        mock_dom.admin.set_inventory("SKU-0001", "10001", 1)
        ...

The server is `mock_dom.testing.running_mock_dom()`; override `mock_dom_server` in a conftest for other
settings.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from mock_dom.testing import MockDomServer, running_mock_dom


@pytest.fixture(scope="session")
def mock_dom_server() -> Iterator[MockDomServer]:
    """One real mock DOM server for the whole test session (override to pass other settings)."""
    with running_mock_dom() as server:
        yield server


@pytest.fixture
def mock_dom(mock_dom_server: MockDomServer) -> MockDomServer:
    """The session's server, reset to the seed with an empty journal and no fault rules."""
    mock_dom_server.admin.reset()
    return mock_dom_server
