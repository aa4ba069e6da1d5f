"""`monitor demo`: one full offline cycle on bundled sample feeds served from 127.0.0.1."""

from __future__ import annotations

import asyncio
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

from monitor.config import load_config

SITE = Path(__file__).resolve().parent / "site"
FEEDS = (
    ("wire.xml", "Demo Wire", "application/rss+xml"),
    ("times.atom", "Demo Times", "application/atom+xml"),
)
LABELS = {"Demo Wire": ["wire"], "Demo Times": ["newspaper", "UK"]}  # shown beside the outlet


class _SiteHandler(BaseHTTPRequestHandler):
    """Serve the sample site, with {base} replaced by the server's own address."""

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        path = (SITE / self.path.split("?")[0].split("#")[0].lstrip("/")).resolve()
        if SITE not in path.parents or not path.is_file():
            self.send_error(404)
            return
        body = path.read_text(encoding="utf-8").replace("{base}", self.server.base_url)  # type: ignore[attr-defined]
        body = shift_dates(body, self.server.shift)  # type: ignore[attr-defined]
        kind = dict((name, mime) for name, _, mime in FEEDS).get(path.name, "text/html")
        data = body.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass  # the demo prints its own summary


_RFC822 = re.compile(r"[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")
SAMPLE_MORNING = datetime(2026, 11, 28, 6, 0, tzinfo=UTC)  # the samples read as of this moment


def shift_dates(body: str, by: timedelta) -> str:
    """Move every RFC 822 and ISO 8601 date in a sample file by `by`."""
    if not by:
        return body
    body = _RFC822.sub(lambda m: format_datetime(parsedate_to_datetime(m[0]) + by), body)
    return _ISO.sub(
        lambda m: (datetime.fromisoformat(m[0].replace("Z", "+00:00")) + by).strftime(
            "%Y-%m-%dT%H:%M:%SZ"
        ),
        body,
    )


@contextmanager
def serve_site(now: datetime | None = None) -> Iterator[str]:
    """Serve the bundled sample site on a free 127.0.0.1 port; yield its base URL.

    With `now`, the samples' dates move so that they are as recent at `now` as they are on
    the morning of 28 Nov 2026 (else a demo run later would find only a backlog).
    """
    server = ThreadingHTTPServer(("127.0.0.1", 0), _SiteHandler)
    server.base_url = f"http://127.0.0.1:{server.server_address[1]}"  # type: ignore[attr-defined]
    server.shift = (now - SAMPLE_MORNING) if now else timedelta(0)  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.base_url  # type: ignore[attr-defined]
    finally:
        server.shutdown()
        server.server_close()


def write_demo_config(shipped: Path, base_url: str, workdir: Path) -> Path:
    """Write a config beside the demo database: the shipped topics, the sample feeds."""
    shipped_config = load_config(shipped)
    watch = yaml.safe_load(shipped_config.watchlist_path.read_text(encoding="utf-8"))
    watch["feeds"] = [
        {"url": f"{base_url}/{name}", "name": title, "labels": LABELS[title]}
        for name, title, _ in FEEDS
    ]
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / "watchlist.yaml").write_text(
        yaml.safe_dump(watch, allow_unicode=True), encoding="utf-8"
    )
    settings = {
        "watchlist": "watchlist.yaml",
        "database": {"url": "sqlite:///demo.db"},
        "outbox": {"directory": str(shipped_config.outbox_dir)},
        "polling": {"allowed_hosts": ["127.0.0.1"], "extract_workers": 0, "per_host_interval": 0},
        "timezone": shipped_config.settings.timezone,
    }
    path = workdir / "monitor.yaml"
    path.write_text(yaml.safe_dump(settings), encoding="utf-8")
    return path


def run_demo(shipped: Path) -> int:
    """Serve samples, poll them, send today's digest to the outbox, and say where it is."""
    from monitor.delivery import build_digest, period_of
    from monitor.service import Service

    workdir = load_config(shipped).outbox_dir.parent / "demo"
    for stale in workdir.glob("demo.db*"):
        stale.unlink()  # each demo starts from an empty database
    with serve_site(datetime.now(UTC)) as base_url:
        config = load_config(write_demo_config(shipped, base_url, workdir))
        print(f"serving sample feeds at {base_url}")

        async def poll() -> None:
            service = Service(config)
            try:
                outcomes = await service.poll_tick(everything=True)
                for o in outcomes:
                    print(f"  polled {o.url}: {o.state}, {o.new} new, {o.analysed} analysed")
            finally:
                await service.aclose()

        asyncio.run(poll())
    return _write_digests(config, build_digest, period_of)


def _write_digests(config, build_digest, period_of) -> int:  # type: ignore[no-untyped-def]
    from monitor.mail import build_message, write_outbox
    from monitor.service import open_database

    engine = open_database(config)
    now = datetime.now(UTC)
    for digest in config.watchlist.digests:
        period = period_of(digest, now)
        # The demo's articles were matched just now, after the latest due time: show them in a
        # window that ends now, as the next real digest will.
        period = type(period)(period.key, now, period.window_start)
        built = build_digest(engine, config, digest, period, skip_sent=False)
        msg = build_message(
            built.rendered,
            sender=config.settings.smtp.sender,
            recipient=digest.recipients[0],
            message_id=f"<demo.{digest.id}@news-monitor>",
            list_id=f"<{digest.id}.news-monitor>",
            date=now,
        )
        eml, html = write_outbox(msg, config.outbox_dir, f"demo-{digest.id}")
        stories = sum(len(s.stories) for s in built.content.sections)
        print(f"digest {digest.id!r}: {stories} stor{'y' if stories == 1 else 'ies'}")
        print(f"  email: {eml}\n  html:  {html}")
    engine.dispose()
    return 0
