"""Analysts' verdicts (relevant / not relevant per article and topic) and used feedback links."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import Engine, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import col

from monitor.store.db import retrying, session_scope
from monitor.store.tables import Article, TopicMatchRow, UsedLink, VerdictRow

Verdict = Literal["relevant", "not_relevant"]
Recorded = Literal["recorded", "replayed", "unknown_article"]
VERDICTS: tuple[Verdict, ...] = ("relevant", "not_relevant")


@dataclass(frozen=True, slots=True)
class StoredVerdict:
    """The verdict that counts for one article and topic (the latest of any recipient)."""

    article_id: int
    topic_id: str
    verdict: Verdict
    decided_at: datetime | None


@dataclass(frozen=True, slots=True)
class JudgedArticle:
    """A judged article's text, for re-running rules against the analyst's verdicts."""

    article_id: int
    url: str
    title: str
    text: str
    verdict: Verdict


@retrying
def record_verdict(
    engine: Engine,
    *,
    recipient: str,
    article_id: int,
    topic_id: str,
    verdict: Verdict,
    source: str,
    now: datetime,
    link_hash: str | None = None,
) -> Recorded:
    """Record a verdict once per (recipient, article, topic), the latest winning.

    With `link_hash` (a feedback link's hash) the link is used up in the same transaction: a
    link already used changes nothing and answers "replayed".
    """
    with session_scope(engine) as session:
        if session.get(Article, article_id) is None:
            return "unknown_article"
        if link_hash is not None:
            if session.get(UsedLink, link_hash) is not None:
                return "replayed"
            session.add(UsedLink(token_hash=link_hash, used_at=now))
        values = {
            "recipient": recipient,
            "article_id": article_id,
            "topic_id": topic_id,
            "verdict": verdict,
            "source": source,
            "decided_at": now,
        }
        table = VerdictRow.__table__  # type: ignore[attr-defined]
        dialect = engine.dialect.name
        insert = pg_insert(table) if dialect == "postgresql" else sqlite_insert(table)
        stmt = insert.values(**values).on_conflict_do_update(
            index_elements=["recipient", "article_id", "topic_id"],
            set_={"verdict": verdict, "source": source, "decided_at": now},
        )
        try:
            session.execute(stmt)
            session.flush()
        except IntegrityError:
            # Two instances used the same link at once: the other one recorded it.
            session.rollback()
            return "replayed"
    return "recorded"


def link_used(engine: Engine, link_hash: str) -> bool:
    """Say whether a feedback link has been used already."""
    with session_scope(engine) as session:
        return session.get(UsedLink, link_hash) is not None


def verdicts_for(engine: Engine, topic_id: str) -> dict[int, StoredVerdict]:
    """Return {article id: the latest verdict of any recipient} for one topic."""
    query = (
        select(VerdictRow)
        .where(col(VerdictRow.topic_id) == topic_id)
        .order_by(col(VerdictRow.decided_at), col(VerdictRow.id))
    )
    found: dict[int, StoredVerdict] = {}
    with session_scope(engine) as session:
        for row in session.scalars(query):
            verdict: Verdict = "relevant" if row.verdict == "relevant" else "not_relevant"
            found[row.article_id] = StoredVerdict(
                row.article_id, row.topic_id, verdict, row.decided_at
            )
    return found


def judged_articles(engine: Engine, topic_id: str) -> list[JudgedArticle]:
    """Return every article with a verdict for the topic, its text and the verdict that counts."""
    latest = verdicts_for(engine, topic_id)
    if not latest:
        return []
    query = select(Article).where(col(Article.id).in_(sorted(latest)))
    with session_scope(engine) as session:
        rows = list(session.scalars(query.order_by(col(Article.id))))
    return [
        JudgedArticle(a.id or 0, a.url, a.title, a.text or "", latest[a.id or 0].verdict)
        for a in rows
    ]


def find_article(engine: Engine, ident: str) -> int | None:
    """Return the id of the stored article with this id or URL, if any."""
    with session_scope(engine) as session:
        if ident.isdigit():
            found = session.get(Article, int(ident))
            return found.id if found is not None else None
        query = select(col(Article.id)).where(
            (col(Article.url) == ident) | (col(Article.canonical) == ident)
        )
        return session.scalars(query.limit(1)).first()


def stored_tier(engine: Engine, article_id: int, topic_id: str) -> str | None:
    """Return "match", "near" or None: how the article is stored for the topic."""
    query = select(col(TopicMatchRow.tier)).where(
        col(TopicMatchRow.article_id) == article_id, col(TopicMatchRow.topic_id) == topic_id
    )
    with session_scope(engine) as session:
        return session.scalars(query).first()


def article_titles(engine: Engine, ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    """Return {id: (title, url)} for confirmation pages and command output."""
    if not ids:
        return {}
    query = select(col(Article.id), col(Article.title), col(Article.url)).where(
        col(Article.id).in_(list(ids))
    )
    with session_scope(engine) as session:
        return {i: (t, u) for i, t, u in session.execute(query).all()}
