"""Faults that only exist on a real socket: a dropped connection and a request held until the client gives up.
One real server (gunicorn, free loopback port) for the module; state is reset before each test."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from mock_dom.testing import MockDomServer, availability_request, reserve_request, running_mock_dom


@pytest.fixture(scope="module")
def server() -> Iterator[MockDomServer]:
    with running_mock_dom(threads=4) as running:
        yield running


@pytest.fixture
def dom(server: MockDomServer) -> MockDomServer:
    server.admin.reset()
    return server


def test_a_dropped_connection_gets_no_response_at_all(dom: MockDomServer) -> None:
    dom.admin.faults.add(match={"operation": "ProcessInventoryRequirement"}, fault={"type": "drop"})
    with pytest.raises(httpx.RemoteProtocolError):
        httpx.post(dom.inventory_services, content=reserve_request("50001", [("SKU-0001", 1)]), timeout=10)
    assert dom.admin.reservations() == []


def test_the_server_answers_normally_after_dropping_a_connection(dom: MockDomServer) -> None:
    dom.admin.faults.add(fault={"type": "drop"}, times=1)
    with httpx.Client(timeout=10) as client:
        with pytest.raises(httpx.RemoteProtocolError):
            client.post(dom.inventory_services, content=availability_request())
        assert client.post(dom.inventory_services, content=availability_request()).status_code == 200
    [dropped, answered] = dom.admin.requests()
    assert (dropped["outcome"], dropped["status"], dropped["fault"]) == ("dropped", None, "drop (rule f-1)")
    assert answered["status"] == 200


def test_a_held_request_times_out_on_the_client(dom: MockDomServer) -> None:
    dom.admin.faults.add(fault={"type": "timeout", "seconds": 3}, times=1)
    with pytest.raises(httpx.ReadTimeout):
        httpx.post(dom.inventory_services, content=availability_request(), timeout=0.3)


def test_a_held_request_is_closed_without_an_answer_after_its_time(dom: MockDomServer) -> None:
    dom.admin.faults.add(fault={"type": "timeout", "seconds": 0.2}, times=1)
    with pytest.raises(httpx.RemoteProtocolError):
        httpx.post(dom.inventory_services, content=availability_request(), timeout=10)
    assert dom.admin.requests()[-1]["outcome"] == "timed out"


def test_hostile_and_malformed_bodies_leave_the_real_server_answering(dom: MockDomServer) -> None:
    hostile = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;&a;</x>'
    with httpx.Client(timeout=10) as client:
        for body in (hostile, b"<unclosed", b"\xff\xfe\x00"):
            response = client.post(dom.inventory_services, content=body)
            assert response.status_code == 400
            assert b"ConfirmBOD" in response.content
        assert client.post(dom.inventory_services, content=availability_request()).status_code == 200
