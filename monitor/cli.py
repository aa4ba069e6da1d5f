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
from typing import Any

from monitor import __version__
from monitor.config import Config, config_path, load_config
from monitor.errors import ConfigError, MonitorError, StoreError

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
    quotes = sub.add_parser(
        "quotes", parents=[common], help="what one person said, oldest first, and where first"
    )
    quotes.add_argument("--person", required=True, metavar="NAME")
    quotes.add_argument("--since", type=_date, required=True, metavar="DATE")
    quotes.add_argument("--topic", metavar="ID", help="only articles that matched this topic")
    quotes.add_argument("--format", choices=["text", "json", "csv"], default="text")
    _relevance_parsers(sub, common)
    return parser


def _relevance_parsers(sub: Any, common: argparse.ArgumentParser) -> None:
    """`monitor feedback` and `monitor suggest`: the analysts' verdicts and what they teach."""
    feedback = sub.add_parser(
        "feedback",
        parents=[common],
        help="record a verdict on a stored article, or import verdicts from JSON lines",
    )
    feedback.add_argument(
        "target",
        nargs="+",
        metavar="ARTICLE | import FILE",
        help="an article id or URL; or `import FILE.jsonl` (lines with url or id, topic, "
        "verdict; or id, title, text, topic, verdict for articles to store first)",
    )
    feedback.add_argument("--topic", metavar="ID", help="the topic the verdict is about")
    verdict = feedback.add_mutually_exclusive_group()
    verdict.add_argument(
        "--relevant", dest="verdict", action="store_const", const="relevant", help="belongs"
    )
    verdict.add_argument(
        "--not-relevant",
        dest="verdict",
        action="store_const",
        const="not_relevant",
        help="does not belong",
    )
    suggest = sub.add_parser(
        "suggest", parents=[common], help="propose rule edits learned from the verdicts"
    )
    suggest.add_argument("--topic", required=True, metavar="ID", help="the topic to improve")
    suggest.add_argument(
        "--write",
        metavar="FILE",
        type=Path,
        help="write the watch-list with the proposed edits to FILE (never over the original)",
    )


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
    print(
        f"{len(exc.problems)} problem(s) in the configuration ({config_path(args.config)}):",
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
    print("OK")
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
        endpoints = (
            Endpoints(service.engine, service.clock, service.problem) if http.enabled else None
        )
        if endpoints is not None:
            port = await endpoints.start(http.host, http.port)
            log.info("serving /health and /metrics", extra={"host": http.host, "port": port})
        web = await _start_web(config, service)
        try:
            await run_until_stopped(service)
        finally:
            if endpoints is not None:
                await endpoints.close()
            if web is not None:
                await web.close()
        if service.fatal:
            raise StoreError(service.fatal)

    asyncio.run(go())
    return EXIT_OK


async def _start_web(config: Config, service: Any) -> Any:
    """Start the public web endpoint (digest pages, feedback) when `web.enabled`."""
    web = config.settings.web
    secret = config.web_secret()
    if not web.enabled or secret is None:
        return None
    from monitor.web.app import WebContext, make_server
    from monitor.web.tokens import Signer

    server = make_server(WebContext(service.engine, config, Signer(secret), service.clock))
    port = await server.start(web.host, web.port)
    log.info("serving digest pages and feedback links", extra={"host": web.host, "port": port})
    return server


def cmd_poll(args: argparse.Namespace) -> int:
    from monitor import clirender, commands

    config = _config(args)
    with clirender.progress_bar("polling feeds", commands.enabled_feed_count(config)) as advance:
        outcomes = commands.poll_once(config, everything=args.all, progress=advance)
    clirender.print_poll_summary(outcomes)
    return EXIT_OK


def cmd_digest(args: argparse.Namespace) -> int:
    from monitor import clirender, commands

    config = _config(args)
    digest = commands.digest_named(config, args.digest_id)
    if args.send:
        clirender.print_lines(commands.send_digest(config, digest, args.date))
        return EXIT_OK
    built = commands.build_digest_for(config, digest, args.date)
    if args.preview:
        commands.write_preview(built, args.preview)
        clirender.print_preview_written(args.preview, built)
    else:
        clirender.write_plain(built.rendered.text + "\n")
    return EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    from monitor.explain import as_json, as_text, explain_all

    config = _config(args)
    rules = config.ruleset()
    inputs = failures = 0
    for ident, result in explain_all(args.paths, sys.stdin, rules):
        inputs += 1
        if isinstance(result, str):
            failures += 1
            if args.json:  # each input line has its output line, in order
                print(json.dumps({"id": ident, "error": result}, ensure_ascii=False))
            else:
                print(f"error: {result}", file=sys.stderr)
        elif args.json:
            print(json.dumps(as_json(ident, result), ensure_ascii=False))
        else:
            # Bold highlights on a terminal, [[brackets]] when piped into a file or a pager.
            print(as_text(ident, result, ansi=sys.stdout.isatty()) + "\n")
    # A batch with some bad lines did its work; only a run where nothing could be read failed.
    return EXIT_ERROR if inputs and failures == inputs else EXIT_OK


def cmd_feeds(args: argparse.Namespace) -> int:
    from monitor import clirender, commands

    config = _config(args)
    if args.instances:
        clirender.print_instances(commands.instance_rows(config))
    else:
        clirender.print_feeds(commands.all_feeds(config))
    return EXIT_OK


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
    from monitor import clirender, commands

    clirender.print_backtest(commands.backtest(_config(args), args.topic, args.since))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from monitor import clirender, commands

    clirender.write_plain(commands.export(_config(args), args.topic, args.since, args.format))
    return EXIT_OK


def cmd_quotes(args: argparse.Namespace) -> int:
    from monitor.said import quotes_command

    text = quotes_command(_config(args), args.person, args.since, args.topic, args.format)
    sys.stdout.write(text)
    return EXIT_OK


def cmd_feedback(args: argparse.Namespace) -> int:
    from monitor.relevance_commands import feedback_command

    return feedback_command(_config(args), args.target, args.topic, args.verdict)


def cmd_suggest(args: argparse.Namespace) -> int:
    from monitor.relevance_commands import suggest_command

    return suggest_command(_config(args), args.topic, args.write)


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
    "quotes": cmd_quotes,
    "feedback": cmd_feedback,
    "suggest": cmd_suggest,
}

if __name__ == "__main__":
    sys.exit(main())
