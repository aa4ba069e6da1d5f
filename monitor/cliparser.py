"""The `monitor` command line declared: every command, option, default and help text.

The commands themselves are in monitor/cli.py; docs/cli.md documents each option.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from monitor import __version__


def _date(value: str) -> datetime:
    try:
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{value} is not a date; write it as YYYY-MM-DD, e.g. 2026-11-28"
        ) from None


def build_parser() -> argparse.ArgumentParser:
    """Declare every command and option (docs/cli.md documents each one)."""
    config_help = "monitor.yaml to use (default: $MONITOR_CONFIG, else ./config/monitor.yaml)"
    # SUPPRESS on the commands: otherwise their default None overwrites `monitor --config X run`.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", metavar="PATH", default=argparse.SUPPRESS, help=config_help)
    parser = argparse.ArgumentParser(
        prog="monitor",
        description="Watch news feeds for watch-list topics.",
        epilog="Exit codes: 0 done, 1 an error (or every polled feed failed), "
        "2 an invalid configuration. Details: docs/cli.md",
    )
    parser.add_argument("--config", metavar="PATH", help=config_help)
    parser.add_argument("--version", action="version", version=f"monitor {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("run", parents=[common], help="run the service until SIGTERM/SIGINT")
    _poll_parser(sub, common)
    _digest_parser(sub, common)
    sub.add_parser(
        "check-config", parents=[common], help="validate config and watch-list; list warnings"
    )
    explain = sub.add_parser(
        "explain", parents=[common], help="say which topics and quotes a text has"
    )
    explain.add_argument(
        "--json", action="store_true", help="one JSON object per input (default: text)"
    )
    explain.add_argument(
        "paths", nargs="+", metavar="PATH", help=".html/.htm/.txt files, or - for JSON lines"
    )
    feeds = sub.add_parser("feeds", parents=[common], help="list feeds with their state")
    feeds.add_argument(
        "--instances", action="store_true", help="list instances and heartbeats instead"
    )
    _table_options(feeds)
    db = sub.add_parser("db", parents=[common], help="database maintenance")
    db.add_argument(
        "action",
        choices=["upgrade", "persons"],
        help="upgrade: apply migrations; persons: read stored quotations' persons again with "
        "the current rules",
    )
    sub.add_parser("demo", parents=[common], help="one full offline cycle on bundled samples")
    backtest = sub.add_parser(
        "backtest", parents=[common], help="re-run a topic over stored articles"
    )
    backtest.add_argument("--topic", required=True, metavar="ID", help="topic id (required)")
    backtest.add_argument("--since", type=_date, metavar="DATE", help=_SINCE)
    export = sub.add_parser("export", parents=[common], help="export matches as atom, json or csv")
    export.add_argument(
        "--format", choices=["atom", "json", "csv"], default="json", help="default: json"
    )
    export.add_argument("--topic", required=True, metavar="ID", help="topic id (required)")
    export.add_argument("--since", type=_date, metavar="DATE", help=_SINCE)
    quotes = sub.add_parser(
        "quotes", parents=[common], help="what one person said, oldest first, and where first"
    )
    quotes.add_argument(
        "--person", required=True, metavar="NAME", help="the person's name (required)"
    )
    quotes.add_argument(
        "--since",
        type=_date,
        required=True,
        metavar="DATE",
        help="articles published on or after YYYY-MM-DD (required)",
    )
    quotes.add_argument(
        "--topic", metavar="ID", help="only articles that matched this topic (default: all)"
    )
    quotes.add_argument(
        "--format", choices=["text", "json", "csv"], default="text", help="default: text"
    )
    _relevance_parsers(sub, common)
    return parser


_SINCE = "only articles first seen on or after YYYY-MM-DD, UTC (default: all)"


def _poll_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    poll = sub.add_parser(
        "poll",
        parents=[common],
        help="poll due feeds once and exit (exit 1 when every feed failed)",
        description="Poll the due feeds (or all) once, then print the counts by state and the "
        "feeds that failed or brought news. Exit status 1 when every polled feed failed.",
    )
    poll.add_argument(
        "--once", action="store_true", help="one pass (the default; kept for scripts)"
    )
    poll.add_argument(
        "--all", action="store_true", help="poll every feed now, whatever its schedule"
    )
    poll.add_argument(
        "--full",
        action="store_true",
        help="list every polled feed (default: only failed feeds and feeds with news)",
    )
    _table_options(poll)


def _table_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--wide",
        action="store_true",
        help="show feed URLs instead of names, lines not cut (default: names, 80 columns)",
    )
    command.add_argument(
        "--verbose",
        action="store_true",
        help="show whole error messages (default: cut to the line)",
    )


def _digest_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    digest = sub.add_parser("digest", parents=[common], help="show, preview or send a digest")
    digest.add_argument(
        "--digest", dest="digest_id", metavar="ID", help="digest id (default: the first one)"
    )
    digest.add_argument(
        "--date",
        type=_date,
        metavar="DATE",
        help="the period due on this local date, YYYY-MM-DD (default: the latest due one)",
    )
    digest.add_argument(
        "--preview", metavar="FILE", type=Path, help="write the HTML part to FILE (default: off)"
    )
    digest.add_argument(
        "--send",
        action="store_true",
        help="send the period now to its recipients (never twice per period; refused before "
        "it is due)",
    )


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
    feedback.add_argument(
        "--topic",
        metavar="ID",
        help="the topic the verdict is about (required with an ARTICLE; import lines name theirs)",
    )
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
    suggest.add_argument(
        "--topic", required=True, metavar="ID", help="the topic to improve (required)"
    )
    suggest.add_argument(
        "--write",
        metavar="FILE",
        type=Path,
        help="write the watch-list with the proposed edits to FILE, never over the original "
        "(default: only print them)",
    )
