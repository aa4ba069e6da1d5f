"""Digest delivery through the real Service: aiosmtpd, SQLite/PostgreSQL files, a hand clock."""

from __future__ import annotations

import asyncio
import email
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.policy import default
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
from sqlalchemy import select

from monitor.config import Config, load_config
from monitor.delivery import catch_up_start, retry_delay
from monitor.periods import Period
from monitor.service import Service
from monitor.store import deliveries as delivery_store
from monitor.store.db import session_scope
from monitor.store.tables import Delivery
from tests.support.config import write_config
from tests.support.httpserver import Request, Route, Server, serve
from tests.support.smtp import Recorder, start

TOPICS = ["china-nato-russia", "china-russia", "nato-russia", "nato-china"]
LINK = re.compile(r"http://127\.0\.0\.1:\d+/story/\d+")
REPLIES = {"451": "451 4.3.0 Mailbox temporarily unavailable", "550": "550 5.1.1 No such user"}


class Clock:
    """A clock the test moves by hand; the service reads it for every decision."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def utc(text: str) -> datetime:
    """Parse '2026-11-28 06:00' as a UTC instant."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


class Wire:
    """A hand-written RSS feed whose stories the test adds and edits while the service runs."""

    def __init__(self) -> None:
        self.base = ""
        self.items: dict[int, tuple[str, str, datetime]] = {}

    def add(self, number: int, when: datetime) -> str:
        """Publish story `number`; return its link."""
        text = (
            f"NATO foreign ministers warned China on day {number} that its support for "
            "Russia's war economy would have consequences. Russia dismissed the NATO warning, "
            "and China said NATO should stay out of Asia. China and Russia keep trading. "
        )
        # Words of its own keep each story out of the others' cluster (SimHash, title overlap).
        text += " ".join(f"k{number}w{i}" for i in range(30)) + "."
        own = " ".join(f"k{number}t{i}" for i in range(4))
        self.items[number] = (
            f"Report {number}: NATO presses China over Russia ties {own}",
            text,
            when,
        )
        return self.link(number)

    def edit(self, number: int, *, text: str | None = None, when: datetime | None = None) -> None:
        """Change a story's text (a real edit) or only its date (same content)."""
        title, old, published = self.items[number]
        self.items[number] = (title, old + (text or ""), when or published)

    def link(self, number: int) -> str:
        """Return the story's URL."""
        return f"{self.base}/story/{number}"

    def route(self, _request: Request) -> Route:
        """Serve the current feed."""
        items = "".join(
            f"<item><title>{escape(title)}</title><link>{self.link(n)}</link>"
            f"<guid>{self.link(n)}</guid><pubDate>{format_datetime(when)}</pubDate>"
            f"<description>{escape(text)}</description></item>"
            for n, (title, text, when) in self.items.items()
        )
        body = (
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
            f"{items}</channel></rss>"
        )
        return Route(200, body.encode(), {"Content-Type": "application/rss+xml"})


class Scripted(Recorder):
    """Accept mail, except as scripted: per-recipient RCPT replies, then stall/drop at DATA."""

    def __init__(self) -> None:
        super().__init__("ok")
        self.rcpt_plan: dict[str, list[str]] = {}
        self.data_plan: list[str] = []
        self.rcpt_seen: Counter[str] = Counter()

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        self.rcpt_seen[address] += 1
        plan = self.rcpt_plan.get(address)
        if plan:
            return REPLIES[plan.pop(0)]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        action = self.data_plan.pop(0) if self.data_plan else "ok"
        if action == "stall":
            await asyncio.sleep(30)  # the client gives up after smtp.timeout; stop() cancels this
            return "451 too late"
        if action == "drop":
            server.transport.close()
            return "250 never seen"
        self.messages.append(envelope.original_content or envelope.content)
        self.rcpt_tos.extend(envelope.rcpt_tos)
        return "250 Message accepted"


