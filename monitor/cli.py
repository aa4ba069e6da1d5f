"""Thin commands over the library; turns MonitorError into a message and an exit code.

The parser (commands, options, help) is declared in monitor/cliparser.py.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from monitor.cliparser import build_parser
from monitor.config import Config, config_path, load_config
from monitor.errors import ConfigError, MonitorError, StoreError

EXIT_OK, EXIT_ERROR, EXIT_CONFIG = 0, 1, 2
EXIT_PIPE = 141  # what a shell reports for a command stopped by SIGPIPE
log = logging.getLogger("monitor.cli")


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
    except BrokenPipeError:
        # The reader (`| head`) left: stop quietly, and keep Python's exit-time flush of
        # stdout from raising the same error again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_PIPE


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


def _config(args: argparse.Namespace, *, rules: bool = True) -> Config:
    # Commands that never match topics skip compiling the rules (and loading the parser).
    config = load_config(config_path(args.config), compile_rules=rules)
    logging.getLogger().setLevel(config.settings.log_level if args.command == "run" else "WARNING")
    from monitor.logs import use_timezone

    use_timezone(config.settings.timezone)
    return config


def cmd_check_config(args: argparse.Namespace) -> int:
    from monitor.configcheck import warnings
    from monitor.redact import redact_url

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
    import asyncio

    from monitor.clock import service_clock
    from monitor.http import Endpoints
    from monitor.scheduler import run_until_stopped
    from monitor.service import Service

    config = _config(args)
    _announce(config)

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


def _announce(config: Config) -> None:
    """Log what the service is about to do, and the configuration's warnings."""
    from monitor.commands import startup_plan
    from monitor.configcheck import warnings

    for message, extra in startup_plan(config, datetime.now(UTC)):
        log.info(message, extra=extra)
    for warning in warnings(config, config.settings_source):
        log.warning("configuration", extra={"reason": warning})


def cmd_poll(args: argparse.Namespace) -> int:
    import time

    from monitor.clirender import poll_summary, progress_bar
    from monitor.commands import poll_once

    config = _config(args)
    total = len([f for f in config.watchlist.feeds if f.enabled]) if args.all else None
    began = time.monotonic()
    with progress_bar(total, "polling feeds") as advance:
        report = poll_once(config, everything=args.all, progress=advance)
    lines = poll_summary(
        report,
        full=args.full,
        wide=args.wide,
        verbose=args.verbose,
        elapsed=time.monotonic() - began,
    )
    print("\n".join(lines))
    return EXIT_ERROR if report.all_failed else EXIT_OK


def cmd_digest(args: argparse.Namespace) -> int:
    from monitor.commands import pick_digest, send_period

    config = _config(args, rules=False)
    digest = pick_digest(config, args.digest_id)
    if args.send:
        for line in send_period(config, digest, args.date):
            print(line)
        return EXIT_OK
    from monitor.commands import open_for_writing
    from monitor.delivery import build_digest, preview_period
    from monitor.digest.render import preview_html

    period = preview_period(digest, args.date, datetime.now(UTC))
    built = build_digest(open_for_writing(config), config, digest, period, skip_sent=False)
    if args.preview:
        args.preview.parent.mkdir(parents=True, exist_ok=True)
        args.preview.write_text(preview_html(built.rendered), encoding="utf-8")
        print(f"wrote {args.preview} ({built.rendered.subject})")
    else:
        sys.stdout.write(built.rendered.text + "\n")
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

    config = _config(args, rules=False)
    if args.instances:
        lines = clirender.instances_table(*commands.instance_rows(config))
    else:
        lines = clirender.feeds_table(
            commands.feed_lines(config),
            timezone=config.settings.timezone,
            wide=args.wide,
            verbose=args.verbose,
        )
    for line in lines:
        print(line)
    return EXIT_OK


def cmd_db(args: argparse.Namespace) -> int:
    from monitor.redact import redact_url
    from monitor.store import make_engine, upgrade

    config = _config(args)
    upgrade(config.database_url)
    print(f"database {redact_url(config.database_url)} is at the newest schema")
    if args.action == "persons":
        from monitor.clirender import progress_bar
        from monitor.store.refresh import BATCH, refresh_persons

        engine = make_engine(config.database_url)
        try:
            with progress_bar(None, f"reading persons, {BATCH} articles a step") as advance:
                done = refresh_persons(engine, lambda _done, _total: advance(None))
        finally:
            engine.dispose()
        print(
            f"read the persons of {done.quotes} quotations in {done.articles} articles again: "
            f"{done.changed} changed"
        )
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from monitor.demo import run_demo

    return run_demo(config_path(args.config))


def cmd_backtest(args: argparse.Namespace) -> int:
    from monitor.clirender import backtest_lines
    from monitor.commands import backtest

    config = _config(args)
    for line in backtest_lines(backtest(config, args.topic, args.since), args.topic):
        print(line)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from monitor.commands import export

    sys.stdout.write(export(_config(args, rules=False), args.topic, args.since, args.format))
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
