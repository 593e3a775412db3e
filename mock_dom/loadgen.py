"""A small, bounded HTTP load generator for the project's benchmarks (loopback only).

`run_load(base_url, target, seconds=..., connections=...)` uses `wrk` when it is on PATH (a throw-away Lua
script carries the POST body and the path rotation) and otherwise a Python generator: `connections`
processes, each looping keep-alive `http.client` requests until the deadline or `max_requests`, whichever
comes first. A target may rotate through several paths (`Target.rotating`, e.g. look-ups of many items so a
cache sees a realistic key spread); each connection starts at its own place in the rotation. wrk is an order
of magnitude faster than any Python client (shared/bench/RESULTS.md, section C), so compare figures from the
same generator only; benchmarks here always measure a subject and a baseline with the same one.
"""

from __future__ import annotations

import http.client
import json
import multiprocessing
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

MAX_REQUESTS_PER_CONNECTION = 1_000_000
START_SLACK = 1.0  # seconds given to the worker processes to start before the clock runs
REQUEST_TIMEOUT = 10.0  # seconds


@dataclass(frozen=True)
class Target:
    """One kind of request to repeat: method, path, body and headers.

    `more_paths` continue the rotation after `path`: request n of a connection goes to `paths()[n % len]`;
    `more_bodies` likewise continue a rotation of bodies after `body` (e.g. look-ups of many items by POST).
    """

    name: str
    path: str
    method: str = "GET"
    body: bytes | None = None
    headers: tuple[tuple[str, str], ...] = field(default=())
    more_paths: tuple[str, ...] = field(default=())
    more_bodies: tuple[bytes, ...] = field(default=())

    @classmethod
    def rotating(cls, name: str, paths: Sequence[str], **fields: Any) -> Target:
        """A target that cycles through `paths` (at least one)."""
        if not paths:
            raise ValueError("a rotating target needs at least one path")
        return cls(name, paths[0], more_paths=tuple(paths[1:]), **fields)

    def paths(self) -> tuple[str, ...]:
        return (self.path, *self.more_paths)

    def bodies(self) -> tuple[bytes | None, ...]:
        return (self.body, *self.more_bodies)


@dataclass(frozen=True)
class LoadResult:
    name: str
    generator: str
    seconds: float
    requests: int
    errors: int
    rps: float
    p50_ms: float
    p99_ms: float

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "generator": self.generator,
            "seconds": round(self.seconds, 3),
            "requests": self.requests,
            "errors": self.errors,
            "rps": round(self.rps, 1),
            "p50_ms": round(self.p50_ms, 3),
            "p99_ms": round(self.p99_ms, 3),
        }


def generator_name() -> str:
    return "wrk" if shutil.which("wrk") else "python"


