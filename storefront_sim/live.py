"""Live mode: the model against real servers over loopback HTTP, on a `simpy.rt.RealtimeEnvironment`.

`open_dom` starts the pair with `harness.run.start_pair` (the mock DOM and the commerce server as `domh`
sub-processes on free 127.0.0.1 ports, SQLite files in a temporary working directory) after writing the
scenario's INVCNF settings into the commerce database it will open; the DOM's fulfillment delays go in as
`domh mock-dom` flags. Simulated seconds run `speed` times faster than the servers' wall clock, so every
server-side duration a scenario sets is divided by `speed` (see `server_settings`), and so are the commerce
server's circuit breaker reset and order-transfer retry backoff (`domh commerce` flags, `commerce_flags`;
never below `MIN_WAIT_S`). The DOM request timeout stays a wall-clock value: it bounds real network waits.

`DomControl` is the mock DOM's admin API through `DomDriver`: restocking (`/__admin/inventory/replenish`),
other channels' sales (negative stock adjustments), availability pushes off = a push fault rule dropping
every SyncInventoryAvailability, an outage = a fault rule answering HTTP 503 to every BOD until it is removed,
latency = a latency fault rule, on-hand = the stock rows. `tick` does nothing: the server's own worker steps
the lifecycle and drains pushes. `captured_bods` pulls the mock DOM's request journal (every BOD commerce sent
it, every push it sent, both bodies) and checks each document again with the codec. `close` stops both servers
and removes the folder.
"""

from __future__ import annotations

import bisect
import contextlib
import logging
import shutil
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import simpy.rt

from harness.commerce.bootstrap import prepare_database
from harness.commerce.config import CommerceConfig
from harness.commerce.storage.engine import create_engine_for
from harness.drivers import DomDriver, DriverError, routes
from harness.run import Pair, collect_journals, journal_gaps, start_pair, stop_pair
from harness.run.journals import SETTLE_SECONDS
from storefront_sim.adapter_common import QuietLoggers, restock_location, stock_locations, withdrawal
from storefront_sim.capture import captured
from storefront_sim.live_storefront import LiveStorefront
from storefront_sim.ports import BodDirection, CapturedBod
from storefront_sim.scenario import Scenario
from storefront_sim.server_settings import apply_cache_settings, lifecycle_delays

OUTAGE_RULE = "simulated-outage"
LATENCY_RULE = "simulated-latency"
NO_AVAILABILITY_PUSHES_RULE = "simulated-no-availability-pushes"
JOURNAL_SIZE = 1_000_000  # journal entries each server keeps: every BOD of a demo run
MIN_TICK_S, MAX_TICK_S = 0.05, 1.0  # wall seconds between the mock DOM worker's ticks
MIN_WAIT_S = 0.05  # shortest wall-clock breaker reset / transfer retry wait a scaled duration becomes
CLIENT_LOGGERS = ("httpx", "httpcore", "harness.commerce")  # INFO per request would bury the progress bar


def speed_of(env: Any) -> float:
    """Simulated seconds per wall second of a RealtimeEnvironment (1 for any other environment)."""
    return 1.0 / env.factor if isinstance(env, simpy.rt.RealtimeEnvironment) else 1.0


def prepare_commerce(workdir: Path, scenario: Scenario, time_scale: float) -> None:
    """Create and seed the commerce database the server will open, with the scenario's INVCNF settings."""
    engine = create_engine_for(f"sqlite:///{workdir / 'commerce.db'}")
    try:
        prepare_database(engine)
        apply_cache_settings(engine, scenario, time_scale)
    finally:
        engine.dispose()


def dom_flags(scenario: Scenario, speed: float) -> list[str]:
    delays = lifecycle_delays(scenario, 1.0 / speed)
    tick = min(MAX_TICK_S, max(MIN_TICK_S, scenario.dom.tick_s / speed))
    return [
        "--tick-interval", f"{tick:g}",
        "--journal-size", str(JOURNAL_SIZE),
        "--schedule-delay", f"{delays.schedule_s:g}",
        "--release-delay", f"{delays.release_s:g}",
        "--ship-delay", f"{delays.ship_s:g}",
    ]  # fmt: skip


def _scaled(seconds: float, speed: float) -> float:
    return round(max(MIN_WAIT_S, seconds / speed), 6)


