"""A slow publisher does not hold up other feeds: due feeds are claimed while slow work runs.

One feed's article page drips at 1 byte/s from a real server; another feed (a second server)
falls due on the test's clock while that page is still downloading. It must be polled then, not
when the slow page is done. Nothing here measures elapsed time; the order of events is asserted.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from monitor.config import load_config
from monitor.service import Service
from monitor.store.db import session_scope
from monitor.store.tables import Feed
from tests.support.config import write_config
from tests.support.httpserver import Route, serve

START = datetime(2026, 12, 1, 5, 10, tzinfo=UTC)
SAFETY = 60.0  # seconds of real time only a hang reaches


def _rss(name: str, base: str, pages: int) -> Route:
    items = "".join(
        f"<item><title>{name} {n}</title><link>{base}/a/{n}</link><guid>{base}/a/{n}</guid>"
        f"<description>{name} story {n}.</description></item>"
        for n in range(pages)
    )
    body = f'<rss version="2.0"><channel><title>{name}</title>{items}</channel></rss>'
    return Route(body=body.encode(), headers={"Content-Type": "application/rss+xml"})


def _feed(service: Service, url: str) -> Feed:
    with session_scope(service.engine) as session:
        return session.scalars(select(Feed).where(Feed.url == url)).one()


def test_a_fast_feed_is_polled_on_time_beside_a_slow_one(tmp_path: Path) -> None:
    page = b"<p>slow</p>"  # 11 bytes at 1 byte/s
    with serve({}) as slow, serve({}) as fast:
        slow.routes["/feed.xml"] = _rss("Slow", slow.base_url, 1)
        slow.routes["/a/0"] = Route(body=page, headers={"Content-Type": "text/html"}, drip=1)
        fast.routes["/feed.xml"] = _rss("Fast", fast.base_url, 0)
        fast_url = fast.url("/feed.xml")
        feeds = [{"url": slow.url("/feed.xml")}, {"url": fast_url, "interval": "5m"}]
        polling = {"tick": 0.2, "per_host_concurrency": 4, "deadline": 120, "read_timeout": 30}
        path = write_config(tmp_path, feeds=feeds, digests=[], settings={"polling": polling})
        clock = {"now": START}
        service = Service(load_config(path), clock=lambda: clock["now"])
        polled_at: list[datetime | None] = []

        async def scenario() -> None:
            tick = asyncio.create_task(service.poll_tick())
            polled = lambda: _feed(service, fast_url).last_polled_at is not None  # noqa: E731
            await _until(lambda: polled() and slow.hits("/a/0") == 1)  # the page is dripping
            due = _feed(service, fast_url).next_poll_at
            assert due is not None and slow.hits("/a/0") == 1 and not tick.done()
            clock["now"] = due + timedelta(seconds=5)  # the fast feed falls due meanwhile
            await _until(lambda: fast.hits("/feed.xml") == 2 or tick.done())
            still_slow = not tick.done()
            await _until(lambda: _feed(service, fast_url).last_polled_at != START or tick.done())
            polled_at.append(_feed(service, fast_url).last_polled_at)
            assert still_slow, "the fast feed waited for the slow page"
            await tick

        try:
            asyncio.run(scenario())
        finally:
            asyncio.run(service.aclose())
        assert polled_at == [clock["now"]]  # polled at the simulated moment it was due


async def _until(condition: object) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + SAFETY
    while not condition():  # type: ignore[operator]
        assert loop.time() < deadline, "gave up waiting"
        await asyncio.sleep(0.05)
