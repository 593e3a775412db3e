"""`domh commerce`: serve the reference commerce server on gunicorn; `domh commerce load FILE`: bulk-load the
availability cache from CSV.

    domh commerce [--host 127.0.0.1] [--port 8000] [--dom-url URL] [--db URL] [--workers N] [--threads N]
                  [--ws-user U --ws-password P] [--dom-timeout S] [--dom-retries N] [--breaker-failures N]
                  [--breaker-reset S] [--transfer-retry-base S] [--transfer-retry-max S]
                  [--transfer-poll S] [--transfer-lease S]
    domh commerce load FILE [--db URL]
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from harness.commerce.checkout_config import CheckoutSettings, smtp_address
from harness.commerce.config import CommerceConfig, ConfigError, DomClientSettings
from harness.commerce.services.transport import MAX_BACKOFF_SECONDS

log = logging.getLogger(__name__)

DEFAULTS = CommerceConfig()


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "commerce",
        help="start the reference commerce server (or `commerce load FILE` to bulk-load the cache)",
        description="Serve the WCS-style commerce server: REST inventory availability and checkout "
        "(guest identity, cart, precheckout, checkout, orders), the inbound BOD services InventoryServices "
        "(SyncProductAvailability, SyncInventoryAvailability) and OrderServices (SyncOrder, ProcessOrder "
        "Cancel), and /__admin. Orders are transferred to DOM by a background worker that retries until "
        "DOM acknowledges.",
    )
    parser.add_argument("--host", default=DEFAULTS.host, help="listen address (default %(default)s)")
    parser.add_argument("--port", type=int, default=DEFAULTS.port, help="listen port (default %(default)s)")
    parser.add_argument("--dom-url", default=DEFAULTS.dom_url, help="DOM services URL (default %(default)s)")
    parser.add_argument("--db", default=DEFAULTS.db_url, help="database URL (default %(default)s)")
    parser.add_argument("--workers", type=int, default=DEFAULTS.workers, help="gunicorn workers (default 1)")
    parser.add_argument("--threads", type=int, default=DEFAULTS.threads, help="threads/worker (default 8)")
    parser.add_argument("--ws-user", help="require this WS-Security UsernameToken user on inbound BODs")
    parser.add_argument("--ws-password", help="... and this password")
    parser.add_argument("--access-log", action="store_true", help="log every request")
    parser.add_argument(
        "--journal-size",
        type=int,
        default=DEFAULTS.journal_size,
        metavar="N",
        help="request journal entries kept (default %(default)s)",
    )
    parser.add_argument(
        "--smtp",
        type=smtp_address,
        metavar="HOST:PORT",
        help="send shopper emails through this SMTP server (default: keep them, see /__admin/mail)",
    )
    add_timing_flags(parser)
    parser.set_defaults(handler=serve_command)
    commands = parser.add_subparsers(dest="commerce_command", metavar="SUBCOMMAND")
    load = commands.add_parser(
        "load",
        help="bulk-load INVAVL (and INVENTORY) from a CSV file",
        description="Columns: see harness/commerce/README.md (Bulk load).",
    )
    load.add_argument("file", type=Path, help="CSV file with a header row")
    load.add_argument("--db", dest="load_db", default=None, help="database URL (default: the serve --db)")
    load.add_argument("--batch-size", type=int, default=2000, help="rows per transaction (default 2000)")
    load.set_defaults(handler=load_command)


def positive_seconds(value: str) -> float:
    """argparse type of a duration flag: a number of seconds above 0."""
    try:
        seconds = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, not {value!r}") from None
    if not seconds > 0 or seconds == float("inf"):
        raise argparse.ArgumentTypeError(f"expected a positive number of seconds, not {value!r}")
    return seconds


def count(minimum: int) -> Callable[[str], int]:
    """argparse type of a count flag: a whole number of at least `minimum`."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, not {value!r}") from None
        if number < minimum:
            raise argparse.ArgumentTypeError(f"expected at least {minimum}, not {number}")
        return number

    return parse


