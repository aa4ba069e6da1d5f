"""Article rows: add feed entries idempotently, claim pending ones, save each analysis."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Table,
    bindparam,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import col

from monitor.models import ArticleAnalysis, Quote, TopicMatch
from monitor.quotes.persons import person_key
from monitor.states import ArticleStatus
from monitor.store.db import retrying, session_scope
from monitor.store.origins import link_origins
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


@retrying
def add_entries(
    engine: Engine, feed_id: int, outlet: str | None, entries: Sequence[NewEntry], now: datetime
) -> tuple[int, int]:
    """Store unseen entries as pending and re-queue edited ones; return (new, edited)."""
    if not entries:
        return 0, 0
    with session_scope(engine) as session:
        urls = [e.url for e in entries]
        before = {
            u: h
            for u, h in session.execute(
                select(col(Article.url), col(Article.entry_hash)).where(col(Article.url).in_(urls))
            )
        }
        # A URL that a stored page declared as its canonical address is that article already
        # (unless it is stored under that URL itself: then its edits must still be seen).
        known = set(
            session.scalars(select(col(Article.canonical)).where(col(Article.canonical).in_(urls)))
        ) - set(before)
        # One URL order for every writer: concurrent inserts of overlapping URL sets then wait on
        # each other in the same order instead of deadlocking.
        entries = sorted((e for e in entries if e.url not in known), key=lambda e: e.url)
        if not entries:
            return 0, 0
        rows = [_entry_row(e, feed_id, outlet, now) for e in entries]
        added = len(session.execute(_INSERT_ENTRY[engine.dialect.name], rows).all())
        edited = [e for e in entries if e.url in before and before[e.url] != e.entry_hash]
        for entry in edited:
            article = session.scalars(select(Article).where(col(Article.url) == entry.url)).one()
            article.entry_hash, article.title = entry.entry_hash, entry.title
            article.summary = entry.summary
            article.status, article.attempts = ArticleStatus.PENDING, 0
        return added, len(edited)


def _entry_row(e: NewEntry, feed_id: int, outlet: str | None, now: datetime) -> dict[str, Any]:
    return dict(
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
        status=ArticleStatus.PENDING,
        attempts=0,
        from_summary=False,
    )


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
    # Core statements, not ORM objects: loading whole Article rows to bump three columns
    # cost more than the two statements. FOR UPDATE SKIP LOCKED (PostgreSQL): instances
    # claiming at once take different rows; SQLite has one writer and ignores it.
    a = _ARTICLE.c
    free = or_(a.lease_until.is_(None), a.lease_until < now)
    query = select(*_PENDING_COLUMNS).where(a.status == ArticleStatus.PENDING, free)
    if feed_id is not None:
        query = query.where(a.feed_id == feed_id)
    query = query.order_by(a.id).limit(limit).with_for_update(skip_locked=True)
    with session_scope(engine) as session:
        rows = session.execute(query).all()
        if rows:
            lease_until = now + timedelta(seconds=lease)
            session.execute(
                update(_ARTICLE)
                .where(a.id.in_([r.id for r in rows]))
                .values(lease_owner=owner, lease_until=lease_until, attempts=a.attempts + 1)
            )
        return [
            PendingArticle(
                r.id,
                r.url,
                r.title,
                r.summary or "",
                r.published,
                r.author,
                r.outlet,
                r.attempts + 1,
            )  # fmt: skip
            for r in rows
        ]


@dataclass(frozen=True, slots=True)
class AnalysisRecord:
    """One article's analysis, ready to store under the lease that claimed it."""

    article_id: int
    analysis: ArticleAnalysis
    content_hash: str
    fingerprint: int
    now: datetime
    error: str | None = None
    canonical: str | None = None  # the same-site canonical URL the page declared, if another


