"""Free loopback ports for servers started side by side (tests, `domh demo`, load tests).

The probes live in `mock_dom.process` (shared with `mock_dom.testing`); re-exported here for the harness.
"""

from __future__ import annotations

from mock_dom.process import LOOPBACK, free_port, free_ports

__all__ = ["LOOPBACK", "free_port", "free_ports"]
