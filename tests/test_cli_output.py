"""What the commands print: summaries, 80-column lines, plain errors, lazy imports, pipes."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from monitor.cli import main
from monitor.cliparser import build_parser
from monitor.demo import SITE
from monitor.logs import KeyValueFormatter
from tests.support.config import REPO, write_config
from tests.support.httpserver import Route, serve

RSS = (SITE / "wire.xml").read_bytes()
EMPTY_RSS = b"<?xml version='1.0'?><rss version='2.0'><channel><title>t</title></channel></rss>"
BROKEN = "/broken-" + "z" * 120 + ".xml"  # its URL makes the error long


def _routes(count: int) -> dict[str, Route]:
    """`count` quiet feeds, one with news, one failing with a long error page."""
    rss = {"Content-Type": "application/rss+xml"}
    routes = {f"/quiet{i}.xml": Route(body=EMPTY_RSS, headers=rss) for i in range(count)}
    routes["/news.xml"] = Route(body=RSS, headers=rss)
    routes[BROKEN] = Route(500, body=b"server error")
    return routes


def _feeds(url: Callable[[str], str], count: int) -> list[dict[str, str]]:
    feeds = [{"url": url(f"/quiet{i}.xml"), "name": f"Quiet {i}"} for i in range(count)]
    feeds.append({"url": url("/news.xml"), "name": "Wire with news"})
    feeds.append({"url": url(BROKEN), "name": "Broken feed " + "y" * 60})
    return feeds


def test_poll_summary_lists_failed_and_news_feeds_once_at_80_columns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with serve(_routes(30)) as srv:
        config = write_config(
            tmp_path, feeds=_feeds(srv.url, 30), settings={"polling": {"fetch_pages": False}}
        )
        assert main(["poll", "--once", "--all", "--config", str(config)]) == 0
        captured = capsys.readouterr()
        lines = captured.out.splitlines()
        assert lines[0].startswith("32 feeds polled in ") and lines[0].endswith(": 31 ok, 1 error")
        rows = [line for line in lines if line.startswith(("Quiet", "Wire", "Broken"))]
        assert [r.split()[0] for r in rows] == ["Wire", "Broken"]  # only news and failures
        assert "(30 unchanged feeds not listed; --full lists them)" in lines
        assert all(len(line) <= 80 for line in lines)
        assert srv.url(BROKEN) not in captured.out  # names, not URLs
        # The failure is told once: in the summary, not also as a log line.
        assert "HTTP 500" in captured.out and "HTTP 500" not in captured.err
        assert main(["poll", "--once", "--all", "--full", "--config", str(config)]) == 0
        full = capsys.readouterr().out
        assert sum(line.startswith("Quiet ") for line in full.splitlines()) == 30
        wide_args = ["poll", "--once", "--all", "--wide", "--verbose", "--config", str(config)]
        assert main(wide_args) == 0
        wide = capsys.readouterr().out
        assert f"fetch: {srv.url(BROKEN)}: HTTP 500" in wide and "retry later" in wide
        assert "retry later" not in captured.out  # cut to 80 columns by default


def test_poll_exits_1_when_every_feed_failed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with serve({}) as srv:  # every path answers 404
        feeds = [{"url": srv.url("/a.xml")}, {"url": srv.url("/b.xml")}]
        config = write_config(tmp_path, feeds=feeds)
        assert main(["poll", "--once", "--all", "--config", str(config)]) == 1
    assert "feeds failing: 2" in capsys.readouterr().out


def test_feeds_shows_names_in_80_columns_and_urls_and_errors_on_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with serve(_routes(2)) as srv:
        feeds = _feeds(srv.url, 2)
        config = write_config(
            tmp_path,
            feeds=feeds,
            settings={"polling": {"fetch_pages": False}, "timezone": "Europe/Brussels"},
        )
        assert main(["poll", "--once", "--all", "--config", str(config)]) == 0
    capsys.readouterr()
    assert main(["feeds", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert len(lines) == 1 + len(feeds) + 1 and all(len(line) <= 80 for line in lines)
    assert lines[1].startswith("Quiet 0 ") and "Broken feed" in lines[4]
    assert srv.url(BROKEN) not in out and lines[-1] == "(4 feeds; times in Europe/Brussels)"
    assert main(["feeds", "--wide", "--verbose", "--config", str(config)]) == 0
    wide = capsys.readouterr().out
    assert f"fetch: {srv.url(BROKEN)}: HTTP 500" in wide and "retry later" in wide
    assert "retry later" not in out


def test_read_only_commands_on_a_new_database_say_how_to_create_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path)
    assert main(["feeds", "--config", str(config)]) == 1
    err = capsys.readouterr().err
    assert "the database has no tables yet" in err and "monitor db upgrade" in err


def test_digest_send_before_the_period_is_due_says_when(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path)
    assert main(["digest", "--date", "2099-01-05", "--send", "--config", str(config)]) == 1
    err = capsys.readouterr().err
    assert "daily-brief 2099-01-05 is not due yet: it is due at 2099-01-05 07:00" in err
    assert "nothing sent" in err and not (tmp_path / "outbox").exists()


def test_unknown_names_list_the_valid_ones_without_stray_quotes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path)
    assert main(["backtest", "--topic", "nope", "--config", str(config)]) == 1
    err = capsys.readouterr().err.strip()
    assert err == (
        "error: backtest: unknown topic nope; "
        "topics: china-nato-russia, china-russia, nato-russia, nato-china"
    )
    assert main(["digest", "--digest", "nope", "--config", str(config)]) == 1
    assert capsys.readouterr().err.strip() == (
        "error: digest: unknown digest nope; digests: daily-brief"
    )


def test_every_option_says_its_default_or_that_it_is_required() -> None:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    for name, command in sub.choices.items():  # type: ignore[union-attr]
        for action in command._actions:
            if not action.option_strings or action.dest in ("help", "config"):
                continue
            text = action.help or ""
            assert text, f"{name} {action.option_strings[0]} has no help"
            if action.nargs != 0:  # takes a value: say the default (or that it is required)
                assert "default" in text or "required" in text, (name, action.option_strings)


def test_log_times_carry_their_offset_in_the_configured_timezone() -> None:
    record = logging.makeLogRecord({"msg": "hello", "levelname": "INFO", "name": "t"})
    record.created = 1_780_000_000.0  # 2026-05-28 20:26:40 UTC, summer time in Brussels
    line = KeyValueFormatter("Europe/Brussels").format(record)
    assert line.startswith("2026-05-28T22:26:40+02:00 INFO t: hello")
    assert KeyValueFormatter().format(record).startswith("2026-05-28T20:26:40+00:00 ")


def _run_and_list_modules(*args: str) -> tuple[int, set[str], str]:
    """Run a command in a fresh interpreter; return its exit code and the modules it loaded."""
    script = (
        "import json, sys, io, contextlib\n"
        "from monitor.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        f"    rc = main({list(args)!r})\n"
        "print(json.dumps([rc, sorted(sys.modules)]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, timeout=120
    )
    rc, modules = json.loads(done.stdout.splitlines()[-1])
    return rc, set(modules), done.stderr


HEAVY = {"trafilatura", "httpx", "concurrent.futures.process", "feedparser", "alembic", "rich"}


def test_commands_that_only_read_load_neither_fetcher_nor_extractor_nor_pool(
    tmp_path: Path,
) -> None:
    config = str(write_config(tmp_path, settings={"polling": {"extract_workers": 2}}))
    assert main(["db", "upgrade", "--config", config]) == 0
    text = tmp_path / "story.txt"
    text.write_text("China warns NATO\nRussia and China met.\n", "utf-8")
    commands = [
        ["check-config"],
        ["feeds"],
        ["backtest", "--topic", "china-russia"],
        ["export", "--topic", "china-russia"],
        ["explain", str(text)],
    ]
    for command in commands:
        rc, modules, err = _run_and_list_modules(*command, "--config", config)
        assert rc == 0, (command, err)
        assert not HEAVY & modules, (command, sorted(HEAVY & modules))
    _rc, modules, _err = _run_and_list_modules("check-config", "--config", config)
    assert "sqlalchemy" not in modules  # validating the files needs no database at all
    # `feeds` reads with SQLAlchemy Core (store.core): SQLModel and the ORM cost its time budget.
    _rc, modules, _err = _run_and_list_modules("feeds", "--config", config)
    assert not {"sqlmodel", "sqlalchemy.orm", "monitor.store.tables"} & modules
    # A poll with nothing to analyse starts no worker pool and never loads the extractor.
    rc, modules, err = _run_and_list_modules("poll", "--once", "--config", config)
    assert rc == 0, err
    assert not {"trafilatura", "concurrent.futures.process", "alembic"} & modules


def test_output_into_a_closed_pipe_ends_without_a_traceback(tmp_path: Path) -> None:
    config = str(write_config(tmp_path))
    process = subprocess.Popen(
        [sys.executable, "-m", "monitor.cli", "check-config", "--config", config],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader is gone before the first line (as `| head -0`)
    err = process.stderr.read().decode()
    assert process.wait(timeout=120) == 141
    assert "Traceback" not in err and "BrokenPipeError" not in err


def test_start_up_plan_names_each_digests_next_send_in_its_timezone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import UTC, datetime

    from monitor.commands import startup_plan
    from monitor.config import load_config

    monkeypatch.setenv("MONITOR_DATABASE_URL", "postgresql+psycopg://mon:dbsecret@db/monitor")
    digests = [
        {
            "id": "daily",
            "title": "D",
            "topics": ["china-russia"],
            "time": "07:00",
            "timezone": "Europe/Brussels",
            "recipients": ["a@example.org"],
        },
        {
            "id": "weekly",
            "title": "W",
            "topics": ["nato-russia"],
            "schedule": "weekly",
            "weekday": "fri",
            "time": "18:30",
            "timezone": "America/New_York",
            "recipients": ["a@example.org", "B <b@example.org>"],
        },
    ]
    config = load_config(write_config(tmp_path, digests=digests))
    # Sunday 2026-03-08 12:00 UTC: New York switched to summer time that morning.
    plan = startup_plan(config, datetime(2026, 3, 8, 12, 0, tzinfo=UTC))
    (_, overview), (_, daily), (_, weekly) = plan
    assert overview["database"] == "postgresql+psycopg://mon:***@db/monitor"
    assert overview["delivery"].startswith("outbox ") and overview["feeds"] == 0
    assert daily["next_send"] == "2026-03-09T07:00+01:00 Europe/Brussels"
    assert weekly["next_send"] == "2026-03-13T18:30-04:00 America/New_York"
    assert weekly["recipients"] == 2


def test_log_lines_follow_sys_stderr_so_a_progress_bar_can_keep_them_above_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import io

    from monitor.logs import setup_logging

    setup_logging("INFO")
    # rich's Progress swaps sys.stderr for a proxy that prints above the bar; a handler bound
    # to the original stream at start-up would write over the bar instead.
    swapped = io.StringIO()
    monkeypatch.setattr(sys, "stderr", swapped)
    logging.getLogger("monitor.test").warning("feed moved", extra={"feed_url": "u"})
    assert "WARNING monitor.test: feed moved feed_url=u" in swapped.getvalue()
