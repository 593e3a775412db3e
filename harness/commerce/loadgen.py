"""A minimal closed-loop HTTP load generator for the availability benchmark.

`connections` threads each keep one HTTP/1.1 keep-alive connection (stdlib `http.client`, the lightest client
at hand) and send GETs back to back, cycling through `paths`, until `seconds` have passed. Latencies are kept
per request for the percentiles. On a 2-core machine the generator competes with the server for CPU, so the
absolute figures are "what fits next to the generator"; the benchmark compares two endpoints measured the
same way, which is what makes the ratio meaningful.
"""

from __future__ import annotations

import http.client
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass(frozen=True)
class LoadResult:
    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p99_ms: float

    @property
    def requests_per_second(self) -> float:
        return self.requests / self.seconds if self.seconds > 0 else 0.0

    def as_dict(self) -> dict[str, float]:
        return {
            "requests": self.requests,
            "errors": self.errors,
            "seconds": round(self.seconds, 3),
            "req_per_s": round(self.requests_per_second, 1),
            "p50_ms": round(self.p50_ms, 3),
            "p99_ms": round(self.p99_ms, 3),
        }


def drive(base_url: str, paths: Sequence[str], *, seconds: float, connections: int) -> LoadResult:
    """GET `paths` round-robin over `connections` keep-alive connections for `seconds`."""
    parts = urlsplit(base_url)
    host, port = parts.hostname or "127.0.0.1", parts.port or 80
    deadline = time.perf_counter() + seconds
    latencies: list[list[float]] = [[] for _ in range(connections)]
    errors = [0] * connections

    def worker(index: int) -> None:
        connection = http.client.HTTPConnection(host, port, timeout=10)
        own, count = latencies[index], len(paths)
        i = index
        while True:
            started = time.perf_counter()
            if started >= deadline:
                break
            try:
                connection.request("GET", paths[i % count])
                response = connection.getresponse()
                response.read()
                if response.status >= 400:
                    errors[index] += 1
            except (OSError, http.client.HTTPException):
                errors[index] += 1
                connection.close()
                connection = http.client.HTTPConnection(host, port, timeout=10)
            own.append(time.perf_counter() - started)
            i += 1
        connection.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(n,), daemon=True) for n in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 30)
    elapsed = time.perf_counter() - started
    samples = sorted(value for own in latencies for value in own)
    return LoadResult(
        requests=len(samples),
        errors=sum(errors),
        seconds=elapsed,
        p50_ms=_percentile(samples, 0.50) * 1000,
        p99_ms=_percentile(samples, 0.99) * 1000,
    )


def _percentile(ordered: Sequence[float], fraction: float) -> float:
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]