@dataclass(frozen=True)
class Mail:
    """One received digest, parsed."""

    recipient: str
    digest: str
    period: str
    subject: str
    text: str
    html: str
    full_list: str = ""  # the attached HTML full list, when the caps left stories out

    @property
    def links(self) -> set[str]:
        """Return the story links in the text part and in the attached full list."""
        return set(LINK.findall(self.text)) | set(LINK.findall(self.full_list))


def parse(raw: bytes) -> Mail:
    """Parse a received message; the period is the middle of the stable Message-ID."""
    msg = email.message_from_bytes(raw, policy=default)
    assert isinstance(msg, EmailMessage)
    text = msg.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    html = msg.get_body(("html",)).get_content()  # type: ignore[union-attr]
    digest = str(msg["List-Id"]).strip("<>").split(".")[0]
    period = str(msg["Message-ID"]).strip("<>").split(".")[1]
    attached = [
        p.get_content() for p in msg.iter_attachments() if p.get_content_type() == "text/html"
    ]
    full = "".join(str(a) for a in attached)
    return Mail(str(msg["To"]), digest, period, str(msg["Subject"]), text, html, full)


@contextmanager
def world(
    tmp_path: Path,
    digests: list[dict[str, Any]],
    db: str | None = None,
    server_options: dict[str, Any] | None = None,
    **settings: Any,
) -> Iterator[tuple[Config, Wire, Scripted]]:
    """Run a feed server and an SMTP server; yield a config pointing at both.

    `server_options` go to aiosmtpd (enable_SMTPUTF8=True, ...); `smtp={"host": None}` leaves
    the monitor without SMTP, so digests go to the outbox.
    """
    wire, handler = Wire(), Scripted()
    controller = start(handler, **(server_options or {}))
    try:
        with serve({"/wire.xml": wire.route}) as server:
            wire.base = server.base_url
            smtp = {
                "host": "127.0.0.1",
                "port": controller.port,
                "security": "none",
                **settings.pop("smtp", {}),
            }
            merged = {
                "smtp": smtp,
                "polling": {"fetch_pages": False},
                "outbox": {"retry_base": 60, "max_attempts": 3},
                **settings,
            }
            path = write_config(
                tmp_path,
                feeds=[{"url": _feed(server), "name": "Wire"}],
                digests=digests,
                database_url=db,
                settings=merged,
            )
            yield load_config(path), wire, handler
    finally:
        controller.stop()


def _feed(server: Server) -> str:
    return server.url("/wire.xml")


def digest(ident: str, recipients: list[str], **extra: Any) -> dict[str, Any]:
    """Return a daily 07:00 Brussels digest over the shipped topics, with overrides."""
    return {
        "id": ident,
        "title": f"Brief {ident}",
        "topics": TOPICS,
        "time": "07:00",
        "timezone": "Europe/Brussels",
        "recipients": recipients,
        **extra,
    }


async def poll(service: Service) -> None:
    """Poll every feed now and insist it worked."""
    outcomes = await service.poll_tick(everything=True)
    assert outcomes and all(o.state != "error" for o in outcomes), outcomes


def rows(config: Config) -> list[Delivery]:
    """Return every delivery row."""
    from monitor.service import open_database

    engine = open_database(config)
    try:
        with session_scope(engine) as session:
            return list(session.scalars(select(Delivery).order_by(Delivery.id)))
    finally:
        engine.dispose()