# Core statements built once with bind parameters: this is the hot path (one row per article),
# and building and coercing an UPDATE per article cost more than the SQL itself. The b_ names
# keep the parameters apart from the column names SQLAlchemy reserves for the SET clause.
_ARTICLE: Table = Article.__table__  # type: ignore[attr-defined]
# New entries: executed with the list of rows, so SQLAlchemy compiles the statement once and
# sends the rows as multi-row VALUES; .values(rows) coerced every value of every row per call.
# ON CONFLICT DO NOTHING: two feeds (or two instances) offering one URL store it once;
# RETURNING counts only the rows this call really inserted. [SQLite, PostgreSQL]
_PENDING_COLUMNS = tuple(
    _ARTICLE.c[name]
    for name in ("id", "url", "title", "summary", "published", "author", "outlet", "attempts")
)
_INSERT_ENTRY = {
    name: dialect_insert(_ARTICLE)
    .on_conflict_do_nothing(index_elements=["url"])
    .returning(_ARTICLE.c.url)
    for name, dialect_insert in (("sqlite", sqlite_insert), ("postgresql", pg_insert))
}
_MATCH: Table = TopicMatchRow.__table__  # type: ignore[attr-defined]
_QUOTE: Table = QuoteRow.__table__  # type: ignore[attr-defined]
_SAVE = (
    update(_ARTICLE)
    .where(_ARTICLE.c.id == bindparam("b_id"))
    .values(
        title=bindparam("b_title"),
        text=bindparam("b_text"),
        language=bindparam("b_language"),
        author=func.coalesce(bindparam("b_author"), _ARTICLE.c.author),
        published=func.coalesce(_ARTICLE.c.published, bindparam("b_published")),
        from_summary=bindparam("b_from_summary"),
        content_hash=bindparam("b_content_hash"),
        fingerprint=bindparam("b_fingerprint"),
        status=bindparam("b_status"),
        canonical=bindparam("b_canonical"),
        duplicate_of=bindparam("b_duplicate_of"),
        processed_at=bindparam("b_now"),
        last_error=bindparam("b_error"),
        lease_owner=None,
        lease_until=None,
    )
)


@retrying
def save_analyses(
    engine: Engine,
    owner: str,
    items: Sequence[AnalysisRecord],
    *,
    before_commit: Callable[[], None] | None = None,
) -> dict[int, int | None]:
    """Store text, matches and quotes of many articles in one transaction.

    Return {article id: id of the article it duplicates, or None} for the articles written.
    Only articles whose lease `owner` still holds are written: one whose lease expired belongs
    to whoever claimed it since, and their result is the newer one. `before_commit` runs with
    the whole batch written and not yet committed (the crash suite kills the service there).
    """
    if not items:
        return {}
    ids = sorted({i.article_id for i in items})  # one lock order for every writer
    ours_query = (
        select(_ARTICLE.c.id)
        .where(_ARTICLE.c.id.in_(ids), _ARTICLE.c.lease_owner == owner)
        .with_for_update()
    )
    with engine.begin() as conn:
        ours = set(conn.scalars(ours_query))
        mine = [i for i in items if i.article_id in ours]
        copies = _duplicates(conn, mine)
        if mine:
            conn.execute(_SAVE, [_article_values(i, copies.get(i.article_id)) for i in mine])
            _replace_children(conn, mine, copies)
        if before_commit is not None:
            before_commit()
    return {i.article_id: copies.get(i.article_id) for i in mine}


def _duplicates(conn: Connection, items: Sequence[AnalysisRecord]) -> dict[int, int]:
    """Map each article whose page declares another stored article's URL to that article.

    Two instances saving copies of one story at the same moment may both miss the other; the
    digest's near-duplicate clustering still shows such a pair as one story.
    """
    declared = {i.article_id: i.canonical for i in items if i.canonical}
    if not declared:
        return {}
    urls = set(declared.values())
    stored = conn.execute(
        select(_ARTICLE.c.id, _ARTICLE.c.url, _ARTICLE.c.canonical).where(
            or_(_ARTICLE.c.url.in_(urls), _ARTICLE.c.canonical.in_(urls)),
            _ARTICLE.c.status != ArticleStatus.DUPLICATE,
        )
    )
    owner_of: dict[str, int] = {}
    for row_id, url, canonical in stored:
        for key in (url, canonical):
            if key in urls and row_id not in declared:
                owner_of.setdefault(key, row_id)
    copies = {}
    for article_id in sorted(declared):  # the first of a batch to claim a URL keeps it
        url = declared[article_id]
        original = owner_of.setdefault(url, article_id)
        if original != article_id:
            copies[article_id] = original
    return copies


