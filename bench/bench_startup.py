"""Start-up time of each command, next to `python -c pass`, with the slowest imports.

Each command runs in a fresh interpreter against a copied config and a SQLite database that
already holds one polled feed, so `poll --once` finds nothing due and measures what it costs
before any work. Runs are interleaved (pass, check-config, feeds, ... then again) so a burst
of load from other processes hits every command alike; the figures are medians of wall time and
of CPU time (user + system, which the load of a shared machine changes far less), each also as
a ratio to `python -c pass` measured in the same rounds.

Targets (issue 19): `feeds` and `check-config` at most 0.4 s, `poll --once` at most 1 s.
"""

from __future__ import annotations

import compileall
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.common import REPO  # noqa: E402
from monitor.demo import serve_site  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_STARTUP_ROUNDS", "7"))
TARGETS = {"check-config": 0.4, "feeds": 0.4, "poll --once": 1.0}
TOP_IMPORTS = 6


def _monitor() -> list[str]:
    script = Path(sys.executable).parent / "monitor"
    return [str(script)] if script.exists() else [sys.executable, "-m", "monitor.cli"]


def _setup(folder: Path, base: str) -> tuple[Path, Path]:
    """Copy the shipped config with one local feed, a scratch database and outbox."""
    settings = yaml.safe_load((REPO / "config" / "monitor.yaml").read_text("utf-8"))
    settings["database"] = {"url": "sqlite:///monitor.db"}
    settings["outbox"] = {"directory": "outbox"}
    # The demo site is served on 127.0.0.1, which the shipped settings rightly refuse.
    settings["polling"].update(allowed_hosts=["127.0.0.1"], respect_robots=False)
    watch = yaml.safe_load((REPO / "config" / "watchlist.yaml").read_text("utf-8"))
    watch["feeds"] = [{"url": f"{base}/wire.xml", "name": "Demo wire"}]
    config = folder / "monitor.yaml"
    config.write_text(yaml.safe_dump(settings, allow_unicode=True), "utf-8")
    (folder / "watchlist.yaml").write_text(yaml.safe_dump(watch, allow_unicode=True), "utf-8")
    story = folder / "story.txt"
    story.write_text("China warns NATO\nRussia and China met; NATO said so.\n", "utf-8")
    return config, story


def _commands(config: Path, story: Path) -> dict[str, list[str]]:
    monitor = [*_monitor(), "--config", str(config)]
    return {
        "python -c pass": [sys.executable, "-c", "pass"],
        "check-config": [*monitor, "check-config"],
        "feeds": [*monitor, "feeds"],
        "backtest": [*monitor, "backtest", "--topic", "china-russia"],
        "export": [*monitor, "export", "--topic", "china-russia"],
        "explain .txt": [*monitor, "explain", str(story)],
        "poll --once": [*monitor, "poll", "--once"],
    }


def _time(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Run a command; return its wall time and the CPU time (user + system) it used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, env=env, cwd=REPO)
    took = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr.decode()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return took, cpu


def _top_imports(command: list[str], env: dict[str, str]) -> list[tuple[float, str]]:
    """Return the top-level imports with the largest cumulative time (seconds), slowest first."""
    if command[0] != sys.executable:
        command = [sys.executable, "-X", "importtime", "-m", "monitor.cli", *command[1:]]
    else:
        command = [sys.executable, "-X", "importtime", *command[1:]]
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=REPO)
    found = []
    for line in done.stderr.splitlines():
        hit = re.match(r"import time:\s+\d+ \|\s+(\d+) \| (\s*)(\S+)", line)
        if hit and len(hit.group(2)) <= 1:  # a module imported by the command itself
            found.append((int(hit.group(1)) / 1e6, hit.group(3)))
    return sorted(found, reverse=True)[:TOP_IMPORTS]


