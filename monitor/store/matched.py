"""Reading back what the pipeline stored: matches for digests, articles for backtests."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from sqlalchemy import Engine, func, select
from sqlmodel import Session, col

from monitor.fingerprint import from_signed
from monitor.models import Hit, Quote, QuoteKind, SpeakerKind
from monitor.states import ArticleStatus
from monitor.store.db import session_scope
from monitor.store.tables import Article, Feed, QuoteOrigin, QuoteRow, TopicMatchRow

OPENING_CHARS = 1500  # enough for a dateline, a byline and two sentences


@dataclass(frozen=True, slots=True)
class MatchedArticle:
    """An article that matched a topic, with its quotes, for building a digest."""

    article_id: int
    url: str
    title: str
    outlet: str
    published: datetime | None
    topic_id: str
    score: float
    why: str
    terms: tuple[str, ...]
    quotes: tuple[Quote, ...]
    fingerprint: int
    content_hash: str | None
    first_seen: datetime | None = None  # when the entry was first stored (its first poll)
    feed_url: str | None = None  # the watch-list feed it came from (for outlet labels)
    summary: str = ""  # the feed's summary
    opening: str = ""  # the first characters of the article text, for the lede
    sentences: int = 0  # sentences that held the rule's co-occurrence (its evidence)
    headline_terms: tuple[str, ...] = ()  # matched words in the headline
    tier: str = "match"  # or "near": a near miss, listed under "Also mentioned"
    evidence: tuple[str, ...] = ()  # the sentences that joined the actors


def count_articles(engine: Engine) -> dict[str, int]:
    """Return article counts per status."""
    with session_scope(engine) as session:
        query = select(col(Article.status), func.count()).group_by(col(Article.status))
        return dict(session.execute(query).all())


def matches_between(
    engine: Engine,
    topic_ids: Sequence[str],
    start: datetime,
    end: datetime,
    *,
    tier: str = "match",
) -> list[MatchedArticle]:
    """Return topic matches (or, with tier="near", near misses) recorded in [start, end)."""
    query = (
        select(TopicMatchRow, Article, col(Feed.url))
        .join(Article, col(Article.id) == col(TopicMatchRow.article_id))
        .outerjoin(Feed, col(Feed.id) == col(Article.feed_id))
        .where(col(TopicMatchRow.topic_id).in_(topic_ids), col(TopicMatchRow.tier) == tier)
        .where(col(TopicMatchRow.matched_at) >= start, col(TopicMatchRow.matched_at) < end)
    )
    with session_scope(engine) as session:
        rows = list(session.execute(query).all())
        quotes = _quotes_for(session, {a.id for _, a, _ in rows})
        return [_matched(m, a, quotes.get(a.id or 0, ()), url) for m, a, url in rows]


def _quotes_for(session: Session, ids: set[int | None]) -> dict[int, tuple[Quote, ...]]:
    found: dict[int, list[Quote]] = {}
    if not ids:
        return {}
    query = (
        select(QuoteRow, QuoteOrigin)
        .outerjoin(QuoteOrigin, col(QuoteOrigin.id) == col(QuoteRow.origin_id))
        .where(col(QuoteRow.article_id).in_(ids))
    )
    for q, origin in session.execute(query.order_by(col(QuoteRow.seq))):
        found.setdefault(q.article_id, []).append(
            Quote(
                q.text,
                q.start,
                q.end,
                cast(QuoteKind, q.kind),
                q.speaker,
                q.speaker_text,
                q.cue,
                q.confidence,
                q.person,
                q.role,
                cast(SpeakerKind | None, q.speaker_kind),
                origin.first_outlet if origin else None,
                origin.first_seen_at if origin else None,
                origin.outlet_count if origin else 0,
            )
        )
    return {k: tuple(v) for k, v in found.items()}


def _matched(
    m: TopicMatchRow, a: Article, quotes: tuple[Quote, ...], feed_url: str | None
) -> MatchedArticle:
    hits = [Hit(**h) for h in json.loads(m.hits_json)]
    terms = tuple(dict.fromkeys(h.term for h in hits))
    return MatchedArticle(
        a.id or 0,
        a.url,
        a.title,
        a.outlet or "",
        a.published,
        m.topic_id,
        m.score,
        m.why,
        terms,
        quotes,
        from_signed(a.fingerprint),
        a.content_hash,
        a.first_seen_at,
        feed_url,
        a.summary or "",
        (a.text or "")[:OPENING_CHARS],
        len(json.loads(m.evidence_json or "[]")),
        tuple(dict.fromkeys(h.term for h in hits if h.field == "title")),
        m.tier,
        tuple(json.loads(m.evidence_json)),
    )


@dataclass(frozen=True, slots=True)
class MatchTime:
    """When a topic match was recorded, and its article's dates (for trends and the backlog)."""

    topic_id: str
    matched_at: datetime
    published: datetime | None
    first_seen: datetime | None


def match_times(
    engine: Engine, topic_ids: Sequence[str], start: datetime, end: datetime
) -> list[MatchTime]:
    """Return every match recorded in [start, end) with its article's dates, for volume trends."""
    query = (
        select(
            col(TopicMatchRow.topic_id),
            col(TopicMatchRow.matched_at),
            col(Article.published),
            col(Article.first_seen_at),
        )
        .join(Article, col(Article.id) == col(TopicMatchRow.article_id))
        .where(
            col(TopicMatchRow.topic_id).in_(topic_ids),
            col(TopicMatchRow.tier) == "match",
            col(TopicMatchRow.matched_at) >= start,
            col(TopicMatchRow.matched_at) < end,
        )
    )
    with session_scope(engine) as session:
        return [MatchTime(*row) for row in session.execute(query).all()]


def iter_done_articles(
    engine: Engine, since: datetime | None, batch: int = 200
) -> Iterator[Article]:
    """Yield analysed articles (first seen since `since`) in batches, for backtests."""
    last_id = 0
    while True:
        query = select(Article).where(
            col(Article.status) == ArticleStatus.DONE, col(Article.id) > last_id
        )
        if since is not None:
            query = query.where(col(Article.first_seen_at) >= since)
        with session_scope(engine) as session:
            rows = list(session.scalars(query.order_by(col(Article.id)).limit(batch)))
        if not rows:
            return
        yield from rows
        last_id = rows[-1].id or last_id


def matched_topic_ids(engine: Engine, topic_id: str) -> set[int]:
    """Return the ids of articles currently stored as matching a topic."""
    query = select(col(TopicMatchRow.article_id)).where(
        col(TopicMatchRow.topic_id) == topic_id, col(TopicMatchRow.tier) == "match"
    )
    with session_scope(engine) as session:
        return set(session.scalars(query))