def _article_values(item: AnalysisRecord, duplicate_of: int | None) -> dict[str, Any]:
    art = item.analysis.article
    return {
        "b_id": item.article_id,
        "b_title": art.title,
        "b_text": art.text,
        "b_language": art.language,
        "b_author": art.author,
        "b_published": art.published,
        "b_from_summary": art.from_summary,
        "b_content_hash": item.content_hash,
        "b_fingerprint": item.fingerprint,
        "b_status": ArticleStatus.DONE if duplicate_of is None else ArticleStatus.DUPLICATE,
        "b_canonical": item.canonical,
        "b_duplicate_of": duplicate_of,
        "b_now": item.now,
        "b_error": item.error,
    }


@retrying
def release_article_leases(engine: Engine, owner: str) -> int:
    """Give back pending articles `owner` claimed but has not saved (clean shutdown)."""
    stmt = (
        update(Article)
        .where(col(Article.lease_owner) == owner, col(Article.status) == ArticleStatus.PENDING)
        .values(lease_owner=None, lease_until=None)
    )
    with session_scope(engine) as session:
        return int(session.execute(stmt).rowcount or 0)  # type: ignore[attr-defined]


def _replace_children(
    conn: Connection, items: Sequence[AnalysisRecord], copies: Mapping[int, int]
) -> None:
    # Delete-then-insert inside the same transaction: a re-run after an edit replaces the
    # evidence wholesale and a crash leaves the previous version intact.
    ids = [i.article_id for i in items]
    conn.execute(delete(_MATCH).where(_MATCH.c.article_id.in_(ids)))
    conn.execute(delete(_QUOTE).where(_QUOTE.c.article_id.in_(ids)))
    items = [i for i in items if i.article_id not in copies]  # a copy's story is the original's
    # Matches and near misses are kept; a plain non-match (explain's extra rows) is not.
    matches = [_match_row(i, m) for i in items for m in i.analysis.matches if m.tier]
    if matches:
        conn.execute(insert(_MATCH), matches)
    pairs = [(i.article_id, q) for i in items for q in i.analysis.quotes]
    origins = link_origins(conn, pairs, items[0].now) if pairs else []
    seqs = [seq for i in items for seq in range(len(i.analysis.quotes))]
    quotes = [
        _quote_row(a, seq, q, origin)
        for (a, q), seq, origin in zip(pairs, seqs, origins, strict=True)
    ]
    if quotes:
        conn.execute(insert(_QUOTE), quotes)


def _match_row(item: AnalysisRecord, m: TopicMatch) -> dict[str, Any]:
    hits = [{"term": h.term, "field": h.field, "start": h.start, "end": h.end} for h in m.hits]
    return {
        "article_id": item.article_id,
        "topic_id": m.topic_id,
        "tier": m.tier,
        "score": m.score,
        "why": m.why,
        "hits_json": json.dumps(hits),
        "evidence_json": json.dumps(list(m.evidence)),
        "matched_at": item.now,
    }


def _quote_row(article_id: int, seq: int, q: Quote, origin_id: int | None) -> dict[str, Any]:
    return {
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
        "person": q.person,
        "person_key": person_key(q.person),
        "role": q.role,
        "speaker_kind": q.speaker_kind,
        "origin_id": origin_id,
    }


def store_analysed(
    engine: Engine, analysed: AnalysisRecord, *, outlet: str | None = None
) -> tuple[int, bool]:
    """Store an article analysed outside the feeds (bulk labels); return (id, newly stored).

    It goes through the pipeline's own save path: a pending row leased to "import", then the
    batched save, so imported articles are stored exactly as polled ones are.
    """
    art = analysed.analysis.article
    owner = "import"
    with session_scope(engine) as session:
        existing = session.scalars(select(Article).where(col(Article.url) == art.url)).first()
        if existing is not None and existing.status != ArticleStatus.PENDING:
            return existing.id or 0, False
        if existing is None:
            existing = Article(url=art.url, title=art.title, outlet=outlet, summary="")
            existing.first_seen_at = analysed.now
            session.add(existing)
        existing.lease_owner = owner
        session.flush()
        article_id = existing.id or 0
    save_analyses(engine, owner, [replace(analysed, article_id=article_id)])
    return article_id, True
