"""Turn story clusters into digest stories, best first, each with its best quotes."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import UTC, datetime

from monitor.digest.cluster import Candidate
from monitor.models import DigestStory, Quote

MAX_QUOTES = 3
_HALF_LIFE_HOURS = 24.0
_UNKNOWN_AGE_HOURS = 48.0  # an undated story ranks as if two days old, not as breaking news
_SHORT_QUOTE_WORDS = 4
_WORD = re.compile(r"\w+")


def _utc(moment: datetime) -> datetime:
    """Treat a naive datetime as UTC so dated and undated inputs compare."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _age_hours(published: datetime | None, now: datetime) -> float:
    """Return how many hours before `now` a story appeared (never negative)."""
    if published is None:
        return _UNKNOWN_AGE_HOURS
    return max(0.0, (_utc(now) - _utc(published)).total_seconds() / 3600)


def representative(cluster: Sequence[Candidate]) -> Candidate:
    """Pick the member the digest shows: highest score, then earliest, then lowest id."""
    far_future = datetime.max.replace(tzinfo=UTC)
    return min(
        cluster,
        key=lambda c: (-c.score, _utc(c.published) if c.published else far_future, c.article_id),
    )


def outlets(cluster: Sequence[Candidate]) -> tuple[str, ...]:
    """Return the distinct outlets of a cluster in order of first publication."""
    far_future = datetime.max.replace(tzinfo=UTC)
    ordered = sorted(cluster, key=lambda c: _utc(c.published) if c.published else far_future)
    seen: dict[str, str] = {}
    for member in ordered:
        seen.setdefault(member.outlet.strip().casefold(), member.outlet.strip())
    return tuple(name for name in seen.values() if name)


def story_rank(cluster: Sequence[Candidate], now: datetime) -> float:
    """Score a cluster by topic score, recency (24 h half-life) and how many outlets ran it."""
    lead = representative(cluster)
    recency = 0.5 ** (_age_hours(lead.published, now) / _HALF_LIFE_HOURS)
    # Recency only halves a story at most: an important story from yesterday still beats trivia;
    # four outlets add half again, so wide syndication lifts a story without swamping the score.
    reach = 1.0 + 0.25 * math.log2(max(1, len(outlets(cluster))))
    return float(max(lead.score, 0.0) * (0.5 + 0.5 * recency) * reach)


def best_quotes(cluster: Sequence[Candidate], limit: int = MAX_QUOTES) -> tuple[Quote, ...]:
    """Return up to `limit` attributed quotes, direct before partial, without repeats."""
    lead = representative(cluster)
    members = [lead, *(c for c in cluster if c is not lead)]
    pool: dict[tuple[str, ...], tuple[int, Quote]] = {}
    for member in members:
        for quote in member.quotes:
            if not quote.speaker or quote.kind not in ("direct", "partial"):
                continue
            key = tuple(_WORD.findall(quote.text.casefold()))
            if key and key not in pool:
                pool[key] = (len(pool), quote)

    def merit(item: tuple[int, Quote]) -> tuple[bool, bool, float, int]:
        order, quote = item
        short = len(_WORD.findall(quote.text)) < _SHORT_QUOTE_WORDS
        return (quote.kind != "direct", short, -quote.confidence, order)

    return tuple(quote for _, quote in sorted(pool.values(), key=merit)[:limit])


def _terms(cluster: Sequence[Candidate]) -> tuple[str, ...]:
    """Return the union of matched terms in order of first appearance."""
    seen: dict[str, None] = {}
    for member in cluster:
        for term in member.terms:
            seen.setdefault(term, None)
    return tuple(seen)


def to_story(cluster: Sequence[Candidate]) -> DigestStory:
    """Describe one cluster as a digest story led by its representative."""
    lead = representative(cluster)
    lead_outlet = lead.outlet.strip().casefold()
    return DigestStory(
        headline=lead.title,
        url=lead.url,
        outlet=lead.outlet,
        published=lead.published,
        topic_id=lead.topic_id,
        score=lead.score,
        why=lead.why,
        terms=_terms(cluster),
        quotes=best_quotes(cluster),
        also_in=tuple(o for o in outlets(cluster) if o.casefold() != lead_outlet),
        updated=any(c.updated for c in cluster),
    )


def rank_stories(
    clusters: Sequence[Sequence[Candidate]], *, now: datetime
) -> tuple[DigestStory, ...]:
    """Return one story per non-empty cluster, best first (see `story_rank`)."""
    scored = [(story_rank(c, now), representative(c), c) for c in clusters if c]
    scored.sort(
        key=lambda item: (-item[0], -_utc(item[1].published or now).timestamp(), item[1].article_id)
    )
    return tuple(to_story(cluster) for _, _, cluster in scored)
