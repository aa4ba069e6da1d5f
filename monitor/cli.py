"""Thin commands over the library; turns MonitorError into a message and an exit code."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from monitor import __version__
from monitor.config import Config, config_path, load_config
from monitor.errors import ConfigError, MonitorError

EXIT_OK, EXIT_ERROR, EXIT_CONFIG = 0, 1, 2
log = logging.getLogger("monitor.cli")


def _date(value: str) -> datetime:
    try:
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2026-11-28") from None


def build_parser() -> argparse.ArgumentParser:
    """Declare every command and option (docs/cli.md documents each one)."""
    config_help = "monitor.yaml (default: $MONITOR_CONFIG, else ./config/monitor.yaml)"
    # SUPPRESS on the commands: otherwise their default None overwrites `monitor --config X run`.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", metavar="PATH", default=argparse.SUPPRESS, help=config_help)
    parser = argparse.ArgumentParser(
        prog="monitor", description="Watch news feeds for watch-list topics."
    )
    parser.add_argument("--config", metavar="PATH", help=config_help)
    parser.add_argument("--version", action="version", version=f"monitor {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("run", parents=[common], help="run the service until SIGTERM/SIGINT")
    poll = sub.add_parser("poll", parents=[common], help="poll due feeds once and exit")
    poll.add_argument(
        "--once", action="store_true", help="one pass (the default; kept for scripts)"
    )
    poll.add_argument(
        "--all", action="store_true", help="poll every feed now, whatever its schedule"
    )
    digest = sub.add_parser("digest", parents=[common], help="show, preview or send a digest")
    digest.add_argument(
        "--digest", dest="digest_id", metavar="ID", help="digest id (default: first)"
    )
    digest.add_argument(
        "--date", type=_date, help="the period due on this local date (default: latest)"
    )
    digest.add_argument("--preview", metavar="FILE", type=Path, help="write the HTML part to FILE")
    digest.add_argument(
        "--send",
        action="store_true",
        help="send the period now to its recipients (never twice per period)",
    )
    sub.add_parser("check-config", parents=[common], help="validate config and watch-list")
    explain = sub.add_parser(
        "explain", parents=[common], help="say which topics and quotes a text has"
    )
    explain.add_argument("--json", action="store_true", help="one JSON object per input")
    explain.add_argument(
        "paths", nargs="+", metavar="PATH", help=".html/.htm/.txt files, or - for JSON lines"
    )
    feeds = sub.add_parser("feeds", parents=[common], help="list feeds with their state")
    feeds.add_argument("--instances", action="store_true", help="list instances and heartbeats")
    db = sub.add_parser("db", parents=[common], help="database maintenance")
    db.add_argument("action", choices=["upgrade"], help="upgrade: apply migrations")
    sub.add_parser("demo", parents=[common], help="one full offline cycle on bundled samples")
    backtest = sub.add_parser(
        "backtest", parents=[common], help="re-run a topic over stored articles"
    )
    backtest.add_argument("--topic", required=True, metavar="ID")
    backtest.add_argument("--since", type=_date, metavar="DATE")
    export = sub.add_parser("export", parents=[common], help="export matches as atom, json or csv")
    export.add_argument("--format", choices=["atom", "json", "csv"], default="json")
    export.add_argument("--topic", required=True, metavar="ID")
    export.add_argument("--since", type=_date, metavar="DATE")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; print errors as `stage: message` and return the exit code."""
    args = build_parser().parse_args(argv)
    from monitor.logs import setup_logging

    setup_logging("WARNING" if args.command not in ("run",) else "INFO")
    try:
        return COMMANDS[args.command](args)
    except ConfigError as exc:
        _print_config_error(exc, args)
        return EXIT_CONFIG
    except MonitorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


def _print_config_error(exc: ConfigError, args: argparse.Namespace) -> None:
    count = len(exc.problems)
    # Each problem names its own file; the header says which files hold how many.
    files: dict[str, int] = {}
    for problem in exc.problems:
        name = Path(problem.split(":", 1)[0]).name if ":" in problem else "?"
        files[name] = files.get(name, 0) + 1
    where = ", ".join(f"{n} in {name}" for name, n in files.items())
    print(
        f"{count} problem{'s' if count != 1 else ''} in the configuration ({where}):",
        file=sys.stderr,
    )
    for problem in exc.problems:
        print(f"  {problem}", file=sys.stderr)


