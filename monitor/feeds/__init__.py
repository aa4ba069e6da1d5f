"""Getting feeds and pages: fetch over HTTP, parse feeds, canonical URLs, poll scheduling."""

from monitor.feeds.fetch import Fetcher, FetchSettings, Kind, parse_retry_after
from monitor.feeds.guard import AddressPolicy, Resolver, blocked_reason
from monitor.feeds.parse import html_to_text, parse_feed
from monitor.feeds.schedule import next_poll_delay
from monitor.feeds.urls import canonical_url, declared_canonical, host_of

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
