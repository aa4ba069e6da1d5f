"""Crash safety: `monitor run` is SIGKILLed at many points; a restart loses or doubles nothing.

Each case runs the real service as a subprocess in its own session against the bundled sample
site and a real SMTP server, with a simulated clock (MONITOR_TEST_CLOCK) so the digest falls due
within seconds. MONITOR_CRASH_AT makes the process group SIGKILL itself at a named point (see
monitor/faults.py); "smtp-data" is done by the SMTP server, which kills the service while the
message's DATA is being received. After each kill the SQLite file passes integrity_check; after a
restart every article is stored once with its matches, and each recipient has the digest once
(or, when the kill came after the server accepted it, at most twice with the same Message-ID).
"""

from __future__ import annotations

import email
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from email.policy import default
from pathlib import Path
from typing import Any

import pytest

from monitor.demo import serve_site
from monitor.faults import POINTS, crash_point
from tests.support.config import write_config
from tests.support.smtp import Recorder, start

pytestmark = pytest.mark.slow
RECIPIENTS = ["desk@example.org", "chief@example.org"]
ARTICLES = 5  # distinct stories on the sample site
# 06:58:50 in Brussels: the 07:00 digest is 70 simulated seconds (7 real ones) away. The first
# run must see the digest before it falls due, or the digest counts as added after that period
# and waits for tomorrow's; with 2 s of headroom a loaded machine's slow start lost that race.
SIM_START = "2026-11-28T05:58:50+00:00"
RATE = 10.0  # simulated seconds per real second


class KillingRecorder(Recorder):
    """An SMTP server that kills the service while it sends DATA, once."""

    def __init__(self) -> None:
        super().__init__()
        self.victim: int | None = None

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.victim is not None:
            os.killpg(self.victim, signal.SIGKILL)
            self.victim = None
            return "451 4.3.0 interrupted"
        return await super().handle_DATA(server, session, envelope)


def _config(tmp_path: Path, base: str, smtp_port: int) -> Path:
    digest = {
        "id": "daily",
        "title": "Crash test digest",
        "topics": ["china-nato-russia"],
        "time": "07:00",
        "timezone": "Europe/Brussels",
        "recipients": RECIPIENTS,
    }
    feeds = [{"url": f"{base}/wire.xml"}, {"url": f"{base}/times.atom"}]
    return write_config(
        tmp_path,
        feeds=feeds,
        digests=[digest],
        settings={
            "smtp": {"host": "127.0.0.1", "port": smtp_port, "security": "none", "timeout": 5},
            "polling": {"tick": 0.5, "lease": 30, "extract_workers": 1},
            "outbox": {"retry_base": 5},
        },
    )


@contextmanager
def _service(config: Path, env: dict[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "monitor.cli", "--config", str(config), "run"],
        env={**os.environ, **env},
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)


def _db(config: Path) -> sqlite3.Connection:
    return sqlite3.connect(config.parent / "monitor.db", timeout=30)


def _settled(config: Path, inbox: Recorder) -> bool:
    if not (config.parent / "monitor.db").exists():
        return False
    with _db(config) as conn:
        try:
            done = conn.execute("select count(*) from article where status = 'done'").fetchone()[0]
            sent = conn.execute("select count(*) from delivery where status = 'sent'").fetchone()[0]
        except sqlite3.OperationalError:
            return False  # not migrated yet
    return done == ARTICLES and sent == len(RECIPIENTS)


def _wait(predicate: Any, timeout: float = 90.0) -> bool:
    deadline = time.monotonic() + timeout  # a safety net, not a performance assertion
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.parametrize("point", [*POINTS, "smtp-data"])
def test_killed_anywhere_loses_nothing_and_sends_once(tmp_path: Path, point: str) -> None:
    clock = {"MONITOR_TEST_CLOCK": f"{SIM_START}@{time.time()}@{RATE}"}
    inbox = KillingRecorder()
    controller = start(inbox)
    try:
        with serve_site() as base:
            config = _config(tmp_path, base, controller.port)
            crash_env = {} if point == "smtp-data" else {"MONITOR_CRASH_AT": point}
            with _service(config, {**clock, **crash_env}) as first:
                inbox.victim = first.pid if point == "smtp-data" else None
                assert first.wait(timeout=90) == -signal.SIGKILL, first.stderr.read().decode()[
                    -2000:
                ]  # type: ignore[union-attr]
            with _db(config) as conn:
                assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
            with _service(config, clock) as second:
                settled = _wait(lambda: _settled(config, inbox))
                second.send_signal(signal.SIGTERM)
                assert second.wait(timeout=30) == 0
                assert settled, second.stderr.read().decode()[-3000:]  # type: ignore[union-attr]
    finally:
        controller.stop()
    _check_store(config)
    _check_inbox(inbox, allow_duplicate=point in ("sent", "smtp-data"))


def _check_store(config: Path) -> None:
    with _db(config) as conn:
        assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
        urls = [r[0] for r in conn.execute("select url from article")]
        assert len(urls) == len(set(urls)) == ARTICLES
        per_topic = conn.execute(
            "select count(*), count(distinct article_id) from topic_match "
            "where topic_id = 'china-nato-russia'"
        ).fetchone()
        assert per_topic[0] == per_topic[1] >= 2  # the two core stories, once each
        quotes = conn.execute(
            "select count(*), count(distinct article_id || '/' || seq) from quote"
        ).fetchone()
        assert quotes[0] == quotes[1] > 0


def _check_inbox(inbox: Recorder, *, allow_duplicate: bool) -> None:
    messages = [email.message_from_bytes(raw, policy=default) for raw in inbox.messages]
    per_recipient = Counter(str(m["To"]) for m in messages)
    assert set(per_recipient) == set(RECIPIENTS)
    for recipient in RECIPIENTS:
        ids = {m["Message-ID"] for m in messages if str(m["To"]) == recipient}
        assert len(ids) == 1  # a resend, if any, is recognisably the same message
        assert per_recipient[recipient] <= (2 if allow_duplicate else 1)


def test_clock_spec_puts_every_process_on_one_simulated_timeline() -> None:
    real_start = time.time() - 10
    spec = f"{SIM_START}@{real_start}@{RATE}"
    code = (
        "import time; from monitor.clock import service_clock; clock = service_clock(); "
        "before = time.time(); now = clock(); print(before, now.isoformat(), time.time())"
    )
    readings = []
    for _ in range(2):  # two processes, one after the other, as a killed and restarted service
        out = subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "MONITOR_TEST_CLOCK": spec},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        readings.append((float(out[0]), datetime.fromisoformat(out[1]), float(out[2])))
    start_at = datetime.fromisoformat(SIM_START)
    for before, now, after in readings:
        assert now.utcoffset() == timedelta(0)
        # Each process reads the timeline the spec defines, bounded by its own real readings.
        low = start_at + timedelta(seconds=(before - real_start) * RATE)
        high = start_at + timedelta(seconds=(after - real_start) * RATE)
        assert low <= now <= high
    assert readings[0][1] < readings[1][1]  # the second process continues where the first was


def test_a_misspelt_crash_point_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MONITOR_CRASH_AT", "stroe")
    with pytest.raises(ValueError, match="no crash point 'stroe'"):
        crash_point("store")
