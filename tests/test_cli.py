"""The `monitor` commands, run as a user would: explain, poll, feeds, demo, run with SIGTERM."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from monitor.cli import main
from monitor.demo import SITE, serve_site
from tests.support.config import REPO, write_config
from tests.support.httpserver import Route, serve
from tests.support.smtp import free_port

SEED_LIKE = (
    "China warns NATO over Russia ties\n"
    "China warned NATO on Thursday against “provoking confrontation” after the alliance accused "
    "Beijing of supporting Russia’s war on Ukraine. “NATO should stop hyping up the China threat,” "
    "spokesman Lin Jian said.\n\nTrade between China and Russia has surged, and NATO leaders "
    "said China had become an enabler of Russia’s war. "
    "Trade grew under their “no limits” partnership.\n"
)


def test_explain_json_offsets_index_into_the_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "story.txt"
    article.write_text(SEED_LIKE, encoding="utf-8")
    config = write_config(tmp_path / "cfg")
    assert main(["explain", "--json", "--config", str(config), str(article)]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    result = json.loads(line)
    assert result["id"] == str(article) and result["title"] == "China warns NATO over Russia ties"
    assert result["text"] == SEED_LIKE.partition("\n")[2]  # the input text, unchanged
    core = next(t for t in result["topics"] if t["id"] == "china-nato-russia")
    assert core["matched"] and 0 < core["score"] <= 1
    for hit in core["hits"]:
        source = result["title"] if hit["field"] == "title" else result["text"]
        assert source[hit["start"] : hit["end"]].lower().startswith(hit["term"].lower()[:3])
    quote = next(q for q in result["quotes"] if q["text"].startswith("NATO should stop"))
    assert result["text"][quote["start"] : quote["end"]] == quote["text"]
    assert "Lin Jian" in quote["speaker"] and quote["kind"] == "direct"
    partial = next(q for q in result["quotes"] if q["text"] == "provoking confrontation")
    assert partial["kind"] == "partial" and partial["speaker"] == "China"  # China warned against it
    scare = next(q for q in result["quotes"] if q["text"] == "no limits")
    assert scare["kind"] == "scare" and scare["speaker"] is None


def test_explain_reads_html_and_json_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = write_config(tmp_path / "cfg")
    page = (SITE / "articles" / "dumpling-house-review.html").read_text("utf-8")
    lines = [
        json.dumps({"id": "a", "title": "China and Russia", "text": SEED_LIKE}),
        json.dumps({"id": "b", "html": page, "url": "https://x.example/d"}),
    ]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(lines) + "\n"))
    assert main(["explain", "--json", "--config", str(config), "-"]) == 0
    results = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in results] == ["a", "b"]
    assert "Golden Lantern" in results[1]["text"]
    assert not any(t["matched"] for t in results[1]["topics"])  # a Chinese restaurant review


def test_explain_json_lines_gives_every_line_its_answer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = write_config(tmp_path / "cfg")
    review = (SITE / "articles" / "dumpling-house-review.html").read_text("utf-8")
    lines = [
        json.dumps({"id": "empty", "html": "<html><body></body></html>"}),  # no article text
        "{not json",
        json.dumps({"id": "seed", "title": "China and Russia", "text": SEED_LIKE}),
        json.dumps({"id": "nothing"}),
        json.dumps({"id": "review", "html": review, "url": "https://x.example/d"}),
    ]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(lines) + "\n"))
    assert main(["explain", "--json", "--config", str(config), "-"]) == 0  # three of five worked
    results = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in results] == ["empty", "2", "seed", "nothing", "review"]
    failed = {r["id"]: r["error"] for r in results if "error" in r}
    assert set(failed) == {"empty", "2", "nothing"}
    assert all(set(r) == {"id", "error"} for r in results if "error" in r)
    assert "not JSON" in failed["2"] and '"text" or "html"' in failed["nothing"]
    assert failed["empty"]  # the extractor's reason, whatever its words
    assert any(t["matched"] for t in results[2]["topics"])
    assert "Golden Lantern" in results[4]["text"]


def test_explain_fails_only_when_every_input_failed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = write_config(tmp_path / "cfg")
    monkeypatch.setattr(sys, "stdin", io.StringIO("[1]\n{bad\n"))
    assert main(["explain", "--json", "--config", str(config), "-"]) == 1
    results = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in results] == ["1", "2"] and all("error" in r for r in results)


def test_explain_text_output_names_the_failed_clause(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path / "cfg")
    page = SITE / "articles" / "dumpling-house-review.html"
    assert main(["explain", "--config", str(config), str(page)]) == 0
    out = capsys.readouterr().out
    assert "china-nato-russia" in out and "fail" in out.lower()


def test_explain_missing_file_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path / "cfg")
    assert main(["explain", "--config", str(config), str(tmp_path / "nope.txt")]) == 1
    assert "nope.txt: no such file" in capsys.readouterr().err


def test_poll_once_all_then_feeds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with serve_site() as base:
        feeds = [{"url": f"{base}/wire.xml", "name": "Demo Wire"}, {"url": f"{base}/missing.xml"}]
        config = write_config(tmp_path, feeds=feeds)
        assert main(["poll", "--once", "--all", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("2 feeds polled in ") and ": 1 ok, 1 error\n" in out
    assert "new articles: 2, feeds failing: 1" in out
    assert main(["feeds", "--config", str(config)]) == 0
    table = capsys.readouterr().out
    assert "Demo Wire" in table and "404" in table and "error" in table


def test_feeds_shows_where_a_moved_feed_is_polled(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rss = (SITE / "wire.xml").read_bytes()
    routes = {
        "/old": Route(301, headers={"Location": "/new"}),
        "/new": Route(body=rss, headers={"Content-Type": "application/rss+xml"}),
    }
    with serve(routes) as srv:
        feeds = [{"url": srv.url("/old"), "name": "Wire"}]
        config = write_config(tmp_path, feeds=feeds, settings={"polling": {"fetch_pages": False}})
        assert main(["poll", "--once", "--all", "--config", str(config)]) == 0
    capsys.readouterr()
    assert main(["feeds", "--verbose", "--config", str(config)]) == 0
    table = capsys.readouterr().out
    assert f"moved → {srv.url('/new')}; update the watch-list" in table
    assert "replace its URL in the watch-list" in table  # the per-feed note stays


def test_demo_writes_a_digest_to_the_outbox(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "config"
    folder.mkdir()
    for name in ("monitor.yaml", "watchlist.yaml"):
        (folder / name).write_text((REPO / "config" / name).read_text("utf-8"), "utf-8")
    assert main(["demo", "--config", str(folder / "monitor.yaml")]) == 0
    out = capsys.readouterr().out
    eml = tmp_path / "var" / "outbox" / "demo-daily-brief.eml"
    assert f"email: {eml}" in out and eml.exists()
    assert (
        "NATO allies warn China" in eml.read_bytes().decode("utf-8", "replace") or "stories" in out
    )


def _wait_for(url: str, process: subprocess.Popen[bytes]) -> str:
    deadline = time.monotonic() + 60  # safety net only
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode()
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} never answered; exit code {process.poll()}")


def test_run_serves_health_stops_on_sigterm_and_refuses_a_twin(tmp_path: Path) -> None:
    port = free_port()
    with serve_site() as base:
        config = write_config(
            tmp_path,
            feeds=[{"url": f"{base}/wire.xml"}],
            settings={"http": {"enabled": True, "port": port}, "polling": {"tick": 1}},
        )
        command = [sys.executable, "-m", "monitor.cli", "--config", str(config), "run"]
        service = subprocess.Popen(command, stderr=subprocess.PIPE, start_new_session=True)
        try:
            assert _wait_for(f"http://127.0.0.1:{port}/health", service) == "ok\n"
            metrics = _wait_for(f"http://127.0.0.1:{port}/metrics", service)
            assert "monitor_feeds" in metrics
            twin = subprocess.run(command, capture_output=True, text=True, timeout=60)
            assert twin.returncode == 1 and "already used by" in twin.stderr
            service.send_signal(signal.SIGTERM)
            assert service.wait(timeout=60) == 0
        finally:
            if service.poll() is None:
                os.killpg(service.pid, signal.SIGKILL)
                service.wait()
    logs = service.stderr.read().decode()  # type: ignore[union-attr]
    assert "stopped" in logs
    # Start-up says what the service will do, with times that carry their offset.
    assert "will poll feeds and match topics feeds=1 " in logs and 'delivery="outbox ' in logs
    assert 'next_send="' in logs and " Europe/Brussels" in logs


def test_backtest_reports_what_a_rule_edit_would_add_or_drop(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with serve_site() as base:
        feeds = [{"url": f"{base}/wire.xml"}, {"url": f"{base}/times.atom"}]
        config = write_config(tmp_path, feeds=feeds)
        assert main(["poll", "--once", "--all", "--config", str(config)]) == 0
    capsys.readouterr()
    assert main(["backtest", "--topic", "nato-russia", "--config", str(config)]) == 0
    unchanged = capsys.readouterr().out
    assert "5 stored article(s) re-checked" in unchanged and "+0 / -0" in unchanged
    watch = tmp_path / "watchlist.yaml"
    data = yaml.safe_load(watch.read_text("utf-8"))
    for topic in data["topics"]:
        if topic["id"] == "nato-russia":
            topic["rule"] = "title:nato AND title:russia AND china"  # stricter: needs China too
    watch.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    assert main(["backtest", "--topic", "nato-russia", "--config", str(config)]) == 0
    edited = capsys.readouterr().out
    assert "+0 / -1" in edited and " - NATO to station more troops" in edited
    assert main(["backtest", "--topic", "no-such", "--config", str(config)]) == 1
