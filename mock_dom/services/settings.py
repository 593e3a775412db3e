"""The behaviour core's settings: one frozen dataclass. The server's MockDomConfig fills the fields it shares
by name (db_url, seed_path, commerce_url, push_username, push_password, max_body_bytes).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mock_dom.domain.lifecycle import LifecycleDelays
from mock_dom.domain.monitor import MonitorPolicy


@dataclass(frozen=True)
class DomSettings:
    """How the mock DOM behaves.

    * `hold_time_s`: how long a ReserveInventory hold lasts before it expires (900 s, like a cart checkout).
    * `schedule_delay_s` / `release_delay_s` / `ship_delay_s`: seconds an order spends created / scheduled /
      released before the next step; `backorder_recheck_s` how often a backordered order looks for stock.
      None turns the automatic step off (only the admin API moves the order on).
    * `receive_supply_on_date`: future supply joins on hand by itself when its date comes (at the next tick);
      False leaves it to the admin `replenish` call.
    * `monitor_threshold` / `monitor_min_change` / `monitor_enabled`: the inventory monitor
      (domain/monitor.py).
    * `commerce_url`: where pushes go, the commerce origin (`http://127.0.0.1:8000`), optionally with
      `/webapp/wcs/services`; None keeps them queued. `push_username`/`push_password` add a WS-Security
      UsernameToken; pushes travel in SOAP 1.1 unless `push_soap` is False.
    * `workers`: how many server processes share the database (the server's `--workers`). `stock_view`: answer
      availability reads from this process's in-memory `StockView` instead of a database transaction; it is
      only used with one worker, as a copy kept by one process cannot see another process's writes
      (storage/stock_view.py).
    * push retry: attempt n waits `min(push_retry_cap_s, push_retry_base_s * 2**(n-1))` before the next; after
      `push_max_attempts` the push is kept as failed until replayed.
    """

    db_url: str = "sqlite:///mock-dom.db"
    seed_path: Path | str | None = None
    hold_time_s: float = 900.0
    schedule_delay_s: float | None = 2.0
    release_delay_s: float | None = 3.0
    ship_delay_s: float | None = 5.0
    backorder_recheck_s: float | None = 5.0
    receive_supply_on_date: bool = True
    monitor_threshold: float = 10.0
    monitor_min_change: float | None = None
    monitor_enabled: bool = True
    carrier: str = "UPS"
    commerce_url: str | None = None
    push_username: str | None = None
    push_password: str | None = None
    push_soap: bool = True
    push_timeout_s: float = 5.0
    push_retry_base_s: float = 1.0
    push_retry_cap_s: float = 60.0
    push_max_attempts: int = 6
    push_batch_size: int = 50
    max_body_bytes: int = 1_048_576
    validate_bods: bool = True
    workers: int = 1
    stock_view: bool = True

    def __post_init__(self) -> None:
        if self.hold_time_s <= 0:
            raise ValueError("hold_time_s must be positive")
        if self.push_max_attempts < 1:
            raise ValueError("push_max_attempts must be at least 1")

    @property
    def uses_stock_view(self) -> bool:
        return self.stock_view and self.workers == 1

    @property
    def lifecycle(self) -> LifecycleDelays:
        return LifecycleDelays(
            self.schedule_delay_s, self.release_delay_s, self.ship_delay_s, self.backorder_recheck_s
        )

    @property
    def monitor(self) -> MonitorPolicy:
        return MonitorPolicy(self.monitor_threshold, self.monitor_min_change, self.monitor_enabled)
