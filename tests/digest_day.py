"""A real morning's digest: real articles served as feeds on 127.0.0.1, through the real service.

Not a test module: tests/test_digest_day.py and tests/test_digest_browser.py build the day with
`build_day`. The article texts come from ../shared/data/relevance/dev.jsonl (read at test time,
never copied into the repository); only their dates and outlets are set here.
"""

from __future__ import annotations

import asyncio
import email
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.policy import default
from email.utils import format_datetime
from html import escape
from pathlib import Path
from typing import Any

from monitor.config import Config, load_config
from monitor.delivery import period_of
from monitor.digest.compose import caps_of, compose
from monitor.digest.render import fit_digest
from monitor.models import DigestContent
from monitor.service import Service, open_database
from tests.support.config import write_config
from tests.support.httpserver import Request, Route, serve

START = datetime(2026, 12, 5, 6, 30, tzinfo=UTC)  # just after yesterday's 07:00 Brussels digest
POLL_AT = datetime(2026, 12, 5, 20, 0, tzinfo=UTC)
SEND_AT = datetime(2026, 12, 6, 6, 1, tzinfo=UTC)  # 07:01 in Brussels
DIGEST = {
    "id": "morning",
    "title": "China–NATO–Russia daily brief",
    "topics": ["china-nato-russia", "china-russia", "nato-russia", "nato-china"],
    "time": "07:00",
    "timezone": "Europe/Brussels",
    "recipients": ["desk@example.org"],
}
# Outlets by the dataset's publisher; everything else arrives through one aggregator feed.
OUTLETS = {
    "cnn": ("CNN", ["US"]),
    "usa today": ("USA Today", ["US"]),
    "fox": ("Fox News", ["US", "right"]),
    "washington times": ("Washington Times", ["US", "right"]),
}
OTHER = ("News aggregator", ["aggregator"])
# Syndicated copies: the same text under another outlet's URL and decorated title.
COPIES = (("Global Times", ["state-media", "CN"], " - Global Times"), ("Reuters", ["wire"], ""))
INCIDENTAL = 30  # label-0 articles added to the day: most do not match, as on a real day
BACKLOG = 12  # entries of a newly added feed's archive, a month old
BYLINE = "By Jane Doe and John Roe, Staff writers"
CAPTION = "Soldiers march in Red Square. (AP Photo/Alexander Zemlianichenko)"


@dataclass(frozen=True)
class Item:
    """One feed entry and the page behind it."""

    slug: str
    title: str
    text: str
    published: datetime
    summary: str = ""


@dataclass
class Day:
    """What the day produced: the sent email's parts, the period's content, the URLs used."""

    config: Config
    base: str
    text: str
    html: str
    full_list: str
    eml_size: int
    html_bytes: int
    content: DigestContent  # as the email showed it
    full: DigestContent  # every story of the period
    backlog_urls: set[str]
    backlog_matched: int
    matched_per_topic: dict[str, int]  # new articles matching each topic in the period (SQL)
    feeds: int
    preview_path: Path


def _outlet(publisher: str) -> tuple[str, list[str]]:
    key = publisher.casefold()
    return next((v for k, v in OUTLETS.items() if key.startswith(k)), OTHER)


def _page(item: Item) -> bytes:
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in item.text.split("\n") if p.strip())
    return (
        f"<!doctype html><html><head><title>{escape(item.title)}</title></head><body>"
        f"<article><h1>{escape(item.title)}</h1>{paragraphs}</article></body></html>"
    ).encode()


def _feed(name: str, base: str, items: list[Item]) -> bytes:
    entries = "".join(
        f"<item><title>{escape(i.title)}</title><link>{base}/a/{i.slug}</link>"
        f"<guid>{base}/a/{i.slug}</guid><pubDate>{format_datetime(i.published)}</pubDate>"
        f"<description>{escape(i.summary)}</description></item>"
        for i in items
    )
    body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>{escape(name)}</title>'
    return (body + entries + "</channel></rss>").encode()


def _rows(shared_data: Path) -> list[dict[str, Any]]:
    path = shared_data / "relevance" / "dev.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    related = [r for r in rows if r["label"] >= 1]
    incidental = [r for r in rows if r["label"] == 0][:INCIDENTAL]
    return related + incidental


