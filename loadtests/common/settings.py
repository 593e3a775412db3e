"""Load test settings: plain values from `LOAD_*` environment variables, with defaults for a laptop.

LOAD_MAX_FAIL_RATIO=0.01   fail the run (exit code 1) above 1 % failed requests
LOAD_MAX_P95_MS=1000       ... or when the 95th percentile response time exceeds 1000 ms
LOAD_THINK_SCALE=0.01      shopper think times of the journey (tens of seconds) scaled for a load test
LOAD_STORE_ID=10101        the online store of the shared seed
LOAD_ALLOW_REMOTE_HOST=1   allow a host other than loopback (off: only 127.0.0.1 / localhost / ::1)
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


@dataclass(frozen=True)
class LoadSettings:
    max_fail_ratio: float = 0.01  # share of failed requests that fails the run
    max_p95_ms: float = 1000.0  # 95th percentile response time (ms) that fails the run
    think_scale: float = 0.01  # multiplier on the journey's think times (mean 15..45 s)
    store_id: str = "10101"
    allow_remote_host: bool = False

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> LoadSettings:
        env = os.environ if environ is None else environ
        defaults = cls()
        return cls(
            max_fail_ratio=float(env.get("LOAD_MAX_FAIL_RATIO", defaults.max_fail_ratio)),
            max_p95_ms=float(env.get("LOAD_MAX_P95_MS", defaults.max_p95_ms)),
            think_scale=float(env.get("LOAD_THINK_SCALE", defaults.think_scale)),
            store_id=env.get("LOAD_STORE_ID", defaults.store_id),
            allow_remote_host=env.get("LOAD_ALLOW_REMOTE_HOST", "") in ("1", "true", "yes"),
        )


def is_loopback(host_url: str | None) -> bool:
    """True for http(s) URLs on 127.0.0.1, localhost or ::1."""
    return bool(host_url) and (urlsplit(host_url).hostname or "") in LOOPBACK_HOSTS
