"""Read what people said: one person's quotes oldest first, and who said what in a period."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, and_, exists, func, or_, select
from sqlmodel import col

from monitor.quotes.persons import person_key
from monitor.store.db import session_scope
from monitor.store.tables import Article, QuoteOrigin, QuoteRow, TopicMatchRow


@dataclass(frozen=True, slots=True)
class SaidQuote:
    """One stored quotation with its speaker, its article and where it was first carried."""

    person: str | None
    role: str | None
    speaker: str | None
    text: str
    kind: str
    confidence: float
    article_id: int
    url: str
    title: str
    outlet: str | None
    published: datetime | None
    first_outlet: str | None  # None for quotations too short to trace
    first_url: str | None
    first_seen_at: datetime | None
    outlet_count: int


@dataclass(frozen=True, slots=True)
class PersonSaid:
    """Everything one person said in a period, and the quotation that says most."""

    person: str
    role: str | None
    best: SaidQuote
    quotes: int
    articles: int


def quotes_by_person(
    engine: Engine, name: str, since: datetime, topic_id: str | None = None
) -> list[SaidQuote]:
    """Return what the person called `name` said since `since`, oldest first.

    A full name matches its spellings and orders (Zelensky, Zelenskyy); a single word matches
    every stored person with that name in it.
    """
    key = person_key(name)
    if not key:
        return []
    if " " in key:
        who = col(QuoteRow.person_key) == key
    else:
        k = col(QuoteRow.person_key)
        who = or_(k == key, k.like(f"{key} %"), k.like(f"% {key}"), k.like(f"% {key} %"))
    return _said(engine, [who], since, None, topic_id)


def who_said_what(
    engine: Engine, start: datetime, end: datetime, topic_id: str | None = None
) -> list[PersonSaid]:
    """Return one entry per person quoted in [start, end), most quoted first."""
    rows = _said(engine, [col(QuoteRow.person_key).is_not(None)], start, end, topic_id)
    by_key: dict[str, list[SaidQuote]] = {}
    for row in rows:
        by_key.setdefault(person_key(row.person) or "", []).append(row)
    out = []
    for said in by_key.values():
        best = max(said, key=informative)
        out.append(
            PersonSaid(
                best.person or "", _role(said), best, len(said), len({s.article_id for s in said})
            )
        )
    return sorted(out, key=lambda p: (-p.quotes, p.person))


def informative(q: SaidQuote) -> float:
    """Score how much a quotation tells: whole statements of some length, widely carried."""
    words = len(q.text.split())
    return (
        2.0 * (q.kind == "direct")
        + min(words, 40) / 40
        - (words > 80) * 0.5
        + 0.5 * math.log1p(q.outlet_count)
        + q.confidence
    )


def _role(said: list[SaidQuote]) -> str | None:
    """Return the role the person is given most often."""
    roles = [s.role for s in said if s.role]
    return max(set(roles), key=roles.count) if roles else None


def _said(
    engine: Engine, where: list[Any], start: datetime, end: datetime | None, topic_id: str | None
) -> list[SaidQuote]:
    """Return quotes matching `where` in articles published (or seen) in [start, end)."""
    when = func.coalesce(col(Article.published), col(Article.first_seen_at))
    query = (
        select(QuoteRow, Article, QuoteOrigin)
        .join(Article, col(Article.id) == col(QuoteRow.article_id))
        .outerjoin(QuoteOrigin, col(QuoteOrigin.id) == col(QuoteRow.origin_id))
        .where(*where, col(QuoteRow.kind) != "scare", when >= start)
        .order_by(when, col(QuoteRow.article_id), col(QuoteRow.seq))
    )
    if end is not None:
        query = query.where(when < end)
    if topic_id is not None:
        matched = and_(
            col(TopicMatchRow.article_id) == col(Article.id),
            col(TopicMatchRow.topic_id) == topic_id,
        )
        query = query.where(exists().where(matched))
    with session_scope(engine) as session:
        return [_row(q, a, o) for q, a, o in session.execute(query).all()]


def _row(q: QuoteRow, a: Article, o: QuoteOrigin | None) -> SaidQuote:
    """Build the record of one stored quotation."""
    return SaidQuote(
        q.person, q.role, q.speaker, q.text, q.kind, q.confidence, q.article_id, a.url, a.title,
        a.outlet, a.published or a.first_seen_at,
        o.first_outlet if o else None, o.first_url if o else None,
        o.first_seen_at if o else None, o.outlet_count if o else 1,
    )  # fmt: skip
