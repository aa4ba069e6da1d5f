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
    plural,
    range_label,
    safe_url,
    shorten,
    time_label,
    zone,
)
from monitor.models import (
    DigestContent,
    DigestStory,
    FeedHealth,
    NearMiss,
    Quote,
    SpeakerLine,
    TopicSection,
)

FAILING_FOR = timedelta(days=1)
_ERROR_CHARS = 240
# Feeds can carry absurd text (a 5,000-character "word"); the digest shows a readable prefix and
# the link carries the rest.
_HEADLINE_CHARS = 200
_QUOTE_CHARS = 280
_LEDE_CHARS = 320
_LINE_CHARS = 300
_OUTLET_CHARS = 60
_TERMS_SHOWN = 6
_ALSO_IN_SHOWN = 2  # "also in: Reuters, DW +3"
# "Who said what" is one line per person, so it keeps quotes short.
_SPEAKER_QUOTE_CHARS = 160
_SPEAKER_HEADLINE_CHARS = 90
_CID_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")


@dataclass(frozen=True)
class QuoteView:
    """A quote ready to print: text, who said it, and whether it was direct."""

    text: str
    speaker: str
    direct: bool
    provenance: str = ""  # "first carried by Reuters, 07:12; 4 outlets", or ""


@dataclass(frozen=True)
class LinkView:
    """A small link under a story (feedback and the like); `href` is always http(s)."""

    label: str
    href: str


@dataclass(frozen=True)
class StoryView:
    """A story ready to print; `href` is None when the URL is not safe to link."""

    headline: str
    url: str
    href: str | None
    outlet: str
    labels: str  # "state media · CN", or ""
    when: str
    lede: str
    why: str
    terms: tuple[str, ...]
    quotes: tuple[QuoteView, ...]  # at most one
    also_in: str  # "Reuters, DW +3", or ""
    also_topics: str  # "NATO–Russia relations", or ""
    updated: bool
    links: tuple[LinkView, ...] = ()


@dataclass(frozen=True)
class NearView:
    """A near miss as listed under "Also mentioned": headline, outlet, the joining sentence."""

    headline: str
    url: str
    href: str | None
    outlet: str
    when: str
    sentence: str
    links: tuple[LinkView, ...] = ()


@dataclass(frozen=True)
class SectionView:
    """A topic's stories, what did not fit, and its trend as text and as an image reference."""

    topic_id: str
    name: str
    stories: tuple[StoryView, ...]
    trend: tuple[int, ...]
    sparkline: str
    cid: str
    trend_alt: str
    articles: int
    more: int
    more_note: str  # "12 more NATO–Russia relations stories", or ""
    near: tuple[NearView, ...] = ()
    near_more_note: str = ""  # "4 more near misses", or ""


@dataclass(frozen=True)
class TopView:
    """One line of the top stories: headline, outlets, and the topic it is under."""

    headline: str
    href: str | None
    outlet: str
    topic: str


@dataclass(frozen=True)
class SpeakerView:
    """One person in "Who said what": one quote and how many stories quoted them."""

    speaker: str
    quote: str
    stories: int
    headline: str
    href: str | None
    outlet: str


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
    speakers: tuple[SpeakerView, ...]
    feeds: tuple[FeedView, ...]
    health: str  # always one line: "All 10 feeds healthy." or the failing ones
    empty_note: str
    story_count: int
    top: tuple[TopView, ...]
    more: int  # stories left out of this email, all topics
    full_list_url: str | None
    full_list: bool
    legend: str


def trend_cid(digest_id: str, topic_id: str) -> str:
    """Return the Content-ID naming a topic's trend chart (no angle brackets)."""
    return f"trend-{_CID_UNSAFE.sub('-', topic_id)}.{_CID_UNSAFE.sub('-', digest_id)}@monitor"


def also_in(outlets: Sequence[str], shown: int = _ALSO_IN_SHOWN) -> str:
    """Return "Reuters, DW +3": the first outlets by name, the rest counted."""
    names = [shorten(clean_line(o), _OUTLET_CHARS) for o in outlets if clean_line(o)]
    rest = len(names) - shown
    return ", ".join(names[:shown]) + (f" +{rest}" if rest > 0 else "")


def _links(story: DigestStory | NearMiss) -> tuple[LinkView, ...]:
    found = ((clean_line(label), safe_url(url)) for label, url in story.links)
    return tuple(LinkView(label, href) for label, href in found if label and href)


def _near(item: NearMiss, tz: ZoneInfo) -> NearView:
    return NearView(
        headline=shorten(clean_line(item.headline), _HEADLINE_CHARS) or "(untitled)",
        url=clean_line(item.url),
        href=safe_url(item.url),
        outlet=shorten(clean_line(item.outlet), _OUTLET_CHARS) or "unknown outlet",
        when=time_label(local(item.published, tz)) if item.published else "",
        sentence=shorten(clean_line(item.sentence), _LEDE_CHARS),
        links=_links(item),
    )


def provenance(quote: Quote, tz: ZoneInfo) -> str:
    """Say which outlet carried a quote first and how widely: only when several did."""
    if quote.outlets < 2 or not quote.first_outlet:
        return ""
    when = f", {time_label(local(quote.first_seen, tz))}" if quote.first_seen else ""
    outlet = shorten(clean_line(quote.first_outlet), _OUTLET_CHARS)
    return f"first carried by {outlet}{when}; {quote.outlets} outlets"