def test_two_digests_over_two_weeks_send_once_per_period(tmp_path: Path, db_url: str) -> None:
    daily = digest("brief", ["a1@example.org", "a2@example.org"])
    weekly = {
        "id": "weekly",
        "title": "Weekly",
        "topics": ["china-nato-russia"],
        "schedule": "weekly",
        "weekday": "mon",
        "time": "08:00",
        "timezone": "Asia/Singapore",
        "recipients": ["b1@example.org"],
    }
    start_at = utc("2026-10-19 01:00")  # a Monday, 1 h after the weekly one was due
    clock = Clock(start_at)
    sent_at: list[datetime] = []  # the clock when each received message arrived
    added: dict[str, datetime] = {}
    with world(tmp_path, [daily, weekly], db_url) as (config, wire, handler):

        async def scenario() -> None:
            service = Service(config, clock=clock)
            try:
                assert service.digest_tick() == []  # first sight: nothing due before it
                for hour in range(1, 14 * 24 + 1):
                    clock.now = start_at + timedelta(hours=hour)
                    if hour % 8 == 0:
                        added[wire.add(hour, clock.now)] = clock.now
                        await poll(service)
                    before = len(handler.messages)
                    service.digest_tick()
                    sent_at.extend([clock.now] * (len(handler.messages) - before))
            finally:
                await service.aclose()

        asyncio.run(scenario())
        mails = [parse(raw) for raw in handler.messages]
    per_period = Counter((m.digest, m.recipient, m.period) for m in mails)
    days = [(start_at + timedelta(days=n)).date().isoformat() for n in range(14)]
    expected = {("brief", r, d) for r in daily["recipients"] for d in days}
    expected |= {("weekly", "b1@example.org", "2026-W44"), ("weekly", "b1@example.org", "2026-W45")}
    assert set(per_period) == expected and set(per_period.values()) == {1}
    when = {(m.digest, m.recipient, m.period): at for m, at in zip(mails, sent_at, strict=True)}
    # 07:00 in Brussels is 05:00 UTC in summer time and 06:00 UTC after 25 October.
    assert when[("brief", "a1@example.org", "2026-10-24")] == utc("2026-10-24 05:00")
    assert when[("brief", "a1@example.org", "2026-10-25")] == utc("2026-10-25 06:00")
    assert when[("weekly", "b1@example.org", "2026-W44")] == utc("2026-10-26 00:00")
    for recipient in daily["recipients"]:
        mine = [m for m in mails if m.recipient == recipient]
        shown = Counter(link for m in mine for link in m.links)
        last_due = utc("2026-11-01 06:00")
        assert set(shown) == {link for link, at in added.items() if at < last_due}
        assert set(shown.values()) == {1}  # every story once, never again
    weekly_mails = {m.period: m.links for m in mails if m.digest == "weekly"}
    monday, next_monday = utc("2026-10-26 00:00"), utc("2026-11-02 00:00")
    assert weekly_mails["2026-W44"] == {k for k, at in added.items() if at < monday}
    assert weekly_mails["2026-W45"] == {k for k, at in added.items() if monday <= at < next_monday}
    assert not any("Sent late" in m.text for m in mails)
    assert all(r.status == "sent" and r.attempts == 1 and not r.late for r in rows(config))


def test_restart_resumes_a_retry_and_a_send_a_crash_interrupted(
    tmp_path: Path, db_url: str
) -> None:
    clock = Clock(utc("2026-11-28 05:00"))
    recipients = ["a1@example.org", "a2@example.org"]
    with world(tmp_path, [digest("brief", recipients)], db_url) as (config, wire, handler):
        handler.rcpt_plan["a1@example.org"] = ["451"]

        async def first_life() -> list[str]:
            service = Service(config, clock=clock, instance_id="first")
            try:
                service.digest_tick()
                wire.add(1, clock.now)
                await poll(service)
                clock.now = utc("2026-11-28 06:00")
                return service.digest_tick()
            finally:
                await service.aclose()

        async def second_life(at: str) -> list[str]:
            clock.now = utc(at)
            service = Service(config, clock=clock, instance_id="second")
            try:
                return service.digest_tick()
            finally:
                await service.aclose()

        lines = asyncio.run(first_life())
        port = config.settings.smtp.port
        assert sorted(line.split(": ")[1] for line in lines) == [
            "failed, retry at 2026-11-28 06:01 UTC",
            f"sent (127.0.0.1:{port})",
        ]
        assert asyncio.run(second_life("2026-11-28 06:00:30")) == []  # retry not yet due
        assert len(asyncio.run(second_life("2026-11-28 06:01"))) == 1
        # The next day an instance claims the delivery and dies before sending it.
        wire.add(2, utc("2026-11-28 12:00"))
        asyncio.run(_poll_at(config, clock, "2026-11-28 12:00"))
        clock.now = utc("2026-11-29 06:00")
        from monitor.delivery import plan_due
        from monitor.service import open_database

        engine = open_database(config)
        plan_due(engine, config, clock.now)
        assert len(delivery_store.claim_deliveries(engine, "dead", clock.now, lease=600)) == 2
        engine.dispose()
        assert asyncio.run(second_life("2026-11-29 06:05")) == []  # its lease still holds
        assert len(asyncio.run(second_life("2026-11-29 06:11"))) == 2
        assert asyncio.run(second_life("2026-11-29 07:00")) == []
        mails = [parse(raw) for raw in handler.messages]
    assert Counter((m.recipient, m.period) for m in mails) == {
        (r, p): 1 for r in recipients for p in ("2026-11-28", "2026-11-29")
    }
    first_day = [m for m in mails if m.period == "2026-11-28"]
    # The recipient served on the retry gets the same stories as the one served at once.
    assert first_day[0].links == first_day[1].links == {wire.link(1)}
    assert {m.period: m.links for m in mails if m.recipient == "a1@example.org"}["2026-11-29"] == {
        wire.link(2)
    }
    a1 = next(
        r for r in rows(config) if r.recipient == "a1@example.org" and r.period == "2026-11-28"
    )
    assert (a1.status, a1.attempts, a1.last_error) == ("sent", 2, None)


