"""HTML page -> article text and metadata via trafilatura (pure; the only trafilatura import)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import trafilatura

from monitor.errors import ExtractError
from monitor.models import ExtractedPage

MIN_TEXT = 200  # characters; below this a page is a stub, a paywall or an index page
_LANG = re.compile(rb"<html[^>]*\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)


def extract_page(html: bytes | str, url: str | None = None) -> ExtractedPage:
    """Return the article text and metadata of a page; raise ExtractError if it has none."""
    if isinstance(html, bytes) and b"\x00" in html[:4096]:
        raise ExtractError(f"{url}: binary content served as HTML; nothing to extract")
    try:
        doc = _run(html, url, favor_recall=False)
        if doc is None or len(doc.text or "") < MIN_TEXT:
            # Precision mode drops short articles whole; a recall pass rescues them.
            doc = _run(html, url, favor_recall=True) or doc
    except (ValueError, TypeError, RecursionError) as exc:
        raise ExtractError(f"{url}: page could not be parsed: {exc}") from None
    if doc is None or not (doc.text or "").strip():
        raise ExtractError(f"{url}: no article text found (index page, paywall or script-only)")
    return ExtractedPage(
        text=_paragraphs(doc.text or ""),
        title=doc.title or None,
        author=doc.author or None,
        published=_date(doc.date),
        language=doc.language or _declared_language(html),
        canonical_url=doc.url or None,
        site_name=doc.sitename or None,
    )


def _run(html: bytes | str, url: str | None, *, favor_recall: bool) -> trafilatura.settings.Document | None:
    result = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,  # reader comments are not the article
        include_tables=True,
        favor_recall=favor_recall,
        deduplicate=False,
    )
    return result if isinstance(result, trafilatura.settings.Document) else None


def _paragraphs(text: str) -> str:
    """Separate paragraphs by blank lines, the convention every later stage reads."""
    lines = [line.strip() for line in text.splitlines()]
    return "\n\n".join(line for line in lines if line)


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
    except ValueError:
        return None


def _declared_language(html: bytes | str) -> str | None:
    head = html[:20000].encode("utf-8", "ignore") if isinstance(html, str) else html[:20000]
    found = _LANG.search(head)
    return found.group(1).decode().lower() if found else None
