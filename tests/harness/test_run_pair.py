"""Starting and stopping the mock DOM and the commerce server side by side (real processes, loopback HTTP)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from harness.drivers import CommerceDriver, DomDriver
from harness.run import (
    Pair,
    ServerProcess,
    ServerStartError,
    collect_journals,
    journal_gaps,
    free_port,
    free_ports,
    running_pair,
)


def group_alive(pid: int) -> bool:
    try:
        os.killpg(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pair]:
    with running_pair(tmp_path_factory.mktemp("pair")) as running:
        yield running


def test_free_ports_are_distinct() -> None:
    ports = free_ports(3)
    assert len(set(ports)) == 3


def test_running_pair_starts_both_servers_and_stops_every_process(tmp_path: Path) -> None:
    with running_pair(tmp_path) as pair:
        pids = [process.pid for process in pair.processes]
        for url in (pair.commerce_url, pair.dom_url):
            assert httpx.get(f"{url}/__admin/health").status_code == 200
    assert pids
    assert not any(group_alive(pid) for pid in pids if pid)


def test_the_pair_keeps_databases_and_logs_in_its_working_directory(pair: Pair) -> None:
    names = {path.name for path in pair.workdir.iterdir()}
    assert {"mock-dom.log", "commerce.log", "mock-dom.db", "commerce.db"} <= names


def test_the_commerce_server_calls_the_mock_dom_of_its_pair(pair: Pair) -> None:
    with CommerceDriver(pair.commerce_url) as shop, DomDriver(pair.dom_url) as dom:
        shop.availability(["12111"]).expect_ok()
        assert dom.count(bodType="GetInventoryAvailability", partNumber="SKU-0111") == 1


def test_the_mock_dom_pushes_to_the_commerce_server_of_its_pair(pair: Pair) -> None:
    with DomDriver(pair.dom_url) as dom:
        dom.set_inventory("SKU-0112", "10001", 2)
        dom.set_inventory("SKU-0112", "10002", 0)  # the online total drops below the monitored level
        dom.drain_pushes()
        pushes = [p for p in dom.pushes() if "SKU-0112" in p["partNumbers"]]
    assert pushes
    assert {p["status"] for p in pushes} == {"sent"}


def test_journals_are_collected_from_both_servers_and_tagged_by_server(pair: Pair) -> None:
    with CommerceDriver(pair.commerce_url) as shop:
        shop.availability(["12113"]).expect_ok()
    entries = [e for e in collect_journals(pair) if "SKU-0113" in e["partNumbers"]]
    seen = {(e["server"], e["direction"], e["bodType"]) for e in entries}
    assert seen == {
        ("mock_dom", "inbound", "GetInventoryAvailability"),
        ("commerce", "outbound", "GetInventoryAvailability"),
    }


def test_the_two_journals_agree_on_what_crossed_between_the_servers(pair: Pair) -> None:
    with CommerceDriver(pair.commerce_url) as shop:
        shop.availability(["12114"]).expect_ok()
        shop.availability(["12115"]).expect_ok()
    entries = collect_journals(pair)
    assert journal_gaps(entries) == []
    unrecorded = [e for e in entries if not (e["server"] == "commerce" and "SKU-0115" in e["partNumbers"])]
    assert journal_gaps(unrecorded) == [
        "1 inbound BOD(s) of the mock_dom journal not in the commerce journal (GetInventoryAvailability)"
    ]


def test_a_server_that_exits_at_start_reports_its_log(tmp_path: Path) -> None:
    server = ServerProcess(
        "mock DOM",
        ["mock-dom", "--port", "not-a-port"],
        url="http://127.0.0.1:9",
        log_path=tmp_path / "x.log",
    )
    with pytest.raises(ServerStartError) as refused:
        server.start()
    assert refused.value.exited
    assert "mock DOM did not start: exited with status 2" in str(refused.value)
    assert "not-a-port" in str(refused.value)


def test_a_server_that_never_becomes_ready_is_stopped_at_the_deadline(tmp_path: Path) -> None:
    port = free_port()
    server = ServerProcess(
        "mock DOM",
        ["mock-dom", "--port", str(port), "--db", "sqlite://"],
        url=f"http://127.0.0.1:{port}",
        log_path=tmp_path / "dom.log",
        health_path="/__admin/no-such-page",
        start_deadline=4.0,
    )
    with pytest.raises(ServerStartError) as refused:
        server.start()
    assert not refused.value.exited
    assert "no 200 from" in refused.value.reason
    assert server.pid is not None
    assert not group_alive(server.pid)
