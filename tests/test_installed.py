"""The built wheel, installed outside the checkout, migrates, checks its config and polls."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from monitor.demo import serve_site
from tests.support.config import REPO, write_config

pytestmark = pytest.mark.slow


def _run(command: list[str], cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    # A clean environment: nothing may lead the installed monitor back to the checkout.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "MONITOR_"))}
    done = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, f"{command} exited {done.returncode}:\n{done.stdout}{done.stderr}"
    return done


def _copy_sources(target: Path) -> Path:
    """Copy the files git knows (committed or not, never ignored): no stale build/ or egg-info."""
    listed = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=REPO,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, listed):
        if (REPO / name).is_file():  # a file deleted but not yet committed is still listed
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, target / name)
    return target


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel and install it into a fresh venv; return the venv's bin folder."""
    base = tmp_path_factory.mktemp("installed")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check"]
    source = _copy_sources(base / "source")
    _run([*pip, "wheel", "--no-deps", "--quiet", "-w", str(base / "dist"), str(source)], base)
    (wheel,) = (base / "dist").glob("news_monitor-*.whl")
    venv = base / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], base)
    python = venv / "bin" / "python"
    # The dependencies come from this test run's environment (a path line in a .pth file, which
    # adds the folder without running its own .pth files, so the checkout's editable install
    # stays out); downloading them again would cost a minute. `pip check` below proves that they
    # satisfy what the wheel declares.
    target = Path(
        _run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], base
        ).stdout.strip()
    )  # noqa: E501
    (target / "deps.pth").write_text(sysconfig.get_path("purelib") + "\n", "utf-8")
    _run([*pip, "--python", str(python), "install", "--no-deps", "--quiet", str(wheel)], base)
    _run([*pip, "--python", str(python), "check"], base)
    return venv / "bin"


def test_the_installed_wheel_migrates_checks_and_polls(installed: Path, tmp_path: Path) -> None:
    where = _run(
        [str(installed / "python"), "-c", "import monitor; print(monitor.__file__)"], tmp_path
    )
    assert where.stdout.startswith(str(installed.parent)), where.stdout  # not the checkout's
    monitor = str(installed / "monitor")
    with serve_site() as base:
        config = str(write_config(tmp_path / "etc", feeds=[{"url": f"{base}/wire.xml"}]))
        upgraded = _run([monitor, "--config", config, "db", "upgrade"], tmp_path)
        assert (tmp_path / "etc" / "monitor.db").exists(), upgraded.stdout + upgraded.stderr
        _run([monitor, "--config", config, "check-config"], tmp_path)
        polled = _run([monitor, "--config", config, "poll", "--once", "--all"], tmp_path)
    with sqlite3.connect(tmp_path / "etc" / "monitor.db") as db:
        stored = db.execute("select count(*) from article where status = 'done'").fetchone()[0]
    assert stored == 2, polled.stdout + polled.stderr  # the demo wire's two stories, analysed
