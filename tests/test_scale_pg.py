"""Several `monitor run` processes on one PostgreSQL: nothing lost, nothing doubled, no coordinator.

Each test starts real instances as subprocesses against a real HTTP server (and a real SMTP server)
on 127.0.0.1. Waits have generous deadlines as safety nets; nothing asserts on elapsed time.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
from sqlalchemy import Engine, text, update

from monitor.store import feeds as feed_store
from monitor.store import make_engine, upgrade
from monitor.store.db import session_scope
from monitor.store.tables import DigestSchedule, Feed
from tests.support.config import REPO, write_config
from tests.support.httpserver import Route, Server, serve
from tests.support.smtp import smtp_server

pytestmark = pytest.mark.slow

ENTRIES, STRIDE = 5, 4  # feed i lists stories 4i..4i+4: each shares one story with the next feed
MATCHING = (
    "China and Russia held talks as NATO watched. NATO said Russia and China were drawing "
    'closer, and Russia denied it. "We will defend every ally," said Mark Rutte, the NATO '
    "secretary general. China rejected the claim."
)
SAFETY = 150.0  # seconds; a deadline that only a hang reaches
FAR = datetime(2100, 1, 1, tzinfo=UTC)


def _story(n: int, base: str) -> str:
    body = MATCHING if n % 10 == 0 else f"Story {n}: local weather, traffic and the cup final."
    link = f"{base}/a/{n}"
    return (
        f"<item><title>Story {n}</title><link>{link}</link><guid>{link}</guid>"
        f"<description>{escape(body)}</description></item>"
    )


def _rss(i: int, base: str) -> bytes:
    items = "".join(_story(i * STRIDE + j, base) for j in range(ENTRIES))
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {i}</title>'
        f"<link>{base}/</link><description>test</description>{items}</channel></rss>"
    ).encode()


def _stories(feeds: int) -> int:
    return (feeds - 1) * STRIDE + ENTRIES


@dataclass
class Site:
    """The feeds on the test HTTP server."""

    server: Server
    count: int

    def path(self, i: int) -> str:
        return f"/feed/{i}.xml"

    def hits(self) -> list[int]:
        return [self.server.hits(self.path(i)) for i in range(self.count)]


@contextmanager
def site(count: int, delay: float = 0.0) -> Iterator[Site]:
    """Serve `count` RSS feeds (optionally slow, to keep a cycle in progress)."""
    with serve({}) as server:
        head = {"Content-Type": "application/rss+xml"}
        for i in range(count):
            server.routes[f"/feed/{i}.xml"] = Route(
                body=_rss(i, server.base_url), headers=head, delay=delay
            )
        yield Site(server, count)


def _config(tmp: Path, pg_url: str, feeds: Site | None, **polling: Any) -> Path:
    urls = [{"url": feeds.server.url(feeds.path(i))} for i in range(feeds.count)] if feeds else []
    settings: dict[str, Any] = {
        "log_level": "INFO",
        "polling": {
            "tick": 0.3,
            "batch_size": 20,
            "fetch_pages": False,
            "default_interval": "1h",
            "per_host_concurrency": 8,
            **polling,
        },
    }
    return write_config(tmp, feeds=urls, digests=[], database_url=pg_url, settings=settings)


class Cluster:
    """Instances of `monitor run` as subprocesses; every one is killed when the block ends."""

    def __init__(self, config: Path, tmp: Path) -> None:
        self.config, self.tmp = config, tmp
        self.procs: list[subprocess.Popen[bytes]] = []

    def start(self, n: int) -> list[subprocess.Popen[bytes]]:
        """Start `n` more instances, each logging to its own file."""
        for _ in range(n):
            log = open(self.tmp / f"instance-{len(self.procs)}.log", "wb")  # noqa: SIM115
            self.procs.append(
                subprocess.Popen(
                    [sys.executable, "-m", "monitor.cli", "--config", str(self.config), "run"],
                    cwd=REPO,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
            log.close()  # the child holds its own copy
        return self.procs[-n:]

    def ids(self) -> dict[int, str]:
        """Map pid -> instance id as the instances name themselves (host:pid)."""
        return {p.pid: f"{socket.gethostname()}:{p.pid}" for p in self.procs}

    def log(self, index: int) -> str:
        return (self.tmp / f"instance-{index}.log").read_text(errors="replace")

    def logs(self) -> str:
        return "\n".join(
            f"--- instance {i} ---\n{self.log(i)[-3000:]}" for i in range(len(self.procs))
        )

    def check_alive(self) -> None:
        """Fail with the logs if an instance died that the test did not stop."""
        for proc in self.procs:
            if proc.returncode is None and proc.poll() is not None:
                raise AssertionError(f"instance {proc.pid} exited {proc.returncode}\n{self.logs()}")

    def terminate(self, proc: subprocess.Popen[bytes]) -> int:
        """Send SIGTERM and wait for the clean stop."""
        proc.send_signal(signal.SIGTERM)
        return proc.wait(timeout=60)

    def close(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.kill()
            proc.wait(timeout=30)


@contextmanager
def cluster(config: Path, tmp: Path) -> Iterator[Cluster]:
    """Yield a Cluster; kill what is still running afterwards, whatever happened."""
    running = Cluster(config, tmp)
    try:
        yield running
    finally:
        running.close()


def wait_for(check: Callable[[], bool], what: str, running: Cluster | None = None) -> None:
    """Poll `check` until true; fail after the safety deadline (or when an instance died)."""
    deadline = time.monotonic() + SAFETY
    while not check():
        if running is not None:
            running.check_alive()
        if time.monotonic() > deadline:
            logs = running.logs() if running else ""
            raise AssertionError(f"timed out waiting for {what}\n{logs}")
        time.sleep(0.2)


def scalar(engine: Engine, sql: str, **params: Any) -> Any:
    with engine.connect() as conn:
        return conn.execute(text(sql), params).scalar()


def prepare(pg_url: str, config: Path) -> Engine:
    """Create the schema and the feeds, not yet due, so all instances are up before work starts."""
    from monitor.config import load_config

    upgrade(pg_url)
    engine = make_engine(pg_url)
    feeds = [feed_store.FeedSource(f.url) for f in load_config(config).watchlist.feeds]
    feed_store.sync_feeds(engine, feeds, FAR)
    return engine


def release_feeds(engine: Engine) -> None:
    """Make every feed due now."""
    with session_scope(engine) as session:
        session.execute(update(Feed).values(next_poll_at=datetime.now(UTC)))


def wait_instances(engine: Engine, running: Cluster, n: int) -> None:
    wait_for(lambda: scalar(engine, "SELECT count(*) FROM instance") >= n, "heartbeats", running)


def finished(engine: Engine, stories: int) -> Callable[[], bool]:
    """Say when every feed was polled and every story analysed."""

    def check() -> bool:
        unpolled = scalar(engine, "SELECT count(*) FROM feed WHERE last_polled_at IS NULL")
        done = scalar(engine, "SELECT count(*) FROM article WHERE status = 'done'")
        return unpolled == 0 and done == stories

    return check


def assert_stored_once(engine: Engine, stories: int) -> None:
    """Every story once, each matching one with both topics and the same quotes."""
    assert scalar(engine, "SELECT count(*) FROM article") == stories
    assert scalar(engine, "SELECT count(DISTINCT url) FROM article") == stories
    assert scalar(engine, "SELECT count(*) FROM article WHERE status <> 'done'") == 0
    matching = len([n for n in range(stories) if n % 10 == 0])
    for table in ("topic_match", "quote"):  # same text: same topics and quotes for each story
        per_article = f"SELECT count(*) c FROM {table} GROUP BY article_id"
        assert scalar(engine, f"SELECT count(*) FROM ({per_article}) q") == matching
        assert scalar(engine, f"SELECT count(DISTINCT c) FROM ({per_article}) q") == 1


def polled_by(running: Cluster) -> list[int]:
    """Sum the feeds each instance reports polling in its `poll tick` log lines."""
    totals = []
    for i in range(len(running.procs)):
        lines = [line for line in running.log(i).splitlines() if "poll tick" in line]
        totals.append(sum(int(line.split("feeds=")[1].split()[0]) for line in lines))
    return totals


@pytest.mark.postgres
def test_three_instances_share_500_feeds_exactly_once(pg_url: str, tmp_path: Path) -> None:
    with site(500) as feeds:
        config = _config(tmp_path, pg_url, feeds)
        engine = prepare(pg_url, config)
        with cluster(config, tmp_path) as running:
            running.start(3)
            wait_instances(engine, running, 3)
            release_feeds(engine)
            wait_for(finished(engine, _stories(500)), "every story analysed", running)
            listing = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "monitor.cli",
                    "--config",
                    str(config),
                    "feeds",
                    "--instances",
                ],
                cwd=REPO,
                capture_output=True,
                text=True,
                timeout=60,
                env={**os.environ, "COLUMNS": "250"},
            )
            assert listing.returncode == 0, listing.stderr
            for ident in running.ids().values():
                assert ident in listing.stdout and "alive" in listing.stdout
            assert [running.terminate(p) for p in running.procs] == [0, 0, 0]
        assert feeds.hits() == [1] * 500  # every feed once per cycle, by the three together
        assert sum(polled_by(running)) == 500
        assert sum(1 for n in polled_by(running) if n) >= 2, polled_by(running)  # shared out
        assert_stored_once(engine, _stories(500))
        assert scalar(engine, "SELECT count(*) FROM feed WHERE lease_owner IS NOT NULL") == 0
        assert scalar(engine, "SELECT count(*) FROM instance") == 0  # clean stops leave the list
        engine.dispose()


@pytest.mark.postgres
def test_a_killed_instance_feeds_are_taken_over_after_its_lease(
    pg_url: str, tmp_path: Path
) -> None:
    count = 120
    with site(count, delay=0.3) as feeds:
        config = _config(tmp_path, pg_url, feeds, lease="6s", batch_size=8)
        engine = prepare(pg_url, config)
        with cluster(config, tmp_path) as running:
            victim, *_ = running.start(3)
            victim_id = running.ids()[victim.pid]
            wait_instances(engine, running, 3)
            release_feeds(engine)
            held = "SELECT count(*) FROM feed WHERE lease_owner = :o AND last_polled_at IS NULL"
            wait_for(lambda: scalar(engine, held, o=victim_id) > 0, "victim mid-cycle", running)
            victim.send_signal(signal.SIGKILL)
            victim.wait(timeout=30)
            wait_for(finished(engine, _stories(count)), "every story analysed", running)
            for proc in running.procs[1:]:
                assert running.terminate(proc) == 0
        assert all(h >= 1 for h in feeds.hits())  # some twice: fetched by the victim, then again
        assert_stored_once(engine, _stories(count))
        rows = [r.id for r in feed_store.instances(engine)]
        assert rows == [victim_id]  # the crashed one is still listed, its heartbeat going stale
        engine.dispose()


@pytest.mark.postgres
def test_sigterm_releases_leases_at_once(pg_url: str, tmp_path: Path) -> None:
    count = 60
    with site(count, delay=0.5) as feeds:
        # A lease far longer than the test: the others can only take over if it is released.
        config = _config(tmp_path, pg_url, feeds, lease="1h", batch_size=10)
        engine = prepare(pg_url, config)
        with cluster(config, tmp_path) as running:
            leaving, *_ = running.start(2)
            leaving_id = running.ids()[leaving.pid]
            wait_instances(engine, running, 2)
            release_feeds(engine)
            held = "SELECT count(*) FROM feed WHERE lease_owner = :o"
            wait_for(lambda: scalar(engine, held, o=leaving_id) > 0, "leases held", running)
            assert running.terminate(leaving) == 0
            assert scalar(engine, held, o=leaving_id) == 0
            assert (
                scalar(engine, "SELECT count(*) FROM article WHERE lease_owner = :o", o=leaving_id)
                == 0
            )
            wait_for(finished(engine, _stories(count)), "every story analysed", running)
            assert running.terminate(running.procs[1]) == 0
        assert_stored_once(engine, _stories(count))
        assert feeds.hits().count(0) == 0
        engine.dispose()


@pytest.mark.postgres
def test_instances_recover_when_the_database_drops_their_connections(
    pg_url: str, tmp_path: Path
) -> None:
    count = 150
    kill = (
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
        "WHERE datname = current_database() AND pid <> pg_backend_pid()"
    )
    with site(count, delay=0.2) as feeds:
        config = _config(tmp_path, pg_url, feeds, batch_size=10)
        engine = prepare(pg_url, config)
        with cluster(config, tmp_path) as running:
            running.start(3)
            wait_instances(engine, running, 3)
            release_feeds(engine)
            polled = "SELECT count(*) FROM feed WHERE last_polled_at IS NOT NULL"
            killed = 0
            for step in range(1, 4):  # three times, at a quarter, half and three quarters
                wait_for(
                    lambda s=step: scalar(engine, polled) >= s * count // 4, "progress", running
                )
                killed += scalar(engine, kill)
            assert killed >= 3  # every instance lost at least its pooled connections
            wait_for(finished(engine, _stories(count)), "every story analysed", running)
            running.check_alive()  # nobody died: they reconnected by themselves
            assert [running.terminate(p) for p in running.procs] == [0, 0, 0]
        assert_stored_once(engine, _stories(count))
        assert feeds.hits().count(0) == 0
        engine.dispose()


@pytest.mark.postgres
def test_three_instances_send_each_digest_once(pg_url: str, tmp_path: Path) -> None:
    recipients = ["desk@example.org", "chief@example.org", "night@example.org"]
    due = datetime.now(UTC) - timedelta(minutes=2)
    digest = {
        "id": "daily",
        "title": "Brief",
        "topics": ["china-nato-russia"],
        "time": f"{due:%H:%M}",
        "timezone": "UTC",
        "recipients": recipients,
    }
    with smtp_server() as (inbox, controller):
        smtp = {"host": "127.0.0.1", "port": controller.port, "security": "none"}
        config = write_config(
            tmp_path,
            digests=[digest],
            database_url=pg_url,
            settings={"smtp": smtp, "polling": {"tick": 0.3}},
        )
        upgrade(pg_url)
        engine = make_engine(pg_url)
        with session_scope(engine) as session:  # the digest existed before this period fell due
            session.add(DigestSchedule(digest_id="daily", anchor_at=due - timedelta(hours=1)))
        with cluster(config, tmp_path) as running:
            running.start(3)  # each runs a digest tick as it starts: all three race for it
            sent = "SELECT count(*) FROM delivery WHERE status = 'sent'"
            wait_for(lambda: scalar(engine, sent) == 3, "three deliveries sent", running)
            wait_instances(engine, running, 3)
            assert [running.terminate(p) for p in running.procs] == [0, 0, 0]
    assert sorted(inbox.rcpt_tos) == sorted(recipients)
    assert len(inbox.messages) == 3
    engine.dispose()


def test_a_second_instance_on_one_sqlite_file_is_refused(tmp_path: Path) -> None:
    config = write_config(tmp_path, settings={"polling": {"tick": 0.3}})
    with cluster(config, tmp_path) as running:
        (first,) = running.start(1)
        wait_for(lambda: "started" in running.log(0), "the first instance", running)
        second = subprocess.run(
            [sys.executable, "-m", "monitor.cli", "--config", str(config), "run"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert second.returncode == 1
        assert f"already used by {os.uname().nodename}:{first.pid}" in second.stderr
        assert "PostgreSQL" in second.stderr


@pytest.mark.postgres
def test_host_slots_are_spaced_across_instances(pg_url: str) -> None:
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from monitor.service import ClusterPoliteFetcher

    upgrade(pg_url)
    engine = make_engine(pg_url, pool_size=8)
    now = datetime(2026, 11, 28, 6, 0, tzinfo=UTC)
    with ThreadPoolExecutor(8) as pool:  # eight "instances" asking for the same host at once
        starts = list(
            pool.map(
                lambda _: feed_store.reserve_host_slot(engine, "a.example", now, 2.0), range(24)
            )
        )
    assert sorted(starts) == [now + timedelta(seconds=2 * i) for i in range(24)]

    class Inner:
        def __init__(self) -> None:
            self.urls: list[str] = []

        async def fetch(self, url: str, **_kw: Any) -> str:
            self.urls.append(url)
            return url

        async def aclose(self) -> None:
            pass

    async def fetch_three() -> None:
        fetcher = ClusterPoliteFetcher(Inner(), engine, 0.01)
        await asyncio.gather(
            *(fetcher.fetch(f"http://b.example/{i}", kind="page") for i in range(3))
        )
        assert sorted(fetcher.inner.urls) == [f"http://b.example/{i}" for i in range(3)]

    asyncio.run(fetch_three())
    assert scalar(engine, "SELECT count(*) FROM host_slot WHERE host = 'b.example'") == 1
    engine.dispose()
