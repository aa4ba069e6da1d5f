"""Helpers shared by the benches: where the shared data is, and how to read it."""

from __future__ import annotations

import asyncio
import functools
import gzip
import json
import multiprocessing
import os
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import yaml

REPO = Path(__file__).resolve().parents[1]


def shared_data() -> Path:
    """Return ../shared/data (or $MONITOR_SHARED_DATA); exit with a message if it is missing."""
    path = Path(os.environ.get("MONITOR_SHARED_DATA") or REPO.parent / "shared" / "data")
    if not path.is_dir():
        sys.exit(f"shared data not found at {path}; set MONITOR_SHARED_DATA")
    return path


def scrapinghub_pages() -> Iterator[tuple[str, bytes, str, str]]:
    """Yield (id, html bytes, url, true body) of the extraction benchmark pages."""
    return extraction_pages("scrapinghub")


def extraction_pages(name: str) -> Iterator[tuple[str, bytes, str, str]]:
    """Yield (id, html bytes, url or '', true body) of an extraction set under extraction/."""
    folder = shared_data() / "extraction" / name
    truth = json.loads((folder / "ground_truth.json").read_text(encoding="utf-8"))
    for page_id in sorted(truth):
        path = folder / f"{page_id}.html.gz"
        if path.exists():
            item = truth[page_id]
            html = gzip.decompress(path.read_bytes())
            yield page_id, html, item.get("url") or "", item["articleBody"]


# --- Local stand-ins for the internet: many loopback hosts, one asyncio server process --------

LOOPBACK_HOSTS = [f"127.0.0.{i}" for i in range(1, 51)]  # all of 127.0.0.0/8 is loopback on Linux


@dataclass(frozen=True)
class Site:
    """What the server process answers: bodies stored once, routes naming a body by key.

    routes[(host, path)] = (content type, body key, etag or None); anything else is a 404.
    A request whose If-None-Match equals the route's ETag gets 304 with no body.
    """

    bodies: dict[str, bytes]
    routes: dict[tuple[str, str], tuple[str, str, str | None]]
    delay: float = 0.0  # seconds before every response: a stand-in for network latency


async def _handle(site: Site, host: str, reader: Any, writer: Any) -> None:
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            parts = lines[0].split(" ")
            path = parts[1] if len(parts) > 1 else "/"
            headers = {}
            for line in lines[1:]:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            if site.delay:
                await asyncio.sleep(site.delay)
            route = site.routes.get((host, path))
            if route is None:
                status, ctype, body, etag = 404, "text/plain", b"not found", None
            else:
                ctype, key, etag = route
                status, body = 200, site.bodies[key]
                if etag is not None and headers.get("if-none-match") == etag:
                    status, body = 304, b""
            reason = {200: "OK", 304: "Not Modified", 404: "Not Found"}[status]
            out = [
                f"HTTP/1.1 {status} {reason}",
                f"Content-Type: {ctype}",
                f"Content-Length: {len(body)}",
            ]
            if etag is not None:
                out.append(f"ETag: {etag}")
            writer.write(("\r\n".join(out) + "\r\n\r\n").encode() + body)
            await writer.drain()
            if headers.get("connection", "").lower() == "close":
                break
    except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
        pass
    finally:
        writer.close()


def _serve_site(site: Site, hosts: list[str], port: int, ready: Any) -> None:
    async def main() -> None:
        servers = []
        try:
            for host in hosts:
                servers.append(
                    await asyncio.start_server(
                        functools.partial(_handle, site, host), host, port, backlog=1024
                    )
                )
        except OSError:
            ready.send(False)
            return
        ready.send(True)
        await asyncio.Event().wait()
        del servers

    asyncio.run(main())


def free_port() -> int:
    """Return a TCP port that is free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serve_site(site: Site, hosts: list[str], port: int) -> Iterator[int]:
    """Serve `site` on every host at `port` from a separate process; yield its pid."""
    ctx = multiprocessing.get_context("spawn")  # a clean child: no copy of the bench's memory
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_serve_site, args=(site, hosts, port, child), daemon=True)
    proc.start()
    del site  # the child has its own copy; this process must not be measured holding it
    if not (parent.poll(60) and parent.recv()):
        proc.terminate()
        sys.exit(f"could not start the local servers on port {port}")
    try:
        yield int(proc.pid or 0)
    finally:
        proc.terminate()
        proc.join(5)


def rss(title: str, items: list[tuple[str, str, str]]) -> bytes:
    """Return an RSS 2.0 document with (title, link, description) items."""
    entries = "".join(
        f"<item><title>{escape(t)}</title><link>{escape(link)}</link><guid>{escape(link)}</guid>"
        f"<description>{escape(d)}</description>"
        f"<pubDate>Sat, 28 Nov 2026 0{i % 10}:00:00 GMT</pubDate></item>"
        for i, (t, link, d) in enumerate(items)
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>http://example.org/</link>"
        f"{entries}</channel></rss>"
    ).encode()


def write_config(directory: Path, feeds: list[dict[str, Any]], polling: dict[str, Any]) -> Path:
    """Write monitor.yaml + watchlist.yaml (shipped groups and topics) for a bench run."""
    shipped = yaml.safe_load((REPO / "config" / "watchlist.yaml").read_text(encoding="utf-8"))
    watch = {
        "feeds": feeds,
        "groups": shipped.get("groups", {}),
        "topics": shipped["topics"],
        "digests": [],
    }
    (directory / "watchlist.yaml").write_text(yaml.safe_dump(watch, allow_unicode=True), "utf-8")
    settings = {
        "watchlist": "watchlist.yaml",
        "database": {"url": "sqlite:///monitor.db"},
        "outbox": {"directory": "outbox"},
        "log_level": "WARNING",
        "polling": {"allowed_hosts": ["127.0.0.0/8"], **polling},
    }
    path = directory / "monitor.yaml"
    path.write_text(yaml.safe_dump(settings), "utf-8")
    return path


def _status_kb(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


_PARENT: dict[int, int] = {}  # pid -> parent pid, read once per process seen


def _parent(pid: int) -> int:
    """Return a process's parent pid from /proc/<pid>/stat (its fourth field), 0 if gone."""
    if pid not in _PARENT:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
            _PARENT[pid] = int(stat.rsplit(")", 1)[1].split()[1])  # the name may hold spaces
        except (OSError, ValueError, IndexError):
            return 0
    return _PARENT[pid]


def process_tree(root: int, exclude: set[int] = frozenset()) -> list[int]:  # type: ignore[assignment]
    """Return `root` and its descendants (from /proc), leaving out `exclude` and their children.

    Sampled ten times a second inside the measured process: each process's parent is read once
    (reading every /proc/<pid>/status each time cost the service a few per cent of its CPU).
    """
    children: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            children.setdefault(_parent(int(name)), []).append(int(name))
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        if pid in exclude:
            continue
        found.append(pid)
        stack.extend(children.get(pid, []))
    return found


def rss_mb(pids: list[int], key: str = "VmRSS") -> float:
    """Return the summed VmRSS (or VmHWM, the peak) of processes, in MB."""
    return sum(_status_kb(pid, key) for pid in pids) / 1024
