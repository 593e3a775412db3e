"""The mock DOM and the reference commerce server side by side, wired to each other over loopback HTTP.

This is the topology of the two DOM integration flows (seed-dom-integration-flows.txt): the commerce server
calls DOM's `InventoryServices`/`OrderServices` (GetInventoryAvailability, ReserveInventory, ProcessOrder
Transfer) and DOM pushes SyncInventoryAvailability/SyncOrder back to the commerce server's
`/webapp/wcs/services/...` endpoints. Both run as real `domh` servers on free 127.0.0.1 ports with their
SQLite files and logs in one working directory, so a run leaves evidence behind.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from harness.run.ports import LOOPBACK, free_ports
from harness.run.process import ServerProcess, ServerStartError

DOM_SERVICES_PATH = "/dom/services"  # the mock DOM's BOD endpoints: <dom>/dom/services/InventoryServices
COMMERCE_SERVICES_PATH = "/webapp/wcs/services"  # WCS inbound services: <commerce>/webapp/wcs/services/...
START_ATTEMPTS = 3  # a free port can be taken between choosing it and binding it


@dataclass(frozen=True)
class Pair:
    """Where the two servers listen. `commerce`/`dom` are the processes when this run started them."""

    commerce_url: str
    dom_url: str
    workdir: Path
    commerce: ServerProcess | None = field(default=None, compare=False, repr=False)
    dom: ServerProcess | None = field(default=None, compare=False, repr=False)

    @property
    def processes(self) -> tuple[ServerProcess, ...]:
        return tuple(p for p in (self.dom, self.commerce) if p is not None)


def mock_dom_server(workdir: Path, port: int, commerce_url: str, extra: Sequence[str] = ()) -> ServerProcess:
    """`domh mock-dom` on `port`, pushing to the commerce server's inbound services."""
    args = [
        "mock-dom",
        "--host", LOOPBACK,
        "--port", str(port),
        "--commerce-url", commerce_url + COMMERCE_SERVICES_PATH,
        "--db", f"sqlite:///{workdir / 'mock-dom.db'}",
        *extra,
    ]  # fmt: skip
    return ServerProcess("mock DOM", args, url=f"http://{LOOPBACK}:{port}", log_path=workdir / "mock-dom.log")


def commerce_server(workdir: Path, port: int, dom_url: str, extra: Sequence[str] = ()) -> ServerProcess:
    """`domh commerce` on `port`, calling the DOM's BOD endpoints."""
    args = [
        "commerce",
        "--host", LOOPBACK,
        "--port", str(port),
        "--dom-url", dom_url + DOM_SERVICES_PATH,
        "--db", f"sqlite:///{workdir / 'commerce.db'}",
        *extra,
    ]  # fmt: skip
    return ServerProcess(
        "commerce server", args, url=f"http://{LOOPBACK}:{port}", log_path=workdir / "commerce.log"
    )


def start_pair(workdir: Path, *, dom_args: Sequence[str] = (), commerce_args: Sequence[str] = ()) -> Pair:
    """Start both servers (in parallel) and wait until both are healthy; stop them with `stop_pair`."""
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    last: ServerStartError | None = None
    for _ in range(START_ATTEMPTS):
        dom_port, commerce_port = free_ports(2)
        dom_url, commerce_url = f"http://{LOOPBACK}:{dom_port}", f"http://{LOOPBACK}:{commerce_port}"
        dom = mock_dom_server(workdir, dom_port, commerce_url, dom_args)
        commerce = commerce_server(workdir, commerce_port, dom_url, commerce_args)
        pair = Pair(commerce_url, dom_url, workdir, commerce=commerce, dom=dom)
        try:
            for process in pair.processes:
                process.spawn()
            for process in pair.processes:
                process.wait_ready()
        except ServerStartError as error:
            stop_pair(pair)
            if not error.exited:
                raise
            last = error
            continue
        except BaseException:
            stop_pair(pair)
            raise
        return pair
    assert last is not None
    raise last


def stop_pair(pair: Pair) -> None:
    """Stop the commerce server first (it owns the outbox to DOM), then the mock DOM."""
    for process in reversed(pair.processes):
        process.stop()


@contextlib.contextmanager
def running_pair(
    workdir: Path, *, dom_args: Sequence[str] = (), commerce_args: Sequence[str] = ()
) -> Iterator[Pair]:
    """Both servers for the duration of the block; `dom_args`/`commerce_args` are extra `domh` flags.

    with running_pair(tmp_path) as pair:
        CommerceDriver(pair.commerce_url).availability(["12001"])
    """
    pair = start_pair(workdir, dom_args=dom_args, commerce_args=commerce_args)
    try:
        yield pair
    finally:
        stop_pair(pair)
