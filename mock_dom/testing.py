"""Use the mock DOM from Python code and tests: a context manager that runs the real server, its admin client.

    from mock_dom.testing import running_mock_dom

    with running_mock_dom() as dom:
        dom.admin.set_inventory("SKU-0001", "10001", 5)
        dom.admin.faults.add({"match": {"action": "ReserveInventory"}, "fault": {"type": "httpStatus"}})
        ...  # point the code under test at dom.url + "/dom/services/InventoryServices"
        assert dom.admin.verify(bodType="ProcessInventoryRequirement", count=1)["ok"]

The server is started exactly as `domh mock-dom` starts it (a `python -m mock_dom` subprocess on gunicorn), on
a free loopback port with an in-memory database unless told otherwise, and its whole process group is stopped
on exit (`mock_dom.process`). This module does not import pytest, so benchmarks and the harness use it too;
the pytest fixtures (`mock_dom_server`, `mock_dom`) are in `mock_dom.pytest_plugin`, registered through the
`pytest11` entry point.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

from mock_dom.process import ServerProcess, ServerStartError, free_port

if TYPE_CHECKING:
    from flask import Flask

START_ATTEMPTS = 3  # a free port can be taken by someone else between choosing and binding it


class MockDomAdminError(Exception):
    """The admin API refused a request; carries its status and JSON error code."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message


class FaultRules:
    """`admin.faults`: add, list, remove and clear fault rules (JSON format in mock_dom/README.md)."""

    def __init__(self, admin: MockDomAdmin) -> None:
        self._admin = admin

    def add(self, rule: dict[str, Any] | None = None, **fields: Any) -> dict[str, Any]:
        """Add a rule given as a dict, or as keyword fields (`fault={"type": "drop"}, times=1`)."""
        return self._admin.call("POST", "/__admin/faults", json={**(rule or {}), **fields})

    def list(self) -> list[dict[str, Any]]:
        return self._admin.call("GET", "/__admin/faults")["faults"]

    def remove(self, rule_id: str) -> None:
        self._admin.call("DELETE", f"/__admin/faults/{rule_id}")

    def clear(self) -> None:
        self._admin.call("DELETE", "/__admin/faults")


class MockDomAdmin:
    """A small client for `/__admin`: intent-named methods, parsed JSON back, MockDomAdminError on refusal."""

    def __init__(self, base_url: str, *, timeout: float = 10.0, client: httpx.Client | None = None) -> None:
        self._client = client or httpx.Client(base_url=base_url, timeout=timeout)
        self.faults = FaultRules(self)

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self._client.request(method, path, **kwargs)
        data = response.json() if response.content else {}
        if response.is_error:
            error = data.get("error", {}) if isinstance(data, dict) else {}
            raise MockDomAdminError(response.status_code, error.get("code", "?"), error.get("message", ""))
        return data

    def health(self) -> dict[str, Any]:
        return self.call("GET", "/__admin/health")

    def inventory(self, part_number: str | None = None, location: str | None = None) -> list[dict[str, Any]]:
        params = {k: v for k, v in (("partNumber", part_number), ("location", location)) if v}
        return self.call("GET", "/__admin/inventory", params=params)["inventory"]

    def set_inventory(
        self, part_number: str, location: str, quantity: float, **fields: Any
    ) -> dict[str, Any]:
        body = {"quantity": quantity, **fields}
        return self.call("PUT", f"/__admin/inventory/{part_number}/{location}", json=body)

    def adjust_inventory(self, part_number: str, location: str, delta: float) -> dict[str, Any]:
        return self.call("POST", f"/__admin/inventory/{part_number}/{location}/adjust", json={"delta": delta})

    def replenish(self, **fields: Any) -> dict[str, Any]:
        return self.call("POST", "/__admin/inventory/replenish", json=fields)

    def reservations(self) -> list[dict[str, Any]]:
        return self.call("GET", "/__admin/reservations")["reservations"]

    def orders(self) -> list[dict[str, Any]]:
        return self.call("GET", "/__admin/orders")["orders"]

    def order(self, order_id: str) -> dict[str, Any]:
        return self.call("GET", f"/__admin/orders/{order_id}")

    def advance_order(self, order_id: str) -> dict[str, Any]:
        return self.call("POST", f"/__admin/orders/{order_id}/advance", json={})

    def ship_order(self, order_id: str, **fields: Any) -> dict[str, Any]:
        return self.call("POST", f"/__admin/orders/{order_id}/ship", json=fields)

    def cancel_order(self, order_id: str, **fields: Any) -> dict[str, Any]:
        return self.call("POST", f"/__admin/orders/{order_id}/cancel", json=fields)

    def pushes(self, **filters: Any) -> list[dict[str, Any]]:
        return self.call("GET", "/__admin/pushes", params=filters)["pushes"]

    def drain_pushes(self) -> dict[str, Any]:
        return self.call("POST", "/__admin/pushes/drain", json={})

    def replay_pushes(self, **fields: Any) -> dict[str, Any]:
        return self.call("POST", "/__admin/pushes/replay", json=fields)

    def requests(self, **criteria: Any) -> list[dict[str, Any]]:
        """Journal entries, oldest first; criteria as in the journal API (`bodType=`, `partNumber=` ...)."""
        return self.call("GET", "/__admin/requests", params=_query(criteria))["requests"]

    def count(self, **criteria: Any) -> int:
        return self.call("GET", "/__admin/requests/count", params=_query(criteria))["count"]

    def verify(
        self, *, count: int | None = None, at_least: int | None = None, **criteria: Any
    ) -> dict[str, Any]:
        """`{"ok", "actual", "nearMisses"}`; exactly `count`, at least `at_least`, or at least one."""
        body: dict[str, Any] = {"criteria": criteria}
        if count is not None:
            body["count"] = count
        if at_least is not None:
            body["atLeast"] = at_least
        return self.call("POST", "/__admin/requests/verify", json=body)

    def clear_requests(self) -> None:
        self.call("DELETE", "/__admin/requests")

    def reset(self) -> None:
        """State back to the seed, journal and fault rules cleared."""
        self.call("POST", "/__admin/reset", json={})

    def close(self) -> None:
        self._client.close()


