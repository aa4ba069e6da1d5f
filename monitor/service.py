"""The running monitor: one engine, one fetcher, one analyser pool, and the ticks that use them."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import threading
from collections.abc import Callable
from datetime import datetime
from typing import Literal

from sqlalchemy import Engine

from monitor import __version__
from monitor.analyse import Analyser, Limits
from monitor.clock import utcnow
from monitor.config import Config, load_config
from monitor.errors import ConfigError, StoreError
from monitor.feeds import Fetcher, FetchSettings, host_of
from monitor.flow import analysis_writer, page_slots_for, poll_writer
from monitor.models import FetcherProtocol, FetchResult
from monitor.pipeline import (
    FeedOutcome,
    PollContext,
    poll_feed,
    process_pending,
)
from monitor.reload import Changes, config_files_hash, diff
from monitor.states import FeedState
from monitor.store import (
    InstanceLock,
    check_connection,
    is_sqlite,
    make_engine,
    offload,
    upgrade,
)
from monitor.store import articles as article_store
from monitor.store import deliveries as delivery_store
from monitor.store import feeds as feed_store
from monitor.store.feeds import FeedSource
from monitor.store.recovery import release_orphaned_leases

log = logging.getLogger("monitor.service")
Progress = Callable[[FeedOutcome], None]
DIGEST_STOP_WAIT = 120.0  # seconds a stop waits for a digest being mailed before giving up


def default_instance_id() -> str:
    """Name this process host:pid, as leases and `monitor feeds --instances` show it."""
    return f"{socket.gethostname()}:{os.getpid()}"


def fetch_settings(config: Config) -> FetchSettings:
    """Translate polling settings into the fetcher's limits."""
    p = config.settings.polling
    return FetchSettings(
        user_agent=config.settings.user_agent,
        connect_timeout=p.connect_timeout,
        read_timeout=p.read_timeout,
        deadline=p.deadline,
        max_feed_bytes=p.max_feed_bytes,
        max_page_bytes=p.max_page_bytes,
        max_redirects=p.max_redirects,
        per_host_concurrency=p.per_host_concurrency,
        per_host_interval=p.per_host_interval,
        global_concurrency=p.concurrency,
        allow_private=p.allow_private,
        allowed_hosts=tuple(p.allowed_hosts),
        respect_robots=p.respect_robots,
    )


def open_database(config: Config) -> Engine:
    """Connect, migrate to the newest schema and return the engine."""
    from monitor.store.schema import is_current

    engine = make_engine(config.database_url, pool_size=config.settings.database.pool_size)
    check_connection(engine)
    if not is_current(engine):  # loading Alembic to learn there is nothing to do costs 0.5 s
        upgrade(config.database_url)
    return engine


