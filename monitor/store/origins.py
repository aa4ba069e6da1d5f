"""Quote provenance on save: link each stored quotation to where it was first carried."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Connection, Table, insert, or_, select, update

from monitor.models import Quote
from monitor.quotes.persons import person_key
from monitor.quotes.same import anchor_keys, normalise, same_quotation, worth_tracing
from monitor.store.tables import Article, QuoteOrigin

_ORIGIN: Table = QuoteOrigin.__table__  # type: ignore[attr-defined]
_ARTICLE: Table = Article.__table__  # type: ignore[attr-defined]
# Repeats of one person's quotation are looked for this far back (by the same speaker).
PERSON_REACH = timedelta(days=45)


@dataclass(slots=True)
class _Origin:
    """A quote_origin row held in memory while one batch is linked."""

    id: int
    norm: str
    head_key: str
    tail_key: str
    person_key: str | None
    first_seen_at: datetime | None
    outlets: list[str]
    changed: bool = False
    first: _Where | None = None  # an earlier carrier found in this batch

    @property
    def first_id_known(self) -> bool:
        """Say whether the row exists already (new rows are inserted whole)."""
        return self.id != 0


@dataclass(frozen=True, slots=True)
class _Where:
    """The article a quotation was read in: outlet, link and when it was carried."""

    article_id: int
    outlet: str
    url: str
    seen_at: datetime | None


def link_origins(
    conn: Connection, quotes: Sequence[tuple[int, Quote]], now: datetime
) -> list[int | None]:
    """Return the origin id of each (article id, quote), creating and updating origins."""
    where = _articles(conn, {a for a, _ in quotes})
    norms = [normalise(q.text) if q.kind != "scare" else "" for _, q in quotes]
    traced = [worth_tracing(n) for n in norms]
    pool = _candidates(conn, [n for n, t in zip(norms, traced, strict=True) if t], quotes, now)
    linked: list[_Origin | None] = []
    for (article_id, quote), norm, trace in zip(quotes, norms, traced, strict=True):
        if not trace:
            linked.append(None)
            continue
        found = next((o for o in pool if same_quotation(o.norm, norm)), None)
        here = where[article_id]
        if found is None:
            found = _new(norm, person_key(quote.person), here)
            pool.append(found)
        else:
            _carried(found, here)
        linked.append(found)
    _insert(conn, [o for o in pool if o.id == 0])  # one statement for the batch's new ones
    _save(conn, [o for o in pool if o.changed and o.first_id_known])
    return [o.id if o else None for o in linked]


def _articles(conn: Connection, ids: set[int]) -> dict[int, _Where]:
    """Return outlet, URL and publication (or first-seen) time of each article."""
    cols = _ARTICLE.c
    rows = conn.execute(
        select(cols.id, cols.outlet, cols.url, cols.published, cols.first_seen_at).where(
            cols.id.in_(ids)
        )
    )
    return {
        r.id: _Where(r.id, _outlet(r.outlet, r.url), r.url, r.published or r.first_seen_at)
        for r in rows
    }


def _outlet(outlet: str | None, url: str) -> str:
    """Return the outlet's name, or the site's host when the feed gave none."""
    return outlet or urlsplit(url).hostname or url


def _candidates(
    conn: Connection, norms: list[str], quotes: Sequence[tuple[int, Quote]], now: datetime
) -> list[_Origin]:
    """Return the stored origins that may be one of these quotations."""
    if not norms:
        return []
    heads = {anchor_keys(n)[0] for n in norms}
    tails = {anchor_keys(n)[1] for n in norms}
    people = {k for _, q in quotes if (k := person_key(q.person))}
    c = _ORIGIN.c
    clauses: list[Any] = [c.head_key.in_(heads), c.tail_key.in_(tails)]
    if people:
        clauses.append(c.person_key.in_(people) & (c.first_seen_at >= now - PERSON_REACH))
    rows = conn.execute(select(_ORIGIN).where(or_(*clauses)).order_by(c.first_seen_at, c.id))
    return [
        _Origin(
            r.id,
            r.norm,
            r.head_key,
            r.tail_key,
            r.person_key,
            r.first_seen_at,
            json.loads(r.outlets_json),
        )  # fmt: skip
        for r in rows
    ]


def _new(norm: str, key: str | None, here: _Where) -> _Origin:
    """Return the origin of a quotation seen for the first time, to insert with the batch."""
    head, tail = anchor_keys(norm)
    return _Origin(0, norm, head, tail, key, here.seen_at, [here.outlet], first=here)


def _insert(conn: Connection, new: list[_Origin]) -> None:
    """Insert the batch's new origins and give each its id."""
    if not new:
        return
    rows = [
        {
            "norm": o.norm,
            "head_key": o.head_key,
            "tail_key": o.tail_key,
            "person_key": o.person_key,
            "first_article_id": o.first.article_id if o.first else None,
            "first_outlet": o.first.outlet if o.first else None,
            "first_url": o.first.url if o.first else None,
            "first_seen_at": o.first_seen_at,
            "outlets_json": json.dumps(o.outlets),
            "outlet_count": len(o.outlets),
        }
        for o in new
    ]
    stmt = insert(_ORIGIN).returning(_ORIGIN.c.id, sort_by_parameter_order=True)
    for origin, new_id in zip(new, conn.scalars(stmt, rows), strict=True):
        origin.id = new_id


def _carried(origin: _Origin, here: _Where) -> None:
    """Count one more outlet and move the origin to an earlier carrier."""
    if here.outlet not in origin.outlets:
        origin.outlets.append(here.outlet)
        origin.changed = True
    earlier = here.seen_at is not None and (
        origin.first_seen_at is None or here.seen_at < origin.first_seen_at
    )
    if earlier:
        origin.first_seen_at = here.seen_at
        origin.changed = True
        origin.first = here


def _save(conn: Connection, origins: list[_Origin]) -> None:
    """Write back the outlets and first carriers that changed."""
    for o in origins:
        values: dict[str, Any] = {
            "outlets_json": json.dumps(o.outlets),
            "outlet_count": len(o.outlets),
        }
        first = o.first
        if first is not None:
            values |= {
                "first_article_id": first.article_id,
                "first_outlet": first.outlet,
                "first_url": first.url,
                "first_seen_at": first.seen_at,
            }
        conn.execute(update(_ORIGIN).where(_ORIGIN.c.id == o.id).values(**values))
