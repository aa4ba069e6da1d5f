"""Compose a digest period from the store: new matches, best topic, clusters and ranks.

The result is the period's full list; `select.capped` cuts it to what one email shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import TYPE_CHECKING

from monitor.digest.cluster import Candidate, cluster_stories
from monitor.digest.rank import rank_stories, representative
from monitor.digest.select import Caps, best_topics, is_backlog, period_counts, who_said_what
from monitor.fingerprint import hamming
from monitor.models import DigestContent, DigestStory, NearMiss, Quote, TopicSection
from monitor.periods import Period
from monitor.store import deliveries as delivery_store
from monitor.store import feeds as feed_store
from monitor.store import matched as match_store
from monitor.store.matched import MatchedArticle

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from monitor.config import Config
    from monitor.settings import DigestConfig, FeedConfig

TREND_PERIODS = 14


@dataclass(frozen=True, slots=True)
class Composed:
    """A period's content and the stories it shows (article id -> content hash)."""

    content: DigestContent
    stories: dict[int, str | None]


def caps_of(config: Config) -> Caps:
    """Return the email's caps from the `digest` settings."""
    settings = config.settings.digest
    return Caps(settings.per_topic, settings.budget, settings.top, settings.near_per_topic)


def label_text(label: str) -> str:
    """Return a watch-list label as shown: 'state-media' -> 'state media'."""
    return label.replace("-", " ").replace("_", " ").strip()


def _candidate(
    m: MatchedArticle, updated: bool, feeds: dict[str, FeedConfig], also: tuple[str, ...]
) -> Candidate:
    feed = feeds.get(m.feed_url or "")
    return Candidate(
        article_id=m.article_id,
        url=m.url,
        title=m.title,
        outlet=(feed.name if feed and feed.name else m.outlet),
        published=m.published,
        fingerprint=m.fingerprint,
        topic_id=m.topic_id,
        score=m.score,
        why=m.why,
        terms=m.terms,
        quotes=m.quotes,
        updated=updated,
        summary=m.summary,
        opening=m.opening,
        labels=tuple(label_text(x) for x in feed.labels) if feed else (),
        sentences=m.sentences,
        headline_terms=m.headline_terms,
        also_topics=also,
    )


def _section(
    topic_id: str, name: str, candidates: list[Candidate], period: Period, trend: tuple[int, ...]
) -> tuple[TopicSection, list[tuple[DigestStory, Sequence[Quote]]]]:
    """Cluster and rank one topic's candidates; pair each story with its cluster's quotes."""
    clusters = cluster_stories(candidates)
    stories = rank_stories(clusters, now=period.due_at)
    quotes = {representative(c).article_id: [q for m in c for q in m.quotes] for c in clusters}
    pairs: list[tuple[DigestStory, Sequence[Quote]]] = [
        (s, quotes.get(s.article_id, [])) for s in stories
    ]
    articles = trend[-1] if trend else len(candidates)
    return TopicSection(topic_id, name, stories, trend, articles=articles), pairs


