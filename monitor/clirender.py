"""How command results look: fixed-width lines and the progress bar (the only rich import).

Tables are plain lines, one per feed, cut to the terminal's width (80 columns when piped):
formatting a thousand rows this way costs milliseconds, where a rich table cost 1.5 s.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from monitor.commands import Backtest, FeedLine, PollReport
    from monitor.pipeline import FeedOutcome

NARROW = 80
STATE_ORDER = ("ok", "not_modified", "error", "lost_lease")


def width(*, wide: bool) -> int | None:
    """Return the line width: none with --wide, the terminal's on one, else 80 columns."""
    if wide:
        return None
    if sys.stdout.isatty():
        return max(NARROW, shutil.get_terminal_size((NARROW, 24)).columns)
    return NARROW


def cut(text: str, size: int) -> str:
    """Shorten text to `size` characters, marking the cut with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= size else text[: max(size - 1, 0)] + "…"


def _row(cells: list[tuple[str, int]], rest: str, limit: int | None) -> str:
    """Join fixed-width cells and a last free-width cell, cut to the line width."""
    line = " ".join(f"{text:<{size}}" if size > 0 else f"{text:>{-size}}" for text, size in cells)
    if rest:
        line += " " + rest
    line = line.rstrip()
    return line if not limit or len(line) <= limit else line[: limit - 1] + "…"


@contextmanager
def progress_bar(total: int | None, label: str) -> Iterator[Callable[[Any], None]]:
    """Show a transient bar on stderr; log lines printed meanwhile appear above it."""
    if not sys.stderr.isatty():  # cron, a pipe or a log file: no bar to draw, nothing to load
        yield lambda _item: None
        return
    from rich.console import Console
    from rich.progress import Progress

    # Progress redirects sys.stderr while it runs; the log handler looks sys.stderr up at each
    # line (monitor/logs.py), so log lines go through the bar's console instead of over it.
    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(label, total=total)
        yield lambda _item: progress.advance(task)


# --- poll -------------------------------------------------------------------------------------


def poll_summary(
    report: PollReport, *, full: bool, wide: bool, verbose: bool, elapsed: float
) -> list[str]:
    """Summarise a poll: counts by state, then the failed feeds and those that brought news."""
    limit = width(wide=wide)
    count = len(report.outcomes)
    states = ", ".join(
        f"{report.states[s]} {s.replace('_', ' ')}"
        for s in (*STATE_ORDER, *sorted(set(report.states) - set(STATE_ORDER)))
        if report.states[s]
    )
    lines = [
        f"{count} feed{'s' if count != 1 else ''} polled in {elapsed:.1f} s"
        + (f": {states}" if states else "")
    ]
    shown = report.outcomes if full else report.notable()
    if shown:
        name_width = 28 if limit else max(len(_poll_name(o, report, wide)) for o in shown)
        lines.append(
            _row([("feed", name_width), ("state", 12), ("new", -4), ("edited", -6)], "error", limit)
        )
        for o in shown:
            lines.extend(_poll_row(o, report, name_width, limit, wide=wide, verbose=verbose))
    hidden = count - len(shown)
    if hidden:
        lines.append(
            f"({hidden} unchanged feed{'s' if hidden != 1 else ''} not listed; --full lists them)"
        )
    lines.append(f"new articles: {report.new_articles}, feeds failing: {len(report.failed)}")
    return lines


def _poll_name(o: FeedOutcome, report: PollReport, wide: bool) -> str:
    return o.url if wide else report.names.get(o.url) or bare_url(o.url)


def bare_url(url: str) -> str:
    """Show a URL without its scheme, for a feed the watch-list gives no name."""
    return url.split("://", 1)[-1]


def _poll_row(
    o: FeedOutcome,
    report: PollReport,
    name_width: int,
    limit: int | None,
    *,
    wide: bool,
    verbose: bool,
) -> list[str]:
    name = _poll_name(o, report, wide)
    cells = [
        (cut(name, name_width) if limit else name, name_width),
        (o.state, 12),
        (str(o.new), -4),
        (str(o.edited), -6),
    ]
    error = _short_error(o.error, o.url, verbose=verbose)
    if verbose and error:
        return [_row(cells, "", limit), f"    {error}"]
    return [_row(cells, error, limit)]


# --- feeds ------------------------------------------------------------------------------------


def feeds_table(
    feeds: list[FeedLine], *, timezone: str, wide: bool, verbose: bool
) -> Iterator[str]:
    """Yield one line per feed (name, state, HTTP status, errors, next poll, last error)."""
    limit = width(wide=wide)
    zone = ZoneInfo(timezone)
    names = [f.url if wide else f.name for f in feeds]
    name_width = 26 if limit else max([len(n) for n in names] + [4])
    yield _row(
        [("feed", name_width), ("state", 12), ("http", -4), ("errs", -4), ("next poll", 11)],
        "last error",
        limit,
    )
    for feed, name in zip(feeds, names, strict=True):
        cells = [
            (cut(name, name_width) if limit else name, name_width),
            (feed.state, 12),
            (str(feed.status or ""), -4),
            (str(feed.errors), -4),
            (_when(feed.next_poll, zone), 11),
        ]
        error = _short_error(feed.last_error, feed.url, verbose=verbose)
        yield _row(cells, "" if verbose else error, limit)
        if feed.moved_to:  # polled at the new address until the operator edits the watch-list
            yield f"    moved → {feed.moved_to}; update the watch-list"
        if verbose:
            yield f"    last polled {_when(feed.last_polled, zone)}" + (
                f"; {error}" if error else ""
            )
    yield f"({len(feeds)} feeds; times in {timezone})"


def _short_error(error: str | None, url: str, *, verbose: bool) -> str:
    """Drop the feed's own URL from its error unless asked for all of it: the row names it."""
    if not error:
        return ""
    return error if verbose else " ".join(error.replace(f"{url}: ", "").split())


def _when(value: datetime | None, zone: ZoneInfo) -> str:
    if value is None:
        return "-"
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    return f"{aware.astimezone(zone):%m-%d %H:%M}"


def instances_table(now: datetime, rows: list[Any], leases: dict[str, int]) -> Iterator[str]:
    """Yield one line per instance with its state, heartbeat and the feeds it holds."""
    from monitor.store.feeds import STALE_AFTER

    yield _row([("instance", 28), ("state", 6), ("heartbeat", 20), ("leased", -6)], "version", None)
    for row in rows:
        beat = (
            row.heartbeat_at.replace(tzinfo=row.heartbeat_at.tzinfo or UTC)
            if (row.heartbeat_at)
            else None
        )
        age = (now - beat).total_seconds() if beat else float("inf")
        # Three missed heartbeats: probably crashed; its leases expire and others take over.
        state = "alive" if age <= STALE_AFTER else "stale"
        shown = f"{beat:%m-%d %H:%M} ({age:.0f}s ago)" if beat else "-"
        cells = [(row.id, 28), (state, 6), (shown, 20), (str(leases.get(row.id, 0)), -6)]
        yield _row(cells, row.version or "", None)


# --- backtest ---------------------------------------------------------------------------------


def backtest_lines(result: Backtest, topic_id: str) -> Iterator[str]:
    """Yield the backtest's count line, then each article it would add (+) or drop (-)."""
    yield (
        f"{result.total} stored article(s) re-checked against {topic_id}: "
        f"{result.matched_before} matched before, +{len(result.added)} / -{len(result.dropped)}"
    )
    for sign, rows in (("+", result.added), ("-", result.dropped)):
        for article, reason in rows:
            yield f" {sign} {article.title} <{article.url}>  {reason}"
    yield result.verdicts