def _query(criteria: dict[str, Any]) -> dict[str, str]:
    return {
        k: (str(v).lower() if isinstance(v, bool) else str(v)) for k, v in criteria.items() if v is not None
    }


@dataclass
class MockDomServer:
    """A running mock DOM: where it listens, its admin client, its process, and how to stop it."""

    url: str
    admin: MockDomAdmin
    server: ServerProcess
    _stopped: bool = field(default=False, repr=False)

    @property
    def process(self) -> subprocess.Popen[bytes]:
        assert self.server.process is not None, "a MockDomServer is made from a spawned process"
        return self.server.process

    @property
    def log_path(self) -> Path:
        return self.server.log_path

    @property
    def inventory_services(self) -> str:
        return f"{self.url}/dom/services/InventoryServices"

    @property
    def order_services(self) -> str:
        return f"{self.url}/dom/services/OrderServices"

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self) -> None:
        """SIGTERM to the process group (graceful), SIGKILL after the stop deadline; the log is removed."""
        if self._stopped:
            return
        self._stopped = True
        self.admin.close()
        self.server.stop()
        self.log_path.unlink(missing_ok=True)


@contextlib.contextmanager
def running_mock_dom(**config: Any) -> Iterator[MockDomServer]:
    """Start a mock DOM server for the duration of the block.

    Keyword arguments are `domh mock-dom` options by their config names: `commerce_url`, `seed_path`,
    `db_url` (default `sqlite://`, in memory), `workers`, `threads`, `tick_interval`, `fault_seed` ...
    """
    server = start_mock_dom(**config)
    try:
        yield server
    finally:
        server.stop()


def start_mock_dom(**config: Any) -> MockDomServer:
    """Start the server and wait until it answers /__admin/health; the caller must `stop()` it.

    A free port can be taken by someone else between choosing and binding it: when the server exits during
    start-up on a port chosen here, it is tried again on another (START_ATTEMPTS in all).
    """
    config.setdefault("db_url", "sqlite://")
    attempts_left = 1 if config.get("port") else START_ATTEMPTS
    while True:
        attempts_left -= 1
        dom = _spawn({**config, "port": int(config.get("port") or free_port())})
        try:
            dom.server.wait_ready()
        except ServerStartError as error:
            dom.stop()
            if error.exited and attempts_left > 0:
                continue
            raise
        except BaseException:
            dom.stop()
            raise
        return dom


def command_line(config: dict[str, Any]) -> list[str]:
    """`python -m mock_dom` with one flag per setting (the same flags `domh mock-dom` takes)."""
    argv = [sys.executable, "-m", "mock_dom"]
    for name, value in config.items():
        if value is None or value is False:
            continue
        flag = "--" + {"seed_path": "seed", "db_url": "db"}.get(name, name).replace("_", "-")
        argv += [flag] if value is True else [flag, str(value)]
    return argv


