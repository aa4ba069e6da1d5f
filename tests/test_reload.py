"""Live reload: the running service applies watch-list edits, refuses broken ones, obeys SIGHUP."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import pytest
import yaml

from monitor.cli import main
from monitor.reload import diff
from tests.support.config import write_config
from tests.support.httpserver import Route, serve

pytestmark = pytest.mark.slow
STORY = (
    "China warned NATO on Thursday against provoking confrontation after the alliance accused "
    "Beijing of supporting Russia's war. NATO leaders said China had become an enabler of "
    "Russia's war, and Russia and China answered NATO together. China, NATO and Russia met."
)


def _rss(name: str) -> Route:
    body = (
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>Feed {name}</title>"
        f"<item><title>China warns NATO over Russia ties ({name})</title>"
        f"<link>https://{name}.example/story</link><guid>{name}-1</guid>"
        f"<description>{STORY}</description></item></channel></rss>"
    ).encode()
    return Route(body=body, headers={"Content-Type": "application/rss+xml"})


class Logs:
    """Collect a process's stderr lines in a thread; wait for a line that says something."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.lines: list[str] = []
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream: IO[bytes]) -> None:
        for raw in stream:
            self.lines.append(raw.decode("utf-8", "replace").rstrip("\n"))

    def matching(self, *parts: str) -> list[str]:
        return [line for line in self.lines if all(p in line for p in parts)]

    def wait_for(self, *parts: str, after: int = 0) -> str:
        return _wait(lambda: next(iter(self.matching(*parts)[after:]), None), f"a log with {parts}")


def _wait(check: Callable[[], Any], what: str) -> Any:
    deadline = time.monotonic() + 90  # safety net only; nothing here asserts on time
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"never saw {what}")


def _feeds_table(config: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    """Return {feed name: state} as `monitor feeds` prints them."""
    capsys.readouterr()
    assert main(["feeds", "--config", str(config)]) == 0
    rows = {}
    for line in capsys.readouterr().out.splitlines():
        if line.startswith("Feed "):  # name, then state: the first two of the fixed columns
            name, state = line[:26].strip(), line[27:39].strip()
            rows[name] = state
    return rows


def _matches(db: Path) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "select article_id, topic_id, score from topic_match order by 1, 2"
        ).fetchall()


def _write_watchlist(path: Path, watch: dict[str, Any]) -> None:
    # Written beside and renamed, as editors and config tools do, so no half file is read.
    scratch = path.with_suffix(".tmp")
    scratch.write_text(yaml.safe_dump(watch, allow_unicode=True), "utf-8")
    scratch.replace(path)


def test_the_running_service_applies_refuses_and_reloads_watch_list_edits(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    slow_b = Route(body=_rss("b").body, headers=_rss("b").headers, delay=4.0)
    routes = {"/a.xml": _rss("a"), "/b.xml": slow_b, "/c.xml": _rss("c")}
    with serve(routes) as srv:
        feed = {name: {"url": srv.url(f"/{name}.xml"), "name": f"Feed {name}"} for name in "abc"}
        settings = {"polling": {"fetch_pages": False, "tick": "1h"}}  # only a reload polls early
        config = write_config(tmp_path, feeds=[feed["a"]], settings=settings)
        watchlist = tmp_path / "watchlist.yaml"
        watch = yaml.safe_load(watchlist.read_text("utf-8"))
        command = [sys.executable, "-m", "monitor.cli", "--config", str(config), "run"]
        service = subprocess.Popen(command, stderr=subprocess.PIPE, start_new_session=True)
        assert service.stderr is not None
        logs = Logs(service.stderr)
        try:
            logs.wait_for("matched", "a.example")  # the first tick polled feed a
            stored = _matches(tmp_path / "monitor.db")
            assert stored

            # An added feed: listed as pending until its (slow) first poll, polled at once.
            watch["feeds"] = [feed["a"], feed["b"]]
            _write_watchlist(watchlist, watch)
            logs.wait_for("configuration reloaded", "feeds_added=" + feed["b"]["url"])
            _wait(lambda: srv.hits("/b.xml"), "feed b requested")
            assert _feeds_table(config, capsys)["Feed b"] == "pending"
            logs.wait_for("matched", "b.example")

            # A broken edit: every error logged, the old watch-list kept.
            broken = {**watch, "feeds": [*watch["feeds"], {"url": "ftp://nope"}]}
            broken["topics"] = [{**watch["topics"][0], "treshold": 0.9}, *watch["topics"][1:]]
            _write_watchlist(watchlist, broken)
            logs.wait_for("configuration not reloaded")
            errors = logs.matching("configuration error")
            assert any("treshold" in e for e in errors), errors
            assert any("http(s) URL" in e or "ftp://nope" in e for e in errors), errors
            assert service.poll() is None

            # SIGHUP after a valid edit: a removed, c added, a rule changed.
            hits_a = srv.hits("/a.xml")
            watch["feeds"] = [feed["b"], feed["c"]]
            watch["topics"][0]["threshold"] = 0.99
            _write_watchlist(watchlist, watch)
            service.send_signal(signal.SIGHUP)
            logs.wait_for("trigger=SIGHUP")
            reloaded = logs.wait_for("feeds_removed=" + feed["a"]["url"])
            assert "feeds_added=" + feed["c"]["url"] in reloaded
            assert "topics_changed=" + watch["topics"][0]["id"] in reloaded
            logs.wait_for("matched", "c.example")
            states = _feeds_table(config, capsys)
            assert states["Feed a"] == "removed" and states["Feed c"] == "ok", states
            assert srv.hits("/a.xml") == hits_a  # the removed feed was not polled again
            assert _matches(tmp_path / "monitor.db")[: len(stored)] == stored  # not rewritten

            service.send_signal(signal.SIGTERM)
            assert service.wait(timeout=60) == 0
        finally:
            if service.poll() is None:
                os.killpg(service.pid, signal.SIGKILL)
                service.wait()


def test_settings_the_process_holds_open_wait_for_a_restart(tmp_path: Path) -> None:
    from monitor.config import load_config

    before = load_config(write_config(tmp_path / "one"))
    settings = {
        "polling": {"extract_workers": 3, "default_interval": "5m"},
        "timezone": "Asia/Tokyo",
    }
    after = load_config(write_config(tmp_path / "two", settings=settings))
    changes = diff(before, after)
    assert set(changes.settings_changed) == {"polling.default_interval", "timezone"}
    assert set(changes.needs_restart) == {"polling.extract_workers"}
    assert not changes.feeds and not changes.rules
