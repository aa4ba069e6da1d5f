"""Prepare digest content for display: cleaned strings, local times, speakers, failing feeds."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from monitor.digest.chart import sparkline
from monitor.digest.formatting import (
    clean_line,
    day_label,
    local,
    range_label,
    safe_url,
    shorten,
    time_label,
    zone,
)
from monitor.models import DigestContent, DigestStory, FeedHealth, TopicSection

FAILING_FOR = timedelta(days=1)
_ERROR_CHARS = 240
# Feeds can carry absurd text (a 5,000-character "word"); the digest shows a readable prefix and
# the link carries the rest.
_HEADLINE_CHARS = 200
_QUOTE_CHARS = 400
_LINE_CHARS = 300
# "Who said what" repeats quotes shown in full above, so it keeps them short.
_SPEAKER_QUOTE_CHARS = 200
_SPEAKER_HEADLINE_CHARS = 90
_CID_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")


@dataclass(frozen=True)
class QuoteView:
    """A quote ready to print: text, who said it, and whether it was direct."""

    text: str
    speaker: str
    direct: bool


@dataclass(frozen=True)
class StoryView:
    """A story ready to print; `href` is None when the URL is not safe to link."""

    headline: str
    url: str
    href: str | None
    outlet: str
    when: str
    why: str
    terms: tuple[str, ...]
    quotes: tuple[QuoteView, ...]
    also_in: tuple[str, ...]
    updated: bool


@dataclass(frozen=True)
class SectionView:
    """A topic's stories and its 14-day trend, as text and as an image reference."""

    topic_id: str
    name: str
    stories: tuple[StoryView, ...]
    trend: tuple[int, ...]
    sparkline: str
    cid: str
    trend_alt: str


@dataclass(frozen=True)
class SpeakerQuote:
    """One thing a speaker said, and the story it appeared in."""

    text: str
    direct: bool
    headline: str
    href: str | None
    outlet: str


@dataclass(frozen=True)
class SpeakerGroup:
    """Everything one speaker said across the digest's stories."""

    speaker: str
    quotes: tuple[SpeakerQuote, ...]


@dataclass(frozen=True)
class FeedView:
    """A feed failing for over a day, with its last error."""

    name: str
    url: str
    since: str
    errors: int
    last_error: str


@dataclass(frozen=True)
class DigestView:
    """Everything both renderers print, already cleaned and localised."""

    digest_id: str
    title: str
    day: str
    period: str
    late: bool
    sections: tuple[SectionView, ...]
    speakers: tuple[SpeakerGroup, ...]
    feeds: tuple[FeedView, ...]
    empty_note: str
    story_count: int


def trend_cid(digest_id: str, topic_id: str) -> str:
    """Return the Content-ID naming a topic's trend chart (no angle brackets)."""
    return f"trend-{_CID_UNSAFE.sub('-', topic_id)}.{_CID_UNSAFE.sub('-', digest_id)}@monitor"


def _story(story: DigestStory, tz: ZoneInfo) -> StoryView:
    """Describe one story for display in the recipient's timezone."""
    quotes = tuple(
        QuoteView(
            shorten(clean_line(q.text), _QUOTE_CHARS),
            shorten(clean_line(q.speaker), _LINE_CHARS),
            q.kind == "direct",
        )
        for q in story.quotes
        if q.speaker
    )
    return StoryView(
        headline=shorten(clean_line(story.headline), _HEADLINE_CHARS) or "(untitled)",
        url=clean_line(story.url),
        href=safe_url(story.url),
        outlet=shorten(clean_line(story.outlet), _LINE_CHARS) or "unknown outlet",
        when=time_label(local(story.published, tz)) if story.published else "",
        why=shorten(clean_line(story.why), _LINE_CHARS),
        terms=tuple(clean_line(t) for t in story.terms),
        quotes=quotes,
        also_in=tuple(shorten(clean_line(o), _LINE_CHARS) for o in story.also_in),
        updated=story.updated,
    )


def _section(section: TopicSection, digest_id: str, tz: ZoneInfo) -> SectionView:
    """Describe one topic section with its trend."""
    trend = tuple(max(0, int(v)) for v in section.trend)
    days = len(trend)
    alt = f"Matches per day, last {days} days: " + ", ".join(map(str, trend)) if days else ""
    return SectionView(
        topic_id=section.topic_id,
        name=clean_line(section.name) or clean_line(section.topic_id),
        stories=tuple(_story(s, tz) for s in section.stories),
        trend=trend,
        sparkline=sparkline(trend),
        cid=trend_cid(digest_id, section.topic_id),
        trend_alt=alt,
    )


def speakers_section(sections: Sequence[TopicSection | SectionView]) -> tuple[SpeakerGroup, ...]:
    """Group the digest's quotes by speaker across stories, most-quoted speaker first."""
    groups: dict[str, list[SpeakerQuote]] = {}
    names: dict[str, str] = {}
    seen: set[tuple[str, str]] = set()
    for section in sections:
        for story in section.stories:
            view = story if isinstance(story, StoryView) else _story(story, ZoneInfo("UTC"))
            for quote in view.quotes:
                key = quote.speaker.casefold()
                if not key or (key, quote.text.casefold()) in seen:
                    continue  # the same words quoted in two topics are shown once
                seen.add((key, quote.text.casefold()))
                # Prefer the fullest form of a name ("Spokesman Lin Jian" over "Lin Jian").
                if len(quote.speaker) > len(names.get(key, "")):
                    names[key] = quote.speaker
                groups.setdefault(key, []).append(
                    SpeakerQuote(
                        shorten(quote.text, _SPEAKER_QUOTE_CHARS),
                        quote.direct,
                        shorten(view.headline, _SPEAKER_HEADLINE_CHARS),
                        view.href,
                        view.outlet,
                    )
                )
    ordered = sorted(groups, key=lambda k: (-len(groups[k]), names[k].casefold()))
    return tuple(SpeakerGroup(names[k], tuple(groups[k])) for k in ordered)


def long_failing(feeds: Sequence[FeedHealth], now: datetime, tz: ZoneInfo) -> tuple[FeedView, ...]:
    """Return the feeds that have been failing for more than a day at `now`, longest first."""
    utc_now = local(now, ZoneInfo("UTC"))
    chosen = [
        f
        for f in feeds
        if f.failing_since is not None
        and utc_now - local(f.failing_since, ZoneInfo("UTC")) >= FAILING_FOR
    ]
    chosen.sort(key=lambda f: local(f.failing_since, ZoneInfo("UTC")))  # type: ignore[arg-type]
    return tuple(
        FeedView(
            name=clean_line(f.title) or clean_line(f.url),
            url=clean_line(f.url),
            since=day_label(local(f.failing_since, tz)),  # type: ignore[arg-type]
            errors=f.error_count,
            last_error=shorten(clean_line(f.last_error) or "no error recorded", _ERROR_CHARS),
        )
        for f in chosen
    )


def build_view(content: DigestContent) -> DigestView:
    """Clean, localise and organise a digest's content for the renderers."""
    tz = zone(content.timezone)
    start, end = local(content.period_start, tz), local(content.period_end, tz)
    sections = tuple(_section(s, content.digest_id, tz) for s in content.sections)
    return DigestView(
        digest_id=clean_line(content.digest_id),
        title=clean_line(content.title) or "News digest",
        day=day_label(end),
        period=range_label(start, end),
        late=content.late,
        sections=sections,
        speakers=speakers_section(sections),
        feeds=long_failing(content.failing_feeds, content.period_end, tz),
        empty_note=clean_line(content.empty_note),
        story_count=sum(len(s.stories) for s in sections),
    )