async def _poll_at(config: Config, clock: Clock, at: str) -> None:
    clock.now = utc(at)
    service = Service(config, clock=clock, instance_id="poller")
    try:
        await poll(service)
    finally:
        await service.aclose()


def test_periods_missed_while_down_are_sent_late_on_return(tmp_path: Path) -> None:
    clock = Clock(utc("2026-11-27 05:00"))
    with world(tmp_path, [digest("brief", ["a1@example.org"])]) as (config, wire, handler):

        async def life(start: str, story: int | None, until: str) -> list[str]:
            clock.now = utc(start)
            service = Service(config, clock=clock)
            try:
                lines = service.digest_tick()
                if story is not None:
                    wire.add(story, clock.now)
                    await poll(service)
                clock.now = utc(until)
                return lines + service.digest_tick()
            finally:
                await service.aclose()

        assert asyncio.run(life("2026-11-27 05:00", 1, "2026-11-27 06:00"))  # on time
        asyncio.run(life("2026-11-27 12:00", 2, "2026-11-27 13:00"))  # then down over 28 Nov 06:00
        assert len(asyncio.run(life("2026-11-28 10:00", 3, "2026-11-28 11:00"))) == 1
        # Down over two due times: one late digest covering both, not two.
        assert len(asyncio.run(life("2026-11-30 09:00", None, "2026-11-30 10:00"))) == 1
        mails = {m.period: m for m in map(parse, handler.messages)}
    assert sorted(mails) == ["2026-11-27", "2026-11-28", "2026-11-30"]
    assert "Sent late" not in mails["2026-11-27"].text
    for period in ("2026-11-28", "2026-11-30"):
        assert "Sent late: the monitor was not running" in mails[period].text
        assert "Sent late" in mails[period].html
    assert mails["2026-11-27"].links == {wire.link(1)}
    assert mails["2026-11-28"].links == {wire.link(2)}
    assert mails["2026-11-30"].links == {wire.link(3)}  # polled on the 28th, after its due time
    late = {r.period: r.late for r in rows(config)}
    assert late == {"2026-11-27": False, "2026-11-28": True, "2026-11-30": True}


