"""Article rows: add feed entries idempotently, claim pending ones, save each analysis."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, Table, delete, func, insert, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col

from monitor.faults import crash_point
from monitor.models import ArticleAnalysis, Hit, Quote
from monitor.store.db import retrying, session_scope
from monitor.store.tables import Article, QuoteRow, TopicMatchRow


@dataclass(frozen=True, slots=True)
class NewEntry:
    """A feed entry to remember, keyed by its canonical URL."""

    url: str
    title: str
    guid: str | None
    summary: str
    published: datetime | None
    author: str | None
    entry_hash: str


@dataclass(frozen=True, slots=True)
class PendingArticle:
    """An article whose page still has to be fetched and analysed."""

    id: int
    url: str
    title: str
    summary: str
    published: datetime | None
    author: str | None
    outlet: str | None
    attempts: int


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


def _insert_ignore(engine: Engine) -> Any:
    return pg_insert if engine.dialect.name == "postgresql" else sqlite_insert


@retrying
def add_entries(
    engine: Engine, feed_id: int, outlet: str | None, entries: Sequence[NewEntry], now: datetime
) -> tuple[int, int]:
    """Store unseen entries as pending and re-queue edited ones; return (new, edited)."""
    if not entries:
        return 0, 0
    # One URL order for every writer: concurrent inserts of overlapping URL sets then wait on
    # each other in the same order instead of deadlocking.
    entries = sorted(entries, key=lambda e: e.url)
    rows = [
        dict(
            url=e.url,
            feed_id=feed_id,
            guid=e.guid,
            title=e.title,
            summary=e.summary,
            published=e.published,
            author=e.author,
            outlet=outlet,
            entry_hash=e.entry_hash,
            first_seen_at=now,
            status="pending",
            attempts=0,
            from_summary=False,
        )
        for e in entries
    ]
    insert = _insert_ignore(engine)
    with session_scope(engine) as session:
        before = {
            u: h
            for u, h in session.execute(
                select(col(Article.url), col(Article.entry_hash)).where(
                    col(Article.url).in_([e.url for e in entries])
                )
            )
        }
        # ON CONFLICT DO NOTHING: two feeds (or two instances) offering one URL store it once;
        # RETURNING counts only the rows this call really inserted.
        stmt = insert(Article).values(rows).on_conflict_do_nothing(index_elements=["url"])
        added = len(session.execute(stmt.returning(col(Article.url))).all())
        edited = [e for e in entries if e.url in before and before[e.url] != e.entry_hash]
        for entry in edited:
            article = session.scalars(select(Article).where(col(Article.url) == entry.url)).one()
            article.entry_hash, article.title = entry.entry_hash, entry.title
            article.summary = entry.summary
            article.status, article.attempts = "pending", 0
        return added, len(edited)


@retrying
def claim_pending(
    engine: Engine,
    owner: str,
    now: datetime,
    *,
    lease: float,
    limit: int,
    feed_id: int | None = None,
) -> list[PendingArticle]:
    """Lease pending articles (including ones a crashed worker left behind)."""
    free = or_(col(Article.lease_until).is_(None), col(Article.lease_until) < now)
    query = select(Article).where(col(Article.status) == "pending", free)
    if feed_id is not None:
        query = query.where(col(Article.feed_id) == feed_id)
    query = query.order_by(col(Article.id)).limit(limit).with_for_update(skip_locked=True)
    with session_scope(engine) as session:
        rows = list(session.scalars(query))
        for row in rows:
            row.lease_owner, row.lease_until = owner, now + timedelta(seconds=lease)
            row.attempts += 1
        return [
            PendingArticle(
                r.id or 0,
                r.url,
                r.title,
                r.summary or "",
                r.published,
                r.author,
                r.outlet,
                r.attempts,
            )
            for r in rows
        ]


# The article Table (SQLModel does not declare __table__ for type checkers): save_analysis
# updates it with Core, since an ORM-enabled UPDATE re-coerces every value on every call.
_ARTICLE: Table = Article.__table__  # type: ignore[attr-defined]


@retrying
def save_analysis(
    engine: Engine,
    article_id: int,
    owner: str,
    analysis: ArticleAnalysis,
    *,
    content_hash: str,
    fingerprint: int,
    now: datetime,
    error: str | None = None,
) -> bool:
    """Store text, matches and quotes in one transaction, if the lease is still ours."""
    art = analysis.article
    # Core statements, not ORM loads and flushes: this runs once per article on the hot path.
    table = _ARTICLE
    claimed = (table.c.id == article_id) & (table.c.lease_owner == owner)
    values = {
        "title": art.title,
        "text": art.text,
        "language": art.language,
        "author": func.coalesce(art.author, table.c.author),
        "published": func.coalesce(table.c.published, art.published),
        "from_summary": art.from_summary,
        "content_hash": content_hash,
        "fingerprint": fingerprint,
        "status": "done",
        "processed_at": now,
        "last_error": error,
        "lease_owner": None,
        "lease_until": None,
    }
    with engine.begin() as conn:
        if not conn.execute(update(table).where(claimed).values(**values)).rowcount:
            return False  # our lease expired and someone else has the article now
        _replace_children(conn, article_id, analysis, now)
        crash_point("store")  # the whole analysis is in this one uncommitted transaction
        return True


@retrying
def release_article_leases(engine: Engine, owner: str) -> int:
    """Give back pending articles `owner` claimed but has not saved (clean shutdown)."""
    stmt = (
        update(Article)
        .where(col(Article.lease_owner) == owner, col(Article.status) == "pending")
        .values(lease_owner=None, lease_until=None)
    )
    with session_scope(engine) as session:
        return int(session.execute(stmt).rowcount or 0)  # type: ignore[attr-defined]


def _replace_children(
    conn: Connection, article_id: int, analysis: ArticleAnalysis, now: datetime
) -> None:
    # Delete-then-insert inside the same transaction: a re-run after an edit replaces the
    # evidence wholesale and a crash leaves the previous version intact.
    conn.execute(delete(TopicMatchRow).where(col(TopicMatchRow.article_id) == article_id))
    conn.execute(delete(QuoteRow).where(col(QuoteRow.article_id) == article_id))
    matches = [
        {
            "article_id": article_id,
            "topic_id": m.topic_id,
            "score": m.score,
            "why": m.why,
            "hits_json": json.dumps(
                [{"term": h.term, "field": h.field, "start": h.start, "end": h.end} for h in m.hits]
            ),
            "evidence_json": json.dumps(list(m.evidence)),
            "matched_at": now,
        }
        for m in analysis.matches
        if m.matched
    ]
    if matches:
        conn.execute(insert(TopicMatchRow), matches)
    quotes = [
        {
            "article_id": article_id,
            "seq": seq,
            "text": q.text,
            "start": q.start,
            "end": q.end,
            "kind": q.kind,
            "speaker": q.speaker,
            "speaker_text": q.speaker_text,
            "cue": q.cue,
            "confidence": q.confidence,
        }
        for seq, q in enumerate(analysis.quotes)
    ]
    if quotes:
        conn.execute(insert(QuoteRow), quotes)


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


def _quotes_for(session: Any, ids: set[int | None]) -> dict[int, tuple[Quote, ...]]:
    found: dict[int, list[Quote]] = {}
    if not ids:
        return {}
    query = select(QuoteRow).where(col(QuoteRow.article_id).in_(ids))
    rows = session.scalars(query.order_by(col(QuoteRow.seq)))
    for q in rows:
        found.setdefault(q.article_id, []).append(
            Quote(q.text, q.start, q.end, q.kind, q.speaker, q.speaker_text, q.cue, q.confidence)
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
