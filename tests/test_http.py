"""/health and /metrics: real HTTP on 127.0.0.1, counts only, no article content."""

from __future__ import annotations

import asyncio
import urllib.error
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

from monitor.http import Endpoints
from monitor.store import articles, feeds, make_engine, upgrade

NOW = datetime(2026, 11, 28, 6, 0, tzinfo=UTC)


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def test_metrics_count_work_and_expose_no_content(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'm.db'}"
    upgrade(url)
    engine = make_engine(url)
    feeds.sync_feeds(
        engine, [feeds.FeedSource("https://a.example/rss")], NOW - timedelta(minutes=3)
    )
    (ref,) = feeds.claim_due_feeds(engine, "me", NOW, lease=60, limit=1)
    secret_title = "Secret negotiations title"
    entry = articles.NewEntry("https://a.example/1", secret_title, None, "body", NOW, None, "h")
    articles.add_entries(engine, ref.id, "A", [entry], NOW)

    async def scenario() -> dict[str, tuple[int, str]]:
        endpoints = Endpoints(engine, lambda: NOW)
        port = await endpoints.start("127.0.0.1", 0)
        try:
            paths = ("/health", "/metrics", "/nope")
            got = await asyncio.gather(
                *(asyncio.to_thread(_get, f"http://127.0.0.1:{port}{p}") for p in paths)
            )
            return dict(zip(paths, got, strict=True))
        finally:
            await endpoints.close()

    answers = asyncio.run(scenario())
    assert answers["/health"] == (200, "ok\n")
    status, metrics = answers["/metrics"]
    assert status == 200
    assert 'monitor_articles{status="pending"} 1' in metrics
    assert 'monitor_feeds{state="new"} 1' in metrics
    assert "monitor_poll_lag_seconds 180.000" in metrics
    assert secret_title not in metrics and "a.example/1" not in metrics
    assert answers["/nope"][0] == 404
    engine.dispose()


def test_health_is_503_when_the_database_is_gone(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'never-migrated.db'}")  # no tables: queries fail

    async def scenario() -> tuple[int, str]:
        endpoints = Endpoints(engine, lambda: NOW)
        port = await endpoints.start("127.0.0.1", 0)
        try:
            return await asyncio.to_thread(_get, f"http://127.0.0.1:{port}/health")
        finally:
            await endpoints.close()

    assert asyncio.run(scenario())[0] == 503
