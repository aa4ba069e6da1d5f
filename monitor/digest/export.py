"""Export matched articles as Atom, JSON or CSV for other tools."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal
from xml.etree import ElementTree as ET

from monitor.digest.formatting import clean_line, clean_text
from monitor.errors import DigestError
from monitor.models import Quote

Format = Literal["atom", "json", "csv"]
FORMATS: tuple[Format, ...] = ("atom", "json", "csv")
ATOM_NS = "http://www.w3.org/2005/Atom"
CSV_FIELDS = ("published", "topic_id", "score", "outlet", "title", "url", "why", "quotes")
# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class ExportRow:
    """One article matched to one topic, as exported."""

    url: str
    title: str
    outlet: str
    published: datetime | None  # UTC
    topic_id: str
    score: float
    why: str
    quotes: tuple[Quote, ...] = ()


def _iso(moment: datetime | None) -> str | None:
    """Return an RFC 3339 UTC timestamp, or None."""
    if moment is None:
        return None
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _quote_line(quote: Quote) -> str:
    """Return '"text" — speaker' for flat formats."""
    speaker = f" — {clean_line(quote.speaker)}" if quote.speaker else ""
    return f"“{clean_line(quote.text)}”{speaker}"


def _json(rows: Sequence[ExportRow]) -> str:
    """Serialise rows as a JSON array (UTF-8 text, not ASCII escapes)."""
    items = [
        {
            "url": clean_line(row.url),
            "title": clean_line(row.title),
            "outlet": clean_line(row.outlet),
            "published": _iso(row.published),
            "topic_id": row.topic_id,
            "score": row.score,
            "why": clean_line(row.why),
            "quotes": [
                {"text": clean_line(q.text), "speaker": q.speaker, "kind": q.kind}
                for q in row.quotes
            ],
        }
        for row in rows
    ]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


def _cell(value: object) -> str:
    """Return a CSV cell that a spreadsheet shows as text, never evaluates."""
    text = clean_line(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _csv(rows: Sequence[ExportRow]) -> str:
    """Serialise rows as CSV with a header line; quotes joined with ' | '."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_FIELDS)
    for row in rows:
        quotes = " | ".join(_quote_line(q) for q in row.quotes)
        writer.writerow(
            [
                _iso(row.published) or "",
                row.topic_id,
                f"{row.score:g}",
                _cell(row.outlet),
                _cell(row.title),
                _cell(row.url),
                _cell(row.why),
                _cell(quotes),
            ]
        )
    return out.getvalue()


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    """Append an Atom child element with cleaned text."""
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
    if text is not None:
        element.text = clean_text(text)  # XML 1.0 forbids most control characters
    return element


def _atom(rows: Sequence[ExportRow], title: str, feed_id: str) -> str:
    """Serialise rows as an Atom 1.0 feed, newest first."""
    ET.register_namespace("", ATOM_NS)
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    _sub(feed, "title", title)
    _sub(feed, "id", feed_id)
    newest = max((_iso(r.published) or "" for r in rows), default="")
    _sub(feed, "updated", newest or _iso(_EPOCH))
    ordered = sorted(rows, key=lambda r: _iso(r.published) or "", reverse=True)
    for row in ordered:
        entry = _sub(feed, "entry")
        _sub(entry, "title", clean_line(row.title) or row.url)
        _sub(entry, "link", href=clean_line(row.url))
        # Atom wants a permanent IRI per entry; one article can match several topics.
        _sub(entry, "id", f"{clean_line(row.url)}#topic={clean_line(row.topic_id)}")
        _sub(entry, "updated", _iso(row.published) or _iso(_EPOCH))
        if row.published:
            _sub(entry, "published", _iso(row.published))
        _sub(_sub(entry, "author"), "name", clean_line(row.outlet) or "unknown")
        _sub(entry, "category", term=clean_line(row.topic_id))
        summary = [f"Score {row.score:g}. Why: {clean_line(row.why)}"]
        summary += [_quote_line(q) for q in row.quotes]
        _sub(entry, "summary", "\n".join(summary), type="text")
    return ET.tostring(feed, encoding="unicode", xml_declaration=True) + "\n"


def export_matches(
    rows: Sequence[ExportRow],
    fmt: Format,
    *,
    title: str = "News monitor matches",
    feed_id: str = "urn:news-monitor:matches",
) -> str:
    """Serialise matches as 'atom', 'json' or 'csv' text; raise DigestError for other formats."""
    if fmt == "json":
        return _json(rows)
    if fmt == "csv":
        return _csv(rows)
    if fmt == "atom":
        return _atom(rows, title, feed_id)
    raise DigestError(f"unknown export format {fmt!r}", hint="use one of: " + ", ".join(FORMATS))
