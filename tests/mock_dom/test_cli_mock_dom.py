from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from mock_dom import cli
from mock_dom.config import ConfigError, MockDomConfig


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="domh")
    cli.register(parser.add_subparsers(dest="command"))
    return parser.parse_args(["mock-dom", *argv])


def test_python_dash_m_mock_dom_help_lists_the_flags() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mock_dom", "--help"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0
    for flag in ("--host", "--port", "--commerce-url", "--seed", "--db", "--workers", "--threads"):
        assert flag in done.stdout


def test_domh_mock_dom_help_is_wired_into_the_domh_command() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from harness.cli import main; sys.exit(main(sys.argv[1:]))",
            "mock-dom",
            "--help",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "usage: domh mock-dom" in done.stdout


def test_register_sets_the_handler() -> None:
    assert parse().handler is cli.run


def test_flags_become_the_config() -> None:
    args = parse(
        "--port",
        "9001",
        "--commerce-url",
        "http://127.0.0.1:8000",
        "--seed",
        "s.json",
        "--db",
        "sqlite://",
        "--workers",
        "2",
        "--threads",
        "4",
        "--tick-interval",
        "0.5",
        "--access-log",
    )
    config = MockDomConfig.from_args(args, environ={})
    assert (config.port, config.commerce_url, config.seed_path, config.db_url) == (
        9001,
        "http://127.0.0.1:8000",
        Path("s.json"),
        "sqlite://",
    )
    assert (config.workers, config.threads, config.tick_interval, config.access_log) == (2, 4, 0.5, True)


def test_unset_flags_fall_back_to_the_environment_then_the_defaults() -> None:
    config = MockDomConfig.from_args(
        parse("--port", "9001"), environ={"MOCK_DOM_PORT": "7000", "MOCK_DOM_DB_URL": "sqlite://"}
    )
    assert (config.port, config.db_url, config.host) == (9001, "sqlite://", "127.0.0.1")


def test_environment_values_are_converted_to_the_field_types() -> None:
    config = MockDomConfig.from_env(
        {
            "MOCK_DOM_THREADS": "3",
            "MOCK_DOM_TICK_INTERVAL": "0.25",
            "MOCK_DOM_ACCESS_LOG": "yes",
            "MOCK_DOM_SEED_PATH": "seed.csv",
        }
    )
    assert (config.threads, config.tick_interval, config.access_log, config.seed_path) == (
        3,
        0.25,
        True,
        Path("seed.csv"),
    )


@pytest.mark.parametrize(
    "environ", [{"MOCK_DOM_PORT": "eighty"}, {"MOCK_DOM_ACCESS_LOG": "maybe"}, {"MOCK_DOM_THREADS": "0"}]
)
def test_bad_environment_values_are_config_errors(environ: dict[str, str]) -> None:
    with pytest.raises(ConfigError):
        MockDomConfig.from_env(environ)


@pytest.mark.parametrize("argv", [("--port", "70000"), ("--commerce-url", "ftp://x"), ("--threads", "0")])
def test_bad_flags_exit_with_status_2_before_serving(
    argv: tuple[str, ...], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "start", lambda config: pytest.fail("must not start"))
    assert cli.run(parse(*argv)) == 2
    assert "domh mock-dom:" in capsys.readouterr().err


def test_the_config_fills_the_cores_settings_by_name() -> None:
    config = MockDomConfig(
        db_url="sqlite://",
        commerce_url="http://127.0.0.1:8000",
        push_username="wcsadmin",
        push_password="secret",
        max_body_bytes=2048,
        seed_path=Path("s.json"),
    )
    settings = config.dom_settings()
    assert (settings.db_url, settings.commerce_url, settings.push_username, settings.push_password) == (
        "sqlite://",
        "http://127.0.0.1:8000",
        "wcsadmin",
        "secret",
    )
    assert (settings.max_body_bytes, settings.seed_path) == (2048, Path("s.json"))


def test_the_default_database_is_a_sqlite_file_in_the_working_directory() -> None:
    assert MockDomConfig().db_url == "sqlite:///mock-dom.db"
    assert MockDomConfig().base_url == "http://127.0.0.1:8001"