def compose(
    engine: Engine,
    config: Config,
    digest: DigestConfig,
    period: Period,
    *,
    late: bool = False,
    skip_sent: bool = True,
) -> Composed:
    """Select the period's new matches, each story once under its best topic, all of them.

    The email shows them within caps (`select.capped`); the full list shows them all.
    """
    settings = config.settings.digest
    max_age = timedelta(seconds=settings.max_age)
    found = match_store.matches_between(engine, digest.topics, period.window_start, period.due_at)
    new = [m for m in found if not is_backlog(m.published, m.first_seen, max_age)]
    sent = delivery_store.sent_story_hashes(engine, digest.id) if skip_sent else {}
    fresh = [m for m in new if m.article_id not in sent or sent[m.article_id] != m.content_hash]
    names = {t.id: t.name for t in config.watchlist.topics}
    best = best_topics(((m.article_id, m.topic_id, m.score) for m in fresh), digest.topics)
    topics_of: dict[int, list[str]] = {}
    for m in fresh:
        topics_of.setdefault(m.article_id, []).append(m.topic_id)
    trends = _trends(engine, digest, period, max_age)
    feeds = {f.url: f for f in config.watchlist.feeds}
    near = _near_misses(engine, digest, period, max_age, {m.article_id for m in new}, feeds)
    sections: list[TopicSection] = []
    quoted: list[tuple[DigestStory, Sequence[Quote]]] = []
    for topic_id in digest.topics:
        candidates = [
            _candidate(
                m,
                m.article_id in sent,
                feeds,
                tuple(names.get(t, t) for t in topics_of[m.article_id] if t != topic_id),
            )
            for m in fresh
            if m.topic_id == topic_id and best[m.article_id] == topic_id
        ]
        name = names.get(topic_id, topic_id)
        trend = trends.get(topic_id, (0,) * TREND_PERIODS)
        section, pairs = _section(topic_id, name, candidates, period, trend)
        sections.append(replace(section, near=near.get(topic_id, ())))
        quoted += pairs
    content = DigestContent(
        digest_id=digest.id,
        title=digest.title,
        timezone=digest.timezone,
        period_start=period.window_start,
        period_end=period.due_at,
        sections=tuple(sections),
        # Every failing feed: the brief names those failing for over a day, counts the rest.
        failing_feeds=tuple(feed_store.failing_feeds(engine, period.due_at)),
        late=late,
        empty_note=digest.empty_note,
        feeds_total=feed_store.count_enabled_feeds(engine),
        speakers=who_said_what(quoted, settings.speakers),
    )
    return Composed(content, {m.article_id: m.content_hash for m in fresh})


def _near_misses(
    engine: Engine,
    digest: DigestConfig,
    period: Period,
    max_age: timedelta,
    shown: set[int],
    feeds: dict[str, FeedConfig],
) -> dict[str, tuple[NearMiss, ...]]:
    """Return each topic's near misses of the period, best first; none already a match.

    An article near several topics is listed once, under the one it came closest to.
    """
    found = match_store.matches_between(
        engine, digest.topics, period.window_start, period.due_at, tier="near"
    )
    near = [
        m
        for m in found
        if m.article_id not in shown and not is_backlog(m.published, m.first_seen, max_age)
    ]
    best = best_topics(((m.article_id, m.topic_id, m.score) for m in near), digest.topics)
    by_topic: dict[str, list[MatchedArticle]] = {}
    for m in near:
        if best[m.article_id] == m.topic_id:
            by_topic.setdefault(m.topic_id, []).append(m)
    result: dict[str, tuple[NearMiss, ...]] = {}
    for topic_id, items in by_topic.items():
        items.sort(key=lambda m: (-m.score, -(m.published or period.due_at).timestamp()))
        result[topic_id] = tuple(_near_item(m, feeds) for m in _distinct(items))
    return result


def _distinct(items: Sequence[MatchedArticle]) -> list[MatchedArticle]:
    """Keep one of each story: a syndicated copy (same text or headline) is listed once."""
    kept: list[MatchedArticle] = []
    for m in items:
        headline = m.title.casefold()[:60]
        if not any(
            headline == k.title.casefold()[:60]
            or (m.fingerprint and k.fingerprint and hamming(m.fingerprint, k.fingerprint) <= 3)
            for k in kept
        ):
            kept.append(m)
    return kept


def _near_item(m: MatchedArticle, feeds: dict[str, FeedConfig]) -> NearMiss:
    feed = feeds.get(m.feed_url or "")
    outlet = feed.name if feed and feed.name else m.outlet
    sentence = m.evidence[0] if m.evidence else ""
    headline = m.title or " ".join(sentence.split()[:12])  # an untitled entry: its first words
    return NearMiss(headline, m.url, outlet, m.published, sentence, m.article_id)


def _trends(
    engine: Engine, digest: DigestConfig, period: Period, max_age: timedelta
) -> dict[str, tuple[int, ...]]:
    """Count new (non-backlog) matches per topic per period over the last TREND_PERIODS."""
    length = min(period.due_at - period.window_start, timedelta(days=7))
    start = period.window_start - length * (TREND_PERIODS - 1)
    times = match_store.match_times(engine, digest.topics, start, period.due_at)
    kept = [
        (t.topic_id, t.matched_at)
        for t in times
        if not is_backlog(t.published, t.first_seen, max_age)
    ]
    return period_counts(kept, period.window_start, period.due_at, TREND_PERIODS)
