"""Database work leaves the event loop: a locked database is retried while the loop ticks on."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from monitor.config import load_config
from monitor.demo import serve_site
from monitor.service import Service
from monitor.store import db, make_engine, offload
from monitor.store import feeds as feed_store
from monitor.store.db import _transient, upgrade
from tests.support.config import write_config

TICK = 0.1  # seconds between the ticker's wake-ups
STALL = 1.0  # a gap longer than this means something blocked the loop
LOCKED_FOR = 2.5  # seconds another connection holds the write lock: several retries' worth


async def _ticker(gaps: list[float], stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    last = loop.time()
    while not stop.is_set():
        await asyncio.sleep(TICK)
        now = loop.time()
        gaps.append(now - last)
        last = now


def test_a_locked_database_is_retried_while_the_loop_keeps_ticking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # SQLite would wait 30 s for the lock inside one attempt; a short busy timeout makes each
    # attempt fail at once with "database is locked", so the retry path is what runs.
    monkeypatch.setattr(db, "SQLITE_BUSY_TIMEOUT_MS", 20)
    caplog.set_level(logging.WARNING, logger="monitor.store")
    with serve_site() as base:
        config = load_config(write_config(tmp_path, feeds=[{"url": f"{base}/wire.xml"}]))

        async def scenario() -> tuple[list[float], list[str]]:
            service = Service(config)
            path = tmp_path / "monitor.db"
            holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            holder.execute("BEGIN EXCLUSIVE")  # another writer holds the database...
            release = threading.Timer(LOCKED_FOR, holder.rollback)  # ...for a while
            release.start()
            gaps: list[float] = []
            stop = asyncio.Event()
            ticker = asyncio.create_task(_ticker(gaps, stop))
            await asyncio.sleep(0)  # the ticker is waiting before the poll starts
            try:
                outcomes = await service.poll_tick(everything=True)
            finally:
                stop.set()
                await ticker
                release.join()
                holder.close()
                await service.aclose()
            return gaps, [o.state for o in outcomes]

        gaps, states = asyncio.run(scenario())
    retries = [r for r in caplog.records if r.getMessage() == "database call retried"]
    assert len(retries) >= 2  # the lock outlasted several attempts
    assert states == ["ok"]  # and the poll went through once it was free
    assert [round(g, 2) for g in gaps if g > STALL] == []  # the loop never stalled
    assert len(gaps) >= 5  # the ticker ran while the retries waited


def _error(engine_url: str, statement: str) -> DBAPIError:
    engine = make_engine(engine_url)
    try:
        with engine.begin() as conn:
            conn.execute(text(statement))
    except DBAPIError as exc:
        return exc
    finally:
        engine.dispose()
    raise AssertionError(f"{statement} did not fail")


@pytest.mark.parametrize(
    "statement",
    [
        "select * from no_such_table",
        "select no_such_column from feed",
        "selec 1",
        "insert into feed (id, url, enabled, state, error_count) "
        "values (1, 'https://a.example/', 1, 'ok', 0), (2, 'https://a.example/', 1, 'ok', 0)",
    ],
    ids=["no such table", "no such column", "syntax", "constraint"],
)
def test_permanent_sqlite_errors_are_not_retried(tmp_path: Path, statement: str) -> None:
    url = f"sqlite:///{tmp_path / 'monitor.db'}"
    upgrade(url)
    assert not _transient(_error(url, statement))


def test_a_locked_sqlite_file_is_transient(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(db, "SQLITE_BUSY_TIMEOUT_MS", 10)
    url = f"sqlite:///{tmp_path / 'monitor.db'}"
    upgrade(url)
    holder = sqlite3.connect(tmp_path / "monitor.db", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert _transient(_error(url, "update feed set error_count = 0"))
    finally:
        holder.close()


def test_a_missing_table_is_reported_at_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")  # never migrated
    caplog.set_level(logging.WARNING, logger="monitor.store")
    now = datetime.now(UTC)

    async def claim() -> None:
        await offload(feed_store.claim_due_feeds, engine, "me", now, lease=60, limit=1)

    with pytest.raises(DBAPIError, match="no such table"):
        asyncio.run(claim())
    with pytest.raises(DBAPIError, match="no such table"):
        feed_store.claim_due_feeds(engine, "me", now, lease=60, limit=1)  # the retrying call
    assert not [r for r in caplog.records if r.getMessage() == "database call retried"]
    engine.dispose()