def add_timing_flags(parser: argparse.ArgumentParser) -> None:
    """The DOM client's timeout, retries and circuit breaker, and the order-transfer retry backoff.

    Harness parameters, not WCS values (facts section 6 [I]); live simulations shorten them by their speed."""
    dom, checkout = DEFAULTS.dom, DEFAULTS.checkout
    group = parser.add_argument_group("DOM client and order transfer timings")
    group.add_argument(
        "--dom-timeout",
        type=positive_seconds,
        default=dom.read_timeout,
        metavar="SECONDS",
        help="how long to wait for DOM's answer to one request before counting it as failed "
        f"(default %(default)s; connecting gives up after at most {dom.connect_timeout:g} s)",
    )
    group.add_argument(
        "--dom-retries",
        type=count(0),
        default=dom.retries,
        metavar="N",
        help="extra attempts after a failed DOM request (timeout, refused, HTTP 502/503/504), with "
        f"exponential backoff from {dom.backoff_seconds:g} s; 0 = no retry (default %(default)s)",
    )
    group.add_argument(
        "--breaker-failures",
        type=count(1),
        default=dom.breaker_failures,
        metavar="N",
        help="consecutive failed DOM requests that open the circuit breaker; while it is open, "
        "look-ups do not call DOM and are served from the cache (default %(default)s)",
    )
    group.add_argument(
        "--breaker-reset",
        type=positive_seconds,
        default=dom.breaker_reset_seconds,
        metavar="SECONDS",
        help="how long the open breaker waits before letting one trial request through to DOM "
        "(default %(default)s)",
    )
    group.add_argument(
        "--transfer-retry-base",
        type=positive_seconds,
        default=checkout.retry_base_seconds,
        metavar="SECONDS",
        help="wait before retrying an order transfer DOM did not acknowledge; the wait doubles "
        "after each failure (default %(default)s)",
    )
    group.add_argument(
        "--transfer-retry-max",
        type=positive_seconds,
        default=checkout.retry_max_seconds,
        metavar="SECONDS",
        help="longest wait between order transfer retries (default %(default)s)",
    )
    group.add_argument(
        "--transfer-poll",
        type=positive_seconds,
        default=checkout.worker_poll_seconds,
        metavar="SECONDS",
        help="longest sleep of the background worker between looks for due transfers and emails; "
        "a checkout wakes it at once (default %(default)s)",
    )
    group.add_argument(
        "--transfer-lease",
        type=positive_seconds,
        default=checkout.lease_seconds,
        metavar="SECONDS",
        help="how long a worker holds a transfer it is sending; a transfer whose sender was killed is "
        "sent again after it. Must outlast a whole DOM call, retries included (default %(default)s)",
    )


def dom_settings_from_args(args: argparse.Namespace) -> DomClientSettings:
    dom = DEFAULTS.dom
    timeout = getattr(args, "dom_timeout", dom.read_timeout)
    return replace(
        dom,
        read_timeout=timeout,
        connect_timeout=min(dom.connect_timeout, timeout),
        retries=getattr(args, "dom_retries", dom.retries),
        breaker_failures=getattr(args, "breaker_failures", dom.breaker_failures),
        breaker_reset_seconds=getattr(args, "breaker_reset", dom.breaker_reset_seconds),
    )


def checkout_settings_from_args(args: argparse.Namespace) -> CheckoutSettings:
    checkout = DEFAULTS.checkout
    base = getattr(args, "transfer_retry_base", checkout.retry_base_seconds)
    most = getattr(args, "transfer_retry_max", checkout.retry_max_seconds)
    lease = getattr(args, "transfer_lease", checkout.lease_seconds)
    if base > most:
        raise ConfigError(
            f"--transfer-retry-base ({base:g} s) must not exceed --transfer-retry-max ({most:g} s)"
        )
    longest_call = longest_dom_call(dom_settings_from_args(args))
    if lease <= longest_call:
        raise ConfigError(
            f"--transfer-lease ({lease:g} s) must be longer than a whole DOM call with its retries "
            f"({longest_call:g} s with these --dom-timeout/--dom-retries), or a slow transfer is sent twice"
        )
    return replace(
        checkout,
        smtp=getattr(args, "smtp", None),
        retry_base_seconds=base,
        retry_max_seconds=most,
        lease_seconds=lease,
        worker_poll_seconds=getattr(args, "transfer_poll", checkout.worker_poll_seconds),
    )


