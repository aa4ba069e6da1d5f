"""Poll one feed top to bottom: fetch, parse, remember new entries, analyse their pages."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Engine

from monitor.analyse import Analyser, WorkerDied
from monitor.errors import FetchError, ParseError
from monitor.faults import crash_point
from monitor.feeds import (
    canonical_url,
    declared_canonical,
    host_of,
    next_poll_delay,
    parse_feed,
)
from monitor.flow import (
    Batcher,
    HostSlots,
    Stored,
    analysis_writer,
    page_slots_for,
    poll_writer,
)
from monitor.models import ArticleInput, FeedItem, FetcherProtocol, FetchResult, ParsedFeed
from monitor.settings import PollingSettings
from monitor.states import LOST_LEASE, ArticleStatus, FeedState, PollState
from monitor.store import articles as article_store
from monitor.store import offload
from monitor.store.articles import NewEntry, PendingArticle
from monitor.store.feeds import FeedRef, Polled, PollRecord

log = logging.getLogger("monitor.pipeline")


@dataclass
class PollContext:
    """Everything polling needs, passed in so tests can swap the clock or the fetcher."""

    engine: Engine
    fetcher: FetcherProtocol
    analyser: Analyser
    polling: PollingSettings
    owner: str
    clock: Callable[[], datetime]
    stopping: asyncio.Event = field(default_factory=asyncio.Event)
    # Articles being fetched and analysed at once, across all feeds of a tick: enough to keep
    # the extraction workers busy while pages download, few enough that page bodies waiting
    # for a worker do not pile up in memory.
    page_slots: HostSlots = field(default_factory=lambda: page_slots_for(1))
    # Batched store writes, shared by the contexts of one service (made here when not given).
    analyses: Batcher[article_store.AnalysisRecord, Stored] | None = None
    polls: Batcher[Polled, bool] | None = None

    def __post_init__(self) -> None:
        if self.analyses is None:
            self.analyses = analysis_writer(self.engine, self.owner)
        if self.polls is None:
            self.polls = poll_writer(self.engine, self.owner)


@dataclass
class FeedOutcome:
    """What one poll did, for the summary table and the logs."""

    url: str
    state: PollState
    new: int = 0
    edited: int = 0
    analysed: int = 0
    from_summary: int = 0
    error: str | None = None


async def poll_feed(feed: FeedRef, ctx: PollContext) -> FeedOutcome:
    """Poll one claimed feed and analyse its new articles; never raise for a bad feed."""
    now = ctx.clock()
    try:
        result = await ctx.fetcher.fetch(
            feed.fetch_url, kind="feed", etag=feed.etag, last_modified=feed.last_modified
        )
        if result.not_modified or _hash(result.body) == feed.body_hash:
            # Unchanged, but a capped poll left entries waiting: keep working through them.
            backlog = await _backlog(feed, ctx) if feed.state == FeedState.CAPPED else 0
            unchanged = PollRecord(
                FeedState.NOT_MODIFIED,
                _next(feed, ctx, now),
                status=result.status,
                error=_moved_note(feed, result),
                new_url=_new_url(feed, result),
                backlog=backlog,
                cap=ctx.polling.max_new_per_feed,
            )
            finished = await _finish(feed, ctx, unchanged)
            if backlog and finished.state != LOST_LEASE:
                counts = await process_pending(ctx, feed_id=feed.id)
                finished.analysed, finished.from_summary = counts
            return finished
        parsed = parse_feed(
            result.body, url=result.final_url, content_type=result.headers.get("content-type")
        )
    except (FetchError, ParseError) as exc:
        return await _fail(feed, ctx, now, exc)
    outcome = await _store_entries(feed, ctx, parsed, now)
    crash_point("entries")
    record = PollRecord(
        FeedState.OK,
        _next(feed, ctx, now, parsed=parsed, result=result),
        status=result.status,
        error=_moved_note(feed, result) or parsed.warning,
        etag=result.etag,
        last_modified=result.last_modified,
        body_hash=_hash(result.body),
        title=parsed.title or None,
        ttl_minutes=parsed.ttl_minutes,
        new_url=_new_url(feed, result),
        backlog=await _backlog(feed, ctx),
        cap=ctx.polling.max_new_per_feed,
    )
    finished = await _finish(feed, ctx, record)
    finished.new, finished.edited = outcome
    counts = await process_pending(ctx, feed_id=feed.id)
    finished.analysed, finished.from_summary = counts
    return finished


def _new_url(feed: FeedRef, result: FetchResult) -> str | None:
    """Where the feed lives now if this fetch says it moved; its watch-list URL if it moved back."""
    if feed.moved_to and result.final_url == feed.url:
        return feed.url  # the moved-to address sends us back (even temporarily): poll there again
    return result.permanent_redirect


def _moved_note(feed: FeedRef, result: FetchResult) -> str | None:
    """Say that a feed moved for good (logged when first seen), so the operator updates the list."""
    target = _new_url(feed, result) or feed.moved_to
    if not target or target == feed.url:
        if feed.moved_to:
            log.info(
                "feed moved back",
                extra={"feed_url": feed.url, "moved_to": feed.moved_to, "stage": "fetch"},
            )
        return None
    note = (
        f"feed moved permanently to {target} and is polled there; replace its URL in the watch-list"
    )
    if target != feed.moved_to:
        extra = {"feed_url": feed.url, "moved_to": target, "stage": "fetch", "reason": note}
        log.warning("feed moved", extra=extra)
    return note


async def _fail(
    feed: FeedRef, ctx: PollContext, now: datetime, exc: FetchError | ParseError
) -> FeedOutcome:
    retry_after = getattr(exc, "retry_after", None)
    status = getattr(exc, "status", None)
    next_at = _next(feed, ctx, now, errors=feed.error_count + 1, retry_after=retry_after)
    log.warning(
        "feed failed",
        extra={
            "feed_url": feed.url,
            "stage": exc.stage,
            "reason": str(exc),
            "next_poll_at": next_at.isoformat(),
        },
    )
    return await _finish(
        feed, ctx, PollRecord(FeedState.ERROR, next_at, status=status, error=str(exc))
    )


async def _finish(feed: FeedRef, ctx: PollContext, record: PollRecord) -> FeedOutcome:
    assert ctx.polls is not None  # set by PollContext.__post_init__
    if not await ctx.polls.submit(Polled(feed.id, ctx.clock(), record)):
        log.warning("lease lost; result discarded", extra={"feed_url": feed.url, "stage": "store"})
        return FeedOutcome(feed.url, LOST_LEASE)
    return FeedOutcome(
        feed.url, record.state, error=record.error if record.state == FeedState.ERROR else None
    )


def _next(
    feed: FeedRef,
    ctx: PollContext,
    now: datetime,
    *,
    parsed: ParsedFeed | None = None,
    result: FetchResult | None = None,
    errors: int = 0,
    retry_after: float | None = None,
) -> datetime:
    polling = ctx.polling
    delay = next_poll_delay(
        base_interval=feed.interval or polling.default_interval,
        ttl_minutes=parsed.ttl_minutes if parsed else None,
        max_age=_max_age(result.headers.get("cache-control")) if result else None,
        item_times=[i.published for i in parsed.items if i.published] if parsed else [],
        error_count=errors,
        retry_after=retry_after,
        now=now,
    )
    delay = min(max(delay, polling.min_interval if not errors else 0), polling.max_interval)
    return now + timedelta(seconds=delay)


def _max_age(header: str | None) -> float | None:
    found = re.search(r"max-age=(\d+)", header or "")
    return float(found.group(1)) if found else None


def _hash(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


async def _store_entries(
    feed: FeedRef, ctx: PollContext, parsed: ParsedFeed, now: datetime
) -> tuple[int, int]:
    for reason in parsed.skipped:
        log.info("entry skipped", extra={"feed_url": feed.url, "stage": "parse", "reason": reason})
    # Every entry is stored (pending) now, however many: a row is cheap, and only the page
    # fetching is capped per poll (process_pending), so entries past the cap wait, never vanish.
    entries: dict[str, NewEntry] = {}
    for item in parsed.items:
        entry = _entry(item, feed.url)
        if entry is not None:
            entries.setdefault(entry.url, entry)  # the same story twice in one feed is one article
    outlet = feed.name or parsed.title or None
    new = list(entries.values())
    return await offload(article_store.add_entries, ctx.engine, feed.id, outlet, new, now)


async def _backlog(feed: FeedRef, ctx: PollContext) -> int:
    """Count the feed's entries waiting for their pages (more than a poll's worth: capped)."""
    return await offload(article_store.pending_count, ctx.engine, feed.id)


def _entry(item: FeedItem, feed_url: str) -> NewEntry | None:
    try:
        url = canonical_url(item.link)
    except ValueError as exc:
        log.info(
            "entry skipped", extra={"feed_url": feed_url, "stage": "parse", "reason": str(exc)}
        )
        return None
    text = item.content if len(item.content) > len(item.summary) else item.summary
    published = item.published.isoformat() if item.published else ""
    digest = hashlib.sha256(f"{item.title}\n{text}\n{published}".encode()).hexdigest()
    return NewEntry(url, item.title, item.guid, text, item.published, item.author, digest)


async def process_pending(ctx: PollContext, *, feed_id: int | None = None) -> tuple[int, int]:
    """Fetch and analyse pending articles (new, edited, or left by a crash); return counts."""
    pending = await offload(
        article_store.claim_pending,
        ctx.engine,
        ctx.owner,
        ctx.clock(),
        lease=ctx.polling.lease,
        limit=ctx.polling.max_new_per_feed,
        feed_id=feed_id,
    )
    results = await asyncio.gather(*(analyse_one(a, ctx) for a in pending))
    return sum(1 for r in results if r is not None), sum(1 for r in results if r)


async def analyse_one(pending: PendingArticle, ctx: PollContext) -> bool | None:
    """Fetch, analyse and store one article; return whether it fell back to the feed text."""
    async with ctx.page_slots.slot(_host(pending.url)):
        if ctx.stopping.is_set():
            return None  # lease expires or is released; the next run picks it up
        return await _analyse_one(pending, ctx)


def _host(url: str) -> str:
    try:
        return host_of(url)
    except ValueError:
        return ""  # the fetcher refuses it with a readable error; any slot will do until then


async def _analyse_one(pending: PendingArticle, ctx: PollContext) -> bool | None:
    fallback = ArticleInput(
        url=pending.url,
        title=pending.title,
        text=pending.summary,
        published=pending.published,
        author=pending.author,
        outlet=pending.outlet,
    )
    html, error = None, None
    if ctx.polling.fetch_pages:
        try:
            crash_point("fetch")
            html = (await ctx.fetcher.fetch(pending.url, kind="page")).body
        except FetchError as exc:
            error = str(exc)
    try:
        result = await ctx.analyser.page(html, fallback)
    except WorkerDied as exc:  # even the feed's text: leave it pending, its lease runs out
        log.warning(
            "article left pending",
            extra={"article_url": pending.url, "reason": str(exc), "stage": "extract"},
        )
        return None
    error = result.error if result.gave_up else error or result.error
    if error:
        log.info(
            "article text from feed",
            extra={"article_url": pending.url, "reason": error, "stage": "extract"},
        )
    assert ctx.analyses is not None  # set by PollContext.__post_init__
    canonical = declared_canonical(pending.url, result.canonical_url)
    stored = await ctx.analyses.submit(
        article_store.AnalysisRecord(
            pending.id,
            result.analysis,
            result.content_hash,
            result.fingerprint,
            ctx.clock(),
            error,
            canonical,
            result.gave_up,
        )
    )
    if stored == ArticleStatus.DUPLICATE:
        log.info(
            "page is a copy of a stored article",
            extra={"article_url": pending.url, "canonical_url": canonical, "stage": "store"},
        )
    elif stored == ArticleStatus.DONE:
        for topic in result.analysis.matched_topics:
            log.info(
                "matched", extra={"article_url": pending.url, "topic": topic, "stage": "rules"}
            )
    return result.analysis.article.from_summary if stored != "lost" else None
