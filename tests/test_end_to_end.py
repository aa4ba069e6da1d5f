"""From feed to inbox: real HTTP, SQLite/PostgreSQL and SMTP servers, with a controlled clock."""

from __future__ import annotations

import asyncio
import email
import re
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

import pytest

from monitor.config import load_config
from monitor.demo import serve_site
from monitor.service import Service
from monitor.store import feeds as feed_store
from tests.support.config import write_config
from tests.support.httpserver import Route, serve
from tests.support.smtp import smtp_server

RECIPIENTS = ["desk@example.org", "chief@example.org"]
DIGEST = {
    "id": "daily",
    "title": "China–NATO–Russia daily brief",
    "topics": ["china-nato-russia"],
    "time": "07:00",
    "timezone": "Europe/Brussels",
    "recipients": RECIPIENTS,
}


class Clock:
    """A clock the test moves by hand; the service reads it for every decision."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def _config(tmp_path: Path, base: str, smtp_port: int | None, db: str | None = None):  # type: ignore[no-untyped-def]
    smtp = {"host": "127.0.0.1", "port": smtp_port, "security": "none"} if smtp_port else {}
    feeds = [
        {"url": f"{base}/wire.xml", "name": "Demo Wire"},
        {"url": f"{base}/times.atom", "name": "Demo Times"},
    ]
    return load_config(
        write_config(
            tmp_path, feeds=feeds, digests=[DIGEST], database_url=db, settings={"smtp": smtp}
        )
    )


def _parts(raw: bytes) -> tuple[EmailMessage, str, str]:
    msg = email.message_from_bytes(raw, policy=default)
    assert isinstance(msg, EmailMessage)
    text = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    html = msg.get_body(("html",)).get_content()  # type: ignore[union-attr]
    return msg, text, html


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_feed_to_inbox_exactly_once_with_quotes_and_why(
    tmp_path: Path, backend: str, request: pytest.FixtureRequest
) -> None:
    db = request.getfixturevalue("pg_url") if backend == "postgresql" else None
    clock = Clock(datetime(2026, 11, 28, 5, 0, tzinfo=UTC))  # 06:00 in Brussels
    with serve_site() as base, smtp_server() as (inbox, controller):
        config = _config(tmp_path, base, controller.port, db)

        async def scenario() -> None:
            service = Service(config, clock=clock)
            try:
                assert service.digest_tick() == []  # first sight of the digest: nothing due yet
                outcomes = await service.poll_tick(everything=True)
                assert {o.state for o in outcomes} == {"ok"}
                assert sum(o.new for o in outcomes) == 5  # one story is in both feeds: stored once
                clock.now += timedelta(hours=1, minutes=1)  # 07:01 in Brussels
                lines = await asyncio.to_thread(service.digest_tick)
                assert len(lines) == 2 and all("sent" in line for line in lines)
                assert await asyncio.to_thread(service.digest_tick) == []  # never twice
                clock.now += timedelta(hours=5)
                await service.poll_tick(everything=True)
                assert await asyncio.to_thread(service.digest_tick) == []
            finally:
                await service.aclose()

        asyncio.run(scenario())
    assert sorted(inbox.rcpt_tos) == sorted(RECIPIENTS)
    msg, text, html = _parts(inbox.messages[0])
    assert msg["Subject"].startswith("China–NATO–Russia daily brief")
    assert msg["Message-ID"] and msg["List-Id"]
    summit = f"{base}/articles/nato-summit-china-russia.html"
    assert summit in html and summit in text
    assert "restaurant" not in text.lower() and "cup final" not in text.lower()
    assert "Maria Lindqvist" in text  # a quote with its speaker
    # The summit story (the block that ends with its link) says why it matched.
    story = " ".join(re.split(r"\n\s*\n", text[: text.index(summit)])[-1].split())
    assert story.startswith("2. NATO allies warn China")
    assert "Why: China, NATO and Russia together in the headline" in story


def test_a_failing_and_a_malformed_feed_do_not_stop_the_others(tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 11, 28, 5, 0, tzinfo=UTC))
    routes = {
        "/broken": Route(500, b"oops"),
        "/garbage": Route(200, b"\x00\x01 this is not a feed <<<", {"Content-Type": "text/html"}),
    }
    with serve_site() as base, serve(routes) as bad:
        feeds = [
            {"url": bad.url("/broken")},
            {"url": bad.url("/garbage")},
            {"url": f"{base}/wire.xml"},
        ]
        config = load_config(write_config(tmp_path, feeds=feeds, digests=[DIGEST]))

        async def scenario() -> list:  # type: ignore[type-arg]
            service = Service(config, clock=clock)
            try:
                return await service.poll_tick(everything=True)
            finally:
                await service.aclose()

        outcomes = {o.url: o for o in asyncio.run(scenario())}
        assert outcomes[f"{base}/wire.xml"].state == "ok" and outcomes[f"{base}/wire.xml"].new == 2
        broken, garbage = outcomes[bad.url("/broken")], outcomes[bad.url("/garbage")]
        assert (
            broken.state == "error"
            and "500" in (broken.error or "")
            and bad.url("/broken") in broken.error
        )
        assert garbage.state == "error" and garbage.error
        from monitor.service import open_database

        rows = {f.url: f for f in feed_store.all_feeds(open_database(config))}
        assert rows[bad.url("/broken")].error_count == 1
        assert rows[bad.url("/broken")].next_poll_at > clock.now  # retried later, never given up
        assert rows[f"{base}/wire.xml"].error_count == 0


def test_unreachable_smtp_keeps_the_digest_for_a_retry(tmp_path: Path) -> None:
    from tests.support.smtp import free_port

    clock = Clock(datetime(2026, 11, 28, 5, 0, tzinfo=UTC))
    port = free_port()  # nothing listens here yet
    with serve_site() as base:
        config = _config(tmp_path, base, port)

        async def scenario() -> tuple[list[str], list[str]]:
            service = Service(config, clock=clock)
            try:
                service.digest_tick()
                await service.poll_tick(everything=True)
                clock.now += timedelta(hours=1, minutes=1)
                failed = await asyncio.to_thread(service.digest_tick)
                with smtp_server() as (inbox, controller):
                    service.config.settings.smtp.__dict__["port"] = (
                        controller.port
                    )  # server came up
                    clock.now += timedelta(minutes=2)
                    sent = await asyncio.to_thread(service.digest_tick)
                    assert len(inbox.messages) == 2
                return failed, sent
            finally:
                await service.aclose()

        failed, sent = asyncio.run(scenario())
    assert len(failed) == 2 and all("failed, retry at" in line for line in failed)
    assert f"127.0.0.1:{port}" in failed[0]
    assert len(sent) == 2 and all("sent" in line for line in sent)


def test_outbox_when_no_smtp_is_configured(tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 11, 28, 5, 0, tzinfo=UTC))
    with serve_site() as base:
        config = _config(tmp_path, base, None)

        async def scenario() -> None:
            service = Service(config, clock=clock)
            try:
                service.digest_tick()
                await service.poll_tick(everything=True)
                clock.now += timedelta(hours=2)
                await asyncio.to_thread(service.digest_tick)
            finally:
                await service.aclose()

        asyncio.run(scenario())
    emls = sorted(config.outbox_dir.glob("*.eml"))
    htmls = sorted(config.outbox_dir.glob("*.html"))
    assert len(emls) == 2 and len(htmls) == 2
    _msg, text, _html = _parts(emls[0].read_bytes())
    assert "nato-summit-china-russia" in text
