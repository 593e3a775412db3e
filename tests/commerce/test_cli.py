"""`domh commerce` serves on gunicorn next to a mock DOM (both as real processes on free loopback ports),
and a DOM push reaches it over HTTP."""

from __future__ import annotations

import argparse
from pathlib import Path

import httpx
import pytest

from harness.commerce import cli
from harness.run.pair import running_pair
from mock_dom.testing import MockDomAdmin

URL = "/wcs/resources/store/10101/inventoryavailability"


def test_serve_options_become_the_config() -> None:
    root = argparse.ArgumentParser(prog="domh")
    cli.register(root.add_subparsers(dest="command"))
    args = root.parse_args(
        ["commerce", "--port", "8123", "--workers", "2", "--ws-user", "u", "--ws-password", "p"]
    )
    config = cli.config_from_args(args)
    assert (config.port, config.workers, config.threads, config.ws_username) == (8123, 2, 8, "u")
    assert args.handler is cli.serve_command


def test_an_in_memory_database_needs_one_worker(capsys) -> None:
    root = argparse.ArgumentParser(prog="domh")
    cli.register(root.add_subparsers(dest="command"))
    args = root.parse_args(["commerce", "--db", "sqlite://", "--workers", "2"])
    assert args.handler(args) == 2
    assert "needs --workers 1" in capsys.readouterr().err


@pytest.mark.timeout(120)
def test_domh_commerce_serves_availability_from_a_running_mock_dom(tmp_path: Path) -> None:
    with running_pair(tmp_path) as pair, httpx.Client(base_url=pair.commerce_url, timeout=10) as client:
        first = client.get(f"{URL}/12001?physicalStoreId=20001")
        assert first.status_code == 200
        assert [r["inventoryStatus"] for r in first.json()["InventoryAvailability"]] == [
            "Available",
            "Available",
        ]
        assert client.get(f"{URL}/12001?physicalStoreId=20001").json() == first.json()
        journal = httpx.get(
            f"{pair.dom_url}/__admin/requests", params={"bodType": "GetInventoryAvailability"}
        )
        assert len(journal.json()["requests"]) == 1
        health = client.get("/__admin/health").json()
        assert health["cache"]["memory_hits"] == 2
        dom = MockDomAdmin(pair.dom_url)
        dom.set_inventory("SKU-0001", "10001", 0)
        dom.set_inventory("SKU-0001", "10002", 0)
        dom.drain_pushes()
        pushed = client.get(f"{URL}/12001").json()["InventoryAvailability"][0]
        assert pushed["inventoryStatus"] == "Unavailable"
        assert dom.count(bodType="GetInventoryAvailability") == 1
        dom.close()
    assert (tmp_path / "commerce.db").exists()