def _render_thousand() -> tuple[float, float, float]:
    """Time the poll summary of 1,000 unchanged feeds: default, --full, and a rich table."""
    import io

    from rich.console import Console
    from rich.table import Table

    from monitor.clirender import poll_summary
    from monitor.commands import PollReport
    from monitor.pipeline import FeedOutcome

    outcomes = [
        FeedOutcome(f"https://host{i % 50}.example/feed{i}.xml", "not_modified")
        for i in range(1000)
    ]
    report = PollReport(outcomes, {o.url: f"Feed {i}" for i, o in enumerate(outcomes)})
    timings = []
    for full in (False, True):
        started = time.perf_counter()
        poll_summary(report, full=full, wide=False, verbose=False, elapsed=1.0)
        timings.append(time.perf_counter() - started)
    started = time.perf_counter()
    table = Table(title="1000 feed(s) polled")  # the former output, as the baseline
    for column in ("feed", "state", "new", "edited", "analysed", "from feed text", "error"):
        table.add_column(column, overflow="fold")
    for o in outcomes:
        table.add_row(o.url, o.state, "0", "0", "0", "0", "")
    Console(file=io.StringIO(), width=80).print(table)
    timings.append(time.perf_counter() - started)
    return timings[0], timings[1], timings[2]


def main() -> int:
    """Time every command ROUNDS times, interleaved; print medians, ratios and slow imports."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MONITOR_")}
    env["PYTHONPATH"] = str(REPO)
    # Installing the wheel compiles its bytecode; a checkout under PYTHONDONTWRITEBYTECODE
    # (set on these machines) never gets any, and every run would compile monitor/ from source.
    compileall.compile_dir(REPO / "monitor", quiet=1)
    with tempfile.TemporaryDirectory() as scratch, serve_site() as base:
        config, story = _setup(Path(scratch), base)
        _time([*_monitor(), "--config", str(config), "poll", "--once", "--all"], env)
        commands = _commands(config, story)
        walls: dict[str, list[float]] = {name: [] for name in commands}
        cpus: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(ROUNDS):
            for name, command in commands.items():
                wall, cpu = _time(command, env)
                walls[name].append(wall)
                cpus[name].append(cpu)
        wall_med = {name: statistics.median(values) for name, values in walls.items()}
        cpu_med = {name: statistics.median(values) for name, values in cpus.items()}
        base_wall, base_cpu = wall_med["python -c pass"], cpu_med["python -c pass"]
        print(f"start-up, median of {ROUNDS} interleaved runs; wall time depends on the load of")
        print("the shared machine, CPU time (user + system) much less: targets are judged on it")
        print(
            f"{'command':16s} {'wall':>7s} {'x pass':>7s} {'min':>7s} {'cpu':>7s} {'x pass':>7s}"
            f" {'target':>7s}"
        )
        missed = []
        for name in commands:
            target = TARGETS.get(name)
            mark = ""
            if target is not None:
                ok = cpu_med[name] <= target
                mark = f"{target:.1f} s " + ("ok" if ok else "MISSED")
                if not ok:
                    missed.append(name)
            print(
                f"{name:16s} {wall_med[name]:6.3f}s {wall_med[name] / base_wall:6.1f}x "
                f"{min(walls[name]):6.3f}s {cpu_med[name]:6.3f}s "
                f"{cpu_med[name] / max(base_cpu, 1e-3):6.1f}x {mark}"
            )
        for name, command in commands.items():
            if name == "python -c pass":
                continue
            tops = ", ".join(f"{mod} {sec:.3f}s" for sec, mod in _top_imports(command, env))
            print(f"  imports of {name}: {tops}")
    summary, full, table = _render_thousand()
    print(
        f"poll summary of 1,000 unchanged feeds: {summary * 1000:.1f} ms, with --full "
        f"{full * 1000:.1f} ms; the former rich table {table * 1000:.0f} ms "
        f"({table / full:.0f}x --full)"
    )
    if missed:
        print(f"missed: {', '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