def test_451_is_retried_with_backoff_550_never_and_attempts_run_out(tmp_path: Path) -> None:
    clock = Clock(utc("2026-11-28 05:00"))
    people = ["flaky@example.org", "gone@example.org", "busy@example.org", "fine@example.org"]
    with world(tmp_path, [digest("brief", people)]) as (config, wire, handler):
        handler.rcpt_plan.update(
            {
                "flaky@example.org": ["451", "451"],
                "gone@example.org": ["550"],
                "busy@example.org": ["451"] * 9,
            }
        )
        ticks: dict[str, list[str]] = {}

        async def scenario() -> None:
            service = Service(config, clock=clock)
            try:
                service.digest_tick()
                wire.add(1, clock.now)
                await poll(service)
                for at in ("06:00", "06:00:59", "06:01", "06:02:59", "06:03", "07:00", "12:00"):
                    clock.now = utc(f"2026-11-28 {at}")
                    ticks[at] = sorted(service.digest_tick())
            finally:
                await service.aclose()

        asyncio.run(scenario())
        mails = [parse(raw) for raw in handler.messages]
    first = "\n".join(ticks["06:00"])
    assert "flaky@example.org: failed, retry at 2026-11-28 06:01 UTC" in first
    assert "busy@example.org: failed, retry at 2026-11-28 06:01 UTC" in first
    assert "gone@example.org: failed, gave up" in first and "550" in first
    assert ticks["06:00:59"] == [] and ticks["06:02:59"] == []
    assert all("retry at 2026-11-28 06:03 UTC" in line for line in ticks["06:01"])  # doubled
    assert "flaky@example.org: sent" in ticks["06:03"][1]
    assert "busy@example.org: failed, gave up" in ticks["06:03"][0]  # max_attempts: 3
    assert ticks["07:00"] == ticks["12:00"] == []
    assert handler.rcpt_seen == {
        "flaky@example.org": 3,
        "gone@example.org": 1,
        "busy@example.org": 3,
        "fine@example.org": 1,
    }
    assert sorted(m.recipient for m in mails) == ["fine@example.org", "flaky@example.org"]
    assert mails[0].links == mails[1].links == {wire.link(1)}
    status = {r.recipient: (r.status, r.attempts) for r in rows(config)}
    assert status == {
        "flaky@example.org": ("sent", 3),
        "gone@example.org": ("failed", 1),
        "busy@example.org": ("failed", 3),
        "fine@example.org": ("sent", 1),
    }


@pytest.mark.parametrize(("attempts", "delay"), [(1, 60), (2, 120), (3, 240), (10, 6 * 3600)])
def test_retry_delay_doubles_up_to_a_cap(attempts: int, delay: float) -> None:
    assert retry_delay(attempts, 60) == delay


def test_stalled_and_dropped_connections_are_temporary(tmp_path: Path) -> None:
    clock = Clock(utc("2026-11-28 05:00"))
    digests = [digest("brief", ["a1@example.org"])]
    with world(tmp_path, digests, smtp={"timeout": 1.0}) as (config, wire, handler):
        handler.data_plan = ["stall", "drop"]

        async def scenario() -> list[list[str]]:
            service = Service(config, clock=clock)
            try:
                service.digest_tick()
                wire.add(1, clock.now)
                await poll(service)
                out = []
                for at in ("06:00", "06:01", "06:03", "06:10"):
                    clock.now = utc(f"2026-11-28 {at}")
                    out.append(service.digest_tick())
                return out
            finally:
                await service.aclose()

        stalled, dropped, sent, after = asyncio.run(scenario())
        assert len(handler.messages) == 1
    assert "no answer within 1 s" in stalled[0] and "retry at 2026-11-28 06:01" in stalled[0]
    assert "connection dropped" in dropped[0] and "retry at 2026-11-28 06:03" in dropped[0]
    assert "sent" in sent[0] and after == []


def test_a_story_shows_again_only_when_it_changed(tmp_path: Path) -> None:
    clock = Clock(utc("2026-11-27 05:00"))
    with world(tmp_path, [digest("brief", ["a1@example.org"])]) as (config, wire, handler):

        async def scenario() -> None:
            service = Service(config, clock=clock)
            try:
                service.digest_tick()
                for n in (1, 2, 3):
                    wire.add(n, clock.now)
                await poll(service)
                clock.now = utc("2026-11-27 06:00")
                service.digest_tick()
                clock.now = utc("2026-11-27 18:00")
                wire.edit(1, text=" NATO later said Russia had moved ships near China.")
                wire.edit(2, when=clock.now)  # the feed re-dated it; the article is the same
                wire.add(4, clock.now)
                await poll(service)
                clock.now = utc("2026-11-28 06:00")
                service.digest_tick()
            finally:
                await service.aclose()

        asyncio.run(scenario())
        first, second = (parse(raw) for raw in handler.messages)
    assert first.links == {wire.link(n) for n in (1, 2, 3)}
    assert second.links == {wire.link(1), wire.link(4)}  # 2 was re-analysed but is unchanged
    flat = " ".join(second.text.split())  # headlines wrap at 72 columns
    assert "k1t3 [updated]" in flat and "k4t3 [updated]" not in flat
    assert second.html.count(">Updated</span>") == 1


