"""Fetcher settings and the Retry-After rule: plain data and arithmetic, no HTTP library."""

from __future__ import annotations

import email.utils
from dataclasses import dataclass
from datetime import UTC, datetime


@dataclass(frozen=True)
class FetchSettings:
    """Limits and politeness for all HTTP traffic of one Fetcher."""

    user_agent: str
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    deadline: float = 60.0
    max_feed_bytes: int = 10 * 2**20
    max_page_bytes: int = 5 * 2**20
    max_redirects: int = 5
    per_host_concurrency: int = 2
    per_host_interval: float = 0.2  # min seconds between request starts to one host
    global_concurrency: int = 64
    allow_private: bool = False
    allowed_hosts: tuple[str, ...] = ()  # hosts, IPs or CIDRs exempt from the address guard
    respect_robots: bool = True


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Return Retry-After (delta seconds or HTTP date) as seconds from now, or None."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
