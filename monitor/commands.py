"""What the commands do, without printing: open only what each needs and return records.

Kept apart from clirender.py (how results look) and from cli.py (arguments, exit codes), and
importing heavy modules only inside the function that needs them, so a command that only reads
starts without the fetcher, the extractor or the worker pool.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from monitor.config import Config
from monitor.errors import MonitorError, StoreError
from monitor.states import FeedState

if TYPE_CHECKING:
    from monitor.pipeline import FeedOutcome

log = logging.getLogger("monitor.cli")


class UsageError(MonitorError):
    """A command named something that does not exist; the message lists what does."""

    stage = "usage"

    def __str__(self) -> str:
        return self.message


def open_for_reading(config: Config) -> Any:
    """Connect for a read-only command: no migration check (the service and poll migrate)."""
    from monitor.store import check_connection, make_engine

    engine = make_engine(config.database_url, pool_size=config.settings.database.pool_size)
    check_connection(engine)
    return engine


def open_for_writing(config: Config) -> Any:
    """Connect and bring the schema to the newest revision when it is behind."""
    from monitor.service import open_database

    return open_database(config)


@contextmanager
def reading(what: str) -> Iterator[None]:
    """Turn a read on a database without tables into a message saying how to create them."""
    from monitor.store.schema import is_missing_schema

    try:
        yield
    except Exception as exc:
        if not is_missing_schema(exc):
            raise
        raise StoreError(
            f"{what}: the database has no tables yet",
            hint="run monitor db upgrade, or poll or start the service once",
        ) from None


# --- run ----------------------------------------------------------------------------------------


def startup_plan(config: Config, now: datetime) -> list[tuple[str, dict[str, Any]]]:
    """Say what the service will do: feeds, topics, delivery, database, each digest's next send."""
    from zoneinfo import ZoneInfo

    from monitor.periods import next_due
    from monitor.redact import redact_url

    wl, smtp = config.watchlist, config.settings.smtp
    delivery = (
        f"smtp {smtp.host}:{smtp.port} ({smtp.security})"
        if smtp.host
        else f"outbox {config.outbox_dir} (no smtp.host)"
    )
    plan: list[tuple[str, dict[str, Any]]] = [
        (
            "will poll feeds and match topics",
            {
                "feeds": sum(1 for f in wl.feeds if f.enabled),
                "topics": ",".join(t.id for t in wl.topics) or "none",
                "delivery": delivery,
                "database": redact_url(config.database_url),
            },
        )
    ]
    for digest in wl.digests:
        due = next_due(digest.schedule, digest.local_time(), digest.timezone, now, digest.weekday)
        local = due.astimezone(ZoneInfo(digest.timezone))
        plan.append(
            (
                "digest planned",
                {
                    "digest": digest.id,
                    "next_send": f"{local.isoformat(timespec='minutes')} {digest.timezone}",
                    "schedule": digest.schedule,
                    "recipients": len(digest.recipients),
                },
            )
        )
    return plan


# --- poll -------------------------------------------------------------------------------------


class _ReportedInSummary(logging.Filter):
    """Drop the per-feed failure log line: the summary lists each failure once."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != "feed failed"


@dataclass
class PollReport:
    """The outcome of one `poll` pass, with what the summary needs."""

    outcomes: list[FeedOutcome]
    names: dict[str, str]  # feed URL -> name shown (the watch-list name, else the URL)
    states: Counter[str] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self.states = Counter(o.state for o in self.outcomes)

    @property
    def failed(self) -> list[FeedOutcome]:
        """Feeds whose poll failed."""
        return [o for o in self.outcomes if o.state == FeedState.ERROR]

    @property
    def new_articles(self) -> int:
        """New articles over all feeds."""
        return sum(o.new for o in self.outcomes)

    @property
    def all_failed(self) -> bool:
        """Say whether there was something to poll and every feed failed."""
        return bool(self.outcomes) and len(self.failed) == len(self.outcomes)

    def notable(self) -> list[FeedOutcome]:
        """Feeds that failed or brought news, in poll order."""
        return [o for o in self.outcomes if o.state == FeedState.ERROR or o.new or o.edited]


def poll_once(
    config: Config,
    *,
    everything: bool,
    progress: Callable[[FeedOutcome], None] = lambda _o: None,
) -> PollReport:
    """Poll due (or all) feeds once, calling `progress` as each feed finishes."""
    from monitor.service import Service

    async def go() -> list[FeedOutcome]:
        service = Service(config, lock=True)
        try:
            return await service.poll_tick(everything=everything, progress=progress)
        finally:
            await service.aclose()

    quiet = _ReportedInSummary()
    handlers = logging.getLogger().handlers
    for handler in handlers:
        handler.addFilter(quiet)
    try:
        outcomes = asyncio.run(go())
    finally:
        for handler in handlers:
            handler.removeFilter(quiet)
    names = {f.url: f.name for f in config.watchlist.feeds if f.name}
    return PollReport(outcomes, names)


# --- feeds ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedLine:
    """One feed as `monitor feeds` shows it."""

    name: str
    url: str
    state: str
    status: int | None
    errors: int
    last_error: str | None
    last_polled: datetime | None
    next_poll: datetime | None
    moved_to: str | None


def feed_lines(config: Config) -> list[FeedLine]:
    """Return every stored feed with its state, in watch-list order, then the removed ones."""
    from monitor.store.core import feed_rows

    engine = open_for_reading(config)
    try:
        with reading("feeds"):
            rows = feed_rows(engine)
    finally:
        engine.dispose()
    order = {f.url: i for i, f in enumerate(config.watchlist.feeds)}
    rows.sort(key=lambda f: (order.get(f.url, len(order)), f.url))
    return [
        FeedLine(
            name=f.name or f.title or f.url.split("://", 1)[-1],
            url=f.url,
            state=feed_state(f.state, f.enabled),
            status=f.last_status,
            errors=f.error_count,
            last_error=f.last_error,
            last_polled=f.last_polled_at,
            next_poll=f.next_poll_at,
            moved_to=f.moved_to,
        )
        for f in rows
    ]


def feed_state(state: str, enabled: bool) -> str:
    """Name a feed's state for people: never polled yet is pending; off in the list is disabled."""
    if state == FeedState.REMOVED:
        return str(state)  # taken out of the watch-list: kept, no longer polled
    if not enabled:
        return "disabled"
    return "pending" if state == FeedState.NEW else str(state)