def test_an_empty_period_sends_the_note_or_nothing(tmp_path: Path) -> None:
    clock = Clock(utc("2026-11-28 05:00"))
    digests = [
        digest("noted", ["n@example.org"], empty_note="Quiet day on the desk."),
        digest("quiet", ["q@example.org"], send_empty=False),
    ]
    with world(tmp_path, digests) as (config, _wire, handler):
        service = Service(config, clock=clock)
        try:
            service.digest_tick()
            clock.now = utc("2026-11-28 06:00")
            lines = sorted(service.digest_tick())
            clock.now = utc("2026-11-28 07:00")
            assert service.digest_tick() == []
        finally:
            asyncio.run(service.aclose())
        (mail,) = [parse(raw) for raw in handler.messages]
    assert "sent" in lines[0] and lines[1] == "quiet 2026-11-28 q@example.org: empty, not sent"
    assert mail.recipient == "n@example.org" and "nothing matched" in mail.subject
    assert "Quiet day on the desk." in mail.text and "Quiet day on the desk." in mail.html
    assert mail.links == set()
    quiet = next(r for r in rows(config) if r.digest_id == "quiet")
    assert quiet.status == "sent" and quiet.stories == 0


def test_a_recipient_added_later_starts_with_the_next_period(tmp_path: Path) -> None:
    clock = Clock(utc("2026-11-28 05:00"))
    with world(tmp_path, [digest("brief", ["a1@example.org"])]) as (config, _wire, handler):
        service = Service(config, clock=clock)
        try:
            service.digest_tick()
            clock.now = utc("2026-11-28 06:00")
            service.digest_tick()
            config.watchlist.digests[0].recipients.append("new@example.org")
            clock.now = utc("2026-11-28 09:00")
            assert service.digest_tick() == []  # not today's digest, hours late
            clock.now = utc("2026-11-29 06:00")
            assert len(service.digest_tick()) == 2
        finally:
            asyncio.run(service.aclose())
        got = Counter((m.recipient, m.period) for m in map(parse, handler.messages))
    assert got == {
        ("a1@example.org", "2026-11-28"): 1,
        ("a1@example.org", "2026-11-29"): 1,
        ("new@example.org", "2026-11-29"): 1,
    }


@pytest.mark.parametrize(
    ("previous", "start"),
    [
        (None, "2026-11-27 06:00"),  # first period: the normal window
        ("2026-11-27 06:00", "2026-11-27 06:00"),  # nothing missed
        ("2026-11-25 06:00", "2026-11-25 06:00"),  # two missed: back to the last planned one
        ("2026-10-01 06:00", "2026-11-21 06:00"),  # a long outage: at most seven periods back
    ],
)
def test_catch_up_window(previous: str | None, start: str) -> None:
    period = Period("2026-11-28", utc("2026-11-28 06:00"), utc("2026-11-27 06:00"))
    assert catch_up_start(period, utc(previous) if previous else None) == utc(start)