def run_load(
    base_url: str,
    target: Target,
    *,
    seconds: float,
    connections: int = 8,
    max_requests: int = MAX_REQUESTS_PER_CONNECTION,
    use_wrk: bool | None = None,
) -> LoadResult:
    """Drive `target` for `seconds` with `connections` keep-alive connections; loopback URLs only."""
    host = urlsplit(base_url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise ValueError(f"load is only generated against loopback addresses, not {host!r}")
    if seconds <= 0 or connections < 1:
        raise ValueError("seconds must be positive and connections at least 1")
    if use_wrk if use_wrk is not None else shutil.which("wrk") is not None:
        return _run_wrk(base_url, target, seconds, connections)
    return _run_python(base_url, target, seconds, connections, max_requests)


def merge(name: str, results: list[LoadResult]) -> LoadResult:
    """Several rounds of one target as one: total requests over total time, p50 the request-weighted mean of
    the rounds' medians, p99 the worst round's (wrk reports no raw latencies to pool)."""
    seconds = sum(r.seconds for r in results)
    requests = sum(r.requests for r in results)
    weights = [max(r.requests, 1) for r in results]
    return LoadResult(
        name=name,
        generator=results[0].generator,
        seconds=seconds,
        requests=requests,
        errors=sum(r.errors for r in results),
        rps=(requests - sum(r.errors for r in results)) / seconds if seconds else 0.0,
        p50_ms=sum(r.p50_ms * w for r, w in zip(results, weights, strict=True)) / sum(weights),
        p99_ms=max(r.p99_ms for r in results),
    )


# --- Python generator ---------------------------------------------------------------------------------------


def _run_python(
    base_url: str, target: Target, seconds: float, connections: int, max_requests: int
) -> LoadResult:
    parts = urlsplit(base_url)
    start_at = time.time() + START_SLACK
    jobs = [
        (parts.hostname, parts.port or 80, target, start_at, seconds, max_requests, index)
        for index in range(connections)
    ]
    context = multiprocessing.get_context("spawn")
    with context.Pool(connections) as pool:
        outcomes = pool.map(_connection_loop, jobs)
    latencies = sorted(lat for lats, _ in outcomes for lat in lats)
    errors = sum(errs for _, errs in outcomes)
    ok = len(latencies)
    return LoadResult(
        name=target.name,
        generator="python",
        seconds=seconds,
        requests=ok + errors,
        errors=errors,
        rps=ok / seconds,
        p50_ms=_percentile(latencies, 0.50) * 1000,
        p99_ms=_percentile(latencies, 0.99) * 1000,
    )


def _connection_loop(job: tuple[str, int, Target, float, float, int, int]) -> tuple[list[float], int]:
    """One keep-alive connection: repeat the request until the deadline; latencies of 2xx answers, errors."""
    host, port, target, start_at, seconds, max_requests, index = job
    time.sleep(max(0.0, start_at - time.time()))
    deadline = time.monotonic() + seconds
    headers = dict(target.headers)
    paths, bodies = target.paths(), target.bodies()
    latencies: list[float] = []
    errors = 0
    connection = http.client.HTTPConnection(host, port, timeout=REQUEST_TIMEOUT)
    try:
        for n in range(max_requests):
            if time.monotonic() >= deadline:
                break
            path, body = paths[(index + n) % len(paths)], bodies[(index + n) % len(bodies)]
            started = time.perf_counter()
            try:
                connection.request(target.method, path, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                errors += 1
                connection.close()
                connection = http.client.HTTPConnection(host, port, timeout=REQUEST_TIMEOUT)
                continue
            if 200 <= response.status < 300:
                latencies.append(time.perf_counter() - started)
            else:
                errors += 1
            if response.will_close:
                connection.close()
    finally:
        connection.close()
    return latencies, errors


def _percentile(ordered: list[float], fraction: float) -> float:
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


# --- wrk ----------------------------------------------------------------------------------------------------

_LUA = """wrk.method = "{method}"
{headers}
local function load(name)
  local f = io.open(name, "rb")
  local data = f:read("*a")
  f:close()
  return data
end
local bodies = {{{bodies}}}
for i, name in ipairs(bodies) do bodies[i] = load(name) end
wrk.body = bodies[1]
"""

# Each wrk thread has its own Lua state: the rotation runs per thread, not per connection.
_LUA_ROTATION = """local paths = {{{paths}}}
local sent = 0
request = function()
  sent = sent + 1
  return wrk.format(nil, paths[(sent - 1) % #paths + 1], nil, bodies[(sent - 1) % #bodies + 1])
end
"""


def _run_wrk(base_url: str, target: Target, seconds: float, connections: int) -> LoadResult:
    with tempfile.TemporaryDirectory(prefix="loadgen-") as folder:
        body_paths = [Path(folder) / f"body-{n}" for n in range(len(target.bodies()))]
        for body_path, body in zip(body_paths, target.bodies(), strict=True):
            body_path.write_bytes(body or b"")
        script = Path(folder) / "request.lua"
        script.write_text(_lua_script(target, body_paths))
        threads = max(1, min(2, connections))
        command = [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{max(1, round(seconds))}s",
            "--timeout",
            "5s",
            "--latency",
            "-s",
            str(script),
            base_url.rstrip("/") + target.path,
        ]
        done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=True)
    return _parse_wrk(target.name, done.stdout, max(1, round(seconds)))


def _lua_script(target: Target, body_paths: Sequence[Path]) -> str:
    """wrk's request script: method, headers, bodies (read from files, so any bytes work), rotations.
    Names, values and paths are written as JSON strings, which are valid Lua strings for ASCII text."""
    headers = "\n".join(f"wrk.headers[{json.dumps(k)}] = {json.dumps(v)}" for k, v in target.headers)
    bodies = ", ".join(json.dumps(str(path)) for path in body_paths)
    lua = _LUA.format(method=target.method, headers=headers, bodies=bodies)
    if target.more_paths or target.more_bodies:
        lua += _LUA_ROTATION.format(paths=", ".join(json.dumps(path) for path in target.paths()))
    return lua


def _parse_wrk(name: str, output: str, seconds: float) -> LoadResult:
    requests = int(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors += int(non_2xx.group(1)) if non_2xx else 0
    return LoadResult(
        name, "wrk", seconds, requests, errors, rps, _wrk_ms(output, "50%"), _wrk_ms(output, "99%")
    )


def _wrk_ms(output: str, label: str) -> float:
    found = re.search(rf"^\s*{re.escape(label)}\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
    if found is None:
        return 0.0
    value, unit = float(found.group(1)), found.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
