"""The running monitor: one engine, one fetcher, one analyser pool, and the ticks that use them."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from monitor import __version__
from monitor.analyse import Analyser
from monitor.config import Config
from monitor.delivery import plan_due, send_due
from monitor.feeds import Fetcher, FetchSettings
from monitor.pipeline import FeedOutcome, PollContext, poll_feed, process_pending
from monitor.store import InstanceLock, check_connection, is_sqlite, make_engine, upgrade
from monitor.store import deliveries as delivery_store
from monitor.store import feeds as feed_store
from monitor.store.feeds import FeedSource

log = logging.getLogger("monitor.service")
Progress = Callable[[FeedOutcome], None]


def utcnow() -> datetime:
    """Return the current time as an aware UTC datetime (the default clock)."""
    return datetime.now(UTC)


def default_instance_id() -> str:
    """Name this process host:pid, as leases and `monitor feeds --instances` show it."""
    return f"{socket.gethostname()}:{os.getpid()}"


def fetch_settings(config: Config) -> FetchSettings:
    """Translate polling settings into the fetcher's limits."""
    p = config.settings.polling
    return FetchSettings(
        user_agent=config.settings.user_agent, connect_timeout=p.connect_timeout,
        read_timeout=p.read_timeout, deadline=p.deadline, max_feed_bytes=p.max_feed_bytes,
        max_page_bytes=p.max_page_bytes, max_redirects=p.max_redirects,
        per_host_concurrency=p.per_host_concurrency, per_host_interval=p.per_host_interval,
        global_concurrency=p.concurrency, allow_private=p.allow_private,
        allowed_hosts=tuple(p.allowed_hosts), respect_robots=p.respect_robots,
    )


def open_database(config: Config) -> Any:
    """Connect, migrate to the newest schema and return the engine."""
    engine = make_engine(config.database_url, pool_size=config.settings.database.pool_size)
    check_connection(engine)
    upgrade(config.database_url)
    return engine


class Service:
    """Owns the shared resources of one instance; the scheduler and the CLI call its ticks."""

    def __init__(self, config: Config, *, clock: Callable[[], datetime] = utcnow,
                 instance_id: str | None = None, fetcher: Any = None, lock: bool = False) -> None:
        self.config, self.clock = config, clock
        self.owner = instance_id or config.settings.instance_id or default_instance_id()
        self._lock = InstanceLock(config.database_url) if lock else None
        self.engine = open_database(config)
        if self._lock is not None and is_sqlite(self.engine):
            self._lock.acquire()
        polling = config.settings.polling
        self.analyser = Analyser(config.watchlist.groups, config.topic_specs(), polling.extract_workers)
        self.fetcher = fetcher or Fetcher(fetch_settings(config))
        self.stopping = asyncio.Event()
        self.busy = asyncio.Lock()  # one poll tick at a time per instance
        self.sync_feeds()

    def context(self) -> PollContext:
        """Bundle what a poll needs."""
        return PollContext(self.engine, self.fetcher, self.analyser, self.config.settings.polling,
                           self.owner, self.clock, self.stopping)

    def sync_feeds(self) -> int:
        """Bring the feed table in line with the watch-list."""
        sources = [FeedSource(f.url, f.name, f.interval, f.enabled) for f in self.config.watchlist.feeds]
        return feed_store.sync_feeds(self.engine, sources, self.clock())

    async def poll_tick(self, *, everything: bool = False, progress: Progress | None = None) -> list[FeedOutcome]:
        """Claim due feeds batch by batch and poll them concurrently until none is due."""
        if self.busy.locked():
            return []  # the previous tick is still working through its batch
        async with self.busy:
            outcomes: list[FeedOutcome] = []
            ctx = self.context()
            seen: set[int] = set()
            while not self.stopping.is_set():
                batch = [f for f in self._claim(everything) if f.id not in seen]
                if not batch:
                    break
                seen.update(f.id for f in batch)
                outcomes += await asyncio.gather(*(self._poll(f, ctx, progress) for f in batch))
            if not self.stopping.is_set():
                await process_pending(ctx)  # articles a crashed run left half-done
            return outcomes

    def _claim(self, everything: bool) -> list[feed_store.FeedRef]:
        p = self.config.settings.polling
        return feed_store.claim_due_feeds(self.engine, self.owner, self.clock(), lease=p.lease,
                                          limit=p.batch_size, everything=everything)

    async def _poll(self, feed: feed_store.FeedRef, ctx: PollContext, progress: Progress | None) -> FeedOutcome:
        try:
            outcome = await poll_feed(feed, ctx)
        except Exception as exc:  # noqa: BLE001 - one feed's bug must not stop the batch
            log.exception("poll crashed", extra={"feed_url": feed.url, "stage": "pipeline"})
            outcome = FeedOutcome(feed.url, "error", error=f"internal error: {exc!r}")
        if progress is not None:
            progress(outcome)
        return outcome

    def digest_tick(self) -> list[str]:
        """Plan due digest periods and send what is due."""
        now = self.clock()
        plan_due(self.engine, self.config, now)
        return send_due(self.engine, self.config, self.owner, now, clock=self.clock)

    def heartbeat(self) -> None:
        """Record that this instance is alive."""
        feed_store.heartbeat(self.engine, self.owner, self.clock(), __version__)

    async def aclose(self) -> None:
        """Release leases at once so other instances take over, then free resources."""
        self.stopping.set()
        async with self.busy:
            pass  # wait for the current item to finish
        released = feed_store.release_feed_leases(self.engine, self.owner)
        released += delivery_store.release_delivery_leases(self.engine, self.owner)
        log.info("stopped", extra={"instance": self.owner, "released": released})
        await self.fetcher.aclose()
        self.analyser.close()
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
