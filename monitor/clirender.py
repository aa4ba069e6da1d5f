"""Terminal output of the commands: progress bars, tables and lines (the only rich import)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from monitor.states import FeedState

if TYPE_CHECKING:
    from monitor.commands import Backtest, InstanceRow
    from monitor.delivery import BuiltDigest
    from monitor.pipeline import FeedOutcome
    from monitor.store.tables import Feed

console = Console(stderr=False)
err_console = Console(stderr=True)


@contextmanager
def progress_bar(label: str, total: int) -> Iterator[Callable[[Any], None]]:
    """Show a transient progress bar on stderr; yield the callable that advances it by one."""
    with Progress(console=err_console, transient=True) as progress:
        task = progress.add_task(label, total=total)
        yield lambda _done: progress.advance(task)


def print_poll_summary(outcomes: Sequence[FeedOutcome]) -> None:
    """Print one row per polled feed, then the new-article and failing-feed counts."""
    table = Table(title=f"{len(outcomes)} feed(s) polled")
    for column in ("feed", "state", "new", "edited", "analysed", "from feed text", "error"):
        table.add_column(column, overflow="fold")
    for o in outcomes:
        table.add_row(
            o.url,
            o.state,
            str(o.new),
            str(o.edited),
            str(o.analysed),
            str(o.from_summary),
            o.error or "",
        )
    console.print(table)
    errors = sum(1 for o in outcomes if o.state == FeedState.ERROR)
    console.print(f"new articles: {sum(o.new for o in outcomes)}, feeds failing: {errors}")


def print_lines(lines: Sequence[str]) -> None:
    """Print each line as it is."""
    for line in lines:
        console.print(line)


def print_preview_written(path: Path, built: BuiltDigest) -> None:
    """Say where a digest preview was written, with its subject."""
    console.print(f"wrote {path} ({built.rendered.subject})")


def write_plain(text: str) -> None:
    """Write text to stdout untouched (digest text, exports): no markup, no wrapping."""
    sys.stdout.write(text)


def print_feeds(feeds: Sequence[Feed]) -> None:
    """Print every feed with its state, errors and next poll."""
    table = Table(title="feeds")
    for column in ("feed", "state", "status", "errors", "last error", "last polled", "next poll"):
        table.add_column(column, overflow="fold")
    for f in feeds:
        state = _feed_state(f.state, f.enabled)
        name = f.name or f.url
        if f.moved_to:  # polled at the new address until the operator edits the watch-list
            name += f"\nmoved → {f.moved_to}; update the watch-list"
        table.add_row(
            name,
            state,
            str(f.last_status or ""),
            str(f.error_count),
            f.last_error or "",
            _when(f.last_polled_at),
            _when(f.next_poll_at),
        )
    console.print(table)


def _feed_state(state: str, enabled: bool) -> str:
    """Name a feed's state for people: never polled yet is pending; off in the list is disabled."""
    if state == FeedState.REMOVED:
        return state  # taken out of the watch-list: kept, no longer polled
    if not enabled:
        return "disabled"
    return "pending" if state == FeedState.NEW else state


def print_instances(rows: Sequence[InstanceRow]) -> None:
    """Print the instances with their heartbeats and leases."""
    table = Table(title="instances")
    for column in ("instance", "state", "started", "heartbeat", "feeds leased", "version"):
        table.add_column(column)
    for row in rows:
        beat = (
            f"{_when(row.heartbeat_at)} ({row.heartbeat_age:.0f}s ago)" if row.heartbeat_at else "-"
        )
        table.add_row(
            row.id,
            "alive" if row.alive else "stale",
            _when(row.started_at),
            beat,
            str(row.leased),
            row.version,
        )
    console.print(table)


def print_backtest(result: Backtest) -> None:
    """Print the backtest's counts, then each article it would add (+) or drop (-)."""
    console.print(
        f"{result.checked} stored article(s) re-checked against {result.topic_id}: "
        f"{result.before} matched before, +{len(result.added)} / -{len(result.dropped)}"
    )
    for sign, rows in (("+", result.added), ("-", result.dropped)):
        for article, reason in rows:
            console.print(f" {sign} {article.title} <{article.url}>  {reason}", markup=False)
    if result.verdicts:
        console.print(result.verdicts, markup=False)


def _when(value: datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M} UTC" if value else "-"