def longest_dom_call(dom: DomClientSettings) -> float:
    """Seconds one DOM request can take at worst: every attempt connecting and waiting its full timeout,
    plus the doubling backoff between attempts."""
    attempts = dom.retries + 1
    backoff = sum(min(MAX_BACKOFF_SECONDS, dom.backoff_seconds * 2**n) for n in range(dom.retries))
    return round(attempts * (dom.connect_timeout + dom.read_timeout) + backoff, 6)


def config_from_args(args: argparse.Namespace) -> CommerceConfig:
    return CommerceConfig(
        host=args.host,
        port=args.port,
        dom_url=args.dom_url,
        db_url=args.db,
        workers=args.workers,
        threads=args.threads,
        ws_username=args.ws_user,
        ws_password=args.ws_password,
        access_log=args.access_log,
        journal_size=getattr(args, "journal_size", DEFAULTS.journal_size),
        dom=dom_settings_from_args(args),
        checkout=checkout_settings_from_args(args),
    )


def serve_command(args: argparse.Namespace) -> int:
    try:
        config = config_from_args(args)
    except ConfigError as error:
        print(f"domh commerce: {error}", file=sys.stderr)
        return 2
    return serve(config)


def serve(config: CommerceConfig) -> int:
    """Seed the database once in this (master) process, then serve `create_app(config)` on gunicorn."""
    from harness.commerce.bootstrap import prepare_database
    from harness.commerce.outbox_worker import start_worker
    from harness.commerce.storage.engine import create_engine_for
    from harness.commerce.web.app import create_app
    from mock_dom.serving import serve as serve_wsgi

    if config.workers > 1 and config.db_url.rstrip("/") in ("sqlite:", "sqlite://", "sqlite:///:memory:"):
        print("domh commerce: an in-memory database needs --workers 1", file=sys.stderr)
        return 2
    engine = create_engine_for(config.db_url)
    prepare_database(engine)
    engine.dispose()

    def ready(host: str, port: int) -> None:
        log.info("commerce server on http://%s:%d (DOM at %s)", host, port, config.dom_services_url)

    return serve_wsgi(
        lambda: create_app(config),
        host=config.host,
        port=config.port,
        workers=config.workers,
        threads=config.threads,
        on_ready=ready,
        on_worker_start=start_worker,
        access_log=config.access_log,
    )


def load_command(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from harness.commerce.bootstrap import prepare_database
    from harness.commerce.storage.bulk_load import count_rows, load_csv
    from harness.commerce.storage.engine import create_engine_for
    from harness.commerce.storage.unit_of_work import unit_of_work_factory
    from mock_dom.clock import SystemClock

    console = Console(stderr=True)
    path: Path = args.file
    if not path.is_file():
        console.print(f"domh commerce load: no such file: {path}")
        return 2
    engine = create_engine_for(args.load_db or args.db)
    try:
        prepare_database(engine)
        factory = unit_of_work_factory(engine)
        with factory() as uow:
            catalog = uow.catalog.snapshot()
        total = count_rows(path)
        columns = (TextColumn("loading"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
        with Progress(*columns, console=console, transient=True) as progress:
            task = progress.add_task("load", total=total)
            report = load_csv(
                path,
                factory,
                catalog,
                SystemClock().now(),
                batch_size=args.batch_size,
                on_progress=lambda rows: progress.advance(task, rows),
            )
    except ValueError as error:
        console.print(f"domh commerce load: {error}")
        return 2
    finally:
        engine.dispose()
    print(
        f"loaded {report.loaded} INVAVL rows ({report.inventory_rows} INVENTORY rows) from {path} "
        f"in {report.seconds:.2f} s: {report.rows_per_second:,.0f} rows/s; {len(report.rejected)} rejected"
    )
    for line, reason in report.rejected[:10]:
        print(f"  line {line}: {reason}")
    return 1 if report.rejected else 0
