"""Soak run (`make soak`, not in CI): two simulated hours, 300 local feeds, random failures.

The service runs with a controlled clock that advances one simulated minute per step; feeds are
served from 127.0.0.1 and post new entries as simulated time passes; 8% of responses fail (500s,
malformed XML, truncated bodies). On top: one feed starts with 150 items and keeps growing (past
`max_new_per_feed`), one feed lives on a slow host (127.0.0.2) whose pages drip at 1 byte/s, and
the extraction worker is killed with SIGKILL twice. At the end every feed answers cleanly once
more, and the run checks that every entry served in a clean feed response is stored as an article
(nothing lost or doubled), that due feeds were polled in the tick they fell due, and that each
recipient got exactly one digest per period. Prints those figures, peak RSS per process (the
service and each extraction worker) and open file descriptors at start and end.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
import signal
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import select  # noqa: E402

from monitor.config import load_config  # noqa: E402
from monitor.service import Service  # noqa: E402
from monitor.states import DeliveryStatus  # noqa: E402
from monitor.store.db import session_scope  # noqa: E402
from monitor.store.tables import Article, Delivery, Feed  # noqa: E402
from tests.support.config import write_config  # noqa: E402

START = datetime(2026, 11, 28, 5, 30, tzinfo=UTC)  # 06:30 Brussels: the 07:00 digest falls inside
BIG_START = 150  # the growing feed's items at the start; one more every BIG_EVERY minutes
BIG_EVERY = 3
KILL_AT = (30, 75)  # simulated minutes at which the extraction worker is SIGKILLed
TOPIC_TEXT = (
    "NATO leaders accused China of supporting Russia's war in Ukraine, and Beijing "
    "rejected the charge, saying NATO should stop provoking confrontation with Russia."
)


class World:
    """Simulated time and what each feed has published by then."""

    def __init__(self, feeds: int, seed: int) -> None:
        self.now = START
        self.rng = random.Random(seed)
        self.lock = threading.Lock()
        self.every = [self.rng.randint(5, 40) for _ in range(feeds)]  # minutes between posts
        self.healthy = False  # the final catch-up: every response clean
        self.served: set[str] = set()  # page paths of entries served in clean feed responses

    def entries(self, feed: int) -> list[int]:
        """Return the numbers of the entries feed `feed` has posted by now (latest 20)."""
        minutes = int((self.now - START).total_seconds() // 60)
        if feed < 0:  # the growing feed keeps every item
            return list(range(BIG_START + minutes // BIG_EVERY))
        count = minutes // self.every[feed] + 1
        return list(range(max(0, count - 20), count))

    def fault(self) -> str | None:
        """Pick a failure for one response (8%), unless the run is in its healthy phase."""
        if self.healthy:
            return None
        with self.lock:
            roll = self.rng.random()
        return (
            "500"
            if roll < 0.04
            else "malformed"
            if roll < 0.06
            else "truncated"
            if roll < 0.08
            else None
        )


def handler(world: World, slow: bool = False) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            fault = world.fault()
            if slow and self.path.startswith("/page/"):
                self._drip(self._page(self.path.strip("/").split("/")))
                return
            if fault == "500":
                self.send_error(500)
                return
            parts = self.path.strip("/").split("/")
            body = self._feed(int(parts[1])) if parts[0] == "feed" else self._page(parts)
            if parts[0] == "feed" and fault is None:
                base = f"{self.server.server_address[0]}:{self.server.server_address[1]}"
                with world.lock:
                    world.served.update(
                        f"{base}/page/{parts[1]}/{n}" for n in world.entries(int(parts[1]))
                    )
            if fault == "malformed":
                body = body[: len(body) // 3] + b"<<<&&&"
            length = len(body) * 2 if fault == "truncated" else len(body)
            self.send_response(200)
            self.send_header(
                "Content-Type", "application/rss+xml" if parts[0] == "feed" else "text/html"
            )
            self.send_header("Content-Length", str(length))
            self.end_headers()
            self.wfile.write(body if fault != "truncated" else body[: len(body) // 2])

        def _drip(self, body: bytes) -> None:
            """Send a page at 1 byte/s until the client gives up (its deadline)."""
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                for i in range(len(body)):
                    self.wfile.write(body[i : i + 1])
                    self.wfile.flush()
                    time.sleep(1.0)
            except OSError:
                pass  # the client hung up: what a deadline does

        def _feed(self, feed: int) -> bytes:
            host, port = self.server.server_address[:2]
            base = f"http://{host}:{port}"
            items = "".join(
                f"<item><title>Story {feed}-{n}: NATO, China and Russia</title>"
                f"<link>{base}/page/{feed}/{n}?utm_source=rss</link><guid>{feed}-{n}</guid>"
                f"<description>{TOPIC_TEXT}</description></item>"
                for n in world.entries(feed)
            )
            head = f"<?xml version='1.0'?><rss version='2.0'><channel><title>Feed {feed}</title>"
            return f"{head}{items}</channel></rss>".encode()

        def _page(self, parts: list[str]) -> bytes:
            paragraphs = "".join(
                f"<p>{TOPIC_TEXT} Paragraph {i} of story {parts[1]}-{parts[2]}.</p>"
                for i in range(6)
            )
            title = f"<h1>Story {parts[1]}-{parts[2]}</h1>"
            return f"<html><body><article>{title}{paragraphs}</article></body></html>".encode()

        def log_message(self, *args: object) -> None:
            pass

    return Handler


def peak_mb() -> float:
    """Return this process's peak resident memory so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def open_fds() -> int:
    """Count this process's open file descriptors."""
    return len(os.listdir("/proc/self/fd"))


