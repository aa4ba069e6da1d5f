"""What the CLI's commands do, as data: poll, digest, feeds, backtest and export (no output)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from monitor.config import Config
from monitor.errors import MonitorError
from monitor.pipeline import FeedOutcome

if TYPE_CHECKING:
    from monitor.config import DigestConfig
    from monitor.delivery import BuiltDigest
    from monitor.store.tables import Article, Feed


def enabled_feed_count(config: Config) -> int:
    """Return how many watch-list feeds a poll of everything visits."""
    return len([f for f in config.watchlist.feeds if f.enabled])


def poll_once(
    config: Config, *, everything: bool, progress: Callable[[FeedOutcome], None]
) -> list[FeedOutcome]:
    """Poll due (or all) feeds once; call `progress` after each feed."""
    from monitor.service import Service

    async def go() -> list[FeedOutcome]:
        service = Service(config, lock=True)
        try:
            return await service.poll_tick(everything=everything, progress=progress)
        finally:
            await service.aclose()

    return asyncio.run(go())


def digest_named(config: Config, digest_id: str | None) -> DigestConfig:
    """Return the named digest, or the watch-list's first one; MonitorError when there is none."""
    from monitor.delivery import digests_named

    try:
        return digests_named(config, [digest_id] if digest_id else None)[0]
    except (KeyError, IndexError) as exc:
        raise MonitorError(
            f"digest: {exc}" if str(exc) else "no digests in the watch-list"
        ) from None


def send_digest(config: Config, digest: DigestConfig, day: datetime | None) -> list[str]:
    """Plan the digest's period for `day` (or the latest) and send it now; return what happened."""
    from monitor.delivery import preview_period, send_due
    from monitor.service import default_instance_id, open_database
    from monitor.store.deliveries import PlannedPeriod, plan_deliveries

    now = datetime.now(UTC)
    period = preview_period(digest, day, now)
    engine = open_database(config)
    plan = PlannedPeriod(
        digest.id, period.key, period.due_at, period.window_start, tuple(digest.recipients)
    )
    # No grace limit: the operator asked for this period, however old it is.
    plan_deliveries(engine, plan, now=now, grace=float("inf"))
    return list(send_due(engine, config, default_instance_id(), now, digest_ids=[digest.id]))


def build_digest_for(config: Config, digest: DigestConfig, day: datetime | None) -> BuiltDigest:
    """Build the digest's period for `day` (or the latest), sent already or not, without sending."""
    from monitor.delivery import build_digest, preview_period
    from monitor.service import open_database

    period = preview_period(digest, day, datetime.now(UTC))
    return build_digest(open_database(config), config, digest, period, skip_sent=False)


def write_preview(built: BuiltDigest, path: Path) -> None:
    """Write the digest's HTML, as a browser shows it, to `path`."""
    from monitor.digest.render import preview_html

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(preview_html(built.rendered), encoding="utf-8")


def all_feeds(config: Config) -> list[Feed]:
    """Return every stored feed row, for `monitor feeds`."""
    from monitor.service import open_database
    from monitor.store import feeds as feed_store

    return feed_store.all_feeds(open_database(config))


@dataclass(frozen=True, slots=True)
class InstanceRow:
    """One instance as `monitor feeds --instances` lists it."""

    id: str
    alive: bool
    started_at: datetime | None
    heartbeat_at: datetime | None
    heartbeat_age: float  # seconds; inf without a heartbeat
    leased: int
    version: str


def instance_rows(config: Config) -> list[InstanceRow]:
    """Return the instances that ran against the database, each alive or stale."""
    from monitor.service import open_database
    from monitor.store import feeds as feed_store
    from monitor.store.feeds import STALE_AFTER

    engine = open_database(config)
    now = datetime.now(UTC)
    leases = feed_store.leases_by_owner(engine, now)
    rows = []
    for row in feed_store.instances(engine):
        age = (now - row.heartbeat_at).total_seconds() if row.heartbeat_at else float("inf")
        # Three missed heartbeats: probably crashed; its leases expire and others take over.
        alive = age <= STALE_AFTER  # three missed beats: its work is taken over
        rows.append(
            InstanceRow(
                row.id,
                alive,
                row.started_at,
                row.heartbeat_at,
                age,
                leases.get(row.id, 0),
                row.version or "",
            )
        )
    return rows


@dataclass(frozen=True, slots=True)
class Backtest:
    """What re-running a topic's current rule over stored articles would change."""

    topic_id: str
    checked: int = 0
    before: int = 0  # articles stored as matching the topic
    added: list[tuple[Article, str]] = field(default_factory=list)  # (article, why)
    dropped: list[tuple[Article, str]] = field(default_factory=list)  # (article, failed clause)
    verdicts: str = ""  # how the rule scores against the analysts' verdicts on the topic


def backtest(config: Config, topic_id: str, since: datetime | None) -> Backtest:
    """Re-run the current rules over stored articles; say what would be added or dropped."""
    from monitor.service import open_database
    from monitor.store import matched as match_store

    if topic_id not in {t.id for t in config.watchlist.topics}:
        raise MonitorError(f"backtest: unknown topic {topic_id!r}")
    rules = config.ruleset()
    engine = open_database(config)
    stored = match_store.matched_topic_ids(engine, topic_id)
    added: list[tuple[Article, str]] = []
    dropped: list[tuple[Article, str]] = []
    checked = 0
    for article in match_store.iter_done_articles(engine, since):
        checked += 1
        everything = rules.evaluate_all(article.title, article.text or "")
        match = next(m for m in everything if m.topic_id == topic_id)
        if match.matched and article.id not in stored:
            added.append((article, match.why))
        elif not match.matched and article.id in stored:
            dropped.append((article, match.failed or ""))
    from monitor.relevance import describe_score, score
    from monitor.store.verdicts import judged_articles

    judged = score(rules, topic_id, judged_articles(engine, topic_id))
    verdicts = describe_score(topic_id, judged)
    return Backtest(topic_id, checked, len(stored), added, dropped, verdicts)


def export(config: Config, topic_id: str, since: datetime | None, fmt: str) -> str:
    """Return the topic's matches since a date as atom, json or csv."""
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
    return export_matches(rows, fmt)  # type: ignore[arg-type]