def test_unreadable_password_file_at_send_time_is_a_retried_mail_error(tmp_path: Path) -> None:
    clock = Clock(utc("2026-11-28 05:00"))
    secret = tmp_path / "smtp-password"
    secret.write_text("hunter2\n", "utf-8")  # read at load; no username, so no AUTH is tried
    digests = [digest("brief", ["desk@example.org"])]
    with world(tmp_path, digests, smtp={"password_file": "smtp-password"}) as (
        config,
        wire,
        handler,
    ):
        ticks: dict[str, list[str]] = {}

        async def scenario() -> None:
            service = Service(config, clock=clock)
            try:
                service.digest_tick()
                wire.add(1, clock.now)
                await poll(service)
                secret.unlink()  # an operator rotating the secret, a volume not mounted yet
                clock.now = utc("2026-11-28 06:00")
                ticks["06:00"] = service.digest_tick()
                secret.write_text("hunter2\n", "utf-8")
                clock.now = utc("2026-11-28 06:01")
                ticks["06:01"] = service.digest_tick()
            finally:
                await service.aclose()

        asyncio.run(scenario())
    (failed,) = ticks["06:00"]
    assert "failed, retry at 2026-11-28 06:01 UTC" in failed, failed
    assert "password_file" in failed and str(secret) in failed and "hunter2" not in failed
    (sent,) = ticks["06:01"]
    assert "desk@example.org: sent" in sent
    assert [m.recipient for m in map(parse, handler.messages)] == ["desk@example.org"]


# A valid address at the 254-character limit: 64 before the @, labels of at most 63.
LONG = "l" * 64 + "@" + ".".join(["a" * 63, "b" * 63, "c" * 57, "org"])
NAMES = ["josé@example.org", LONG, "desk@exämple.org", "plain@example.org"]


def _send_day(config: Config, wire: Wire) -> list[str]:
    clock = Clock(utc("2026-11-28 05:00"))
    lines: list[str] = []

    async def scenario() -> None:
        service = Service(config, clock=clock)
        try:
            service.digest_tick()
            wire.add(1, clock.now)
            await poll(service)
            clock.now = utc("2026-11-28 06:00")
            lines.extend(service.digest_tick())
        finally:
            await service.aclose()

    asyncio.run(scenario())
    return sorted(lines)


def test_every_valid_address_gets_its_digest_in_the_outbox(tmp_path: Path) -> None:
    assert len(LONG) == 254
    with world(tmp_path, [digest("brief", NAMES)], smtp={"host": None}) as (config, wire, _h):
        lines = _send_day(config, wire)
    assert len(lines) == 4 and all(": sent (" in line for line in lines), lines
    emls = sorted(config.outbox_dir.glob("*.eml"))
    assert len(emls) == 4 and len(list(config.outbox_dir.glob("*.html"))) == 4
    for eml in emls:
        assert eml.name.isascii() and len(eml.name) < 200, eml.name
    received = {parse(eml.read_bytes()).recipient for eml in emls}
    assert received == {"josé@example.org", LONG, "desk@xn--exmple-cua.org", "plain@example.org"}
    assert (config.outbox_dir / "brief-2026-11-28-plain@example.org.eml").exists()
    # Two addresses that differ only in a non-ASCII letter never share a file.
    assert len({eml.name for eml in emls}) == 4


def test_smtputf8_is_used_when_offered(tmp_path: Path) -> None:
    options = {"enable_SMTPUTF8": True}
    with world(tmp_path, [digest("brief", NAMES)], server_options=options) as (
        config,
        wire,
        handler,
    ):
        lines = _send_day(config, wire)
    assert all(": sent (" in line for line in lines), lines
    assert sorted(handler.rcpt_tos) == sorted(
        ["josé@example.org", LONG, "desk@xn--exmple-cua.org", "plain@example.org"]
    )
    received = {parse(raw).recipient for raw in handler.messages}
    assert "josé@example.org" in received and LONG in received


def test_a_server_without_smtputf8_gets_what_it_can_and_a_clear_error(tmp_path: Path) -> None:
    options = {"enable_SMTPUTF8": False}
    with world(tmp_path, [digest("brief", NAMES)], server_options=options) as (
        config,
        wire,
        handler,
    ):
        lines = _send_day(config, wire)
    (refused,) = [line for line in lines if "josé" in line]
    assert "failed, gave up" in refused and "SMTPUTF8" in refused, refused
    assert "josé@example.org" in refused and "security" not in refused
    # The others, the punycoded domain included, need no SMTPUTF8.
    assert sorted(handler.rcpt_tos) == sorted(
        [LONG, "desk@xn--exmple-cua.org", "plain@example.org"]
    )
    status = {r.recipient: r.status for r in rows(config)}
    assert status["josé@example.org"] == "failed" and status[LONG] == "sent"
