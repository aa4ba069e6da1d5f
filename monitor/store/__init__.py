"""Storage: SQLModel tables and intention-named queries; the only SQL in the monitor."""

from monitor.store.db import (
    InstanceLock,
    check_connection,
    is_sqlite,
    make_engine,
    offload,
    upgrade,
)
from monitor.store.tables import Article, Delivery, Feed, QuoteRow, TopicMatchRow

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
