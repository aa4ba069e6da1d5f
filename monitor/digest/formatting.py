"""Text hygiene and formatting shared by the digest renderers and the mail envelope."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from monitor.errors import DigestError

# Bidi embeddings, overrides and isolates (U+202A-202E, U+2066-2069) let a title reorder the text
# around it ("Trojan Source"); marks (U+200E/F, U+061C) are dropped too since nothing of ours needs
# them. Zero-width and BOM characters hide content from the reader.
_BIDI_AND_INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u200b\ufeff]")
# C0/C1 controls other than tab/newline; XML 1.0 forbids most of them and terminals obey them.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACE_RUN = re.compile(r"\s+")
_SAFE_SCHEMES = ("http://", "https://")


def clean_text(value: object) -> str:
    """Return `value` as text without control, bidi-override or invisible characters."""
    text = unicodedata.normalize("NFC", "" if value is None else str(value))
    text = _BIDI_AND_INVISIBLE.sub("", text)
    return _CONTROLS.sub(" ", text)


def clean_line(value: object) -> str:
    """Return `value` cleaned and collapsed onto one line (no CR/LF, single spaces)."""
    return _SPACE_RUN.sub(" ", clean_text(value)).strip()


def safe_url(url: str) -> str | None:
    """Return the URL when it is http(s) and printable, else None (never link javascript:)."""
    cleaned = clean_line(url)
    if cleaned.lower().startswith(_SAFE_SCHEMES) and " " not in cleaned:
        return cleaned
    return None


def break_long_words(text: str, limit: int = 40) -> str:
    """Insert spaces into words longer than `limit` so no line has to be wider than that."""
    return re.sub(
        rf"\S{{{limit + 1},}}",
        lambda m: " ".join(m[0][i : i + limit] for i in range(0, len(m[0]), limit)),
        text,
    )


def shorten(text: str, limit: int) -> str:
    """Cut `text` to at most `limit` characters, ending in an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def plural(count: int, word: str) -> str:
    """Return '1 story' / '3 stories' / '2 errors'."""
    if count == 1:
        return f"1 {word}"
    return f"{count} {word[:-1]}ies" if word.endswith("y") else f"{count} {word}s"


def zone(name: str) -> ZoneInfo:
    """Return the IANA timezone `name` or raise DigestError naming it."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise DigestError(
            f"unknown timezone {name!r}", hint="use an IANA name such as Europe/Berlin"
        ) from exc


def local(moment: datetime, tz: ZoneInfo) -> datetime:
    """Convert a UTC (or naive-UTC) moment to `tz`."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo("UTC"))
    return moment.astimezone(tz)


def day_label(moment: datetime) -> str:
    """Format a local moment as '28 Nov 2026'."""
    return f"{moment.day} {moment:%b %Y}"


def time_label(moment: datetime) -> str:
    """Format a local moment as '28 Nov 09:14'."""
    return f"{moment.day} {moment:%b %H:%M}"


def range_label(start: datetime, end: datetime) -> str:
    """Format a local period compactly, naming the zone abbreviation once."""
    if start.date() == end.date():
        return f"{day_label(start)}, {start:%H:%M}–{end:%H:%M} {end:%Z}"
    return f"{day_label(start)} {start:%H:%M} – {day_label(end)} {end:%H:%M} {end:%Z}"
