"""APScheduler wiring only: coarse ticks in this process that claim work from the database."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime
from typing import TypeVar

from apscheduler.executors.asyncio import AsyncIOExecutor
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from monitor.errors import MonitorError
from monitor.pipeline import FeedOutcome
from monitor.reload import Changes
from monitor.service import Service
from monitor.states import FeedState
from monitor.store.feeds import HEARTBEAT

log = logging.getLogger("monitor.scheduler")
T = TypeVar("T")
DIGEST_TICK = 60.0
WATCH = 5.0  # seconds between looks at monitor.yaml and the watch-list for edits


def build_scheduler(
    service: Service,
    *,
    poll_every: float,
    digest_every: float = DIGEST_TICK,
    heartbeat_every: float = HEARTBEAT,
    watch_every: float = WATCH,
) -> AsyncIOScheduler:
    """Return a scheduler with the poll, digest, heartbeat and watch ticks, first runs now."""
    scheduler = AsyncIOScheduler(executors={"default": AsyncIOExecutor()}, timezone="UTC")
    # APScheduler runs on real time, not the service clock (which tests may simulate): a tick
    # only asks the service to look; the service's own clock decides what is due.
    now = datetime.now(UTC)
    # A poll tick drains every due batch and may outlast many intervals; a second run finds it
    # busy and returns at once (Service.busy), which beats APScheduler's "skipped" warning.
    jobs = (
        ("poll", _poll, poll_every, 2),
        ("digest", _digest, digest_every, 1),
        ("heartbeat", _heartbeat, heartbeat_every, 1),
        ("watch", _watch, watch_every, 1),
    )
    for job_id, job, seconds, instances in jobs:
        # coalesce: runs missed while the process was busy or asleep collapse into one.
        scheduler.add_job(job, "interval", args=[service, scheduler], seconds=seconds,
                          id=job_id, next_run_time=now, coalesce=True, max_instances=instances,
                          misfire_grace_time=None)  # fmt: skip
    return scheduler


def reload_now(service: Service, scheduler: AsyncIOScheduler) -> None:
    """Re-read the configuration at once, whether or not the files changed (SIGHUP)."""
    scheduler.add_job(_reload, args=[service, scheduler], misfire_grace_time=None)


async def _watch(service: Service, scheduler: AsyncIOScheduler) -> None:
    await _reloaded(service, scheduler, service.watch_tick())


async def _reload(service: Service, scheduler: AsyncIOScheduler) -> None:
    await _reloaded(service, scheduler, service.reload("SIGHUP"))


async def _reloaded(
    service: Service, scheduler: AsyncIOScheduler, reload: Coroutine[object, object, Changes | None]
) -> None:
    try:
        changes = await reload
    except Exception:  # noqa: BLE001 - the old configuration stays; the error is logged
        log.exception("configuration reload failed", extra={"stage": "config"})
        return
    if changes is not None and changes.feeds_added:
        # New feeds are due now; poll them now rather than at the next tick.
        scheduler.modify_job("poll", next_run_time=datetime.now(UTC))


async def _poll(service: Service, _scheduler: AsyncIOScheduler) -> None:
    if not await _alive(service):
        return
    done: list[FeedOutcome] = []  # what the tick finished, even if a stop cuts it short
    try:
        await service.poll_tick(progress=done.append)
    except asyncio.CancelledError:
        if not service.stopping.is_set():
            raise
        # Our own stop cancelled the tick mid-poll; the leases are released, nothing is lost.
        log.info("poll tick interrupted by stop", extra={"stage": "scheduler", **_tally(done)})
        return
    except Exception:  # noqa: BLE001 - the next tick tries again; the error is logged
        log.exception("poll tick failed", extra={"stage": "scheduler", **_tally(done)})
        return
    if done:
        log.info("poll tick", extra=_tally(done))


def _tally(outcomes: list[FeedOutcome]) -> dict[str, int]:
    """Count a tick's polled feeds, failures and new entries for its log line."""
    errors = sum(1 for o in outcomes if o.state == FeedState.ERROR)
    return {"feeds": len(outcomes), "errors": errors, "new": sum(o.new for o in outcomes)}


async def _digest(service: Service, _scheduler: AsyncIOScheduler) -> None:
    lines = await _in_thread(service.digest_tick, "digest tick", service.stopping)
    for line in lines or ():
        log.info(line, extra={"stage": "digest"})


async def _heartbeat(service: Service, _scheduler: AsyncIOScheduler) -> None:
    if await _alive(service):
        await _in_thread(service.heartbeat, "heartbeat", service.stopping)


async def _alive(service: Service) -> bool:
    """Check the database file is still there; stop the service (one error line) if not."""
    try:
        await asyncio.to_thread(service.check_database)
    except MonitorError as exc:
        log.error("stopping: %s", exc, extra={"stage": "store", "reason": str(exc)})
        if service.halt is not None:
            service.halt()
        return False
    return True


async def _in_thread(call: Callable[[], T], what: str, stopping: asyncio.Event) -> T | None:
    """Run a blocking service call off the event loop; log its failure for the next tick."""
    try:
        return await asyncio.to_thread(call)
    except asyncio.CancelledError:
        if not stopping.is_set():
            raise
        return None  # the stop cancelled the wait; the call itself finishes or is moot
    except Exception:  # noqa: BLE001 - the next tick tries again; the error is logged
        log.exception(f"{what} failed", extra={"stage": "scheduler"})
        return None


async def run_until_stopped(service: Service, *, stop: asyncio.Event | None = None) -> None:
    """Run the ticks until SIGTERM/SIGINT (or `stop`), then stop cleanly between items."""
    stop = stop or asyncio.Event()
    service.halt = stop.set  # a fatal problem (the database file vanished) stops the run
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    tick = service.config.settings.polling.tick
    # A tick shorter than the heartbeat (tests with a fast clock) beats as often as it ticks.
    scheduler = build_scheduler(
        service,
        poll_every=tick,
        digest_every=min(DIGEST_TICK, tick),
        heartbeat_every=min(HEARTBEAT, tick),
    )
    loop.add_signal_handler(signal.SIGHUP, reload_now, service, scheduler)
    scheduler.start()
    log.info("started", extra={"instance": service.owner})
    try:
        await stop.wait()
    finally:
        log.info("stopping", extra={"instance": service.owner})
        scheduler.shutdown(wait=False)
        await service.aclose()
        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            loop.remove_signal_handler(signum)
