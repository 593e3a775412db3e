"""Pass/fail rules for CI: the exit code of a headless run, from the failure ratio and the 95th percentile.

Locust's `quitting` event is the documented place to set `environment.process_exit_code`
(docs: running without the web UI, "Controlling the exit code"). `verdict` is pure so it can be tested.
"""

from __future__ import annotations

from dataclasses import dataclass

from loadtests.common.settings import LoadSettings


@dataclass(frozen=True)
class Verdict:
    exit_code: int
    reasons: tuple[str, ...]


def verdict(requests: int, fail_ratio: float, p95_ms: float, settings: LoadSettings) -> Verdict:
    """Exit code 1 with the reasons when a threshold is broken or nothing was requested, else 0."""
    reasons = []
    if requests == 0:
        reasons.append("no request was made")
    if fail_ratio > settings.max_fail_ratio:
        reasons.append(f"failure ratio {fail_ratio:.2%} above {settings.max_fail_ratio:.2%}")
    if p95_ms > settings.max_p95_ms:
        reasons.append(f"95th percentile {p95_ms:.0f} ms above {settings.max_p95_ms:.0f} ms")
    return Verdict(1 if reasons else 0, tuple(reasons))