def instance_rows(config: Config) -> tuple[datetime, list[Any], dict[str, int]]:
    """Return now, the instances sharing the database and the leases each holds."""
    from monitor.store import feeds as feed_store

    engine = open_for_reading(config)
    now = datetime.now(UTC)
    try:
        with reading("feeds --instances"):
            return now, feed_store.instances(engine), feed_store.leases_by_owner(engine, now)
    finally:
        engine.dispose()


# --- digest -----------------------------------------------------------------------------------


def pick_digest(config: Config, digest_id: str | None) -> Any:
    """Return the named digest (the first without a name); list the valid ids otherwise."""
    digests = config.watchlist.digests
    if not digests:
        raise UsageError("digest: the watch-list has no digests; add one under digests:")
    if digest_id is None:
        return digests[0]
    for digest in digests:
        if digest.id == digest_id:
            return digest
    known = ", ".join(d.id for d in digests)
    raise UsageError(f"digest: unknown digest {digest_id}; digests: {known}")


def send_period(config: Config, digest: Any, day: datetime | None) -> list[str]:
    """Send a digest period now, once per recipient; refuse a period that is not due yet."""
    from zoneinfo import ZoneInfo

    from monitor.delivery import preview_period, send_due
    from monitor.service import default_instance_id
    from monitor.store.deliveries import PlannedPeriod, plan_deliveries

    now = datetime.now(UTC)
    period = preview_period(digest, day, now)
    if period.due_at > now:
        local = period.due_at.astimezone(ZoneInfo(digest.timezone))
        raise UsageError(
            f"digest: {digest.id} {period.key} is not due yet: it is due at "
            f"{local:%Y-%m-%d %H:%M} {digest.timezone}; nothing sent "
            "(leave out --date for the latest due period)"
        )
    engine = open_for_writing(config)
    plan = PlannedPeriod(
        digest.id, period.key, period.due_at, period.window_start, tuple(digest.recipients)
    )
    plan_deliveries(engine, plan, now=now, grace=float("inf"))
    return list(send_due(engine, config, default_instance_id(), now, digest_ids=[digest.id]))


# --- backtest and export ----------------------------------------------------------------------


def topic_or_error(config: Config, command: str, topic_id: str) -> None:
    """Raise a UsageError listing the topics when `topic_id` is not one of them."""
    ids = [t.id for t in config.watchlist.topics]
    if topic_id not in ids:
        raise UsageError(
            f"{command}: unknown topic {topic_id}; topics: {', '.join(ids) or 'none defined'}"
        )


@dataclass(frozen=True)
class Backtest:
    """What re-running a topic's current rule over stored articles would change."""

    total: int
    matched_before: int
    added: list[tuple[Any, str]]
    dropped: list[tuple[Any, str]]
    verdicts: str  # how the rule scores on the analysts' verdicts


def backtest(config: Config, topic_id: str, since: datetime | None) -> Backtest:
    """Re-run the current rules over stored articles; say what would be added or dropped."""
    from monitor.relevance import describe_score, score
    from monitor.store import matched as match_store
    from monitor.store.verdicts import judged_articles

    topic_or_error(config, "backtest", topic_id)
    rules = config.ruleset()
    engine = open_for_reading(config)
    added, dropped, total = [], [], 0
    with reading("backtest"):
        stored = match_store.matched_topic_ids(engine, topic_id)
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
        verdicts = describe_score(
            topic_id, score(rules, topic_id, judged_articles(engine, topic_id))
        )
    engine.dispose()
    return Backtest(total, len(stored), added, dropped, verdicts)


def export(config: Config, topic_id: str, since: datetime | None, fmt: str) -> str:
    """Return the topic's matches since a date as atom, json or csv text."""
    from monitor.digest.export import ExportRow, export_matches
    from monitor.store import matched as match_store

    topic_or_error(config, "export", topic_id)
    engine = open_for_reading(config)
    start = since or datetime(1970, 1, 1, tzinfo=UTC)
    with reading("export"):
        found = match_store.matches_between(engine, [topic_id], start, datetime.now(UTC))
    engine.dispose()
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
        for m in found
    ]
    return export_matches(rows, fmt)  # type: ignore[arg-type]
