"""`monitor digest` and `monitor export` from the command line, over a database a poll filled."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from monitor.cli import main
from monitor.config import load_config
from monitor.demo import serve_site
from monitor.service import Service
from tests.support.config import write_config
from tests.support.smtp import Recorder, smtp_server

RECIPIENTS = ["desk@example.org", "chief@example.org"]
DIGEST = {
    "id": "daily",
    "title": "China–NATO–Russia daily brief",
    "topics": ["china-nato-russia", "china-russia", "nato-russia", "nato-china"],
    "time": "07:00",
    "timezone": "Europe/Brussels",
    "recipients": RECIPIENTS,
}
TOPIC = "china-nato-russia"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def polled(tmp_path: Path) -> Iterator[tuple[Path, str, Recorder]]:
    """Poll the demo site at 2026-11-20 05:00 UTC; yield the config path, site and SMTP inbox."""
    with serve_site() as base, smtp_server() as (inbox, controller):
        feeds = [
            {"url": f"{base}/wire.xml", "name": "Demo Wire"},
            {"url": f"{base}/times.atom", "name": "Demo Times"},
        ]
        smtp = {"host": "127.0.0.1", "port": controller.port, "security": "none"}
        path = write_config(tmp_path, feeds=feeds, digests=[DIGEST], settings={"smtp": smtp})
        at = datetime(2026, 11, 20, 5, 0, tzinfo=UTC)

        async def seed() -> None:
            service = Service(load_config(path), clock=lambda: at)
            try:
                await service.poll_tick(everything=True)
            finally:
                await service.aclose()

        asyncio.run(seed())
        yield path, base, inbox


def run(path: Path, *args: str) -> int:
    """Run `monitor --config PATH ARGS...` in-process."""
    return main(["--config", str(path), *args])


def test_preview_writes_html_with_the_story_links(
    polled: tuple[Path, str, Recorder], tmp_path: Path
) -> None:
    path, base, inbox = polled
    out = tmp_path / "preview" / "out.html"
    assert run(path, "digest", "--date", "2026-11-20", "--preview", str(out)) == 0
    html = out.read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html")
    assert f'href="{base}/articles/nato-summit-china-russia.html"' in html
    assert "restaurant" not in html.lower()
    assert "cid:" not in html  # images inlined as data: URIs for a browser
    assert inbox.messages == []  # a preview never mails


def test_digest_prints_the_text_part(
    polled: tuple[Path, str, Recorder], capsys: pytest.CaptureFixture[str]
) -> None:
    path, base, _inbox = polled
    assert run(path, "digest", "--date", "2026-11-20") == 0
    out = capsys.readouterr().out
    assert out.startswith("China–NATO–Russia daily brief")
    assert f"{base}/articles/nato-summit-china-russia.html" in out


def test_send_twice_sends_once(
    polled: tuple[Path, str, Recorder], capsys: pytest.CaptureFixture[str]
) -> None:
    path, base, inbox = polled
    assert run(path, "digest", "--date", "2026-11-20", "--send") == 0
    first = capsys.readouterr().out
    assert run(path, "digest", "--date", "2026-11-20", "--send") == 0
    second = capsys.readouterr().out
    assert first.count(": sent") == 2 and second.strip() == ""
    assert sorted(inbox.rcpt_tos) == sorted(RECIPIENTS) and len(inbox.messages) == 2
    assert all(
        f"{base}/articles/nato-summit-china-russia.html".encode() in raw for raw in inbox.messages
    )


def _export(path: Path, capsys: pytest.CaptureFixture[str], fmt: str, since: str) -> str:
    assert run(path, "export", "--format", fmt, "--topic", TOPIC, "--since", since) == 0
    return capsys.readouterr().out


def test_export_in_every_format(
    polled: tuple[Path, str, Recorder], capsys: pytest.CaptureFixture[str]
) -> None:
    path, base, _inbox = polled
    summit = f"{base}/articles/nato-summit-china-russia.html"
    rows = list(csv.DictReader(io.StringIO(_export(path, capsys, "csv", "2026-11-01"))))
    assert summit in {r["url"] for r in rows} and {r["topic_id"] for r in rows} == {TOPIC}
    items = json.loads(_export(path, capsys, "json", "2026-11-01"))
    assert {i["url"] for i in items} == {r["url"] for r in rows}
    assert all(i["why"] and i["topic_id"] == TOPIC for i in items)
    feed = ET.fromstring(_export(path, capsys, "atom", "2026-11-01"))
    links = {e.find(f"{ATOM}link").get("href") for e in feed.iter(f"{ATOM}entry")}  # type: ignore[union-attr]
    assert links == {r["url"] for r in rows}
    assert json.loads(_export(path, capsys, "json", "2026-11-21")) == []  # matched before that


def test_unknown_digest_is_an_error(
    polled: tuple[Path, str, Recorder], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _base, _inbox = polled
    assert run(path, "digest", "--digest", "nope") == 1
    assert "unknown digest nope; digests: daily" in capsys.readouterr().err
