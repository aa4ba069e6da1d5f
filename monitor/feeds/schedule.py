"""When to poll a feed next: its own hints, how often it posts, and backoff on errors (pure)."""

from __future__ import annotations

import math
import random
import statistics
from collections.abc import Sequence
from datetime import UTC, datetime

__all__ = ["ERROR_CAP", "MAX_INTERVAL", "MIN_INTERVAL", "next_poll_delay"]

MIN_INTERVAL = 5 * 60.0
MAX_INTERVAL = 24 * 3600.0
ERROR_CAP = 6 * 3600.0  # a broken feed is still tried four times a day: never a permanent give-up
RETRY_AFTER_CAP = 7 * 24 * 3600.0  # a server asking for a month's silence gets a week
_RECENT_ITEMS = 20


def _finite(value: float | None) -> float | None:
    """Return a usable non-negative number, or None for missing, negative or non-finite input."""
    if value is None or not math.isfinite(value) or value < 0:
        return None
    return float(value)


def _clamp(seconds: float) -> float:
    return min(MAX_INTERVAL, max(MIN_INTERVAL, seconds))


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _posting_interval(item_times: Sequence[datetime], now: datetime) -> float | None:
    """Return about half the typical gap between recent posts, stretched by a long silence."""
    now = _utc(now)
    past = sorted((t for t in map(_utc, item_times) if t <= now), reverse=True)[:_RECENT_ITEMS]
    if len(past) < 2:
        return None
    gaps = [(a - b).total_seconds() for a, b in zip(past, past[1:], strict=False)]
    silence = (now - past[0]).total_seconds()
    # A quarter of the current silence: a feed quiet overnight slows a little, one quiet for a
    # month slows to the maximum, and neither stops being polled.
    typical = max(statistics.median(gaps), silence / 4)
    # Polling at half the typical gap catches most posts within one gap of publication.
    return typical / 2


def _backoff(base: float, error_count: int, rng: random.Random) -> float:
    """Return a capped exponential delay with jitter for the `error_count`-th failure in a row."""
    exponent = min(error_count - 1, 32)  # bounded, so the power never overflows
    ceiling = min(ERROR_CAP, max(MIN_INTERVAL, base) * 2.0**exponent)
    # Jitter spreads feeds that failed together (one outage) so they do not retry in lockstep.
    return max(MIN_INTERVAL, ceiling * rng.uniform(0.75, 1.0))


def next_poll_delay(
    *,
    base_interval: float,
    ttl_minutes: int | None,
    max_age: float | None,
    item_times: Sequence[datetime],
    error_count: int,
    retry_after: float | None,
    now: datetime,
    rng: random.Random | None = None,
) -> float:
    """Return seconds until the next poll of a feed."""
    base = _finite(base_interval) or MAX_INTERVAL
    if error_count > 0:
        delay = _backoff(base, error_count, rng or random.Random())
    else:
        adaptive = _posting_interval(item_times, now)
        delay = _clamp(adaptive if adaptive is not None else base)
        ttl = _finite(ttl_minutes * 60.0) if ttl_minutes is not None else None
        # The publisher's TTL / max-age is a floor: polling sooner is wasted and impolite.
        floor = max(ttl or 0.0, _finite(max_age) or 0.0)
        delay = max(delay, min(floor, MAX_INTERVAL))
    wait = _finite(retry_after)
    if wait is not None:
        delay = max(delay, min(wait, RETRY_AFTER_CAP))
    return delay
