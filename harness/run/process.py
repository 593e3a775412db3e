"""One `domh` server as a child process, started and stopped the way `mock_dom.process.ServerProcess` does.

The command is `python -m harness.cli ...` with this interpreter, so it works without `domh` on PATH. Process
group, log file, readiness wait and SIGTERM-then-SIGKILL stop live in `mock_dom.process` (shared with
`mock_dom.testing`); the names are re-exported here for the harness and its callers.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from mock_dom import process
from mock_dom.process import (
    HEALTH_PATH,
    LOG_TAIL_CHARS,
    POLL_INTERVAL,
    START_DEADLINE,
    STOP_DEADLINE,
    ServerStartError,
)

__all__ = [
    "HEALTH_PATH",
    "LOG_TAIL_CHARS",
    "POLL_INTERVAL",
    "START_DEADLINE",
    "STOP_DEADLINE",
    "ServerProcess",
    "ServerStartError",
    "domh_command",
]


def domh_command(args: Sequence[str]) -> list[str]:
    """The argv that runs `domh ARGS` with the current interpreter."""
    return [sys.executable, "-m", "harness.cli", *args]


class ServerProcess(process.ServerProcess):
    """A `domh` sub-command (`args`, e.g. `["mock-dom", "--port", "8001"]`) running as a server at `url`."""

    def __init__(
        self,
        name: str,
        args: Sequence[str],
        *,
        url: str,
        log_path: Path,
        health_path: str = HEALTH_PATH,
        start_deadline: float = START_DEADLINE,
        stop_deadline: float = STOP_DEADLINE,
        env: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(
            name,
            domh_command(args),
            url=url,
            log_path=log_path,
            health_path=health_path,
            start_deadline=start_deadline,
            stop_deadline=stop_deadline,
            env=env,
        )
