"""Storage: SQLModel tables and intention-named queries; the only SQL in the monitor."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from monitor.store.db import (
    InstanceLock,
    check_connection,
    is_sqlite,
    make_engine,
    offload,
    upgrade,
)

if TYPE_CHECKING:
    from monitor.store.tables import Article, Delivery, Feed, QuoteRow, TopicMatchRow

# The SQLModel tables load on first use, so a Core-only read (store.core) skips SQLModel and
# the ORM, which cost a fast command such as `monitor feeds` more than its start-up budget.
_TABLES = {"Article", "Delivery", "Feed", "QuoteRow", "TopicMatchRow"}

__all__ = [
    "Article",
    "Delivery",
    "Feed",
    "InstanceLock",
    "QuoteRow",
    "TopicMatchRow",
    "check_connection",
    "is_sqlite",
    "make_engine",
    "offload",
    "upgrade",
]


def __getattr__(name: str) -> Any:
    """Return a table class on first use (PEP 562)."""
    if name in _TABLES:
        return getattr(importlib.import_module("monitor.store.tables"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
