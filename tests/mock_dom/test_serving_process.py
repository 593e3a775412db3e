"""`mock_dom.process`: the one way servers are started and stopped (mock DOM fixture, harness, benchmarks)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mock_dom.process import ServerProcess, ServerStartError, free_port, free_ports


def test_a_process_that_exits_at_start_reports_its_status_and_log(tmp_path: Path) -> None:
    server = ServerProcess(
        "broken",
        [sys.executable, "-c", "print('cannot bind'); raise SystemExit(3)"],
        url=f"http://127.0.0.1:{free_port()}",
        log_path=tmp_path / "broken.log",
    )
    with pytest.raises(ServerStartError) as refused:
        server.start()
    assert refused.value.exited
    assert "broken did not start: exited with status 3" in str(refused.value)
    assert "cannot bind" in refused.value.log_tail


def test_a_process_that_never_answers_is_stopped_at_the_deadline(tmp_path: Path) -> None:
    server = ServerProcess(
        "silent",
        [sys.executable, "-c", "import time; time.sleep(60)"],
        url=f"http://127.0.0.1:{free_port()}",
        log_path=tmp_path / "silent.log",
        start_deadline=0.5,
        stop_deadline=5.0,
    )
    with pytest.raises(ServerStartError) as refused:
        server.start()
    assert not refused.value.exited
    assert not server.running


def test_free_ports_are_distinct() -> None:
    assert len(set(free_ports(4))) == 4


def test_the_testing_helpers_do_not_import_pytest() -> None:
    probe = "import sys, mock_dom.testing, mock_dom.benchmark; print('pytest' in sys.modules)"
    argv = [sys.executable, "-c", probe]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "False"
