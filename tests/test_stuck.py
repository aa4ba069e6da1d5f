"""The instance lock comes before migrating; a vanished database or failing analysis is reported.

Real SQLite files, the real service and its scheduler; /health is asked through its handler.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path

import pytest

from monitor.config import load_config
from monitor.errors import StoreError
from monitor.http import Endpoints
from monitor.models import ArticleInput
from monitor.scheduler import run_until_stopped
from monitor.service import Service
from monitor.store import InstanceLock
from tests.support.config import write_config
from tests.test_workers import _kill_workers, paragraphs

NOW = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)
HEALTH = b"GET /health HTTP/1.0\r\n\r\n"


def _config(tmp_path: Path, **polling: object) -> Path:
    return write_config(
        tmp_path, feeds=[], digests=[], settings={"polling": {"tick": 0.2, **polling}}
    )


def test_the_lock_is_taken_before_the_database_is_touched(tmp_path: Path) -> None:
    config = load_config(_config(tmp_path))
    other = InstanceLock(config.database_url)
    other.acquire()  # another `monitor run` on this path
    try:
        with pytest.raises(StoreError, match="already used by"):
            Service(config, lock=True, clock=lambda: NOW)
        assert not (tmp_path / "monitor.db").exists()  # not created, not migrated
    finally:
        other.release()


def test_a_deleted_database_file_stops_the_run_with_a_clear_error(tmp_path: Path) -> None:
    config = load_config(_config(tmp_path))

    async def scenario() -> Service:
        service = Service(config, lock=True, clock=lambda: NOW)
        endpoints = Endpoints(service.engine, service.clock, service.problem)
        run = asyncio.create_task(run_until_stopped(service))
        await asyncio.sleep(0.5)
        status, _, _ = await endpoints._respond(HEALTH)
        assert status.startswith("200")
        (tmp_path / "monitor.db").unlink()
        status, body, _ = await endpoints._respond(HEALTH)
        assert status.startswith("503") and "deleted or replaced" in body
        await asyncio.wait_for(run, 60)  # a safety net: the run stops on its own
        return service

    service = asyncio.run(scenario())
    assert service.fatal and str(tmp_path / "monitor.db") in service.fatal


def test_health_is_degraded_while_analysis_fails(tmp_path: Path) -> None:
    config = load_config(_config(tmp_path, extract_workers=1, extract_max_tags=0))
    service = Service(config, clock=lambda: NOW)
    endpoints = Endpoints(service.engine, service.clock, service.problem)
    article = ArticleInput(url="http://127.0.0.1/a/1", title="Story", text="Feed text.")

    async def scenario() -> tuple[str, str, str]:
        task = asyncio.create_task(service.analyser.page(paragraphs(2 * 2**20), article))
        await _kill_workers(service.analyser, task, 3)
        assert (await task).gave_up
        degraded = await endpoints._respond(HEALTH)
        await service.analyser.page(b"<p>fine</p>", article)  # analysis works again
        healthy = await endpoints._respond(HEALTH)
        return degraded[0] + degraded[1], healthy[0], ""

    try:
        degraded, healthy, _ = asyncio.run(scenario())
    finally:
        asyncio.run(service.aclose())
    assert degraded.startswith("503") and "analysis failing" in degraded
    assert healthy.startswith("200")


def test_a_page_that_kills_its_worker_is_stored_failed_with_the_reason(tmp_path: Path) -> None:
    from sqlalchemy import select

    from monitor.store.db import session_scope
    from monitor.store.tables import Article
    from tests.support.httpserver import Route, serve

    with serve({}) as server:
        link = server.url("/a/1")
        item = f"<item><title>One</title><link>{link}</link><description>Feed text.</description>"
        rss = f'<rss version="2.0"><channel><title>F</title>{item}</item></channel></rss>'
        server.routes["/feed.xml"] = Route(
            body=rss.encode(), headers={"Content-Type": "application/rss+xml"}
        )
        server.routes["/a/1"] = Route(
            body=paragraphs(2 * 2**20), headers={"Content-Type": "text/html"}
        )
        path = write_config(
            tmp_path,
            feeds=[{"url": server.url("/feed.xml")}],
            digests=[],
            settings={"polling": {"extract_workers": 1, "extract_max_tags": 0}},
        )
        service = Service(load_config(path), clock=lambda: NOW)

        async def scenario() -> None:
            tick = asyncio.create_task(service.poll_tick())
            await _kill_workers(service.analyser, tick, 3)  # its first run, then two alone
            await tick

        try:
            asyncio.run(scenario())
            with session_scope(service.engine) as session:
                article = session.scalars(select(Article)).one()
        finally:
            asyncio.run(service.aclose())
    assert article.status == "failed" and article.from_summary
    assert article.text == "Feed text." and "died 3 times" in (article.last_error or "")
