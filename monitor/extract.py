"""HTML page -> article text and metadata via trafilatura (pure; the only trafilatura import).

Cost: the page is parsed once; trafilatura gets the tree and extracts the text only. Its own
metadata pass (`with_metadata=True`: htmldate's date search, byline and category heuristics)
made extraction 1.3x slower than bare `trafilatura.extract` while the feed already names the
title, date and usually the author; the page's declared metadata (<link rel=canonical>,
OpenGraph / article:* meta tags, <time datetime>, <html lang>) is read here with a few XPath
queries instead. `fast=True` skips trafilatura's second opinion from readability and justext:
a third cheaper again, and on the 181 pages of bench_extraction.py more accurate (token F1 0.9614
against 0.9587 with it, 0.9480 for bare `trafilatura.extract`).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import trafilatura
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from monitor.errors import ExtractError
from monitor.models import ExtractedPage

MIN_TEXT = 200  # characters; below this a page is a stub, a paywall or an index page
_LANG = re.compile(r"[A-Za-z]{2,3}")
_META = {
    "title": ('//meta[@property="og:title"]/@content', "//head/title/text()"),
    "author": (
        '//meta[@name="author"]/@content',
        '//meta[@property="article:author"]/@content',
        '//meta[@name="parsely-author"]/@content',
    ),
    "published": (
        '//meta[@property="article:published_time"]/@content',
        '//meta[@itemprop="datePublished"]/@content',
        '//meta[@name="parsely-pub-date"]/@content',
        '//meta[@name="date"]/@content',
        "//time[@datetime]/@datetime",
    ),
    "canonical": ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'),
    "site_name": ('//meta[@property="og:site_name"]/@content',),
}


def extract_page(html: bytes | str, url: str | None = None) -> ExtractedPage:
    """Return the article text and metadata of a page; raise ExtractError if it has none."""
    if isinstance(html, bytes) and b"\x00" in html[:4096]:
        raise ExtractError(f"{url}: binary content served as HTML; nothing to extract")
    try:
        tree = load_html(html)
        if tree is None:
            raise ExtractError(f"{url}: page could not be parsed as HTML")
        text = _run(tree, url, favor_recall=False)
        if len(text) < MIN_TEXT:
            # Precision mode drops short articles whole; a recall pass rescues them.
            text = _run(tree, url, favor_recall=True) or text
    except (ValueError, TypeError, RecursionError) as exc:
        raise ExtractError(f"{url}: page could not be parsed: {exc}") from None
    if not text.strip():
        raise ExtractError(f"{url}: no article text found (index page, paywall or script-only)")
    author = _first(tree, "author")
    return ExtractedPage(
        text=_paragraphs(text),
        title=_first(tree, "title"),
        author=None if author and author.startswith(("http:", "https:")) else author,
        published=_date(_first(tree, "published")),
        language=_language(tree),
        canonical_url=_absolute(_first(tree, "canonical"), url),
        site_name=_first(tree, "site_name"),
    )


def _run(tree: HtmlElement, url: str | None, *, favor_recall: bool) -> str:
    """Return the article text of a parsed page ('' when none); the tree is left intact."""
    result = trafilatura.bare_extraction(
        tree,  # trafilatura works on a copy
        url=url,
        with_metadata=False,
        include_comments=False,  # reader comments are not the article
        include_tables=True,
        favor_recall=favor_recall,
        fast=True,  # no readability/justext comparison: 1/3 cheaper, F1 0.9614 vs 0.9587
        deduplicate=False,
    )
    if not isinstance(result, trafilatura.settings.Document):
        return ""
    return result.text or ""


def _first(tree: HtmlElement, field: str) -> str | None:
    """Return the first non-empty value the page declares for a metadata field."""
    for query in _META[field]:
        for value in tree.xpath(query):
            text = " ".join(str(value).split())
            if text:
                return text[:1000]
    return None


def _absolute(link: str | None, base: str | None) -> str | None:
    if not link:
        return None
    try:
        absolute = urljoin(base or "", link)
        parts = urlsplit(absolute)
    except ValueError:
        return None
    return absolute if parts.scheme in ("http", "https") and parts.hostname else None


def _paragraphs(text: str) -> str:
    """Separate paragraphs by blank lines, the convention every later stage reads."""
    lines = [line.strip() for line in text.splitlines()]
    return "\n\n".join(line for line in lines if line)


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _language(tree: HtmlElement) -> str | None:
    declared = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    found = _LANG.match(declared.strip())
    return found.group(0).lower() if found else None
