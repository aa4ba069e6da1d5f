"""Quote provenance on save: link each stored quotation to where it was first carried."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from sqlalchemy import Connection, Table, bindparam, insert, or_, select, update

from monitor.models import Quote
from monitor.quotes.persons import person_key
from monitor.quotes.same import (
    anchor_keys,
    could_be_same,
    normalise,
    same_shingled,
    shingles,
    worth_tracing,
)
from monitor.store.tables import Article, QuoteOrigin

_ORIGIN: Table = QuoteOrigin.__table__  # type: ignore[attr-defined]
_ARTICLE: Table = Article.__table__  # type: ignore[attr-defined]
# Repeats of one person's quotation are looked for this far back (by the same speaker).
PERSON_REACH = timedelta(days=45)
PERSON_CANDIDATES = 50


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
    sh: frozenset[tuple[str, ...]] = frozenset()  # word triples of norm
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
    index = _Index(pool)
    linked: list[_Origin | None] = []
    for (article_id, quote), norm, trace in zip(quotes, norms, traced, strict=True):
        if not trace:
            linked.append(None)
            continue
        found = index.find(norm)
        here = where[article_id]
        if found is None:
            found = _new(norm, person_key(quote.person), here)
            pool.append(found)
            index.add(found)
        else:
            _carried(found, here)
        linked.append(found)
    _insert(conn, [o for o in pool if o.id == 0])  # one statement for the batch's new ones
    _save(conn, [o for o in pool if o.changed and o.first_id_known])
    return [o.id if o else None for o in linked]


class _Index:
    """Find an origin by its word triples instead of comparing with every candidate."""

    def __init__(self, origins: list[_Origin]) -> None:
        self.order: dict[int, int] = {}  # id(origin) -> position: the oldest match wins
        self.by_triple: dict[tuple[str, ...], list[_Origin]] = {}
        self.exact: dict[str, _Origin] = {}
        for origin in origins:
            self.add(origin)

    def add(self, origin: _Origin) -> None:
        """Index one origin."""
        origin.sh = origin.sh or shingles(origin.norm)
        self.order[id(origin)] = len(self.order)
        self.exact.setdefault(origin.norm, origin)
        for triple in origin.sh:
            self.by_triple.setdefault(triple, []).append(origin)

    def find(self, norm: str) -> _Origin | None:
        """Return the oldest indexed origin that is the same quotation as `norm`."""
        if norm in self.exact:
            return self.exact[norm]
        mine = shingles(norm)
        shared: Counter[int] = Counter()
        found: dict[int, _Origin] = {}
        for triple in mine:
            for origin in self.by_triple.get(triple, ()):
                shared[id(origin)] += 1
                found[id(origin)] = origin
        hits = [
            o
            for key, o in found.items()
            if could_be_same(shared[key], mine, o.sh) and same_shingled(o.norm, o.sh, norm, mine)
        ]
        return min(hits, key=lambda o: self.order[id(o)]) if hits else None


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
    rows = list(
        conn.execute(select(_ORIGIN).where(or_(c.head_key.in_(heads), c.tail_key.in_(tails))))
    )
    if people:
        # The people's recent quotations, for copies cut at both ends; the newest few suffice.
        recent = (
            select(_ORIGIN)
            .where(c.person_key.in_(people), c.first_seen_at >= now - PERSON_REACH)
            .order_by(c.first_seen_at.desc())
            .limit(PERSON_CANDIDATES * len(people))
        )
        rows += conn.execute(recent)
    unique = {r.id: r for r in rows}
    rows = sorted(unique.values(), key=lambda r: (r.first_seen_at is None, r.first_seen_at, r.id))
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


_COUNTED = (
    update(_ORIGIN)
    .where(_ORIGIN.c.id == bindparam("o_id"))
    .values(outlets_json=bindparam("o_outlets"), outlet_count=bindparam("o_count"))
)
_MOVED = (
    update(_ORIGIN)
    .where(_ORIGIN.c.id == bindparam("o_id"))
    .values(
        first_article_id=bindparam("o_article"),
        first_outlet=bindparam("o_outlet"),
        first_url=bindparam("o_url"),
        first_seen_at=bindparam("o_seen"),
    )
)


def _save(conn: Connection, origins: list[_Origin]) -> None:
    """Write back the outlets and first carriers that changed, one statement each."""
    if not origins:
        return
    counted = [
        {"o_id": o.id, "o_outlets": json.dumps(o.outlets), "o_count": len(o.outlets)}
        for o in origins
    ]
    conn.execute(_COUNTED, counted)
    moved = [
        {
            "o_id": o.id,
            "o_article": o.first.article_id,
            "o_outlet": o.first.outlet,
            "o_url": o.first.url,
            "o_seen": o.first.seen_at,
        }
        for o in origins
        if o.first is not None
    ]
    if moved:
        conn.execute(_MOVED, moved)
