"""After kill -9 of `monitor run` no process of it lives on; a SIGTERM mid-poll stops calmly.

The real service runs as a subprocess in its own session against a real HTTP server; the test
finds its children in /proc (Linux) and waits, with a deadline only a hang reaches.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.config import write_config
from tests.support.httpserver import Route, serve

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)"),
]
SAFETY = 60.0


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _wait(predicate: object, timeout: float = SAFETY) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(0.1)
    return False


def _start(tmp_path: Path, feed_url: str) -> subprocess.Popen[bytes]:
    polling = {"tick": 0.3, "extract_workers": 1}
    config = write_config(
        tmp_path, feeds=[{"url": feed_url}], digests=[], settings={"polling": polling}
    )
    return subprocess.Popen(
        [sys.executable, "-m", "monitor.cli", "--config", str(config), "run"],
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _rss(base: str) -> Route:
    item = f"<item><title>One</title><link>{base}/a/1</link><description>One.</description></item>"
    body = f'<rss version="2.0"><channel><title>F</title>{item}</channel></rss>'
    return Route(body=body.encode(), headers={"Content-Type": "application/rss+xml"})


def test_workers_and_resource_tracker_exit_after_kill_9(tmp_path: Path) -> None:
    with serve({}) as server:
        server.routes["/feed.xml"] = _rss(server.base_url)
        server.routes["/a/1"] = Route(
            body=b"<p>One story.</p>", headers={"Content-Type": "text/html"}
        )
        service = _start(tmp_path, server.url("/feed.xml"))
        try:
            # The pool spawns its worker (and multiprocessing its resource tracker) on first use.
            assert _wait(lambda: server.hits("/a/1") > 0 and len(_children(service.pid)) >= 2)
            children = _children(service.pid)
            os.kill(service.pid, signal.SIGKILL)  # the service only, as the OOM killer would
            service.wait(timeout=30)
            gone = _wait(lambda: not any(_alive(c) for c in children))
            left = [c for c in children if _alive(c)]
        finally:
            os.killpg(service.pid, signal.SIGKILL)  # whatever is left of its session
        assert gone, f"orphans left: {left}"


def test_sigterm_during_a_poll_logs_one_calm_line(tmp_path: Path) -> None:
    with serve({}) as server:
        server.routes["/feed.xml"] = Route(body=b"<rss/>", delay=30)  # a poll in flight
        service = _start(tmp_path, server.url("/feed.xml"))
        try:
            assert _wait(lambda: server.hits("/feed.xml") > 0)
            service.send_signal(signal.SIGTERM)
            assert service.wait(timeout=SAFETY) == 0
        finally:
            if service.poll() is None:
                os.killpg(service.pid, signal.SIGKILL)
        err = service.stderr.read().decode()  # type: ignore[union-attr]
    assert "Traceback" not in err and "CancelledError" not in err, err[-3000:]
    assert "stopping" in err and "stopped" in err