def commerce_flags(speed: float, config: CommerceConfig | None = None) -> list[str]:
    """`domh commerce` flags that shorten the server's breaker reset, transfer retry backoff and worker poll
    by `speed`, so a 10 s breaker still lasts 10 simulated seconds (`config` gives the unscaled values).

    The transfer lease is left as it is: it must outlast a whole DOM call in wall-clock time (the DOM
    timeout is not scaled either), and it only matters when a sender is killed mid-transfer."""
    config = config or CommerceConfig()
    base = _scaled(config.checkout.retry_base_seconds, speed)
    most = max(base, _scaled(config.checkout.retry_max_seconds, speed))
    return [
        "--breaker-reset", f"{_scaled(config.dom.breaker_reset_seconds, speed):g}",
        "--transfer-retry-base", f"{base:g}",
        "--transfer-retry-max", f"{most:g}",
        "--transfer-poll", f"{_scaled(config.checkout.worker_poll_seconds, speed):g}",
        "--journal-size", str(JOURNAL_SIZE),
    ]  # fmt: skip


class SimTimeMarks:
    """(wall time, env.now) pairs taken during the run: a wall time maps to simulated time by interpolating
    between its neighbours (a RealtimeEnvironment that falls behind does not keep `speed` exactly)."""

    def __init__(self, speed: float) -> None:
        self.speed = speed
        self._walls: list[float] = []
        self._sims: list[float] = []

    def mark(self, wall: float, sim: float) -> None:
        if not self._walls or wall > self._walls[-1]:
            self._walls.append(wall)
            self._sims.append(sim)

    def sim_time(self, wall: float) -> float:
        walls, sims = self._walls, self._sims
        index = bisect.bisect_right(walls, wall)
        if index == 0:
            return round(sims[0] - (walls[0] - wall) * self.speed, 3) if walls else 0.0
        if index == len(walls):
            return round(sims[-1] + (wall - walls[-1]) * self.speed, 3)
        w0, w1, s0, s1 = walls[index - 1], walls[index], sims[index - 1], sims[index]
        return round(s0 + (s1 - s0) * (wall - w0) / (w1 - w0), 3)


