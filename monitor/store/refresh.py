"""Re-derive stored quotations' persons with the current rules (`monitor db persons`).

A quotation's person, role and kind are worked out from its speaker when the article is stored.
When a release reads names better ("Director of National Intelligence Dan Coats" is the person
Dan Coats, no longer "Intelligence Dan Coats"), the articles stored before keep the old reading,
and `monitor quotes --person` or the digest's "Who said what" would split one person in two.
This reads them again from the stored speakers, one article at a time (an article's variants
of a name become one person together), and updates only what changed; running it twice changes
nothing the second time. The words of each speaker are not read again: those came from the
article's text, which a re-poll reads with the new rules.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Engine, select
from sqlmodel import Session, col

from monitor.models import Quote, QuoteKind
from monitor.quotes.persons import person_key, with_persons
from monitor.store.db import session_scope
from monitor.store.tables import QuoteOrigin, QuoteRow

BATCH = 200  # articles per transaction: an interrupted run keeps what it finished


@dataclass(frozen=True, slots=True)
class Refreshed:
    """What a run read and changed."""

    articles: int
    quotes: int
    changed: int


def refresh_persons(
    engine: Engine, progress: Callable[[int, int], None] | None = None
) -> Refreshed:
    """Read every stored quotation's person again; call progress(done, total) per batch."""
    with session_scope(engine) as session:
        article = col(QuoteRow.article_id)
        ids = list(session.scalars(select(article).distinct().order_by(article)))
    quotes = changed = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        with session_scope(engine) as session:
            rows = session.scalars(
                select(QuoteRow)
                .where(col(QuoteRow.article_id).in_(chunk))
                .order_by(col(QuoteRow.article_id), col(QuoteRow.seq))
            ).all()
            for article_id, group in itertools.groupby(rows, key=lambda r: r.article_id):
                found = list(group)
                quotes += len(found)
                changed += _refresh_article(session, article_id, found)
        if progress:
            progress(min(start + BATCH, len(ids)), len(ids))
    return Refreshed(len(ids), quotes, changed)


def _refresh_article(session: Session, article_id: int, rows: Sequence[QuoteRow]) -> int:
    """Update one article's rows whose person, key, role or kind now read differently."""
    changed = 0
    for row, q in zip(rows, with_persons([_quote(r) for r in rows]), strict=True):
        new = (q.person, person_key(q.person), q.role, q.speaker_kind)
        if new == (row.person, row.person_key, row.role, row.speaker_kind):
            continue
        row.person, row.person_key, row.role, row.speaker_kind = new
        changed += 1
        if row.origin_id is not None:
            _rekey_origin(session, row.origin_id, article_id, new[1])
    return changed


def _rekey_origin(session: Session, origin_id: int, article_id: int, key: str | None) -> None:
    """Give a quotation's origin the new key when this article is the one that first carried
    it: later copies are matched to their origin by the first carrier's person."""
    origin = session.get(QuoteOrigin, origin_id)
    if origin is not None and origin.first_article_id == article_id:
        origin.person_key = key


def _quote(row: QuoteRow) -> Quote:
    """Return the stored quotation as the finder gave it, before persons were worked out."""
    return Quote(
        row.text,
        row.start,
        row.end,
        cast(QuoteKind, row.kind),
        row.speaker,
        row.speaker_text,
        row.cue,
        row.confidence,
    )
