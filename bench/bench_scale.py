"""Scale-out on PostgreSQL: articles/s with 1, 2 and 3 `monitor run` instances, and claim cost.

Workload: 500 RSS feeds x 5 entries on a local HTTP server (feeds overlap by one story, so 2001
articles), feed text only (no page fetches), one fresh PostgreSQL database for the whole bench.
Each run starts N instances, waits until all are up, makes every feed due at once and times the
cycle until every article is analysed. The claim figure is `claim_due_feeds` calls per second
(20 feeds each, leases that lapse at once so every call finds work) from 1 and 3 processes.
Figures are printed as ratios against the 1-instance run. Exits non-zero if an article was lost
or doubled, or a feed was fetched other than once per cycle.

    .venv/bin/python bench/bench_scale.py        # MONITOR_TEST_PG_URL picks the server
    BENCH_RUNS="1 3" BENCH_LOG=/tmp/scale.log ...   # fewer runs; keep the instances' logs
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sqlalchemy import Engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from monitor.store import feeds as feed_store  # noqa: E402
from monitor.store import make_engine, upgrade  # noqa: E402
from tests.support.config import write_config  # noqa: E402
from tests.support.httpserver import Route, serve  # noqa: E402

PG = os.environ.get("MONITOR_TEST_PG_URL") or "postgresql+psycopg://postgres@127.0.0.1:5432/test"
FEEDS, ENTRIES, STRIDE = 500, 5, 4
STORIES = (FEEDS - 1) * STRIDE + ENTRIES
CLAIM_SECONDS = 4.0
LOG = open(os.environ.get("BENCH_LOG", os.devnull), "ab")  # noqa: SIM115
RUNS = [int(n) for n in os.environ.get("BENCH_RUNS", "1 2 3").split()]
FAR = datetime(2100, 1, 1, tzinfo=UTC)


def rss(i: int, base: str) -> bytes:
    """Render feed i: stories 4i..4i+4, every tenth about China, NATO and Russia."""
    items = []
    for n in range(i * STRIDE, i * STRIDE + ENTRIES):
        body = (
            "China and Russia held talks as NATO watched. NATO said Russia and China were "
            "close, and Russia denied it."
            if n % 10 == 0
            else f"Story {n}: weather."
        )
        items.append(
            f"<item><title>Story {n}</title><link>{base}/a/{n}</link>"
            f"<description>{body}</description></item>"
        )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {i}</title>'
        f"<link>{base}/</link><description>b</description>{''.join(items)}</channel></rss>"
    ).encode()


def count(engine: Engine, sql: str) -> int:
    """Run a counting query."""
    with engine.connect() as conn:
        return int(conn.execute(text(sql)).scalar() or 0)


def reset(url: str, config: Path) -> Engine:
    """Empty the schema, migrate, and add the feeds not yet due."""
    from monitor.config import load_config

    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    upgrade(url)
    sources = [feed_store.FeedSource(f.url) for f in load_config(config).watchlist.feeds]
    feed_store.sync_feeds(engine, sources, FAR)
    return engine


def wait(check: object, what: str, limit: float = 300.0) -> None:
    """Poll until `check()` is true; stop the bench after `limit` seconds."""
    deadline = time.monotonic() + limit
    while not check():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        time.sleep(0.05)


def cycle(url: str, config: Path, instances: int, hits: object) -> float:
    """Time one full cycle of the workload with `instances` processes; return articles/s."""
    engine = reset(url, config)
    procs: list[subprocess.Popen[bytes]] = []
    try:
        for _ in range(instances):
            procs.append(
                subprocess.Popen(
                    [sys.executable, "-m", "monitor.cli", "--config", str(config), "run"],
                    cwd=REPO,
                    stdout=LOG,
                    stderr=subprocess.STDOUT,
                )
            )
        wait(lambda: count(engine, "SELECT count(*) FROM instance") >= instances, "instances")
        started = time.perf_counter()
        with engine.begin() as conn:
            conn.execute(text("UPDATE feed SET next_poll_at = now() AT TIME ZONE 'UTC'"))
        done = "SELECT count(*) FROM article WHERE status = 'done'"
        wait(lambda: count(engine, done) >= STORIES, "every article")
        took = time.perf_counter() - started
        stored = count(engine, "SELECT count(*) FROM article")
        if stored != STORIES or hits() != [1] * FEEDS:  # type: ignore[operator]
            raise SystemExit(
                f"{instances} instance(s): {stored} articles stored, "
                f"want {STORIES}; or a feed fetched other than once"
            )
        return STORIES / took
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        engine.dispose()


def claimer(url: str, seconds: float) -> int:
    """Claim batches of due feeds for `seconds`; return how many claim queries ran."""
    engine = make_engine(url, pool_size=1)
    owner, calls = f"bench-{os.getpid()}", 0
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        # A 1 ms lease: the rows are free again by the next call, so every call finds work.
        feed_store.claim_due_feeds(engine, owner, datetime.now(UTC), lease=0.001, limit=20)
        calls += 1
    engine.dispose()
    return calls


def claims_per_second(url: str, processes: int) -> float:
    """Measure claim queries per second from `processes` concurrent claimers."""
    with ProcessPoolExecutor(processes) as pool:
        futures = [pool.submit(claimer, url, CLAIM_SECONDS) for _ in range(processes)]
        return sum(f.result() for f in futures) / CLAIM_SECONDS


def main() -> int:
    """Create a bench database, run the cycles and the claim test, print the figures."""
    import psycopg

    base = make_url(PG)
    name = f"monitor_bench_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    admin = base.set(drivername="postgresql").render_as_string(hide_password=False)
    url = base.set(database=name).render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        return run(url)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(url: str) -> int:
    """Run the three cycles and the claim measurement against `url`."""
    with serve({}) as server, tempfile.TemporaryDirectory() as tmp:
        head = {"Content-Type": "application/rss+xml"}
        paths = [f"/feed/{i}.xml" for i in range(FEEDS)]
        for i, path in enumerate(paths):
            server.routes[path] = Route(body=rss(i, server.base_url), headers=head)
        settings = {
            "log_level": "WARNING",
            "polling": {
                "tick": 0.2,
                "batch_size": 20,
                "fetch_pages": False,
                "default_interval": "1h",
                "per_host_concurrency": 8,
            },
        }
        config = write_config(
            Path(tmp),
            feeds=[{"url": server.url(p)} for p in paths],
            digests=[],
            database_url=url,
            settings=settings,
        )
        rates = {}
        for n in RUNS:
            before = [server.hits(p) for p in paths]

            def hits(b: list[int] = before) -> list[int]:
                return [server.hits(p) - h for p, h in zip(paths, b, strict=True)]

            rates[n] = cycle(url, config, n, hits)
            print(
                f"{n} instance(s): {rates[n]:7.0f} articles/s  "
                f"({rates[n] / rates[1]:.2f}x the 1-instance run)",
                flush=True,
            )
        print(
            f"workload: {FEEDS} feeds x {ENTRIES} entries = {STORIES} distinct articles, "
            f"each stored once, each feed fetched once per cycle; {os.cpu_count()} CPU(s)"
        )
        reset(url, config).dispose()
        with_feeds = make_engine(url)
        with with_feeds.begin() as conn:
            conn.execute(text("UPDATE feed SET next_poll_at = now() AT TIME ZONE 'UTC'"))
        with_feeds.dispose()
        one = claims_per_second(url, 1)
        three = claims_per_second(url, 3)
        print(
            f"claim overhead: {one:7.0f} claim queries/s from 1 process (20 feeds each), "
            f"{three:.0f}/s from 3 ({three / one:.2f}x); one cycle of {FEEDS} feeds needs "
            f"~{FEEDS // 20} claims, i.e. {FEEDS // 20 / one * 1000:.0f} ms of claiming"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
