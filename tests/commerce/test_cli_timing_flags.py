"""`domh commerce` timing flags land in the DOM client and checkout settings (argument parsing only)."""

from __future__ import annotations

import argparse
from dataclasses import replace

import pytest

from harness.commerce import cli
from harness.commerce.config import CommerceConfig, ConfigError


def parse(*flags: str) -> argparse.Namespace:
    root = argparse.ArgumentParser(prog="domh")
    cli.register(root.add_subparsers(dest="command"))
    return root.parse_args(["commerce", *flags])


def test_without_timing_flags_the_config_keeps_its_defaults() -> None:
    config = cli.config_from_args(parse())
    assert (config.dom, config.checkout) == (CommerceConfig().dom, CommerceConfig().checkout)


def test_the_dom_client_flags_become_the_dom_settings() -> None:
    args = parse(
        "--dom-timeout", "2.5", "--dom-retries", "0", "--breaker-failures", "3", "--breaker-reset", "0.2"
    )
    dom = cli.config_from_args(args).dom
    assert (dom.read_timeout, dom.retries, dom.breaker_failures, dom.breaker_reset_seconds) == (
        2.5,
        0,
        3,
        0.2,
    )


def test_a_dom_timeout_below_the_connect_timeout_also_bounds_connecting() -> None:
    assert cli.config_from_args(parse("--dom-timeout", "0.3")).dom.connect_timeout == 0.3


def test_the_transfer_retry_flags_become_the_checkout_backoff() -> None:
    args = parse("--transfer-retry-base", "0.05", "--transfer-retry-max", "2", "--smtp", "127.0.0.1:2525")
    checkout = cli.config_from_args(args).checkout
    assert (checkout.retry_base_seconds, checkout.retry_max_seconds, checkout.smtp) == (
        0.05,
        2.0,
        "127.0.0.1:2525",
    )


def test_the_worker_poll_and_lease_flags_become_the_checkout_settings() -> None:
    checkout = cli.config_from_args(parse("--transfer-poll", "0.01", "--transfer-lease", "60")).checkout
    assert (checkout.worker_poll_seconds, checkout.lease_seconds) == (0.01, 60.0)


def test_a_lease_shorter_than_a_whole_dom_call_is_refused() -> None:
    # 2 attempts x (1 s connect + 3 s read) + 0.05 s backoff = 8.05 s with the defaults
    assert cli.longest_dom_call(CommerceConfig().dom) == 8.05
    with pytest.raises(ConfigError, match="--transfer-lease"):
        cli.config_from_args(parse("--transfer-lease", "8"))
    assert cli.config_from_args(parse("--transfer-lease", "8.1")).checkout.lease_seconds == 8.1
    assert cli.config_from_args(parse("--transfer-lease", "3", "--dom-timeout", "1", "--dom-retries", "0"))


def test_the_longest_dom_call_caps_each_backoff_pause() -> None:
    dom = CommerceConfig().dom
    many = cli.longest_dom_call(replace(dom, retries=10))
    assert many == round(
        11 * (dom.connect_timeout + dom.read_timeout) + sum(min(1.0, 0.05 * 2**n) for n in range(10)), 6
    )


def test_a_transfer_retry_base_above_the_maximum_is_refused() -> None:
    with pytest.raises(ConfigError, match="--transfer-retry-base"):
        cli.config_from_args(parse("--transfer-retry-base", "5", "--transfer-retry-max", "1"))


@pytest.mark.parametrize(
    "flags",
    [("--breaker-reset", "0"), ("--dom-timeout", "-1"), ("--dom-retries", "-1"), ("--breaker-failures", "0")],
)
def test_a_timing_flag_out_of_range_is_a_usage_error(flags: tuple[str, str], capsys) -> None:
    with pytest.raises(SystemExit) as stopped:
        parse(*flags)
    assert stopped.value.code == 2
    assert flags[0] in capsys.readouterr().err
