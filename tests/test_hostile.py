"""Hostile article pages and feed entries through the real poller: recorded, contained, kept.

Every server here is on 127.0.0.1. Links and redirects to other addresses (10.x, the cloud metadata
address) are refused by the address guard before any connection is opened; the test server counts
what it was asked for, and nothing else is listening anywhere.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from sqlalchemy import select

from monitor.config import load_config
from monitor.service import Service, open_database
from monitor.store.db import session_scope
from monitor.store.tables import Article, Feed
from tests.support.config import write_config
from tests.support.httpserver import Route, serve

GOOD_TEXT = " ".join(
    ["NATO leaders accused China of supporting Russia's war, and Beijing rejected the charge."] * 8
)
HTML = {"Content-Type": "text/html; charset=utf-8"}


def _page(body: str) -> Route:
    return Route(200, f"<html><body><article><p>{body}</p></article></body></html>".encode(), HTML)


def _feed(base: str, links: list[tuple[str, str]]) -> bytes:
    items = "".join(
        f"<item><title>{title}</title><link>{link}</link>"
        f"<description>Summary of {title}: NATO, China and Russia.</description></item>"
        for title, link in links
    )
    return f"<rss version='2.0'><channel><title>Hostile</title>{items}</channel></rss>".encode()


def test_hostile_pages_fall_back_to_the_feed_text_with_a_recorded_reason(tmp_path: Path) -> None:
    routes: dict[str, Route] = {
        "/good": _page(GOOD_TEXT),
        "/scripts": Route(
            200, b"<html><body>" + b"<script>var x=1;</script>" * 5000 + b"</body></html>", HTML
        ),
        "/huge": _page("word " * 400_000),  # ~2 MB, over the 256 KB page cap below
        "/binary": Route(200, bytes(range(256)) * 64, HTML),
        "/to-internal": Route(302, b"", {"Location": "http://10.0.0.1/admin"}),
        "/to-metadata": Route(301, b"", {"Location": "http://169.254.169.254/latest/meta-data/"}),
    }
    with serve(routes) as server:
        links = [(name.strip("/"), server.url(name)) for name in routes]
        links += [
            ("metadata", "http://169.254.169.254/latest/"),
            ("script-link", "javascript:alert(1)"),
            ("data-link", "data:text/html,<b>x</b>"),
        ]
        server.routes["/feed"] = Route(
            200, _feed(server.base_url, links), {"Content-Type": "application/rss+xml"}
        )
        config = load_config(
            write_config(
                tmp_path,
                feeds=[{"url": server.url("/feed")}],
                settings={"polling": {"max_page_bytes": 256 * 1024, "deadline": 10}},
            )
        )

        async def scenario() -> None:
            service = Service(config)
            try:
                (outcome,) = await service.poll_tick(everything=True)
                assert outcome.state == "ok" and outcome.new == 7  # javascript:/data: dropped
            finally:
                await service.aclose()

        asyncio.run(scenario())
        asked = [path for _method, path, _headers in server.requests]
    with session_scope(open_database(config)) as session:
        rows = {a.title: a for a in session.scalars(select(Article))}
        feed = session.scalars(select(Feed)).one()
    assert set(rows) == {
        "good",
        "scripts",
        "huge",
        "binary",
        "to-internal",
        "to-metadata",
        "metadata",
    }
    assert not rows["good"].from_summary and "Beijing rejected" in (rows["good"].text or "")
    for title in ("scripts", "huge", "binary", "to-internal", "to-metadata", "metadata"):
        article = rows[title]
        assert article.status == "done" and article.from_summary, title
        assert article.last_error and article.text and "Summary of" in article.text, title
    assert "exceeds" in (rows["huge"].last_error or "")
    assert "10.0.0.1" in (rows["to-internal"].last_error or "")
    assert "169.254.169.254" in (rows["metadata"].last_error or "")
    assert feed.state == "ok" and feed.error_count == 0
    assert not any("admin" in path or "meta-data" in path for path in asked)


def _nested_feed(depth: int) -> bytes:
    deep = "<x>" * depth + "China" + "</x>" * depth
    item = f"<item><title>Deep</title><link>http://127.0.0.1/deep</link><description>{deep}</description></item>"
    return f"<rss version='2.0'><channel><title>Nested</title>{item}</channel></rss>".encode()


def test_huge_and_deeply_nested_feeds_are_contained(tmp_path: Path) -> None:
    huge = (
        b"<rss version='2.0'><channel><title>Huge</title>"
        + b" " * (50 * 2**20)
        + b"</channel></rss>"
    )
    good = _feed("", [("good", "http://127.0.0.1:1/never-fetched")])
    routes = {
        "/huge": Route(200, huge, {"Content-Type": "application/rss+xml"}),
        "/nested": Route(200, _nested_feed(100_000), {"Content-Type": "application/rss+xml"}),
        "/good": Route(200, good, {"Content-Type": "application/rss+xml"}),
    }
    with serve(routes) as server:
        feeds = [{"url": server.url(p)} for p in routes]
        config = load_config(
            write_config(tmp_path, feeds=feeds, settings={"polling": {"fetch_pages": False}})
        )

        async def scenario() -> dict[str, object]:
            service = Service(config)
            try:
                return {o.url: o for o in await service.poll_tick(everything=True)}
            finally:
                await service.aclose()

        outcomes = asyncio.run(scenario())
    huge_outcome = outcomes[server.url("/huge")]
    assert huge_outcome.state == "error" and "exceeds" in (huge_outcome.error or "")  # type: ignore[attr-defined]
    nested = outcomes[server.url("/nested")]
    assert nested.state == "ok" and nested.new == 1  # type: ignore[attr-defined]
    assert outcomes[server.url("/good")].new == 1  # type: ignore[attr-defined]
