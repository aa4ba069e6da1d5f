"""Entries past `max_new_per_feed` are stored and analysed over later polls, never dropped.

A real HTTP server serves the feed, the real service polls it on a SQLite file, with a clock the
test moves; pages are not fetched (fetch_pages: false) so each entry's analysis is the feed text.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from monitor.config import load_config
from monitor.service import Service
from monitor.store.db import session_scope
from monitor.store.tables import Article, Feed
from tests.support.config import write_config
from tests.support.httpserver import Route, Server, serve

START = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)


def _rss(count: int, base: str) -> Route:
    items = "".join(
        f"<item><title>Story {n}</title><link>{base}/a/{n}</link><guid>{base}/a/{n}</guid>"
        f"<description>Story {n}: local news of the day.</description></item>"
        for n in range(count)
    )
    channel = f"<channel><title>Big</title>{items}</channel>"
    body = f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'
    return Route(body=body.encode(), headers={"Content-Type": "application/rss+xml"})


class Clocked:
    """A service on a clock the test advances; one poll tick per call."""

    def __init__(self, tmp_path: Path, server: Server, **polling: Any) -> None:
        settings = {"polling": {"fetch_pages": False, **polling}}
        path = write_config(
            tmp_path, feeds=[{"url": server.url("/feed.xml")}], digests=[], settings=settings
        )
        self.now = START
        self.service = Service(load_config(path), clock=lambda: self.now)
        self.loop = asyncio.Runner()  # one event loop for every tick, as in the service

    def tick(self) -> None:
        self.now += timedelta(minutes=20)  # past min_interval: the feed is due again
        self.loop.run(self.service.poll_tick())

    def counts(self) -> dict[str, int]:
        query = select(Article.status, func.count()).group_by(Article.status)
        with session_scope(self.service.engine) as session:
            return {str(status): int(n) for status, n in session.execute(query).all()}

    def feed(self) -> Feed:
        with session_scope(self.service.engine) as session:
            return session.scalars(select(Feed)).one()

    def close(self) -> None:
        self.loop.run(self.service.aclose())
        self.loop.close()


def test_a_growing_feed_past_the_cap_loses_no_entry(tmp_path: Path) -> None:
    with serve({}) as server:
        server.routes["/feed.xml"] = _rss(150, server.base_url)
        monitor = Clocked(tmp_path, server, max_new_per_feed=100)
        try:
            monitor.tick()
            assert sum(monitor.counts().values()) == 150  # every entry stored at once
            feed = monitor.feed()
            assert feed.state == "capped"
            assert "150 entries wait" in (feed.last_error or "")
            server.routes["/feed.xml"] = _rss(153, server.base_url)
            for _ in range(3):
                monitor.tick()
            assert monitor.counts() == {"done": 153}
            assert monitor.feed().state != "capped"  # no backlog left
        finally:
            monitor.close()


def test_an_unchanged_feed_keeps_working_through_its_backlog(tmp_path: Path) -> None:
    with serve({}) as server:
        server.routes["/feed.xml"] = _rss(150, server.base_url)
        monitor = Clocked(tmp_path, server, max_new_per_feed=40)
        try:
            done = []
            for _ in range(3):
                monitor.tick()
                done.append(monitor.counts().get("done", 0))
            assert done == sorted(done) and done[-1] == 150  # the same body, drained over polls
            assert monitor.feed().state in ("not_modified", "ok")
        finally:
            monitor.close()


@pytest.mark.slow
def test_a_ten_thousand_entry_feed_is_stored_whole(tmp_path: Path) -> None:
    with serve({}) as server:
        server.routes["/feed.xml"] = _rss(10_000, server.base_url)
        monitor = Clocked(tmp_path, server, max_new_per_feed=2500)
        try:
            monitor.tick()
            assert sum(monitor.counts().values()) == 10_000
            assert monitor.feed().state == "capped"
            for _ in range(2):
                monitor.tick()
            assert monitor.counts() == {"done": 10_000}
        finally:
            monitor.close()
