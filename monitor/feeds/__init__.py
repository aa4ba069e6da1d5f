"""Getting feeds and pages: fetch over HTTP, parse feeds, canonical URLs, poll scheduling.

The names below load their module on first use, so importing one light part (the address guard
that check-config consults, the URL helpers) does not load the HTTP client and the feed parser.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from monitor.feeds.fetch import Fetcher, FetchSettings, Kind, parse_retry_after
    from monitor.feeds.guard import AddressPolicy, Resolver, blocked_reason
    from monitor.feeds.parse import html_to_text, parse_feed
    from monitor.feeds.schedule import next_poll_delay
    from monitor.feeds.urls import canonical_url, declared_canonical, host_of

_HOMES = {
    "Fetcher": "fetch",
    "FetchSettings": "fetch",
    "Kind": "fetch",
    "parse_retry_after": "fetch",
    "AddressPolicy": "guard",
    "Resolver": "guard",
    "blocked_reason": "guard",
    "html_to_text": "parse",
    "parse_feed": "parse",
    "next_poll_delay": "schedule",
    "canonical_url": "urls",
    "declared_canonical": "urls",
    "host_of": "urls",
}

__all__ = [
    "AddressPolicy",
    "FetchSettings",
    "Fetcher",
    "Kind",
    "Resolver",
    "blocked_reason",
    "canonical_url",
    "declared_canonical",
    "host_of",
    "html_to_text",
    "next_poll_delay",
    "parse_feed",
    "parse_retry_after",
]


def __getattr__(name: str) -> Any:
    """Load a public name from its module the first time it is asked for."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'monitor.feeds' has no attribute {name!r}")
    return getattr(importlib.import_module(f"monitor.feeds.{home}"), name)
