"""Live mode shortens the commerce server's breaker reset, transfer retry backoff and worker poll by the speed."""

from __future__ import annotations

import argparse

from harness.commerce import cli
from harness.commerce.config import CommerceConfig
from storefront_sim.live import MIN_WAIT_S, commerce_flags


def as_config(flags: list[str]) -> CommerceConfig:
    root = argparse.ArgumentParser(prog="domh")
    cli.register(root.add_subparsers(dest="command"))
    return cli.config_from_args(root.parse_args(["commerce", *flags]))


def test_at_speed_60_a_10_second_breaker_reset_becomes_a_sixth_of_a_second() -> None:
    assert as_config(commerce_flags(60.0)).dom.breaker_reset_seconds == round(10.0 / 60, 6)


def test_at_speed_60_the_transfer_retry_maximum_becomes_one_second() -> None:
    assert as_config(commerce_flags(60.0)).checkout.retry_max_seconds == 1.0


def test_at_speed_10_the_worker_polls_ten_times_as_often_and_keeps_its_lease() -> None:
    checkout = as_config(commerce_flags(10.0)).checkout
    defaults = CommerceConfig().checkout
    assert checkout.worker_poll_seconds == defaults.worker_poll_seconds / 10
    assert checkout.lease_seconds == defaults.lease_seconds


def test_a_scaled_wait_never_drops_below_the_floor() -> None:
    checkout = as_config(commerce_flags(10_000.0)).checkout
    assert (checkout.retry_base_seconds, checkout.retry_max_seconds) == (MIN_WAIT_S, MIN_WAIT_S)


def test_at_speed_1_the_flags_repeat_the_server_defaults() -> None:
    config = as_config(commerce_flags(1.0))
    assert (config.dom, config.checkout) == (CommerceConfig().dom, CommerceConfig().checkout)
