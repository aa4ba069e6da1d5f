"""Real and hand-made broken feeds through the real poller; moved feeds; edited articles.

Every feed of ../shared/data/feeds/real and ../shared/data/feeds/feedparser-cases is served from a
local HTTP server and polled by Service.poll_tick: none may crash the poller, and each one is
either parsed (perhaps leniently, with the warning recorded) or recorded as failed with a
readable error. Article pages are not fetched: their links point at real publishers.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from monitor.config import load_config
from monitor.service import Service, open_database
from monitor.store import feeds as feed_store
from monitor.store import matched as match_store
from tests.support.config import write_config
from tests.support.httpserver import Request, Route, serve

NOW = datetime(2026, 11, 28, 5, 0, tzinfo=UTC)
DEMO = Path(__file__).resolve().parents[1] / "monitor" / "demo" / "site" / "articles"
WIRE = (DEMO.parent / "wire.xml").read_bytes()
_HEADER = re.compile(rb"^Header:\s*Content-type:\s*(.+?)\s*$", re.IGNORECASE | re.MULTILINE)


def _content_type(body: bytes, name: str) -> str:
    """Use the Content-Type a feedparser case asks for, else one that fits the file name."""
    declared = _HEADER.search(body[:2000])
    if declared:
        return declared.group(1).decode("latin-1")
    return "application/atom+xml" if name.endswith(".atom") else "application/rss+xml"


def _poll(tmp_path: Path, feeds: list[dict[str, Any]], **polling: Any) -> list[Any]:
    settings = {"polling": polling} if polling else None
    config = load_config(write_config(tmp_path, feeds=feeds, digests=[], settings=settings))

    async def scenario() -> list[Any]:
        service = Service(config, clock=lambda: NOW)
        try:
            return await service.poll_tick(everything=True)
        finally:
            await service.aclose()

    return asyncio.run(scenario())


@pytest.mark.shared_data
def test_every_real_and_malformed_feed_is_parsed_or_fails_readably(
    tmp_path: Path, shared_data: Path
) -> None:
    files = sorted(
        p for folder in ("real", "feedparser-cases")
        for p in (shared_data / "feeds" / folder).rglob("*")
        if p.is_file() and p.suffix in (".xml", ".rss", ".atom", ".rdf")
    )  # fmt: skip
    assert len(files) > 100
    routes: dict[str, Any] = {}
    for i, path in enumerate(files):
        body = path.read_bytes()
        headers = {"Content-Type": _content_type(body, path.name)}
        routes[f"/f/{i}"] = Route(body=body, headers=headers)
    with serve(routes) as srv:
        feeds = [{"url": srv.url(f"/f/{i}")} for i in range(len(files))]
        outcomes = _poll(tmp_path, feeds, fetch_pages=False)
        config = load_config(tmp_path / "monitor.yaml")
        rows = {f.url: f for f in feed_store.all_feeds(open_database(config))}
    assert len(outcomes) == len(files)
    crashed = [o for o in outcomes if (o.error or "").startswith("internal error")]
    assert not crashed, crashed[:3]
    for i, path in enumerate(files):
        row = rows[srv.url(f"/f/{i}")]
        assert row.state in ("ok", "error"), (path, row.state)
        if row.state == "error":
            message = row.last_error or ""
            assert message and "Traceback" not in message and len(message) < 2000, (path, message)
            assert srv.url(f"/f/{i}") in message, (path, message)  # says which feed
    assert sum(1 for r in rows.values() if r.state == "ok") > len(files) // 2


def test_a_permanent_redirect_is_recorded_for_the_operator(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    rss = (DEMO.parent / "wire.xml").read_bytes()
    routes = {
        "/old": Route(301, headers={"Location": "/new"}),
        "/new": Route(body=rss, headers={"Content-Type": "application/rss+xml"}),
    }
    with serve(routes) as srv, caplog.at_level(logging.WARNING, logger="monitor.pipeline"):
        outcomes = _poll(tmp_path, [{"url": srv.url("/old")}], fetch_pages=False)
        config = load_config(tmp_path / "monitor.yaml")
        row = feed_store.all_feeds(open_database(config))[0]
    assert outcomes[0].state == "ok" and outcomes[0].new > 0
    assert row.last_error and srv.url("/new") in row.last_error and "watch-list" in row.last_error
    assert any("feed moved" in r.getMessage() for r in caplog.records)


def _polls(
    tmp_path: Path,
    feeds: list[dict[str, Any]],
    db_url: str,
    steps: list[Callable[[], None]],
) -> list[list[Any]]:
    """Poll every feed once per step, running each step first; one service, no page fetches."""
    settings = {"polling": {"fetch_pages": False}}
    config = load_config(
        write_config(tmp_path, feeds=feeds, digests=[], settings=settings, database_url=db_url)
    )

    async def scenario() -> list[list[Any]]:
        service = Service(config, clock=lambda: NOW)
        try:
            outcomes = []
            for step in steps:
                step()
                outcomes.append(await service.poll_tick(everything=True))
            return outcomes
        finally:
            await service.aclose()

    return asyncio.run(scenario())


def _row(tmp_path: Path, url: str) -> Any:
    rows = feed_store.all_feeds(open_database(load_config(tmp_path / "monitor.yaml")))
    return next(r for r in rows if r.url == url)


def _nothing() -> None:
    pass


def test_after_a_301_the_feed_is_polled_at_its_new_address(
    tmp_path: Path, db_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    routes = {
        "/old": Route(301, headers={"Location": "/new"}),
        "/new": Route(body=WIRE, headers={"Content-Type": "application/rss+xml"}),
    }
    with serve(routes) as srv, caplog.at_level(logging.INFO, logger="monitor.pipeline"):
        first, second, third = _polls(tmp_path, [{"url": srv.url("/old")}], db_url, [_nothing] * 3)
        row = _row(tmp_path, srv.url("/old"))
    assert first[0].state == "ok" and first[0].new > 0
    assert [o[0].state for o in (second, third)] == ["not_modified", "not_modified"]
    assert srv.hits("/old") == 1 and srv.hits("/new") == 3  # straight to the new address
    assert row.url == srv.url("/old") and row.moved_to == srv.url("/new")
    assert row.last_error and srv.url("/new") in row.last_error and "watch-list" in row.last_error
    moved = [r for r in caplog.records if r.getMessage() == "feed moved"]
    assert len(moved) == 1  # warned once, when the move was seen
    assert vars(moved[0])["feed_url"] == srv.url("/old")
    assert vars(moved[0])["moved_to"] == srv.url("/new")


def test_a_302_does_not_move_the_feed(tmp_path: Path, db_url: str) -> None:
    routes = {
        "/old": Route(302, headers={"Location": "/new"}),
        "/new": Route(body=WIRE, headers={"Content-Type": "application/rss+xml"}),
    }
    with serve(routes) as srv:
        _polls(tmp_path, [{"url": srv.url("/old")}], db_url, [_nothing] * 2)
        row = _row(tmp_path, srv.url("/old"))
    assert srv.hits("/old") == 2 and srv.hits("/new") == 2
    assert row.moved_to is None and row.last_error is None and row.state == "not_modified"


def test_a_moved_address_that_answers_410_falls_back_to_the_watch_list_url(
    tmp_path: Path, db_url: str
) -> None:
    rss = Route(body=WIRE, headers={"Content-Type": "application/rss+xml"})
    routes: dict[str, Any] = {"/old": Route(301, headers={"Location": "/new"}), "/new": rss}

    def new_address_gone() -> None:
        routes["/new"] = Route(410)

    def site_serves_the_old_address_again() -> None:
        routes["/old"] = rss

    steps = [_nothing, new_address_gone, site_serves_the_old_address_again]
    with serve(routes) as srv:
        moved, gone, back = _polls(tmp_path, [{"url": srv.url("/old")}], db_url, steps)
        row = _row(tmp_path, srv.url("/old"))
    assert moved[0].state == "ok" and gone[0].state == "error"
    assert gone[0].error and "HTTP 410" in gone[0].error
    assert srv.hits("/old") == 2 and srv.hits("/new") == 2  # the third poll went to /old
    assert back[0].state in ("ok", "not_modified")
    assert row.moved_to is None and row.error_count == 0 and row.last_error is None


def test_the_gone_note_says_the_feed_is_not_abandoned(tmp_path: Path, db_url: str) -> None:
    rss = Route(body=WIRE, headers={"Content-Type": "application/rss+xml"})
    routes: dict[str, Any] = {"/old": Route(301, headers={"Location": "/new"}), "/new": rss}

    def new_address_gone() -> None:
        routes["/new"] = Route(404)

    with serve(routes) as srv:
        _polls(tmp_path, [{"url": srv.url("/old")}], db_url, [_nothing, new_address_gone])
        row = _row(tmp_path, srv.url("/old"))
    assert row.moved_to is None and row.state == "error"
    assert row.last_error and "HTTP 404" in row.last_error and "not abandoned" in row.last_error
    assert f"tries the watch-list URL {srv.url('/old')}" in row.last_error


def test_a_moved_address_that_redirects_back_ends_the_move(tmp_path: Path, db_url: str) -> None:
    rss = Route(body=WIRE, headers={"Content-Type": "application/rss+xml"})
    routes: dict[str, Any] = {"/old": Route(301, headers={"Location": "/new"}), "/new": rss}

    def moved_back() -> None:
        routes["/new"] = Route(302, headers={"Location": "/old"})
        routes["/old"] = rss

    with serve(routes) as srv:
        _polls(tmp_path, [{"url": srv.url("/old")}], db_url, [_nothing, moved_back, _nothing])
        row = _row(tmp_path, srv.url("/old"))
    # poll 2 went /new -> /old and learnt the way back; poll 3 went straight to /old
    assert srv.hits("/new") == 2 and srv.hits("/old") == 3
    assert row.moved_to is None and row.last_error is None


def test_editing_the_watch_list_to_the_new_url_stores_no_article_twice(
    tmp_path: Path, db_url: str
) -> None:
    routes = {
        "/old": Route(301, headers={"Location": "/new"}),
        "/new": Route(body=WIRE, headers={"Content-Type": "application/rss+xml"}),
    }
    with serve(routes) as srv:
        (before,) = _polls(tmp_path, [{"url": srv.url("/old")}], db_url, [_nothing])
        # The operator follows the note: the watch-list now names the new address.
        (after,) = _polls(tmp_path, [{"url": srv.url("/new")}], db_url, [_nothing])
        config = load_config(tmp_path / "monitor.yaml")
        engine = open_database(config)
        rows = {f.url: f for f in feed_store.all_feeds(engine)}
        stored = _article_count(engine)
    assert before[0].new > 0 and stored == before[0].new
    assert after[0].url == srv.url("/new") and after[0].state == "ok" and after[0].new == 0
    assert after[0].edited == 0
    old, new = rows[srv.url("/old")], rows[srv.url("/new")]
    assert not old.enabled and old.moved_to == srv.url("/new")  # history kept, no longer polled
    assert new.enabled and new.moved_to is None and new.last_error is None
    assert srv.hits("/old") == 1


def _article_count(engine: Any) -> int:
    from sqlalchemy import func, select

    from monitor.store.db import session_scope
    from monitor.store.tables import Article

    with session_scope(engine) as session:
        return int(session.scalar(select(func.count()).select_from(Article)) or 0)


def test_an_edited_article_is_stored_again_and_matched_again(tmp_path: Path) -> None:
    versions = {"page": (DEMO / "dumpling-house-review.html").read_bytes(), "title": "A review"}

    def feed(request: Request) -> Route:
        link = f"http://127.0.0.1:{request.headers['host'].split(':')[1]}/story"
        body = (
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
            f"<item><title>{versions['title']}</title><link>{link}</link>"
            f"<description>{versions['title']}</description></item></channel></rss>"
        )
        return Route(body=body.encode(), headers={"Content-Type": "application/rss+xml"})

    def page(_request: Request) -> Route:
        return Route(body=versions["page"], headers={"Content-Type": "text/html"})

    with serve({"/feed": feed, "/story": page}) as srv:
        config = load_config(write_config(tmp_path, feeds=[{"url": srv.url("/feed")}], digests=[]))

        async def scenario() -> tuple[Any, ...]:
            service = Service(config, clock=lambda: NOW)
            try:
                await service.poll_tick(everything=True)
                first = _article(service)
                versions["page"] = (DEMO / "nato-summit-china-russia.html").read_bytes()
                versions["title"] = "NATO summit: allies weigh China and Russia"
                outcomes = await service.poll_tick(everything=True)
                return first, _article(service), outcomes
            finally:
                await service.aclose()

        (first_text, first_matched), (text, matched), outcomes = asyncio.run(scenario())
    assert outcomes[0].edited == 1 and outcomes[0].new == 0
    assert not first_matched and "dumpling" in first_text.lower()
    assert matched and "nato" in text.lower() and text != first_text


def _article(service: Service) -> tuple[str, bool]:
    from sqlalchemy import select

    from monitor.store.db import session_scope
    from monitor.store.tables import Article

    with session_scope(service.engine) as session:
        row = session.scalars(select(Article)).one()
    matched = row.id in match_store.matched_topic_ids(service.engine, "china-nato-russia")
    return row.text or "", matched
