"""Polling at scale: one full poll cycle of 1,000 feeds on 50 hosts, 100 ms per response.

Real code end to end: 50 local servers (127.0.0.1 .. 127.0.0.50, one asyncio process standing in
for the internet, every response delayed by 100 ms), a real SQLite file, monitor.service.Service
with the default politeness settings. Cycle 1 answers 200 (two new entries per feed, analysed
from the feed text); cycle 2 answers 304 to the conditional GET.
Target (issue): a cycle in <= 5 s on this 2-core machine; a sequential loop needs 1000 x 0.1 s.
Run from the repository root: `.venv/bin/python bench/bench_fetch.py`.
"""

from __future__ import annotations

import asyncio
import logging
import math
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import LOOPBACK_HOSTS, Site, free_port, rss, serve_site, write_config  # noqa: E402
from monitor.config import load_config  # noqa: E402
from monitor.service import Service  # noqa: E402
from monitor.settings import PollingSettings  # noqa: E402

FEEDS = 1000
DELAY = 0.1
TARGET = 5.0
ENTRIES = 2


def build_site() -> tuple[Site, list[dict[str, str]]]:
    """Feed i lives on host i mod 50, as a watch-list mixing outlets would interleave them."""
    bodies, routes, feeds = {}, {}, []
    for i in range(FEEDS):
        host = LOOPBACK_HOSTS[i % len(LOOPBACK_HOSTS)]
        path = f"/feeds/{i}.xml"
        items = [
            (
                f"Story {i}-{n}",
                f"http://{host}/story/{i}/{n}",
                f"Short summary of story {n} of feed {i}.",
            )
            for n in range(ENTRIES)
        ]
        bodies[path] = rss(f"Feed {i}", items)
        routes[(host, path)] = ("application/rss+xml", path, f'"v1-{i}"')
        feeds.append({"host": host, "path": path})
    return Site(bodies, routes, DELAY), feeds


def bound(polling: PollingSettings, per_host: int, hosts: int) -> tuple[float, str]:
    """Return the fastest cycle the politeness limits allow, and which limit sets it."""
    spacing = (per_host - 1) * polling.per_host_interval + DELAY
    slots = math.ceil(per_host / polling.per_host_concurrency) * DELAY
    overall = math.ceil(per_host * hosts / polling.concurrency) * DELAY
    limits = {
        f"{per_host} feeds/host, one start every {polling.per_host_interval:g} s": spacing,
        f"{polling.per_host_concurrency} in flight per host": slots,
        f"{polling.concurrency} in flight overall": overall,
    }
    name = max(limits, key=lambda k: limits[k])
    return limits[name], name


async def cycles(config_path: Path) -> list[tuple[float, Counter[str]]]:
    config = load_config(config_path)
    service = Service(config)
    results = []
    try:
        for _ in range(2):
            started, cpu = time.perf_counter(), time.process_time()
            outcomes = await service.poll_tick(everything=True)
            took = time.perf_counter() - started
            print(f"  (cycle CPU in the main process: {time.process_time() - cpu:.2f} s)")
            results.append((took, Counter(o.state for o in outcomes)))
    finally:
        await service.aclose()
    return results


def main() -> int:
    logging.disable(logging.WARNING)  # 1,000 feeds' INFO lines are not the figure
    site, feeds = build_site()
    polling = PollingSettings()
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp, serve_site(site, LOOPBACK_HOSTS, port):
        watch = [{"url": f"http://{f['host']}:{port}{f['path']}"} for f in feeds]
        # Default politeness; the fetch of article pages is off: this bench is about feeds.
        config_path = write_config(Path(tmp), watch, {"fetch_pages": False})
        (first, states1), (second, states2) = asyncio.run(cycles(config_path))
    limit, reason = bound(polling, FEEDS // len(LOOPBACK_HOSTS), len(LOOPBACK_HOSTS))
    print(
        f"feeds: {FEEDS} on {len(LOOPBACK_HOSTS)} hosts, {DELAY * 1000:g} ms per response; "
        f"politeness: per_host_concurrency={polling.per_host_concurrency}, "
        f"per_host_interval={polling.per_host_interval:g} s, concurrency={polling.concurrency}, "
        f"batch_size={polling.batch_size}"
    )
    print(f"cycle 1 (200, {ENTRIES} new entries per feed): {first:6.2f} s   {dict(states1)}")
    print(f"cycle 2 (304 Not Modified):              {second:6.2f} s   {dict(states2)}")
    print(f"bound from the politeness limits:        {limit:6.2f} s   ({reason})")
    print(
        f"sequential loop estimate:                {FEEDS * DELAY:6.2f} s   "
        f"({FEEDS} x {DELAY:g} s); speed-up of cycle 2: {FEEDS * DELAY / second:.0f}x"
    )
    ok = (
        second <= TARGET
        and states2 == Counter({"not_modified": FEEDS})
        and states1 == Counter({"ok": FEEDS})
    )
    print(f"target cycle 2 <= {TARGET:g} s with every feed polled:", "met" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
