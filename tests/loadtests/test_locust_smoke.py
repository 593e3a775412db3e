"""A short headless Locust run against real servers: requests are made and none fails.

Locust monkey-patches the standard library with gevent when imported, so it only ever runs in a subprocess
(`python -m locust`); this test process never imports it.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness.run import Pair, running_pair

ROOT = Path(__file__).resolve().parents[2]
RUN_SECONDS = 3


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pair]:
    with running_pair(tmp_path_factory.mktemp("load-pair")) as running:
        yield running


def run_locust(host: str, csv_prefix: Path, *users: str) -> subprocess.CompletedProcess[str]:
    argv = [
        sys.executable, "-m", "locust", "-f", str(ROOT / "loadtests" / "locustfile.py"),
        "--headless", "-u", "4", "-r", "4", "-t", f"{RUN_SECONDS}s", "--stop-timeout", "2",
        "-H", host, "--csv", str(csv_prefix), "--only-summary", *users,
    ]  # fmt: skip
    return subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)


def aggregated(csv_prefix: Path) -> dict[str, str]:
    with open(f"{csv_prefix}_stats.csv", newline="") as stats:
        return next(row for row in csv.DictReader(stats) if row["Name"] == "Aggregated")


def test_a_short_run_makes_requests_without_failures(pair: Pair, tmp_path: Path) -> None:
    result = run_locust(pair.commerce_url, tmp_path / "run")
    assert result.returncode == 0, result.stderr[-2000:]
    totals = aggregated(tmp_path / "run")
    assert int(totals["Request Count"]) > 0
    assert int(totals["Failure Count"]) == 0


def test_shoppers_walk_the_journey_to_the_cart(pair: Pair, tmp_path: Path) -> None:
    result = run_locust(pair.commerce_url, tmp_path / "shoppers", "ShopperUser")
    assert result.returncode == 0, result.stderr[-2000:]
    with open(tmp_path / "shoppers_stats.csv", newline="") as stats:
        names = {row["Name"] for row in csv.DictReader(stats)}
    assert "/wcs/resources/store/[storeId]/guestidentity" in names
    assert "/wcs/resources/store/[storeId]/inventoryavailability/[productIds]" in names


def test_a_host_beyond_loopback_is_refused_without_a_request(tmp_path: Path) -> None:
    result = run_locust("http://192.0.2.1:9", tmp_path / "remote")
    assert result.returncode == 2
    assert int(aggregated(tmp_path / "remote")["Request Count"]) == 0