class Processes:
    """The service's extraction workers: their peak RSS, and SIGKILL on demand."""

    def __init__(self, service: Service) -> None:
        self.service = service
        self.peaks: dict[int, float] = {}  # worker pid -> peak RSS (VmHWM) in MB
        self.killed: list[int] = []

    def pids(self) -> list[int]:
        pool = getattr(getattr(self.service.analyser, "_pool", None), "_pool", None)
        return [p.pid for p in getattr(pool, "_processes", {}).values() if p.is_alive()]

    def sample(self) -> None:
        for pid in self.pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    mb = int(line.split()[1]) / 1024
                    self.peaks[pid] = max(self.peaks.get(pid, 0.0), mb)

    def kill_worker(self) -> None:
        self.sample()
        for pid in self.pids()[:1]:
            os.kill(pid, signal.SIGKILL)
            self.killed.append(pid)


def due_feeds(service: Service, now: datetime) -> set[int]:
    """Return the enabled feeds due at `now`."""
    query = select(Feed.id).where(Feed.enabled, Feed.next_poll_at <= now)  # type: ignore[arg-type]
    with session_scope(service.engine) as session:
        return set(session.scalars(query))  # type: ignore[arg-type]


def polled_at(service: Service, now: datetime) -> set[int]:
    """Return the feeds whose last poll was at `now`."""
    query = select(Feed.id).where(Feed.last_polled_at == now)  # type: ignore[arg-type]
    with session_scope(service.engine) as session:
        return set(session.scalars(query))  # type: ignore[arg-type]


def serve(world: World, host: str, slow: bool = False) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer((host, 0), handler(world, slow))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


async def soak(feeds: int, minutes: int, seed: int) -> int:
    world = World(feeds, seed)
    server, slow = serve(world, "127.0.0.1"), serve(world, "127.0.0.2", slow=True)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    folder = Path(tempfile.mkdtemp(prefix="monitor-soak-"))
    digest = {
        "id": "daily",
        "title": "Soak digest",
        "topics": ["china-nato-russia"],
        "time": "07:00",
        "timezone": "Europe/Brussels",
        "recipients": ["a@example.org", "b@example.org"],
    }
    urls = [f"{base}/feed/{i}" for i in range(feeds)] + [
        f"{base}/feed/-1",  # the growing feed
        f"http://127.0.0.2:{slow.server_address[1]}/feed/0",  # the slow host
    ]
    polling = {
        "deadline": 5.0,
        "extract_workers": 1,
        "allowed_hosts": ["127.0.0.1", "127.0.0.2"],
    }
    config = load_config(
        write_config(
            folder,
            feeds=[{"url": url} for url in urls],
            digests=[digest],
            settings={"polling": polling},
        )
    )
    service = Service(config, clock=lambda: world.now)
    workers = Processes(service)
    fds_start = open_fds()
    due_total = on_time = 0
    try:
        for step in range(minutes + 1):
            if step in KILL_AT:
                workers.kill_worker()
            due = due_feeds(service, world.now)
            await service.poll_tick()
            due_total += len(due)
            on_time += len(due & polled_at(service, world.now))
            await asyncio.to_thread(service.digest_tick)
            workers.sample()
            if step % 15 == 0:
                print(
                    f"  t+{step:3d} min  rss {peak_mb():.0f} MB  fds {open_fds()}",
                    flush=True,
                )
            world.now += timedelta(minutes=1)
        world.healthy = True  # catch-up: everything answers, everything due now
        for _ in range(3):  # the growing feed's backlog may need a tick more than one poll
            await service.poll_tick(everything=True)
        workers.sample()
    finally:
        await service.aclose()
        server.shutdown()
        slow.shutdown()
    fds_end = open_fds()
    return report(config, world, fds_start, fds_end, (on_time, due_total), workers)


def report(  # type: ignore[no-untyped-def]
    config, world: World, fds_start: int, fds_end: int, polls: tuple[int, int], workers: Processes
) -> int:
    from monitor.store import make_engine

    engine = make_engine(config.database_url)
    with session_scope(engine) as session:
        urls = list(session.scalars(select(Article.url)))
        statuses = Counter(session.scalars(select(Article.status)))
        per_period = Counter(
            (d.period, d.recipient)
            for d in session.scalars(select(Delivery).where(Delivery.status == DeliveryStatus.SENT))
        )
    stored = {u.split("://", 1)[1] for u in urls}
    lost = world.served - stored
    on_time, due = polls
    print(
        f"articles stored: {len(urls)}  distinct: {len(stored)}  entries served: "
        f"{len(world.served)}  lost: {len(lost)}  by status: {dict(statuses)}"
    )
    print(f"polls on time: {on_time}/{due} due feeds polled in the tick they fell due")
    print(f"digests per (period, recipient): {dict(per_period)}")
    worker_peaks = ", ".join(
        f"{pid}{' (killed)' if pid in workers.killed else ''}: {mb:.0f} MB"
        for pid, mb in workers.peaks.items()
    )
    print(f"peak RSS: service {peak_mb():.0f} MB; workers {worker_peaks}")
    print(f"workers killed: {len(workers.killed)}   open fds: start {fds_start}, end {fds_end}")
    ok = len(urls) == len(stored) == len(world.served) and not lost
    ok = ok and set(statuses) <= {"done", "failed"} and on_time == due
    ok = ok and all(v == 1 for v in per_period.values()) and len(per_period) == 2
    ok = ok and fds_end <= fds_start + 2
    print("soak:", "ok" if ok else "FAILED")
    return 0 if ok else 1


def main() -> int:
    from monitor.logs import setup_logging

    setup_logging("ERROR")  # feed failures are the point of the run; the report counts them
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=300)
    parser.add_argument("--minutes", type=int, default=120)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    return asyncio.run(soak(args.feeds, args.minutes, args.seed))


if __name__ == "__main__":
    sys.exit(main())
