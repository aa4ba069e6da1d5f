"""Structured logs: one line per event, with the same keys everywhere (feed_url, stage, reason)."""

from __future__ import annotations

import logging
import sys
from datetime import datetime
from typing import TextIO
from zoneinfo import ZoneInfo

_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class KeyValueFormatter(logging.Formatter):
    """Format `time level logger message key=value ...` with the record's extra keys.

    The time carries its UTC offset (2026-12-06T08:00:00+01:00) and is given in the configured
    timezone, so a log line means the same instant wherever it is read.
    """

    def __init__(self, timezone: str = "UTC") -> None:
        super().__init__()
        self.zone = ZoneInfo(timezone)

    def format(self, record: logging.LogRecord) -> str:
        extras = {k: v for k, v in vars(record).items() if k not in _STANDARD and v is not None}
        when = datetime.fromtimestamp(record.created, self.zone).isoformat(timespec="seconds")
        line = f"{when} {record.levelname} {record.name}: {record.getMessage()}"
        if extras:
            line += " " + " ".join(f"{k}={_quote(v)}" for k, v in extras.items())
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


def _quote(value: object) -> str:
    text = str(value)
    return f'"{text}"' if any(c.isspace() for c in text) or not text else text


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Write to whatever sys.stderr is now: a progress bar that redirects it keeps its place."""

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, _value: TextIO) -> None:
        pass  # always the current sys.stderr


def setup_logging(level: str = "INFO", timezone: str = "UTC") -> None:
    """Send key=value lines to stderr (journald and docker logs pick them up)."""
    handler = _StderrHandler()
    handler.setFormatter(KeyValueFormatter(timezone))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("apscheduler", "httpx", "httpcore", "trafilatura", "htmldate", "alembic"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))


def use_timezone(timezone: str) -> None:
    """Give the log lines' times in the configured timezone from now on."""
    for handler in logging.getLogger().handlers:
        if isinstance(handler.formatter, KeyValueFormatter):
            handler.setFormatter(KeyValueFormatter(timezone))
