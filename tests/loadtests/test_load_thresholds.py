"""The pass/fail rules of a headless load test run and its settings (plain Python, no Locust import)."""

from __future__ import annotations

from loadtests.common.settings import LoadSettings, is_loopback
from loadtests.common.thresholds import verdict

LIMITS = LoadSettings(max_fail_ratio=0.01, max_p95_ms=500)


def test_a_run_within_limits_passes() -> None:
    assert verdict(1000, 0.0, 120.0, LIMITS).exit_code == 0


def test_too_many_failures_fail_the_run() -> None:
    result = verdict(1000, 0.02, 120.0, LIMITS)
    assert result.exit_code == 1
    assert "failure ratio" in result.reasons[0]


def test_a_slow_95th_percentile_fails_the_run() -> None:
    assert verdict(1000, 0.0, 900.0, LIMITS).reasons == ("95th percentile 900 ms above 500 ms",)


def test_a_run_without_requests_fails() -> None:
    assert verdict(0, 0.0, 0.0, LIMITS).exit_code == 1


def test_limits_come_from_the_environment() -> None:
    settings = LoadSettings.from_env({"LOAD_MAX_FAIL_RATIO": "0.05", "LOAD_MAX_P95_MS": "250"})
    assert (settings.max_fail_ratio, settings.max_p95_ms, settings.allow_remote_host) == (0.05, 250.0, False)


def test_only_loopback_hosts_count_as_local() -> None:
    assert is_loopback("http://127.0.0.1:8000")
    assert is_loopback("http://localhost:8000")
    assert not is_loopback("https://shop.example.com")
    assert not is_loopback(None)