def _config(args: argparse.Namespace) -> Config:
    config = load_config(config_path(args.config))
    logging.getLogger().setLevel(config.settings.log_level if args.command == "run" else "WARNING")
    return config


def cmd_check_config(args: argparse.Namespace) -> int:
    from monitor.config import redact_url
    from monitor.configcheck import warnings

    config = _config(args)
    wl = config.watchlist
    smtp = config.settings.smtp
    print(f"config:    {config.settings_path}")
    print(f"watchlist: {config.watchlist_path}")
    print(f"database:  {redact_url(config.database_url)}")
    mail = (
        f"{smtp.host}:{smtp.port} ({smtp.security})" if smtp.host else f"outbox {config.outbox_dir}"
    )
    password = "set" if smtp.host and smtp.password() else "not set"
    print(f"delivery:  {mail}; password {password} (never shown)")
    print(f"feeds: {len(wl.feeds)}  topics: {len(wl.topics)}  digests: {len(wl.digests)}")
    found = warnings(config, config.settings_source)
    for warning in found:
        print(f"warning: {warning}")
    print(f"OK ({len(found)} warning{'s' if len(found) != 1 else ''})" if found else "OK")
    return EXIT_OK


def cmd_run(args: argparse.Namespace) -> int:
    from monitor.clock import service_clock
    from monitor.http import Endpoints
    from monitor.scheduler import run_until_stopped
    from monitor.service import Service

    config = _config(args)

    async def go() -> None:
        service = Service(config, lock=True, clock=service_clock())
        http = config.settings.http
        endpoints = Endpoints(service.engine, service.clock) if http.enabled else None
        if endpoints is not None:
            port = await endpoints.start(http.host, http.port)
            log.info("serving /health and /metrics", extra={"host": http.host, "port": port})
        try:
            await run_until_stopped(service)
        finally:
            if endpoints is not None:
                await endpoints.close()

    asyncio.run(go())
    return EXIT_OK


def cmd_poll(args: argparse.Namespace) -> int:
    from monitor.clirender import poll_with_progress

    return poll_with_progress(_config(args), everything=args.all)


def cmd_digest(args: argparse.Namespace) -> int:
    from monitor.clirender import digest_command

    return digest_command(_config(args), args)


def cmd_explain(args: argparse.Namespace) -> int:
    from monitor.explain import as_json, as_text, explain_all

    config = _config(args)
    rules = config.ruleset()
    failures = 0
    for ident, result in explain_all(args.paths, sys.stdin, rules):
        if isinstance(result, str):
            failures += 1
            print(f"error: {result}", file=sys.stderr)
        elif args.json:
            print(json.dumps(as_json(ident, result), ensure_ascii=False))
        else:
            # Bold highlights on a terminal, [[brackets]] when piped into a file or a pager.
            print(as_text(ident, result, ansi=sys.stdout.isatty()) + "\n")
    return EXIT_ERROR if failures else EXIT_OK


def cmd_feeds(args: argparse.Namespace) -> int:
    from monitor.clirender import feeds_table

    return feeds_table(_config(args), instances=args.instances)


def cmd_db(args: argparse.Namespace) -> int:
    from monitor.config import redact_url
    from monitor.store import upgrade

    config = _config(args)
    upgrade(config.database_url)
    print(f"database {redact_url(config.database_url)} is at the newest schema")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from monitor.demo import run_demo

    return run_demo(config_path(args.config))


def cmd_backtest(args: argparse.Namespace) -> int:
    from monitor.clirender import backtest

    return backtest(_config(args), args.topic, args.since)


def cmd_export(args: argparse.Namespace) -> int:
    from monitor.clirender import export

    return export(_config(args), args.topic, args.since, args.format)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "run": cmd_run,
    "poll": cmd_poll,
    "digest": cmd_digest,
    "check-config": cmd_check_config,
    "explain": cmd_explain,
    "feeds": cmd_feeds,
    "db": cmd_db,
    "demo": cmd_demo,
    "backtest": cmd_backtest,
    "export": cmd_export,
}

if __name__ == "__main__":
    sys.exit(main())
