"""Soak run (`make soak`, not in CI): two simulated hours, 300 local feeds, random failures.

The service runs with a controlled clock that advances one simulated minute per step; feeds are
served from 127.0.0.1 and post new entries as simulated time passes; 8% of responses fail (500s,
malformed XML, truncated bodies). At the end every feed answers cleanly once more, and the run
checks that nothing was lost or doubled and that each recipient got exactly one digest per period.
Prints articles stored, duplicates, lost entries, digests per period, peak memory and open file
descriptors at start and end.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
import sys
import tempfile
import threading
from collections import Counter
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select  # noqa: E402

from monitor.config import load_config  # noqa: E402
from monitor.service import Service  # noqa: E402
from monitor.states import DeliveryStatus  # noqa: E402
from monitor.store.db import session_scope  # noqa: E402
from monitor.store.tables import Article, Delivery  # noqa: E402
from tests.support.config import write_config  # noqa: E402

START = datetime(2026, 11, 28, 5, 30, tzinfo=UTC)  # 06:30 Brussels: the 07:00 digest falls inside
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

    def entries(self, feed: int) -> list[int]:
        """Return the numbers of the entries feed `feed` has posted by now (latest 20)."""
        minutes = int((self.now - START).total_seconds() // 60)
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


def handler(world: World) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            fault = world.fault()
            if fault == "500":
                self.send_error(500)
                return
            parts = self.path.strip("/").split("/")
            body = self._feed(int(parts[1])) if parts[0] == "feed" else self._page(parts)
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

        def _feed(self, feed: int) -> bytes:
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
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


async def soak(feeds: int, minutes: int, seed: int) -> int:
    world = World(feeds, seed)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler(world))
    threading.Thread(target=server.serve_forever, daemon=True).start()
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
    config = load_config(
        write_config(
            folder,
            feeds=[{"url": f"{base}/feed/{i}"} for i in range(feeds)],
            digests=[digest],
            settings={"polling": {"deadline": 5.0}},
        )
    )
    service = Service(config, clock=lambda: world.now)
    fds_start = open_fds()
    try:
        for step in range(minutes + 1):
            await service.poll_tick()
            await asyncio.to_thread(service.digest_tick)
            if step % 15 == 0:
                print(
                    f"  t+{step:3d} min  rss {peak_mb():.0f} MB  fds {open_fds()}",
                    flush=True,
                )
            world.now += timedelta(minutes=1)
        world.healthy = True  # catch-up: everything answers, everything due now
        await service.poll_tick(everything=True)
        await service.poll_tick(everything=True)
    finally:
        await service.aclose()
        server.shutdown()
    fds_end = open_fds()
    return report(config, world, feeds, fds_start, fds_end)


def report(config, world: World, feeds: int, fds_start: int, fds_end: int) -> int:  # type: ignore[no-untyped-def]
    from monitor.store import make_engine

    engine = make_engine(config.database_url)
    with session_scope(engine) as session:
        stored = session.scalar(select(func.count()).select_from(Article)) or 0
        distinct = session.scalar(select(func.count(func.distinct(Article.url)))) or 0
        per_period = Counter(
            (d.period, d.recipient)
            for d in session.scalars(select(Delivery).where(Delivery.status == DeliveryStatus.SENT))
        )
    published = sum(len(world.entries(i)) for i in range(feeds))  # the last 20 per feed are visible
    peak = peak_mb()
    print(
        f"articles stored: {stored}  duplicates: {stored - distinct}  "
        f"entries visible at the end: {published}"
    )
    print(f"digests per (period, recipient): {dict(per_period)}")
    print(f"peak RSS: {peak:.0f} MB   open fds: start {fds_start}, end {fds_end}")
    ok = stored == distinct and stored >= published and all(v == 1 for v in per_period.values())
    ok = ok and len(per_period) == 2 and fds_end <= fds_start + 2
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
