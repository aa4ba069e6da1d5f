"""Turn story clusters into digest stories, best first, each with its best quotes."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import UTC, datetime

from monitor.digest.cluster import Candidate
from monitor.digest.lede import choose_lede
from monitor.digest.why import plain_why
from monitor.models import DigestStory, Quote

_INFORMATIVE_WORDS = 40  # words beyond this add nothing: a quote is there to be read at a glance
_NOT_NAMES = frozenset(
    ("he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "his", "their", "one")
)
_HALF_LIFE_HOURS = 24.0
_UNTITLED_CHARS = 90
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


def named(speaker: str | None) -> bool:
    """Say whether a speaker is a name ("Lin Jian", "NATO's Rutte"), not "he" or "an official"."""
    if not speaker or speaker.strip().casefold() in _NOT_NAMES:
        return False
    first = speaker.split()[0]
    return first[:1].isupper() and first.casefold() not in ("the", "a", "an")


def informative(quote: Quote) -> float:
    """Score how much a quote tells: its words (up to a point), weighted by confidence."""
    words = len(_WORD.findall(quote.text))
    if words < _SHORT_QUOTE_WORDS:
        return -1.0
    return min(words, _INFORMATIVE_WORDS) * (0.5 + quote.confidence)


def best_quote(cluster: Sequence[Candidate]) -> Quote | None:
    """Return the most informative direct quote by a named speaker in the cluster, or None."""
    pool = [q for c in cluster for q in c.quotes if q.kind == "direct" and named(q.speaker)]
    return max(pool, key=informative) if pool else None


def _lede(cluster: Sequence[Candidate], lead: Candidate) -> str:
    """Return the lead member's lede, or the first other member's when it has none."""
    for member in (lead, *(c for c in cluster if c is not lead)):
        lede = choose_lede(member.summary, member.opening, member.title)
        if lede:
            return lede
    return ""


def _terms(cluster: Sequence[Candidate]) -> tuple[str, ...]:
    """Return the union of matched terms in order of first appearance."""
    seen: dict[str, None] = {}
    for member in cluster:
        for term in member.terms:
            seen.setdefault(term, None)
    return tuple(seen)


def to_story(cluster: Sequence[Candidate], rank: float = 0.0) -> DigestStory:
    """Describe one cluster as a digest story led by its representative."""
    lead = representative(cluster)
    lead_outlet = lead.outlet.strip().casefold()
    quote = best_quote(cluster)
    also_topics = dict.fromkeys(t for c in cluster for t in c.also_topics)
    lede = _lede(cluster, lead)
    # An entry without a title still needs a line to click: its lede's opening words.
    headline = lead.title.strip() or next((c.title for c in cluster if c.title.strip()), "")
    if not headline and lede:
        headline = lede if len(lede) <= _UNTITLED_CHARS else lede[:_UNTITLED_CHARS] + "…"
    return DigestStory(
        headline=headline,
        url=lead.url,
        outlet=lead.outlet,
        published=lead.published,
        topic_id=lead.topic_id,
        score=lead.score,
        why=plain_why(lead.why, lead.sentences, lead.headline_terms),
        terms=_terms(cluster),
        quotes=(quote,) if quote else (),
        also_in=tuple(o for o in outlets(cluster) if o.casefold() != lead_outlet),
        updated=any(c.updated for c in cluster),
        lede=lede,
        labels=lead.labels,
        also_topics=tuple(also_topics),
        article_id=lead.article_id,
        rank=rank,
    )


def rank_stories(
    clusters: Sequence[Sequence[Candidate]], *, now: datetime
) -> tuple[DigestStory, ...]:
    """Return one story per non-empty cluster, best first (see `story_rank`)."""
    scored = [(story_rank(c, now), representative(c), c) for c in clusters if c]
    scored.sort(
        key=lambda item: (-item[0], -_utc(item[1].published or now).timestamp(), item[1].article_id)
    )
    return tuple(to_story(cluster, rank) for rank, _, cluster in scored)
