"""next_poll_delay: TTL floors, posting rhythm, capped backoff with jitter, Retry-After."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from monitor.feeds import next_poll_delay
from monitor.feeds.schedule import ERROR_CAP, MAX_INTERVAL, MIN_INTERVAL

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
HOUR = 3600.0


def delay(**overrides: object) -> float:
    args: dict[str, object] = {
        "base_interval": HOUR,
        "ttl_minutes": None,
        "max_age": None,
        "item_times": (),
        "error_count": 0,
        "retry_after": None,
        "now": NOW,
        "rng": random.Random(7),
    }
    args.update(overrides)
    return next_poll_delay(**args)  # type: ignore[arg-type]


def every(minutes: float, count: int = 10) -> list[datetime]:
    return [NOW - timedelta(minutes=minutes * i) for i in range(count)]


def test_without_history_uses_the_base_interval_clamped() -> None:
    assert delay() == HOUR
    assert delay(base_interval=10) == MIN_INTERVAL
    assert delay(base_interval=10 * 24 * HOUR) == MAX_INTERVAL


def test_busy_feeds_are_polled_more_often_than_quiet_ones() -> None:
    busy = delay(item_times=every(20))
    quiet = delay(item_times=every(12 * 60))
    assert busy == 10 * 60  # half the typical gap
    assert quiet == 6 * HOUR
    assert delay(item_times=every(1)) == MIN_INTERVAL
    assert delay(item_times=every(7 * 24 * 60)) == MAX_INTERVAL


def test_a_feed_that_went_silent_slows_down() -> None:
    burst_long_ago = [NOW - timedelta(days=30, minutes=i) for i in range(3)]
    assert delay(item_times=burst_long_ago) > delay(item_times=every(1, 3))


def test_future_and_naive_timestamps_are_tolerated() -> None:
    times = [NOW + timedelta(days=1), (NOW - timedelta(hours=1)).replace(tzinfo=None), NOW]
    assert MIN_INTERVAL <= delay(item_times=times) <= MAX_INTERVAL


def test_ttl_and_max_age_are_floors() -> None:
    assert delay(item_times=every(10), ttl_minutes=90) == 90 * 60
    assert delay(item_times=every(10), max_age=2 * HOUR) == 2 * HOUR
    assert delay(ttl_minutes=5) == HOUR  # a short TTL does not speed polling up
    assert delay(ttl_minutes=100_000) == MAX_INTERVAL


def test_errors_back_off_exponentially_up_to_a_cap_with_jitter() -> None:
    delays = [delay(error_count=n, rng=random.Random(1)) for n in range(1, 12)]
    assert all(b >= a for a, b in zip(delays, delays[1:], strict=False))
    assert delays[0] <= HOUR and delays[2] > HOUR
    assert max(delays) <= ERROR_CAP and delays[-1] >= 0.75 * ERROR_CAP
    spread = {delay(error_count=3, rng=random.Random(seed)) for seed in range(20)}
    assert len(spread) > 1 and all(3 * HOUR <= d <= 4 * HOUR for d in spread)


def test_huge_error_counts_never_overflow_or_stop_polling() -> None:
    assert MIN_INTERVAL <= delay(error_count=10**9) <= ERROR_CAP


def test_retry_after_wins_when_larger() -> None:
    assert delay(error_count=1, retry_after=5 * HOUR) == 5 * HOUR
    assert delay(error_count=8, retry_after=60) >= 0.75 * ERROR_CAP
    assert delay(retry_after=30 * 24 * HOUR) == 7 * 24 * HOUR


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -5.0])
def test_nonsense_inputs_give_a_finite_delay(bad: float) -> None:
    value = delay(base_interval=bad, max_age=bad, retry_after=bad)
    assert MIN_INTERVAL <= value <= MAX_INTERVAL


@given(
    base=st.floats(allow_nan=True, allow_infinity=True),
    ttl=st.none() | st.integers(-(10**6), 10**9),
    max_age=st.none() | st.floats(allow_nan=True, allow_infinity=True),
    errors=st.integers(0, 10**6),
    retry=st.none() | st.floats(allow_nan=True, allow_infinity=True),
    gaps=st.lists(st.integers(-(10**7), 10**8), max_size=30),
)
def test_delay_is_always_finite_and_bounded(
    base: float, ttl: int | None, max_age: float | None, errors: int, retry: float | None,
    gaps: list[int],
) -> None:  # fmt: skip
    times = [NOW - timedelta(seconds=g) for g in gaps]
    value = delay(
        base_interval=base, ttl_minutes=ttl, max_age=max_age, error_count=errors,
        retry_after=retry, item_times=times,
    )  # fmt: skip
    assert MIN_INTERVAL <= value <= 7 * 24 * HOUR
