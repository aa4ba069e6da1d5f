"""Reading back what the pipeline stored: matches for digests, articles for backtests."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from sqlalchemy import Engine, func, select
from sqlmodel import Session, col

from monitor.models import Hit, Quote, QuoteKind
from monitor.store.db import session_scope
from monitor.store.tables import Article, QuoteRow, TopicMatchRow


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


def count_articles(engine: Engine) -> dict[str, int]:
    """Return article counts per status."""
    with session_scope(engine) as session:
        query = select(col(Article.status), func.count()).group_by(col(Article.status))
        return dict(session.execute(query).all())


def matches_between(
    engine: Engine, topic_ids: Sequence[str], start: datetime, end: datetime
) -> list[MatchedArticle]:
    """Return topic matches recorded in [start, end), with their articles' quotes."""
    query = (
        select(TopicMatchRow, Article)
        .join(Article, col(Article.id) == col(TopicMatchRow.article_id))
        .where(col(TopicMatchRow.topic_id).in_(topic_ids))
        .where(col(TopicMatchRow.matched_at) >= start, col(TopicMatchRow.matched_at) < end)
    )
    with session_scope(engine) as session:
        pairs = list(session.execute(query).all())
        quotes = _quotes_for(session, {a.id for _, a in pairs})
        return [_matched(m, a, quotes.get(a.id or 0, ())) for m, a in pairs]


def _quotes_for(session: Session, ids: set[int | None]) -> dict[int, tuple[Quote, ...]]:
    found: dict[int, list[Quote]] = {}
    if not ids:
        return {}
    query = select(QuoteRow).where(col(QuoteRow.article_id).in_(ids))
    rows = session.scalars(query.order_by(col(QuoteRow.seq)))
    for q in rows:
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
            )
        )
    return {k: tuple(v) for k, v in found.items()}


def _matched(m: TopicMatchRow, a: Article, quotes: tuple[Quote, ...]) -> MatchedArticle:
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
        int(a.fingerprint or 0) & 0xFFFFFFFFFFFFFFFF,
        a.content_hash,
    )


def daily_match_counts(
    engine: Engine, topic_ids: Sequence[str], start: datetime, end: datetime
) -> list[tuple[str, datetime]]:
    """Return (topic, matched_at) of every match in [start, end), for volume trends."""
    query = select(col(TopicMatchRow.topic_id), col(TopicMatchRow.matched_at)).where(
        col(TopicMatchRow.topic_id).in_(topic_ids),
        col(TopicMatchRow.matched_at) >= start,
        col(TopicMatchRow.matched_at) < end,
    )
    with session_scope(engine) as session:
        return [(t, at) for t, at in session.execute(query).all()]


def iter_done_articles(
    engine: Engine, since: datetime | None, batch: int = 200
) -> Iterator[Article]:
    """Yield analysed articles (first seen since `since`) in batches, for backtests."""
    last_id = 0
    while True:
        query = select(Article).where(col(Article.status) == "done", col(Article.id) > last_id)
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
    query = select(col(TopicMatchRow.article_id)).where(col(TopicMatchRow.topic_id) == topic_id)
    with session_scope(engine) as session:
        return set(session.scalars(query))
