"""Deduplication by the page's own rel=canonical, through real HTTP on both databases.

canonical_url() already folds tracking parameters, AMP and mobile variants; these tests cover
what only the page can say: a print or syndicated copy at a different path declaring
<link rel=canonical> to the article.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from monitor.config import load_config
from monitor.feeds import declared_canonical
from monitor.service import Service, open_database
from monitor.store import articles as article_store
from monitor.store import matched as match_store
from monitor.store.db import session_scope
from monitor.store.tables import Article
from tests.support.config import write_config
from tests.support.httpserver import Route, serve

NOW = datetime(2026, 11, 28, 5, 0, tzinfo=UTC)
STORY = (
    "<p>BEIJING — China warned NATO on Tuesday against expanding into Asia, saying the alliance "
    "should stop dragging Russia into its confrontation. “NATO should abandon its Cold War "
    "mentality,” Foreign Ministry spokesman Lin Jian told reporters in Beijing.</p>"
    "<p>Russian President Vladimir Putin said Moscow and Beijing would deepen military ties, and "
    "NATO leaders answered that the China–Russia partnership threatens allied security.</p>"
) * 3


def _page(canonical: str | None) -> Route:
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    head = f"<head><title>China warns NATO</title>{link}</head>"
    html = f"<html>{head}<body><article>{STORY}</article></body></html>"
    return Route(body=html.encode(), headers={"Content-Type": "text/html; charset=utf-8"})


def _rss(*links: str) -> Route:
    items = "".join(
        f"<item><title>China warns NATO</title><link>{u}</link><guid>{u}</guid></item>"
        for u in links
    )
    body = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{items}</channel></rss>'
    )
    return Route(body=body.encode(), headers={"Content-Type": "application/rss+xml"})


def _tick(tmp_path: Path, db_url: str, feeds: list[dict[str, Any]], when: datetime) -> None:
    config = load_config(write_config(tmp_path, feeds=feeds, digests=[], database_url=db_url))

    async def scenario() -> None:
        service = Service(config, clock=lambda: when)
        try:
            await service.poll_tick(everything=True)
        finally:
            await service.aclose()

    asyncio.run(scenario())


def _rows(tmp_path: Path) -> list[tuple[str, str, str | None, int | None]]:
    engine = open_database(load_config(tmp_path / "monitor.yaml"))
    query = select(Article.url, Article.status, Article.canonical, Article.duplicate_of)
    with session_scope(engine) as session:
        rows = sorted(session.execute(query).all())
    engine.dispose()
    return [tuple(r) for r in rows]


def _matched(tmp_path: Path) -> list[str]:
    engine = open_database(load_config(tmp_path / "monitor.yaml"))
    found = match_store.matches_between(
        engine, ["china-nato-russia"], NOW - timedelta(days=1), NOW + timedelta(days=1)
    )
    engine.dispose()
    return sorted(m.url for m in found)


def test_a_copy_declaring_a_stored_article_canonical_is_kept_out(
    tmp_path: Path, db_url: str
) -> None:
    with serve({}) as srv:
        story, copy = srv.url("/news/story-1.html"), srv.url("/print/42")
        srv.routes.update(
            {
                "/news/story-1.html": _page(story),
                "/print/42": _page(story),
                "/rss": _rss(story, copy),
            }
        )
        _tick(tmp_path, db_url, [{"url": srv.url("/rss")}], NOW)
    rows = _rows(tmp_path)
    original = next(r for r in rows if r[0] == story)
    assert original[1] == "done"
    assert [r[1:3] for r in rows if r[0] == copy] == [("duplicate", story)]
    assert _matched(tmp_path) == [story]  # the digest shows the story once


def test_a_link_to_a_known_canonical_url_is_not_fetched_again(tmp_path: Path, db_url: str) -> None:
    with serve({}) as srv:
        story, copy = srv.url("/news/story-1.html"), srv.url("/print/42")
        srv.routes.update(
            {
                "/news/story-1.html": _page(story),
                "/print/42": _page(story),
                "/a": _rss(copy),
                "/b": _rss(story),
            }
        )
        _tick(tmp_path, db_url, [{"url": srv.url("/a")}], NOW)
        _tick(tmp_path, db_url, [{"url": srv.url("/a")}, {"url": srv.url("/b")}], NOW)
        assert srv.hits("/print/42") == 1 and srv.hits("/news/story-1.html") == 0
    assert _rows(tmp_path) == [(copy, "done", story, None)]
    assert _matched(tmp_path) == [copy]


@pytest.mark.parametrize(
    ("url", "declared", "expected"),
    [
        ("https://www.example.com/p/1", "https://example.com/story", "https://example.com/story"),
        ("https://amp.example.com/s", "https://www.example.com/s-1", "https://www.example.com/s-1"),
        (
            "https://edition.cnn.com/a",
            "https://www.cnn.com/a?utm_source=x",
            "https://www.cnn.com/a",
        ),
        ("https://example.com/p?id=1", "/story", "https://example.com/story"),  # relative
        ("https://example.com/story", "https://example.com/story#top", None),  # itself
        ("https://evil.example/s", "https://example.com/story", None),  # another site
        ("https://a.co.uk/s", "https://b.co.uk/s", None),  # neighbours under a public suffix
        ("https://example.com/s", "javascript:alert(1)", None),
        ("https://example.com/s", "", None),
    ],
)
def test_only_a_same_site_declaration_is_trusted(
    url: str, declared: str, expected: str | None
) -> None:
    assert declared_canonical(url, declared) == expected


def test_an_article_declared_canonical_by_a_copy_still_has_its_edits_seen(db_url: str) -> None:
    from monitor.models import ArticleAnalysis, ArticleInput
    from monitor.store import feeds as feed_store
    from monitor.store import make_engine, upgrade

    upgrade(db_url)
    engine = make_engine(db_url)
    feed_store.sync_feeds(engine, [feed_store.FeedSource("https://a.example/rss")], NOW)
    (feed,) = feed_store.claim_due_feeds(engine, "me", NOW, lease=60, limit=1)
    story, copy = "https://n.example/story", "https://n.example/print/1"

    def entry(url: str, version: str) -> article_store.NewEntry:
        return article_store.NewEntry(url, "T", None, "summary", NOW, None, version)

    article_store.add_entries(engine, feed.id, "A", [entry(story, "v1"), entry(copy, "v1")], NOW)
    claimed = {
        p.url: p.id for p in article_store.claim_pending(engine, "me", NOW, lease=60, limit=9)
    }
    analysed = [
        article_store.AnalysisRecord(
            claimed[url], ArticleAnalysis(ArticleInput(url, "T", "text")), url, 0, NOW,
            canonical=story if url == copy else None,
        )
        for url in (story, copy)
    ]  # fmt: skip
    saved = article_store.save_analyses(engine, "me", analysed)
    assert saved == {claimed[story]: None, claimed[copy]: claimed[story]}
    # The story's own feed entry changes: it is re-queued, not mistaken for the copy's target.
    edited = [entry(story, "v2"), entry(copy, "v1")]
    assert article_store.add_entries(engine, feed.id, "A", edited, NOW) == (0, 1)
    engine.dispose()