def _items(rows: list[dict[str, Any]]) -> dict[str, tuple[list[str], list[Item]]]:
    """Spread the articles over outlets and the night, with copies, bylines and a backlog."""
    feeds: dict[str, tuple[list[str], list[Item]]] = {}
    for n, row in enumerate(rows):
        name, labels = _outlet(row["publisher"] or "")
        when = POLL_AT - timedelta(minutes=13 * n + 7)
        text = row["text"]
        if n % 9 == 0:
            text = f"{BYLINE}\n\n{CAPTION}\n\n{text}"  # furniture a lede must skip
        # A third carry a teaser summary cut mid-sentence, a third none, a third a clean one.
        summary = ["", text[:160] + "…", ""][n % 3]
        item = Item(f"r{n}", row["title"], text, when, summary)
        feeds.setdefault(name, (labels, []))[1].append(item)
        if row["label"] >= 1 and n % 7 < len(COPIES):
            copy_name, copy_labels, suffix = COPIES[n % 7]
            # The state outlet runs it first (it leads the story); the wire follows.
            lag = timedelta(minutes=-40 if n % 7 == 0 else 40)
            copy = Item(f"c{n}", row["title"] + suffix, text, when + lag)
            feeds.setdefault(copy_name, (copy_labels, []))[1].append(copy)
    archive = [
        Item(f"b{n}", "Archive: " + row["title"], row["text"], START - timedelta(days=30 + n))
        for n, row in enumerate(rows[:BACKLOG])
    ]
    feeds["Archive"] = (["archive"], archive)
    return feeds


def _parts(raw: bytes) -> tuple[str, str, str]:
    msg = email.message_from_bytes(raw, policy=default)
    assert isinstance(msg, EmailMessage)
    text = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    html = msg.get_body(("html",)).get_content()  # type: ignore[union-attr]
    attached = [p.get_content() for p in msg.iter_attachments()]
    return text, html, "".join(str(a) for a in attached if isinstance(a, str))


def build_day(shared_data: Path, folder: Path, settings: dict[str, Any] | None = None) -> Day:
    """Serve the day's feeds, poll them with the real service, send the digest to the outbox."""
    feeds = _items(_rows(shared_data))
    pages = {f"/a/{i.slug}": i for _, items in feeds.values() for i in items}

    def page(request: Request) -> Route:
        item = pages.get(request.bare_path)
        if item is None:
            return Route(404, b"no such page")
        return Route(200, _page(item), {"Content-Type": "text/html; charset=utf-8"})

    routes: dict[str, Any] = dict.fromkeys(pages, page)
    with serve(routes) as srv:
        base = srv.url("").rstrip("/")
        for n, (name, (_, items)) in enumerate(feeds.items()):
            body = _feed(name, base, items)
            srv.routes[f"/feed{n}.xml"] = Route(200, body, {"Content-Type": "application/rss+xml"})
        watch = [
            {"url": srv.url(f"/feed{n}.xml"), "name": name, "labels": labels}
            for n, (name, (labels, _)) in enumerate(feeds.items())
        ]
        config = load_config(write_config(folder, feeds=watch, digests=[DIGEST], settings=settings))
        asyncio.run(_run(config))
    return _collect(config, base, feeds, folder)


async def _run(config: Config) -> None:
    clock = _Clock(START)
    service = Service(config, clock=clock)
    try:
        assert service.digest_tick() == []  # first sight of the digest: nothing due yet
        clock.now = POLL_AT
        await service.poll_tick(everything=True)
        clock.now = SEND_AT
        lines = await asyncio.to_thread(service.digest_tick)
        assert len(lines) == 1 and "sent" in lines[0], lines
    finally:
        await service.aclose()


class _Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def _collect(
    config: Config, base: str, feeds: dict[str, tuple[list[str], list[Item]]], folder: Path
) -> Day:
    (eml,) = sorted(config.outbox_dir.glob("*.eml"))
    raw = eml.read_bytes()
    text, html, full_list = _parts(raw)
    digest = config.watchlist.digests[0]
    period = period_of(digest, SEND_AT)
    engine = open_database(config)
    try:
        full = compose(engine, config, digest, period, skip_sent=False)
        content, _ = fit_digest(full.content, caps_of(config))
        backlog = {f"{base}/a/{i.slug}" for i in feeds["Archive"][1]}
        from monitor.store import matched

        everything = matched.matches_between(
            engine, digest.topics, START - timedelta(days=1), SEND_AT
        )
        backlog_matched = len({m.url for m in everything if m.url in backlog})
        window = matched.matches_between(engine, digest.topics, period.window_start, SEND_AT)
        per_topic: dict[str, int] = {}
        for m in window:
            if m.url not in backlog:
                per_topic[m.topic_id] = per_topic.get(m.topic_id, 0) + 1
    finally:
        engine.dispose()
    preview = sorted(config.outbox_dir.glob("*.html"))[0]
    return Day(
        config,
        base,
        text,
        html,
        full_list,
        len(raw),
        len(html.encode("utf-8")),
        content,
        full.content,
        backlog,
        backlog_matched,
        per_topic,
        len(feeds),
        preview,
    )