def _spawn(config: dict[str, Any]) -> MockDomServer:
    host = config.get("host", "127.0.0.1")
    with tempfile.NamedTemporaryFile(prefix="mock-dom-", suffix=".log", delete=False) as log_file:
        log_path = Path(log_file.name)
    url = f"http://{host}:{config['port']}"
    server = ServerProcess("the mock DOM", command_line(config), url=url, log_path=log_path).spawn()
    return MockDomServer(url=url, admin=MockDomAdmin(url), server=server)


# --- in-process app and request BODs ----------------------------------------------------------------------


def in_process_mock_dom(
    *, clock: Any = None, sleep: Callable[[float], None] | None = None, **config: Any
) -> Flask:
    """The mock DOM's Flask app on an in-memory database, no sockets: for Flask's test client.

    `clock` replaces the system clock (e.g. `mock_dom.clock.ManualClock()`), `sleep` the wait of latency and
    timeout faults; `config` takes MockDomConfig fields.
    """
    from mock_dom.bootstrap import build
    from mock_dom.config import MockDomConfig
    from mock_dom.web import create_app

    settings = MockDomConfig(**{"db_url": "sqlite://", **config})
    dom = build(settings.dom_settings(), clock=clock)
    return create_app(dom, settings) if sleep is None else create_app(dom, settings, sleep=sleep)


def availability_request(
    part_numbers: Sequence[str] = ("SKU-0001",),
    *,
    catalog_entry_ids: Sequence[str] = (),
    store_id: str = "10101",
    soap: bool = False,
) -> bytes:
    """A GetInventoryAvailability at the online store, for part numbers or (if given) catalog entry ids."""
    from bods import codec, expression
    from bods.messages import ApplicationArea, AvailabilityQuery, Envelope, GetInventoryAvailability

    if catalog_entry_ids:
        query = AvailabilityQuery(catalog_entry_ids=tuple(catalog_entry_ids), online_store_id=store_id)
    else:
        query = AvailabilityQuery(part_numbers=tuple(part_numbers), online_store_id=store_id)
    bod = GetInventoryAvailability(
        ApplicationArea(context=(("storeId", store_id),)), expression.render_query(query), query
    )
    return codec.render(bod, envelope=Envelope(soap=soap))


def reserve_request(
    order_id: str,
    lines: Sequence[tuple[str, float]],
    *,
    store_id: str = "10101",
    bodid: str | None = None,
    action: str = "ReserveInventory",
    soap: bool = False,
) -> bytes:
    """A ProcessInventoryRequirement (ReserveInventory by default) for `(part number, quantity)` lines."""
    from bods import codec
    from bods.messages import (
        ApplicationArea,
        Envelope,
        InventoryRequirement,
        ProcessInventoryRequirement,
        RequirementAction,
        RequirementItem,
    )

    items = tuple(RequirementItem(str(n), float(q), part_number=p) for n, (p, q) in enumerate(lines, 1))
    area = ApplicationArea(_now_text(), bodid or str(uuid.uuid4()), (("storeId", store_id),))
    bod = ProcessInventoryRequirement(
        area, RequirementAction(action), InventoryRequirement(order_id, store_id, items)
    )
    return codec.render(bod, envelope=Envelope(soap=soap))


def transfer_request(
    order_id: str,
    lines: Sequence[tuple[str, float]],
    *,
    store_id: str = "10101",
    bodid: str | None = None,
    soap: bool = False,
) -> bytes:
    """A ProcessOrder TransferOrder for `(part number, quantity)` lines."""
    from bods import codec
    from bods.messages import ApplicationArea, Envelope, Order, OrderAction, OrderItem, ProcessOrder

    items = tuple(
        OrderItem(str(n), float(q), part_number=p, unit_price=10.0) for n, (p, q) in enumerate(lines, 1)
    )
    order = Order(
        order_id,
        store_id=store_id,
        buyer_id="2",
        placed_date=_now_text(),
        currency="USD",
        total=10.0 * sum(q for _, q in lines),
        items=items,
    )
    area = ApplicationArea(_now_text(), bodid or str(uuid.uuid4()), (("storeId", store_id),))
    return codec.render(ProcessOrder(area, OrderAction.TRANSFER_ORDER, order), envelope=Envelope(soap=soap))


def _now_text() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