class LiveDom:
    """DomControl over the running mock DOM's admin API; owns the server pair."""

    def __init__(self, pair: Pair, env: Any, speed: float, quiet: QuietLoggers | None = None) -> None:
        self.pair = pair
        self.quiet = quiet
        self.env = env
        self.speed = speed
        self.driver = DomDriver(pair.dom_url)
        self._marks = SimTimeMarks(speed)
        self._marks.mark(time.time(), float(env.now))
        self._fetched: list[dict[str, Any]] | None = None
        self._fetched_at = 0.0

    def start_clock(self) -> None:
        """Align simulated time with the wall clock now (the servers took a while to start)."""
        if isinstance(self.env, simpy.rt.RealtimeEnvironment):
            self.env.sync()
        self._marks = SimTimeMarks(self.speed)
        self._marks.mark(time.time(), float(self.env.now))

    def sim_time(self, wall: float) -> float:
        return self._marks.sim_time(wall)

    # --- DomControl ---------------------------------------------------------------------------------------

    def replenish(self, part_number: str, location: str, quantity: float) -> None:
        self.driver.replenish(partNumber=part_number, location=restock_location(location), quantity=quantity)

    def withdraw(self, part_number: str, location: str, quantity: float) -> float:
        """Another channel sells: on hand goes down where DOM can still promise units (the monitor runs)."""
        available = {
            where: sum(float(row.get("available", 0.0)) for row in self.driver.inventory(part_number, where))
            for where in stock_locations(location)
        }
        plan = withdrawal(available, location, quantity)
        for place, units in plan:
            self.driver.adjust_inventory(part_number, place, -units)
        return sum(units for _, units in plan)

    def set_availability_pushes(self, on: bool) -> None:
        """Off: a push fault rule drops every SyncInventoryAvailability push (order status pushes go on)."""
        self._remove_rule(NO_AVAILABILITY_PUSHES_RULE)
        if on:
            return
        self.driver.add_fault(
            {
                "id": NO_AVAILABILITY_PUSHES_RULE,
                "on": "pushes",
                "match": {"operation": "SyncInventoryAvailability"},
                "fault": {"type": "drop"},
                "description": "DOM availability pushes off (simulated)",
            }
        )

    def set_outage(self, down: bool) -> None:
        if down:
            self._replace_rule(OUTAGE_RULE, {"type": "httpStatus", "status": 503}, "DOM down (simulated)")
        else:
            self._remove_rule(OUTAGE_RULE)

    def set_latency(self, seconds: float) -> None:
        if seconds > 0:
            wall = round(seconds / self.speed, 6)
            self._replace_rule(LATENCY_RULE, {"type": "latency", "seconds": wall}, "DOM latency (simulated)")
        else:
            self._remove_rule(LATENCY_RULE)

    def tick(self) -> None:
        """The mock DOM's background worker ticks and drains pushes by itself; note the time, so journal
        entries map to simulated time even when the model runs behind the wall clock."""
        self._marks.mark(time.time(), float(self.env.now))

    def on_hand(self, part_number: str, location: str) -> float:
        places = stock_locations(location)
        rows = [row for where in places for row in self.driver.inventory(part_number, where)]
        return float(sum(float(row.get("available", 0.0)) for row in rows))

    def captured_bods(self) -> list[CapturedBod]:
        """Every BOD in the mock DOM's journal, each validated again with the codec (the commerce journal
        holds the same BODs from the other end: `journal_gaps` compares the two)."""
        entries = [e for e in self._journals() if e.get("server") == "mock_dom"]
        return [bod for entry in entries for bod in self.bods_of(entry)]

    def journal_gaps(self) -> list[str]:
        return journal_gaps(self._journals(), settled_before=self._fetched_at - SETTLE_SECONDS)

    def _journals(self) -> list[dict[str, Any]]:
        """Both servers' journals, fetched once after the run."""
        if self._fetched is None:
            self._fetched_at = time.time()
            self._marks.mark(self._fetched_at, float(self.env.now))
            self._fetched = collect_journals(self.pair)
        return self._fetched

    def close(self) -> None:
        try:
            self.driver.close()
        finally:
            stop_pair(self.pair)
            shutil.rmtree(self.pair.workdir, ignore_errors=True)
            if self.quiet is not None:
                self.quiet.restore()

    # --- helpers ------------------------------------------------------------------------------------------

    def bods_of(self, entry: Mapping[str, Any]) -> list[CapturedBod]:
        """The request and (when one came back) the answer of one journal entry."""
        if entry.get("outcome") in ("delayed", "dropped") and entry.get("direction") == "outbound":
            return []  # a push a fault rule held back or dropped never went on the wire
        direction = BodDirection.TO_DOM if entry.get("direction") == "inbound" else BodDirection.TO_COMMERCE
        at = self.sim_time(float(entry.get("timestamp") or 0.0))
        latency = entry.get("latencyMs")
        found = []
        request = str(entry.get("requestBody") or "").encode("utf-8")
        if request.strip():
            seconds = float(latency) / 1000 if latency is not None else None
            found.append(captured(request, direction, at=at, latency=seconds))
        answer = str(entry.get("responseBody") or "").encode("utf-8")
        if answer.lstrip().startswith(b"<"):  # a 503 text or a dropped connection carries no BOD
            found.append(captured(answer, direction, at=at))
        return found

    def _replace_rule(self, rule_id: str, fault: dict[str, Any], description: str) -> None:
        self._remove_rule(rule_id)
        self.driver.add_fault({"id": rule_id, "match": {}, "fault": fault, "description": description})

    def _remove_rule(self, rule_id: str) -> None:
        with contextlib.suppress(DriverError):
            self.driver.send(routes.admin(f"faults/{rule_id}", "DELETE"))


def open_dom(scenario: Scenario, env: Any) -> LiveDom:
    speed = speed_of(env)
    workdir = Path(tempfile.mkdtemp(prefix="domh-live-"))
    quiet = QuietLoggers(CLIENT_LOGGERS, logging.WARNING)
    try:
        prepare_commerce(workdir, scenario, 1.0 / speed)
        pair = start_pair(workdir, dom_args=dom_flags(scenario, speed), commerce_args=commerce_flags(speed))
    except BaseException:
        quiet.restore()
        shutil.rmtree(workdir, ignore_errors=True)
        raise
    return LiveDom(pair, env, speed, quiet)


def open_storefront(scenario: Scenario, env: Any, dom: Any) -> LiveStorefront:
    if not isinstance(dom, LiveDom):
        raise TypeError("the live storefront needs the live DOM (open_dom of this module)")
    storefront = LiveStorefront(dom.pair.commerce_url)
    dom.start_clock()
    return storefront
