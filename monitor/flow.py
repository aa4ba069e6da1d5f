"""Flow control between the pipeline's stages: fair per-host article slots, batched writes."""

from __future__ import annotations

import asyncio
from collections import Counter, deque
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Generic, Literal, TypeVar

from sqlalchemy import Engine

from monitor.faults import crash_point
from monitor.states import ArticleStatus
from monitor.store import articles as article_store
from monitor.store import feeds as feed_store
from monitor.store import offload
from monitor.store.articles import AnalysisRecord
from monitor.store.feeds import Polled

T = TypeVar("T")
R = TypeVar("R")

# What became of one analysis: stored, stored as a copy of another article (its page declared
# that article's URL as canonical), or refused because our lease on it had expired.
Stored = Literal[ArticleStatus.DONE, ArticleStatus.DUPLICATE, "lost"]


def _stored(article_id: int, saved: dict[int, int | None]) -> Stored:
    if article_id not in saved:
        return "lost"
    return ArticleStatus.DONE if saved[article_id] is None else ArticleStatus.DUPLICATE


def page_slots_for(workers: int) -> HostSlots:
    """Size the in-flight article limit for `workers` extraction processes."""
    # A slot is held from the download until the analysis is stored. 128 page bodies of a few
    # hundred KB is tens of MB, where an unbounded tick could hold every new page at once; and
    # shared fairly between hosts they keep the workers fed (bench/bench_pipeline.py).
    return HostSlots(32 * max(1, workers) + 64)


class HostSlots:
    """At most `size` articles in flight; a freed slot goes to the waiting host holding fewest.

    A feed's pages usually live on one host, which the fetcher only asks every
    `per_host_interval` seconds. With a first-come semaphore the slots filled up with the pages
    of a few feeds, all queued behind their hosts' spacing, while the extraction workers idled
    and other hosts' pages waited outside. Handing each freed slot to the host with the fewest
    in flight keeps as many hosts downloading at once as there are hosts with work.
    """

    def __init__(self, size: int) -> None:
        self.size, self._free = size, size
        self._held: Counter[str] = Counter()
        self._waiting: dict[str, deque[asyncio.Future[None]]] = {}  # host -> waiters, oldest first

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        """Hold one slot for an article of `host` for the duration of the block."""
        await self._acquire(host)
        try:
            yield
        finally:
            self._release(host)

    async def _acquire(self, host: str) -> None:
        if self._free > 0:
            self._free -= 1
            self._held[host] += 1
            return
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.setdefault(host, deque()).append(waiter)
        try:
            await waiter  # _release hands the slot over, already counted for this host
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self._release(host)  # granted and cancelled in the same instant: pass it on
            else:
                self._forget(host, waiter)
            raise

    def _release(self, host: str) -> None:
        self._held[host] -= 1
        if not self._held[host]:
            del self._held[host]
        while self._waiting:
            # The waiting host with the fewest slots; among equals the one that waited longest
            # (a host served moves to the back of the dict).
            chosen = min(self._waiting, key=lambda h: self._held.get(h, 0))
            queue = self._waiting.pop(chosen)
            waiter = queue.popleft()
            if queue:
                self._waiting[chosen] = queue
            if not waiter.done():  # a cancelled waiter is skipped
                self._held[chosen] += 1
                waiter.set_result(None)
                return
        self._free += 1

    def _forget(self, host: str, waiter: asyncio.Future[None]) -> None:
        queue = self._waiting.get(host)
        if queue is not None and waiter in queue:
            queue.remove(waiter)
            if not queue:
                del self._waiting[host]


class Batcher(Generic[T, R]):
    """Gather store writes made one by one into one transaction per batch of up to `size`.

    A transaction per article (or per polled feed) cost the main process more CPU than the HTTP
    request behind it: building statements, a commit and an fsync each. Writes arrive a few
    milliseconds apart, so a batch waits at most `delay` seconds. Until its batch commits, the
    article or feed stays leased, so a crash loses nothing that the next claim does not redo.
    `write` takes a batch and returns one result per item, in order; it runs the store call off
    the event loop (`offload`), and one batch is written at a time, in the order they filled.
    """

    def __init__(
        self,
        write: Callable[[list[T]], Awaitable[list[R]]],
        *,
        size: int = 32,
        delay: float = 0.05,
    ) -> None:
        self._write, self._size, self._delay = write, size, delay
        self._waiting: list[tuple[T, asyncio.Future[R]]] = []
        self._timer: asyncio.TimerHandle | None = None
        self._writing: set[asyncio.Task[None]] = set()
        self._turn = asyncio.Lock()  # batches commit one after the other

    async def submit(self, item: T) -> R:
        """Queue one write; return its result once its batch is stored."""
        loop = asyncio.get_running_loop()
        done: asyncio.Future[R] = loop.create_future()
        self._waiting.append((item, done))
        if len(self._waiting) >= self._size:
            self.flush()
        elif self._timer is None:
            self._timer = loop.call_later(self._delay, self.flush)
        return await done

    def flush(self) -> None:
        """Start writing everything queued now; each submitter gets its result when stored."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        batch, self._waiting = self._waiting, []
        if not batch:
            return
        task = asyncio.get_running_loop().create_task(self._store(batch))
        self._writing.add(task)
        task.add_done_callback(self._writing.discard)

    async def drain(self) -> None:
        """Write everything queued and wait until every batch is stored (or has failed)."""
        self.flush()
        while self._writing:
            await asyncio.gather(*self._writing, return_exceptions=True)

    async def _store(self, batch: list[tuple[T, asyncio.Future[R]]]) -> None:
        async with self._turn:
            try:
                results = await self._write([item for item, _ in batch])
            except Exception as exc:  # every write of the batch fails alike, and says why
                for _, done in batch:
                    if not done.done():
                        done.set_exception(exc)
                return
        for (_, done), result in zip(batch, results, strict=True):
            if not done.done():
                done.set_result(result)


def _crash_in_store() -> None:
    crash_point("store")  # the whole batch is in one uncommitted transaction


def analysis_writer(
    engine: Engine, owner: str, *, size: int = 32, delay: float = 0.25
) -> Batcher[AnalysisRecord, Stored]:
    """Batch the storing of finished analyses under `owner`'s leases."""
    # Analyses finish tens of milliseconds apart: waiting a quarter second makes batches of
    # about ten (at 50 ms they averaged four, each a commit), while an article's slot is held
    # only that much longer.

    async def write(items: list[AnalysisRecord]) -> list[Stored]:
        saved = await offload(
            article_store.save_analyses, engine, owner, items, before_commit=_crash_in_store
        )
        return [_stored(i.article_id, saved) for i in items]

    return Batcher(write, size=size, delay=delay)


def poll_writer(
    engine: Engine, owner: str, *, size: int = 32, delay: float = 0.05
) -> Batcher[Polled, bool]:
    """Batch the recording of poll outcomes; each result says whether the lease was ours."""

    async def write(items: list[Polled]) -> list[bool]:
        recorded = await offload(feed_store.record_polls, engine, owner, items)
        return [i.feed_id in recorded for i in items]

    return Batcher(write, size=size, delay=delay)
