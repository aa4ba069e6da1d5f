"""`monitor quotes`: what one person said, oldest first, with where each quote first appeared."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from monitor.config import Config
from monitor.errors import MonitorError
from monitor.store.said import SaidQuote, quotes_by_person

FIELDS = (
    "published", "person", "role", "outlet", "title", "url", "kind", "text",
    "first_outlet", "first_seen_at", "first_url", "outlet_count",
)  # fmt: skip


def quotes_command(
    config: Config, person: str, since: datetime, topic_id: str | None, fmt: str
) -> str:
    """Return the person's quotes since a date as text, json or csv."""
    from monitor.service import open_database

    if topic_id is not None and topic_id not in {t.id for t in config.watchlist.topics}:
        raise MonitorError(f"quotes: unknown topic {topic_id!r}", hint="see check-config")
    rows = quotes_by_person(open_database(config), person, since, topic_id)
    return {"json": as_json, "csv": as_csv}.get(fmt, as_text)(rows)


def _record(q: SaidQuote) -> dict[str, Any]:
    """Return one quote as a flat record with ISO times."""
    stamp = {"published": q.published, "first_seen_at": q.first_seen_at}
    values = {name: getattr(q, name) for name in FIELDS if name not in stamp}
    return values | {k: v.isoformat() if v else None for k, v in stamp.items()}


def as_json(rows: Sequence[SaidQuote]) -> str:
    """Serialise quotes as one JSON array."""
    return json.dumps([_record(q) for q in rows], ensure_ascii=False, indent=1) + "\n"


def as_csv(rows: Sequence[SaidQuote]) -> str:
    """Serialise quotes as CSV with a header line."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for q in rows:
        writer.writerow(_record(q))
    return out.getvalue()


def provenance(q: SaidQuote) -> str:
    """Return "first carried by Reuters, 2026-12-01 07:12; 4 outlets" for one quote."""
    if not q.first_outlet:
        return f"in {q.outlet or q.url}"
    when = f", {q.first_seen_at:%Y-%m-%d %H:%M}" if q.first_seen_at else ""
    count = f"; {q.outlet_count} outlets" if q.outlet_count > 1 else ""
    return f"first carried by {q.first_outlet}{when}{count}"


def as_text(rows: Sequence[SaidQuote]) -> str:
    """Render quotes one paragraph each, oldest first."""
    if not rows:
        return "no quotes found\n"
    lines = []
    for q in rows:
        when = f"{q.published:%Y-%m-%d}" if q.published else "undated"
        lines += [f"{when}  {q.person} ({q.role or q.speaker})", f"  “{q.text}”"]
        lines += [f"  {q.outlet}: {q.title} <{q.url}>", f"  {provenance(q)}", ""]
    return "\n".join(lines)
