"""`domh mock-dom`: start the mock DOM on gunicorn (also `python -m mock_dom`, with the same flags).

    domh mock-dom --port 8001 --commerce-url http://127.0.0.1:8000

Flags left out fall back to `MOCK_DOM_*` environment variables, then to the defaults of `MockDomConfig`.
"""

from __future__ import annotations

import argparse
import functools
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from mock_dom.config import ConfigError, MockDomConfig

log = logging.getLogger("mock_dom")

HELP = "start the stateful mock DOM server (BOD web services + /__admin API)"
DESCRIPTION = """\
Start the mock DOM: a stateful stand-in for a Distributed Order Management system that answers
WebSphere-Commerce-style BODs (GetInventoryAvailability, ProcessInventoryRequirement, ProcessOrder)
on POST /dom/services/InventoryServices and /dom/services/OrderServices, pushes SyncOrder and
SyncInventoryAvailability to the commerce server, and exposes a JSON admin API under /__admin
(inventory, orders, request journal, fault rules, reset). Runs on gunicorn (gthread workers).
"""
EPILOG = """\
environment: MOCK_DOM_HOST, MOCK_DOM_PORT, MOCK_DOM_COMMERCE_URL, MOCK_DOM_DB_URL, MOCK_DOM_SEED_PATH,
MOCK_DOM_PUSH_USERNAME, MOCK_DOM_PUSH_PASSWORD, ... (every setting, upper-cased)
apply when a flag is not given.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The flags of `domh mock-dom` and `python -m mock_dom` (every default is None: see MockDomConfig)."""
    add = parser.add_argument
    add("--host", help="listen address (default 127.0.0.1, loopback only)")
    add("--port", type=int, help="listen port (default 8001; 0 picks a free one)")
    add("--commerce-url", help="where pushes go, e.g. http://127.0.0.1:8000 (default: keep them queued)")
    add(
        "--seed",
        dest="seed_path",
        type=Path,
        metavar="FILE",
        help="seed file, JSON or CSV (default: built-in seed)",
    )
    add(
        "--db",
        dest="db_url",
        metavar="URL",
        help="database URL (default sqlite:///mock-dom.db; sqlite:// = memory)",
    )
    add("--workers", type=int, help="gunicorn worker processes (default 1)")
    add("--threads", type=int, help="threads per worker (default 8)")
    add(
        "--tick-interval",
        type=float,
        metavar="SECONDS",
        help="lifecycle tick / push drain period (default 1.0)",
    )
    for flag, dest, text in (
        ("--schedule-delay", "schedule_delay_s", "fulfillment: order created -> scheduled (default 2)"),
        ("--release-delay", "release_delay_s", "fulfillment: scheduled -> released (default 3)"),
        ("--ship-delay", "ship_delay_s", "fulfillment: released -> shipped (default 5)"),
    ):
        add(flag, dest=dest, type=float, metavar="SECONDS", help=text)
    add("--push-username", help="WS-Security UsernameToken user for pushes")
    add("--push-password", help="WS-Security UsernameToken password for pushes")
    add("--max-body-bytes", type=int, metavar="N", help="largest BOD accepted (default 1048576)")
    add("--journal-size", type=int, metavar="N", help="request journal entries kept (default 10000)")
    add("--fault-seed", type=int, metavar="N", help="seed of the fault rules' random draws (default 0)")
    add("--access-log", action="store_const", const=True, help="log every request to stderr")


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "mock-dom",
        help=HELP,
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_arguments(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    try:
        config = MockDomConfig.from_args(args)
    except ConfigError as error:
        print(f"domh mock-dom: {error}", file=sys.stderr)
        return 2
    return start(config)


def start(config: MockDomConfig) -> int:
    """Serve until SIGTERM/SIGINT; the app and its background worker are built in each worker process."""
    from mock_dom.serving import serve
    from mock_dom.web import app_from_config

    return serve(
        functools.partial(app_from_config, config),
        host=config.host,
        port=config.port,
        workers=config.workers,
        threads=config.threads,
        on_worker_start=functools.partial(start_background, config),
        on_ready=functools.partial(announce, config),
        access_log=config.access_log,
    )


def start_background(config: MockDomConfig, app: Any) -> Callable[[], None]:
    """In the worker, after the fork: tick the lifecycle and drain pushes every `tick_interval` seconds."""
    from mock_dom.background import BackgroundWorker
    from mock_dom.web import context_of

    dom = context_of(app).dom
    worker = BackgroundWorker([("tick", dom.tick), ("drain", dom.drain)], config.tick_interval)

    def stop() -> None:
        worker.stop()
        dom.close()

    worker.start()
    return stop


def announce(config: MockDomConfig, host: str, port: int) -> None:
    url = f"http://{host}:{port}"
    pushes = config.commerce_url or "queued (no --commerce-url)"
    log.info("mock DOM listening on %s  (db %s, pushes %s)", url, config.db_url, pushes)
    log.info("try: curl -s %s/__admin/health   |   admin API index: curl -s %s/", url, url)


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m mock_dom`: the same server without the rest of the `domh` command."""
    parser = argparse.ArgumentParser(
        prog="python -m mock_dom",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_arguments(parser)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    return run(args)
