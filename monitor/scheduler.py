"""APScheduler wiring only: coarse ticks in this process that claim work from the database."""

from __future__ import annotations

import asyncio
import logging
import signal
from typing import Any

from apscheduler.executors.asyncio import AsyncIOExecutor
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from monitor.service import Service

log = logging.getLogger("monitor.scheduler")
DIGEST_TICK = 60.0
HEARTBEAT = 30.0


def build_scheduler(
    service: Service,
    *,
    poll_every: float,
    digest_every: float = DIGEST_TICK,
    heartbeat_every: float = HEARTBEAT,
) -> AsyncIOScheduler:
    """Return a scheduler with the poll, digest and heartbeat ticks, first runs now."""
    scheduler = AsyncIOScheduler(executors={"default": AsyncIOExecutor()}, timezone="UTC")
    # coalesce + max_instances=1: a slow tick is never stacked; missed runs collapse into one.
    common: dict[str, Any] = {"coalesce": True, "max_instances": 1, "misfire_grace_time": None}
    now = service.clock()
    # A poll tick drains every due batch and may outlast many intervals; a run that finds it
    # busy returns at once (Service.busy), which beats APScheduler's "skipped" warning each time.
    scheduler.add_job(
        _poll,
        "interval",
        args=[service],
        seconds=poll_every,
        id="poll",
        next_run_time=now,
        **{**common, "max_instances": 2},
    )
    scheduler.add_job(
        _digest,
        "interval",
        args=[service],
        seconds=digest_every,
        id="digest",
        next_run_time=now,
        **common,
    )
    scheduler.add_job(
        _heartbeat,
        "interval",
        args=[service],
        seconds=heartbeat_every,
        id="heartbeat",
        next_run_time=now,
        **common,
    )
    return scheduler


async def _poll(service: Service) -> None:
    try:
        outcomes = await service.poll_tick()
    except Exception:  # noqa: BLE001 - the next tick tries again; the error is logged
        log.exception("poll tick failed", extra={"stage": "scheduler"})
        return
    if outcomes:
        errors = sum(1 for o in outcomes if o.state == "error")
        log.info(
            "poll tick",
            extra={"feeds": len(outcomes), "errors": errors, "new": sum(o.new for o in outcomes)},
        )


async def _digest(service: Service) -> None:
    try:
        for line in await asyncio.to_thread(service.digest_tick):
            log.info(line, extra={"stage": "digest"})
    except Exception:  # noqa: BLE001
        log.exception("digest tick failed", extra={"stage": "scheduler"})


async def _heartbeat(service: Service) -> None:
    try:
        await asyncio.to_thread(service.heartbeat)
    except Exception:  # noqa: BLE001
        log.exception("heartbeat failed", extra={"stage": "scheduler"})


async def run_until_stopped(service: Service, *, stop: asyncio.Event | None = None) -> None:
    """Run the ticks until SIGTERM/SIGINT (or `stop`), then stop cleanly between items."""
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    tick = service.config.settings.polling.tick
    scheduler = build_scheduler(service, poll_every=tick, digest_every=min(DIGEST_TICK, tick))
    scheduler.start()
    log.info("started", extra={"instance": service.owner})
    try:
        await stop.wait()
    finally:
        log.info("stopping", extra={"instance": service.owner})
        scheduler.shutdown(wait=False)
        await service.aclose()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(signum)
