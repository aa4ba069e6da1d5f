"""Extraction worker processes: bounded, replaced when they die, gone when the service dies."""

from __future__ import annotations

import asyncio
import logging
import os
import resource
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from monitor.errors import ExtractError

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

log = logging.getLogger("monitor.workers")
T = TypeVar("T")
PARENT_CHECK = 1.0  # seconds between a worker's looks at whether the service still lives
_LIMITS: Limits | None = None  # set in each worker process by _init


@dataclass(frozen=True, slots=True)
class Limits:
    """What one analysis may use in a worker: seconds, address space (MB), opening tags."""

    seconds: float = 30.0
    memory_mb: int = 512
    max_tags: int = 50_000


class _TimeUp(BaseException):
    """A worker's time limit for one page ran out."""


class WorkerDied(ExtractError):
    """The worker process analysing a page died (killed, out of memory, crashed)."""


def _init(
    parent: int, limits: Limits, initializer: Callable[..., None], args: tuple[Any, ...]
) -> None:
    global _LIMITS
    _LIMITS = limits
    _watch_parent(parent)
    if limits.memory_mb:
        size = limits.memory_mb * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (size, size))
    initializer(*args)


def _watch_parent(parent: int) -> None:
    """Exit when the service is gone: a kill -9 of it must not leave workers behind."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK)
        os._exit(0)  # re-parented: the service died; nothing here is worth finishing

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def worker_limits() -> Limits | None:
    """Return the limits of this worker process (None in the service itself)."""
    return _LIMITS


@contextmanager
def time_limit(seconds: float | None, what: str) -> Iterator[None]:
    """Raise ExtractError in this (worker) process once `seconds` have passed inside the block."""
    if not seconds:
        yield
        return

    def expired(_signum: int, _frame: Any) -> None:
        raise _TimeUp  # not an Exception: trafilatura's own `except Exception` must not eat it

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _TimeUp:
        raise ExtractError(
            f"{what}: extraction took over {seconds:g} s (polling.extract_timeout)"
        ) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class WorkerPool:
    """A process pool that replaces itself when a worker dies and can run one task alone.

    When a worker dies every task in flight fails alike, so the pool cannot say whose page
    killed it. A task that saw its worker die is run again alone: an innocent one finishes, the
    culprit kills its worker again and is known for sure.
    """

    def __init__(
        self,
        workers: int,
        limits: Limits,
        initializer: Callable[..., None],
        initargs: tuple[Any, ...],
    ) -> None:
        self.workers, self.limits = workers, limits
        self._init_args = (os.getpid(), limits, initializer, initargs)
        self._pool: ProcessPoolExecutor | None = None  # started at the first page (_executor)
        self.deaths = 0  # workers lost since start
        self.failing: str | None = None  # why analysis is failing now (None: it works)
        self._inflight, self._alone = 0, False
        self._retired = False
        self._waiters: deque[tuple[asyncio.Future[None], bool]] = deque()  # (waiter, alone)

    def _executor(self) -> ProcessPoolExecutor:
        """Start the pool at the first page: a poll with nothing new never spawns a process."""
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # Spawned, not forked: a worker starts clean with only the extraction modules
            # instead of a copy-on-write image of the service (HTTP client, database pool).
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                initializer=_init,
                initargs=self._init_args,
                mp_context=multiprocessing.get_context("spawn"),
            )
        return self._pool

    async def run(self, call: Callable[..., T], *args: Any, alone: bool = False) -> T:
        """Run `call(*args)` in a worker; raise WorkerDied if its worker died meanwhile."""
        from concurrent.futures.process import BrokenProcessPool

        await self._enter(alone)
        pool = self._executor()
        try:
            future = asyncio.get_running_loop().run_in_executor(pool, call, *args)
            # A hard bound behind the worker's own timer, for code that never returns to Python:
            # at most one task waits ahead of this one per worker (_enter), each within its limit.
            result = await asyncio.wait_for(future, self.limits.seconds * 3 + 10)
        except BrokenProcessPool as exc:
            raise self._lost(pool, f"extraction worker died ({exc})") from None
        except TimeoutError:
            self._kill(pool)
            raise self._lost(pool, "extraction worker stuck past its time limit; killed") from None
        finally:
            self._leave(alone)
        self.failing = None
        return result

    def _lost(self, pool: ProcessPoolExecutor, reason: str) -> WorkerDied:
        if pool is self._pool and not self._retired:  # the first failed task replaces the pool
            self.deaths += 1
            pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None  # the next page starts a fresh one
            log.warning("extraction worker replaced", extra={"stage": "extract", "reason": reason})
        self.failing = reason
        return WorkerDied(reason)

    def _kill(self, pool: ProcessPoolExecutor) -> None:
        for process in list(getattr(pool, "_processes", {}).values()):
            process.kill()

    async def _enter(self, alone: bool) -> None:
        # Two tasks per worker in the executor (one running, one queued behind it) keep the
        # workers busy; the rest wait here, so a task's hard time bound starts near its start.
        # A freed slot is handed to the first waiter only: waking every waiter at each finish
        # made 2,000 queued pages cost millions of wake-ups in the service's own process.
        if not self._waiters and self._fits(alone):
            self._take(alone)
            return
        waiter = asyncio.get_running_loop().create_future()
        self._waiters.append((waiter, alone))
        try:
            await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self._leave(alone)  # handed a slot just as it was cancelled: pass it on
            raise

    def _fits(self, alone: bool) -> bool:
        """Say whether a task may enter now (an `alone` task only into an empty pool)."""
        return (
            not self._alone and not (alone and self._inflight) and self._inflight < 2 * self.workers
        )

    def _take(self, alone: bool) -> None:
        self._alone = alone
        self._inflight += 1

    def _leave(self, alone: bool) -> None:
        self._inflight -= 1
        if alone:
            self._alone = False
        # In arrival order: nobody passes a waiting `alone` task, so it gets the empty pool.
        while self._waiters:
            waiter, its_alone = self._waiters[0]
            if waiter.done() or waiter.get_loop().is_closed():
                self._waiters.popleft()  # cancelled while waiting, or its loop is gone
                continue
            if not self._fits(its_alone):
                break
            self._waiters.popleft()
            self._take(its_alone)
            waiter.set_result(None)

    def retire(self) -> None:
        """Let the work already submitted finish, then let the processes exit; start no more."""
        self._retired = True
        if self._pool is not None:
            self._pool.shutdown(wait=False)

    def close(self) -> None:
        """Stop the worker processes."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