def _story(story: DigestStory, tz: ZoneInfo) -> StoryView:
    """Describe one story for display in the recipient's timezone."""
    quotes = tuple(
        QuoteView(
            shorten(clean_line(q.text).rstrip(",;: "), _QUOTE_CHARS),
            shorten(clean_line(q.speaker), _LINE_CHARS),
            q.kind == "direct",
            provenance(q, tz),
        )
        for q in story.quotes[:1]
        if q.speaker
    )
    return StoryView(
        headline=shorten(clean_line(story.headline), _HEADLINE_CHARS) or "(untitled)",
        url=clean_line(story.url),
        href=safe_url(story.url),
        outlet=shorten(clean_line(story.outlet), _OUTLET_CHARS) or "unknown outlet",
        labels=" · ".join(shorten(clean_line(x), 24) for x in story.labels if clean_line(x)),
        when=time_label(local(story.published, tz)) if story.published else "",
        lede=shorten(clean_line(story.lede), _LEDE_CHARS),
        why=shorten(clean_line(story.why), _LINE_CHARS),
        terms=tuple(shorten(clean_line(t), 40) for t in story.terms[:_TERMS_SHOWN]),
        quotes=quotes,
        also_in=also_in(story.also_in),
        also_topics=", ".join(clean_line(t) for t in story.also_topics),
        updated=story.updated,
        links=_links(story),
    )


def _section(section: TopicSection, digest_id: str, tz: ZoneInfo) -> SectionView:
    """Describe one topic section with its trend."""
    trend = tuple(max(0, int(v)) for v in section.trend)
    days = len(trend)
    name = clean_line(section.name) or clean_line(section.topic_id)
    alt = f"Articles per period, last {days}: " + ", ".join(map(str, trend)) if days else ""
    more = max(0, section.more)
    return SectionView(
        topic_id=section.topic_id,
        name=name,
        stories=tuple(_story(s, tz) for s in section.stories),
        trend=trend,
        sparkline=sparkline(trend),
        cid=trend_cid(digest_id, section.topic_id),
        trend_alt=alt,
        articles=section.articles,
        more=more,
        more_note=f"{more} more {name} {'story' if more == 1 else 'stories'}" if more else "",
        near=tuple(_near(n, tz) for n in section.near),
        near_more_note=(
            f"{section.near_more} more near {'miss' if section.near_more == 1 else 'misses'}"
            if section.near_more
            else ""
        ),
    )


def _top(story: DigestStory, names: dict[str, str]) -> TopView:
    outlets = also_in([story.outlet, *story.also_in], shown=2)
    return TopView(
        headline=shorten(clean_line(story.headline), _HEADLINE_CHARS) or "(untitled)",
        href=safe_url(story.url),
        outlet=outlets,
        topic=names.get(story.topic_id, clean_line(story.topic_id)),
    )


def _speaker(line: SpeakerLine) -> SpeakerView:
    return SpeakerView(
        speaker=shorten(clean_line(line.speaker), 80),
        quote=shorten(clean_line(line.quote).rstrip(",;: "), _SPEAKER_QUOTE_CHARS),
        stories=line.stories,
        headline=shorten(clean_line(line.headline), _SPEAKER_HEADLINE_CHARS),
        href=safe_url(line.url),
        outlet=shorten(clean_line(line.outlet), _OUTLET_CHARS),
    )


def health_line(feeds: Sequence[FeedView], total: int, recent: int = 0) -> str:
    """Say in one line whether every feed works, or which fail and why.

    `feeds` have failed for over a day and are named; `recent` more fail for less than a day
    (often a blip, retried with backoff) and are only counted.
    """
    if not feeds and not recent:
        return f"All {plural(total, 'feed')} healthy." if total else "No feeds configured."
    blip = f"{recent} failing for under a day, being retried" if recent else ""
    if not feeds:
        return f"{total - recent} of {plural(total, 'feed')} healthy; {blip}."
    failing = "; ".join(
        f"{f.name} (since {f.since}, {plural(f.errors, 'error')}: {f.last_error})" for f in feeds
    )
    of = f" of {total}" if total >= len(feeds) + recent else ""
    more = f" ({recent} more {blip[2:]})" if recent else ""
    return f"{len(feeds)}{of} feeds failing for over a day{more}: {failing}"


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
    names = {s.topic_id: s.name for s in sections}
    feeds = long_failing(content.failing_feeds, content.period_end, tz)
    unit = "day" if content.period_end - content.period_start <= timedelta(hours=25) else "period"
    days = max((len(s.trend) for s in sections), default=0)
    return DigestView(
        digest_id=clean_line(content.digest_id),
        title=clean_line(content.title) or "News digest",
        day=day_label(end),
        period=range_label(start, end),
        late=content.late,
        sections=sections,
        speakers=tuple(_speaker(line) for line in content.speakers),
        feeds=feeds,
        health=health_line(
            feeds,
            content.feeds_total,
            sum(1 for f in content.failing_feeds if f.failing_since) - len(feeds),
        ),
        empty_note=clean_line(content.empty_note),
        story_count=sum(len(s.stories) for s in sections),
        top=tuple(_top(s, names) for s in content.top),
        more=sum(s.more for s in sections),
        full_list_url=safe_url(content.full_list_url or ""),
        full_list=content.full_list,
        legend=(
            f"Articles matching each topic per {unit}, last {days} {unit}s; the orange bar is "
            "this digest and its number is shown beside it. An article matching two topics "
            "counts in both; below, each story is shown once, under its best topic."
        ),
    )
