"""Settings of the checkout flow (a part of `CommerceConfig`): payments, transfer retries, email.

None of these values is documented by WCS (facts sections 4 and 6 [I]: no retry scheduler for DOM
transfers, no timeout values); they are harness parameters with defaults that suit a demo.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass


@dataclass(frozen=True)
class CheckoutSettings:
    """`smtp` HOST:PORT sends emails through that SMTP server (else they are kept, see /__admin/mail).
    Card numbers ending in one of `decline_suffixes` are declined, and `decline_ratio` of the other card
    authorizations (seeded by `payment_seed`). A failed transfer is retried after `retry_base_seconds`,
    doubling up to `retry_max_seconds`; a claimed outbox row is held `lease_seconds`. The background worker
    looks for due work at least every `worker_poll_seconds`. `first_order_id` starts the order (and order
    item) ids of a fresh database elsewhere than 50001 (useful when several databases talk to one DOM)."""

    smtp: str | None = None
    decline_suffixes: tuple[str, ...] = ("0002",)
    decline_ratio: float = 0.0
    payment_seed: int = 0
    retry_base_seconds: float = 1.0
    retry_max_seconds: float = 60.0
    lease_seconds: float = 30.0
    worker_poll_seconds: float = 0.5
    first_order_id: int | None = None
    currency: str = "USD"

    def __post_init__(self) -> None:
        if not 0.0 <= self.decline_ratio <= 1.0:
            raise ValueError(f"decline_ratio must be within 0..1, not {self.decline_ratio}")
        for name in ("retry_base_seconds", "retry_max_seconds", "lease_seconds", "worker_poll_seconds"):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive, not {getattr(self, name)}")
        if self.smtp is not None:
            host, _, port = self.smtp.rpartition(":")
            if not host or not port.isdigit():
                raise ValueError(f"smtp must be HOST:PORT, not {self.smtp!r}")


def smtp_address(value: str) -> str:
    """argparse type of `--smtp`: HOST:PORT."""
    host, _, port = value.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise argparse.ArgumentTypeError(f"expected HOST:PORT, not {value!r}")
    return value