class ClusterPoliteFetcher:
    """Wait for a host's cluster-wide slot (a row every instance reserves from) before fetching."""

    def __init__(self, inner: FetcherProtocol, engine: Engine, spacing: float) -> None:
        self.inner, self.engine, self.spacing = inner, engine, spacing

    async def fetch(
        self,
        url: str,
        *,
        kind: Literal["feed", "page"],
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> FetchResult:
        """Reserve the next slot for the URL's host, sleep until it starts, then fetch."""
        try:
            host = host_of(url)
        except ValueError:
            # the fetcher reports the bad URL
            return await self.inner.fetch(url, kind=kind, etag=etag, last_modified=last_modified)
        # Real time, not the service clock: this is about when requests actually leave.
        start = await offload(
            feed_store.reserve_host_slot, self.engine, host, utcnow(), self.spacing
        )
        wait = (start - utcnow()).total_seconds()
        if wait > 0:
            await asyncio.sleep(wait)
        return await self.inner.fetch(url, kind=kind, etag=etag, last_modified=last_modified)

    async def aclose(self) -> None:
        """Close the wrapped fetcher."""
        await self.inner.aclose()


class Service:
    """Owns the shared resources of one instance; the scheduler and the CLI call its ticks."""

    def __init__(
        self,
        config: Config,
        *,
        clock: Callable[[], datetime] = utcnow,
        instance_id: str | None = None,
        fetcher: FetcherProtocol | None = None,
        lock: bool = False,
    ) -> None:
        self.config, self.clock = config, clock
        self.owner = instance_id or config.settings.instance_id or default_instance_id()
        self._lock = InstanceLock(config.database_url) if lock else None
        if self._lock is not None:
            self._lock.acquire()  # before migrating: a second `run` must not touch the file
        self.engine = open_database(config)
        self.fatal: str | None = None  # why this instance must stop (its database vanished)
        if self._lock is not None and is_sqlite(self.engine):
            self._lock.check()
            released = release_orphaned_leases(self.engine)
            if released:
                log.warning(
                    "took back work a stopped process left leased",
                    extra={"stage": "store", "released": released},
                )
        polling = config.settings.polling
        limits = Limits(polling.extract_timeout, polling.extract_memory, polling.extract_max_tags)
        self.analyser = Analyser(
            config.watchlist.groups, config.topic_specs(), polling.extract_workers, limits
        )
        self.fetcher: FetcherProtocol = fetcher or Fetcher(fetch_settings(config))
        if not is_sqlite(self.engine) and polling.per_host_interval > 0:
            # Several instances: the in-process spacing alone would let each hit a host.
            self.fetcher = ClusterPoliteFetcher(
                self.fetcher, self.engine, polling.per_host_interval
            )
        self.stopping = asyncio.Event()
        self.page_slots = page_slots_for(polling.extract_workers)
        self.analyses = analysis_writer(self.engine, self.owner)
        self.polls = poll_writer(self.engine, self.owner)
        self.busy = asyncio.Lock()  # one poll tick at a time per instance
        self.mailing = threading.Lock()  # held while a digest tick sends (in a worker thread)
        self._tick: asyncio.Task[list[FeedOutcome]] | None = None
        self.halt: Callable[[], None] | None = None  # set by the scheduler: stop the run
        self._files_hash = config_files_hash(config)  # to notice an edit
        self._claim_again = False  # feeds were added while a tick runs: it looks again
        self._reloading = asyncio.Lock()
        self.sync_feeds()

    def context(self) -> PollContext:
        """Bundle what a poll needs."""
        return PollContext(
            self.engine,
            self.fetcher,
            self.analyser,
            self.config.settings.polling,
            self.owner,
            self.clock,
            self.stopping,
            self.page_slots,
            self.analyses,
            self.polls,
        )

    def sync_feeds(self) -> int:
        """Bring the feed table in line with the watch-list."""
        return feed_store.sync_feeds(self.engine, self._feed_sources(), self.clock())

    def _feed_sources(self) -> list[FeedSource]:
        return [
            FeedSource(f.url, f.name, f.interval, f.enabled) for f in self.config.watchlist.feeds
        ]

    async def watch_tick(self) -> Changes | None:
        """Reload the configuration when monitor.yaml or the watch-list changed on disk."""
        now = await asyncio.to_thread(config_files_hash, self.config)
        if now == self._files_hash:
            return None
        return await self.reload("file changed")

    async def reload(self, trigger: str) -> Changes | None:
        """Re-read and validate the configuration; apply it, or keep the old one and log why."""
        async with self._reloading:  # a SIGHUP during a reload the file watch started waits
            return await self._reload(trigger)

    async def _reload(self, trigger: str) -> Changes | None:
        self._files_hash = await asyncio.to_thread(config_files_hash, self.config)
        try:
            new = await asyncio.to_thread(load_config, self.config.settings_path)
        except ConfigError as exc:
            for problem in exc.problems:
                log.error("configuration error", extra={"stage": "config", "reason": problem})
            log.error(
                "configuration not reloaded; the previous one stays in force",
                extra={"stage": "config", "trigger": trigger, "errors": len(exc.problems)},
            )
            return None
        changes = diff(self.config, new)
        self.config = new
        if changes.rules:  # compiling a large watch-list takes a while: not on the loop
            await asyncio.to_thread(self.analyser.update, new.watchlist.groups, new.topic_specs())
        if changes.feeds:
            await offload(feed_store.sync_feeds, self.engine, self._feed_sources(), self.clock())
            self._claim_again = bool(changes.feeds_added)
        extra = {"stage": "config", "trigger": trigger, **changes.as_log()}
        log.info(
            "configuration reloaded" if not changes.empty else "configuration unchanged",
            extra=extra,
        )
        for setting in changes.needs_restart:
            log.warning(
                "setting changed; it takes effect at the next start",
                extra={"stage": "config", "setting": setting},
            )
        return changes

    async def poll_tick(
        self, *, everything: bool = False, progress: Progress | None = None
    ) -> list[FeedOutcome]:
        """Claim due feeds and poll up to a batch of them at once until none is due."""
        if self.busy.locked():
            return []  # the previous tick is still working through its batch
        async with self.busy:
            self._tick = asyncio.current_task()
            ctx = self.context()
            try:
                outcomes = await self._poll_due(everything, ctx, progress)
                if not self.stopping.is_set():
                    await process_pending(ctx)  # articles a crashed run left half-done
            finally:
                self._tick = None
            return outcomes

    async def _poll_due(
        self, everything: bool, ctx: PollContext, progress: Progress | None
    ) -> list[FeedOutcome]:
        """Poll due feeds through a sliding window of `batch_size`; outcomes in claim order."""
        size = self.config.settings.polling.batch_size
        # While slow work (a publisher dripping its pages) holds the window, look again every
        # `tick` for feeds that fell due meanwhile; `poll --all` polls each feed once.
        recheck = None if everything else self.config.settings.polling.tick
        seen: set[int] = set()
        tasks: list[asyncio.Task[FeedOutcome]] = []
        running: dict[asyncio.Task[FeedOutcome], int] = {}  # task -> feed id
        due = True
        async with asyncio.TaskGroup() as group:
            while True:
                # Refill once half the window is free, not when all of it is: waiting for a
                # whole batch left the extraction workers idle while its last article finished
                # and the next batch's feeds and pages downloaded (a second per batch).
                due, self._claim_again = due or self._claim_again, False
                if due and not self.stopping.is_set() and len(running) <= size // 2:
                    # Each feed once per round: one that is due again at once waits a recheck.
                    batch = await self._claim(everything, seen, size - len(running))
                    due = bool(batch)
                    seen.update(f.id for f in batch)
                    for feed in batch:
                        tasks.append(group.create_task(self._poll(feed, ctx, progress)))
                        running[tasks[-1]] = feed.id
                if not running:
                    break
                done, _ = await asyncio.wait(
                    running, timeout=recheck, return_when=asyncio.FIRST_COMPLETED
                )
                for task in done:
                    del running[task]
                if not done:  # a recheck: feeds polled earlier in this tick may be due again
                    due, seen = True, set(running.values())
        return [task.result() for task in tasks]

    async def _claim(
        self, everything: bool, seen: set[int], limit: int
    ) -> list[feed_store.FeedRef]:
        p = self.config.settings.polling
        return await offload(
            feed_store.claim_due_feeds,
            self.engine,
            self.owner,
            self.clock(),
            lease=p.lease,
            limit=limit,
            everything=everything,
            exclude=seen,
        )

    async def _poll(
        self, feed: feed_store.FeedRef, ctx: PollContext, progress: Progress | None
    ) -> FeedOutcome:
        try:
            outcome = await poll_feed(feed, ctx)
        except Exception as exc:  # noqa: BLE001 - one feed's bug must not stop the batch
            log.exception("poll crashed", extra={"feed_url": feed.url, "stage": "pipeline"})
            outcome = FeedOutcome(feed.url, FeedState.ERROR, error=f"internal error: {exc!r}")
        if progress is not None:
            progress(outcome)
        return outcome

    def digest_tick(self) -> list[str]:
        """Plan due digest periods and send what is due (nothing once stopping)."""
        # Imported here: rendering and mail (Jinja2, charts, SMTP) are not needed to poll.
        from monitor.delivery import plan_due, send_due

        with self.mailing:
            if self.stopping.is_set():
                return []
            now = self.clock()
            plan_due(self.engine, self.config, now)
            return send_due(self.engine, self.config, self.owner, now, clock=self.clock)

    def heartbeat(self) -> None:
        """Record that this instance is alive."""
        self.check_database()
        lease = self.config.settings.polling.lease
        feed_store.heartbeat(self.engine, self.owner, self.clock(), __version__, renew=lease)

    def check_database(self) -> None:
        """Raise StoreError (and remember why) once the SQLite file vanished under us."""
        if self._lock is None:
            return
        try:
            self._lock.check()
        except StoreError as exc:
            self.fatal = str(exc)
            raise

    def problem(self) -> str | None:
        """Say why this instance is degraded (for /health), or None when all is well."""
        if self.fatal:
            return self.fatal
        try:
            self.check_database()
        except StoreError:
            return self.fatal
        failing = self.analyser.problem
        return f"analysis failing: {failing}" if failing else None

    async def aclose(self) -> None:
        """Release leases at once so other instances take over, then free resources."""
        self.stopping.set()
        # Finished work waiting for its batch is stored, not redone.
        await self.analyses.drain()
        await self.polls.drain()
        # Feeds and articles first: a result we are still computing is refused by the lease
        # check once released, and the idempotent writes make the re-poll elsewhere harmless.
        released = await self._release_work()
        await self._cancel_tick()
        released += await self._release_work()  # anything the cancelled tick claimed meanwhile
        await self.analyses.drain()  # no batch may still be writing once the engine is gone
        await self.polls.drain()
        # A delivery is different: released mid-SMTP it would be mailed twice, so wait for it.
        if await asyncio.to_thread(self.mailing.acquire, timeout=DIGEST_STOP_WAIT):
            self.mailing.release()
            released += await offload(
                delivery_store.release_delivery_leases, self.engine, self.owner
            )
        await offload(feed_store.forget_instance, self.engine, self.owner)
        log.info("stopped", extra={"instance": self.owner, "released": released})
        await self.fetcher.aclose()
        self.analyser.close()
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()

    async def _release_work(self) -> int:
        feeds = await offload(feed_store.release_feed_leases, self.engine, self.owner)
        articles = await offload(article_store.release_article_leases, self.engine, self.owner)
        return feeds + articles

    async def _cancel_tick(self) -> None:
        tick = self._tick
        if tick is None or tick.done() or tick is asyncio.current_task():
            return
        tick.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await tick  # we cancelled it; its own errors were logged
