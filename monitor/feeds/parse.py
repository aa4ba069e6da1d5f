"""Feed bytes -> ParsedFeed via feedparser; the one module that imports it or reads `bozo`.

The parser takes bytes, never a URL: feedparser would fetch a URL or open a file path given as a
string, so the body is always wrapped in BytesIO. Entity declarations are removed before parsing
(see `_replace_doctype_without_entities`), so no external entity is read and no entity bomb is
expanded.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
import feedparser.api
import feedparser.sanitizer

from monitor.errors import ParseError
from monitor.models import FeedItem, ParsedFeed

__all__ = ["MAX_ENTRIES", "MAX_TITLE_CHARS", "html_to_text", "parse_feed"]

MAX_ENTRIES = 10_000
MAX_TITLE_CHARS = 1_000
_PERIOD_MINUTES = {"hourly": 60, "daily": 1440, "weekly": 10080, "monthly": 43200, "yearly": 525600}
_MAX_TTL_MINUTES = 7 * 1440  # a feed asking to be left alone for months is treated as a week


_original_replace_doctype = feedparser.api.replace_doctype


def _replace_doctype_without_entities(data: bytes) -> tuple[Any, bytes, dict[str, str]]:
    """Drop every ENTITY declaration feedparser would keep, then let it handle the DOCTYPE."""
    # feedparser re-inserts "safe" entities, whose values may be 100 kB each: referenced 30,000
    # times that is gigabytes (quadratic blowup). Mirror its own prologue split and remove them.
    match = re.search(rb"<\w", data)
    start = (match and match.start()) or -1
    head = feedparser.sanitizer.RE_ENTITY_PATTERN.sub(b"", data[: start + 1])
    version, out, _ = _original_replace_doctype(head + data[start + 1 :])
    return version, out, {}


feedparser.api.replace_doctype = _replace_doctype_without_entities


class _TextCollector(HTMLParser):
    """Collect the visible text of an HTML fragment."""

    _SKIP = frozenset({"script", "style", "template", "noscript"})
    _BREAKS = frozenset({"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skipping:
            self._skipping -= 1
        elif tag in self._BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Return the plain text of an HTML fragment, whitespace collapsed, paragraphs kept."""
    if "<" not in markup and "&" not in markup:
        return _squeeze(markup)
    collector = _TextCollector()
    try:
        collector.feed(markup)
        collector.close()
    except (AssertionError, ValueError):
        pass  # html.parser gives up on some garbage; keep what it collected
    return _squeeze("".join(collector.parts))


def _squeeze(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def _title(value: Any) -> str:
    text = html_to_text(value) if isinstance(value, str) else ""
    return " ".join(text.split())[:MAX_TITLE_CHARS]


def _http_link(value: Any, base: str) -> tuple[str | None, str]:
    """Return the absolute http(s) link, or None and why it was refused."""
    if not isinstance(value, str) or not value.strip():
        return None, "has no link"
    try:
        link = urljoin(base, value.strip())
        parts = urlsplit(link)
    except ValueError:
        return None, f"has an unparsable link {value[:100]!r}"
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None, f"has a non-http(s) link {value[:100]!r}"
    return link, ""


def _utc(value: Any) -> datetime | None:
    if not isinstance(value, time.struct_time):
        return None
    try:
        return datetime(*value[:6], tzinfo=UTC)  # feedparser already normalised it to UTC
    except (ValueError, OverflowError, TypeError):
        return None


def _content_text(entry: Mapping[str, Any]) -> str:
    blocks = entry.get("content") or []
    texts = (html_to_text(b.get("value", "")) for b in blocks if isinstance(b, Mapping))
    return "\n\n".join(t for t in texts if t)


def _item(entry: dict[str, Any], base: str) -> tuple[FeedItem | None, str]:
    """Return the entry as a FeedItem, or None and the reason it was dropped."""
    link, why = _http_link(entry.get("link"), base)
    title = _title(entry.get("title"))
    if link is None:
        return None, why
    # dict.get: FeedParserDict maps a missing updated_parsed to published with a warning.
    published = _utc(dict.get(entry, "published_parsed")) or _utc(dict.get(entry, "updated_parsed"))
    author = entry.get("author")
    guid = entry.get("id")
    item = FeedItem(
        link=link,
        title=title,
        guid=guid if isinstance(guid, str) and guid else None,
        summary=html_to_text(entry.get("summary") or ""),
        content=_content_text(entry),
        published=published,
        author=(author.strip() or None) if isinstance(author, str) else None,
    )
    return item, ""


def _ttl_minutes(feed: Mapping[str, Any]) -> int | None:
    """Return the feed's own polling hint in minutes: <ttl>, else sy:updatePeriod/Frequency."""
    minutes: float | None = None
    ttl = str(feed.get("ttl") or "").strip()
    if ttl.isdigit():
        minutes = int(ttl)
    else:
        period = str(feed.get("sy_updateperiod") or "").strip().lower()
        frequency = str(feed.get("sy_updatefrequency") or "1").strip()
        if period in _PERIOD_MINUTES:
            per = int(frequency) if frequency.isdigit() and int(frequency) > 0 else 1
            minutes = _PERIOD_MINUTES[period] / per
    if not minutes or minutes <= 0:
        return None
    return max(1, min(int(minutes), _MAX_TTL_MINUTES))


def _warning(result: Mapping[str, Any], content_type: str | None) -> str | None:
    if not result.get("bozo"):
        return None
    exc = result.get("bozo_exception")
    if content_type is None and isinstance(exc, feedparser.NonXMLContentType):
        return None  # we did not pass a content type, so its absence is not the feed's fault
    return f"parsed leniently: {type(exc).__name__}: {exc}" if exc else "parsed leniently"


def _run_feedparser(body: bytes, url: str, content_type: str | None) -> Any:
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    try:
        # Sanitising and resolving links inside entry HTML cost a third of parsing, and both
        # are thrown away: html_to_text keeps only the text (scripts and styles dropped).
        return feedparser.parse(
            io.BytesIO(body),
            response_headers=headers,
            sanitize_html=False,
            resolve_relative_uris=False,
        )
    except Exception as exc:  # noqa: BLE001 - feedparser bugs must not escape as anything else
        raise ParseError(f"{url}: feed parser crashed ({type(exc).__name__}: {exc})") from exc


def parse_feed(body: bytes, *, url: str, content_type: str | None = None) -> ParsedFeed:
    """Parse feed bytes fetched from `url`; raise ParseError when they are not a feed at all."""
    result = _run_feedparser(body, url, content_type)
    feed = result.get("feed") or {}
    entries = result.get("entries") or []
    if not entries and not result.get("version"):
        reason = _warning(result, content_type) or "no feed elements found"
        raise ParseError(
            f"{url}: not an RSS/Atom feed ({reason})",
            hint="check that the URL points at the feed itself, not a web page",
        )
    items: list[FeedItem] = []
    skipped: list[str] = []
    for index, entry in enumerate(entries[:MAX_ENTRIES]):
        item, why = _item(entry, url)
        if item is None:
            skipped.append(f"entry {index} ({_title(entry.get('title'))[:80]!r}) {why}")
        else:
            items.append(item)
    if len(entries) > MAX_ENTRIES:
        skipped.append(f"{len(entries) - MAX_ENTRIES} entries beyond the first {MAX_ENTRIES}")
    feed_link, _ = _http_link(feed.get("link"), url)
    return ParsedFeed(
        title=_title(feed.get("title")),
        link=feed_link,
        items=tuple(items),
        ttl_minutes=_ttl_minutes(feed),
        warning=_warning(result, content_type),
        skipped=tuple(skipped),
    )
