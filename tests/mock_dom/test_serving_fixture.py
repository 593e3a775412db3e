"""`mock_dom.testing`: the context manager that runs the real server, its admin client, the pytest plugin."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from mock_dom.testing import (
    MockDomAdminError,
    MockDomServer,
    availability_request,
    command_line,
    reserve_request,
    running_mock_dom,
)

pytest_plugins = ["pytester"]


@pytest.fixture(scope="module")
def server() -> Iterator[MockDomServer]:
    with running_mock_dom(threads=2) as running:
        yield running


@pytest.fixture
def dom(server: MockDomServer) -> MockDomServer:
    server.admin.reset()
    return server


def test_the_server_listens_on_loopback_and_is_healthy(dom: MockDomServer) -> None:
    assert dom.url.startswith("http://127.0.0.1:")
    assert dom.admin.health()["status"] == "ok"


def test_the_admin_client_sets_and_reads_inventory(dom: MockDomServer) -> None:
    dom.admin.set_inventory("SKU-0001", "10001", 4)
    [row] = dom.admin.inventory("SKU-0001", "10001")
    assert row["onHand"] == 4.0


def test_the_admin_client_adds_faults_and_verifies_requests(dom: MockDomServer) -> None:
    dom.admin.faults.add(
        match={"operation": "GetInventoryAvailability"}, fault={"type": "httpStatus", "status": 503}
    )
    assert httpx.post(dom.inventory_services, content=availability_request(), timeout=10).status_code == 503
    assert dom.admin.verify(bodType="GetInventoryAvailability", count=1)["ok"]
    assert dom.admin.count(fault=True) == 1
    assert [f["applied"] for f in dom.admin.faults.list()] == [1]


def test_refusals_raise_with_the_error_code(dom: MockDomServer) -> None:
    with pytest.raises(MockDomAdminError) as refused:
        dom.admin.order("nope")
    assert (refused.value.status, refused.value.code) == (404, "_ERR_ORDER_NOT_FOUND.-1")


def test_reset_clears_what_a_test_did(dom: MockDomServer) -> None:
    httpx.post(dom.inventory_services, content=reserve_request("50001", [("SKU-0001", 1)]), timeout=10)
    dom.admin.faults.add(fault={"type": "drop"})
    dom.admin.reset()
    assert (dom.admin.requests(), dom.admin.faults.list(), dom.admin.reservations()) == ([], [], [])


def test_leaving_the_block_stops_the_whole_process_group() -> None:
    with running_mock_dom() as running:
        url = running.url
    assert running.process.poll() is not None
    with pytest.raises(httpx.ConnectError):
        httpx.get(url + "/__admin/health", timeout=2)


def test_settings_become_the_same_flags_domh_mock_dom_takes() -> None:
    argv = command_line(
        {"port": 9001, "db_url": "sqlite://", "seed_path": "s.json", "access_log": True, "commerce_url": None}
    )
    assert argv[1:] == [
        "-m",
        "mock_dom",
        "--port",
        "9001",
        "--db",
        "sqlite://",
        "--seed",
        "s.json",
        "--access-log",
    ]


def test_the_pytest_plugin_resets_state_between_tests(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def test_first(mock_dom):
            mock_dom.admin.set_inventory("SKU-0001", "10001", 0)
            mock_dom.admin.faults.add(fault={"type": "drop"})

        def test_second(mock_dom):
            [row] = mock_dom.admin.inventory("SKU-0001", "10001")
            assert row["onHand"] > 0
            assert mock_dom.admin.faults.list() == []

        def test_same_server(mock_dom_server, mock_dom):
            assert mock_dom is mock_dom_server
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=3)
