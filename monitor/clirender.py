"""Terminal output of the commands: progress bars and tables (the only rich import)."""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import UTC, datetime

from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from monitor.config import Config
from monitor.errors import MonitorError
from monitor.pipeline import FeedOutcome

console = Console(stderr=False)
err_console = Console(stderr=True)


def poll_with_progress(config: Config, *, everything: bool) -> int:
    """Poll due (or all) feeds once with a progress bar, then print a summary table."""
    from monitor.service import Service

    async def go() -> list[FeedOutcome]:
        service = Service(config, lock=True)
        try:
            total = len([f for f in config.watchlist.feeds if f.enabled])
            with Progress(console=err_console, transient=True) as progress:
                task = progress.add_task("polling feeds", total=total)
                return await service.poll_tick(
                    everything=everything, progress=lambda _o: progress.advance(task)
                )
        finally:
            await service.aclose()

    outcomes = asyncio.run(go())
    table = Table(title=f"{len(outcomes)} feed(s) polled")
    for column in ("feed", "state", "new", "edited", "analysed", "from feed text", "error"):
        table.add_column(column, overflow="fold")
    for o in outcomes:
        table.add_row(
            o.url,
            o.state,
            str(o.new),
            str(o.edited),
            str(o.analysed),
            str(o.from_summary),
            o.error or "",
        )
    console.print(table)
    errors = sum(1 for o in outcomes if o.state == "error")
    console.print(f"new articles: {sum(o.new for o in outcomes)}, feeds failing: {errors}")
    return 0


def digest_command(config: Config, args: argparse.Namespace) -> int:
    """Print, preview (--preview FILE) or send (--send) one digest period."""
    from monitor.delivery import build_digest, digests_named, preview_period, send_due
    from monitor.digest.render import preview_html
    from monitor.service import default_instance_id, open_database
    from monitor.store.deliveries import PlannedPeriod, plan_deliveries

    try:
        digest = digests_named(config, [args.digest_id] if args.digest_id else None)[0]
    except (KeyError, IndexError) as exc:
        raise MonitorError(
            f"digest: {exc}" if str(exc) else "no digests in the watch-list"
        ) from None
    now = datetime.now(UTC)
    period = preview_period(digest, args.date, now)
    engine = open_database(config)
    if args.send:
        plan = PlannedPeriod(
            digest.id, period.key, period.due_at, period.window_start, tuple(digest.recipients)
        )
        plan_deliveries(engine, plan, now=now, grace=float("inf"))
        for line in send_due(engine, config, default_instance_id(), now, digest_ids=[digest.id]):
            console.print(line)
        return 0
    built = build_digest(engine, config, digest, period, skip_sent=False)
    if args.preview:
        args.preview.parent.mkdir(parents=True, exist_ok=True)
        args.preview.write_text(preview_html(built.rendered), encoding="utf-8")
        console.print(f"wrote {args.preview} ({built.rendered.subject})")
    else:
        sys.stdout.write(built.rendered.text + "\n")
    return 0


def feeds_table(config: Config, *, instances: bool) -> int:
    """Print every feed with its state, or the instances with their heartbeats."""
    from monitor.service import open_database
    from monitor.store import feeds as feed_store

    engine = open_database(config)
    if instances:
        console.print(_instances_table(engine))
        return 0
    table = Table(title="feeds")
    for column in ("feed", "state", "status", "errors", "last error", "last polled", "next poll"):
        table.add_column(column, overflow="fold")
    for f in feed_store.all_feeds(engine):
        state = f.state if f.enabled else "disabled"
        name = f.name or f.url
        if f.moved_to:  # polled at the new address until the operator edits the watch-list
            name += f"\nmoved → {f.moved_to}; update the watch-list"
        table.add_row(
            name,
            state,
            str(f.last_status or ""),
            str(f.error_count),
            f.last_error or "",
            _when(f.last_polled_at),
            _when(f.next_poll_at),
        )
    console.print(table)
    return 0


def _instances_table(engine: object) -> Table:
    from monitor.scheduler import HEARTBEAT
    from monitor.store import feeds as feed_store

    now = datetime.now(UTC)
    leases = feed_store.leases_by_owner(engine, now)  # type: ignore[arg-type]
    table = Table(title="instances")
    for column in ("instance", "state", "started", "heartbeat", "feeds leased", "version"):
        table.add_column(column)
    for row in feed_store.instances(engine):  # type: ignore[arg-type]
        age = (now - row.heartbeat_at).total_seconds() if row.heartbeat_at else float("inf")
        # Three missed heartbeats: probably crashed; its leases expire and others take over.
        state = "alive" if age <= 3 * HEARTBEAT else "stale"
        beat = f"{_when(row.heartbeat_at)} ({age:.0f}s ago)" if row.heartbeat_at else "-"
        table.add_row(
            row.id,
            state,
            _when(row.started_at),
            beat,
            str(leases.get(row.id, 0)),
            row.version or "",
        )
    return table


def _when(value: datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M} UTC" if value else "-"


def backtest(config: Config, topic_id: str, since: datetime | None) -> int:
    """Re-run the current rules over stored articles; print what would be added or dropped."""
    from monitor.service import open_database
    from monitor.store import matched as match_store

    if topic_id not in {t.id for t in config.watchlist.topics}:
        raise MonitorError(f"backtest: unknown topic {topic_id!r}")
    rules = config.ruleset()
    engine = open_database(config)
    stored = match_store.matched_topic_ids(engine, topic_id)
    added, dropped, total = [], [], 0
    for article in match_store.iter_done_articles(engine, since):
        total += 1
        match = next(
            m
            for m in rules.evaluate_all(article.title, article.text or "")
            if m.topic_id == topic_id
        )
        if match.matched and article.id not in stored:
            added.append((article, match.why))
        elif not match.matched and article.id in stored:
            dropped.append((article, match.failed or ""))
    console.print(
        f"{total} stored article(s) re-checked against {topic_id}: "
        f"{len(stored)} matched before, +{len(added)} / -{len(dropped)}"
    )
    for sign, rows in (("+", added), ("-", dropped)):
        for article, reason in rows:
            console.print(f" {sign} {article.title} <{article.url}>  {reason}", markup=False)
    return 0


def export(config: Config, topic_id: str, since: datetime | None, fmt: str) -> int:
    """Write the topic's matches since a date to stdout as atom, json or csv."""
    from monitor.digest.export import ExportRow, export_matches
    from monitor.service import open_database
    from monitor.store import matched as match_store

    engine = open_database(config)
    start = since or datetime(1970, 1, 1, tzinfo=UTC)
    rows = [
        ExportRow(
            url=m.url,
            title=m.title,
            outlet=m.outlet,
            published=m.published,
            topic_id=m.topic_id,
            score=m.score,
            why=m.why,
            quotes=m.quotes,
        )
        for m in match_store.matches_between(engine, [topic_id], start, datetime.now(UTC))
    ]
    sys.stdout.write(export_matches(rows, fmt))  # type: ignore[arg-type]
    return 0
