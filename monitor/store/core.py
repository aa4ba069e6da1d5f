"""Core-only reads for commands that must start fast: SQLAlchemy Core, no ORM, no SQLModel.

Importing SQLModel and the ORM tables costs a read-only command such as `monitor feeds` more
than its whole start-up budget (issue 19); these reads describe the columns they need as a plain
`Table`, which tests check against the SQLModel table so the two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    select,
)


class UTCDateTime(TypeDecorator[datetime]):
    """Store naive UTC (SQLite has no time zones) and always hand back aware UTC datetimes."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use aware UTC datetimes")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None else None


# Its own MetaData: never used to create tables (Alembic does, from the SQLModel tables).
_META = MetaData()
FEED_COLUMNS = Table(
    "feed",
    _META,
    Column("url", String),
    Column("name", String),
    Column("title", String),
    Column("enabled", Boolean),
    Column("state", String),
    Column("last_status", Integer),
    Column("error_count", Integer),
    Column("last_error", Text),
    Column("last_polled_at", UTCDateTime()),
    Column("next_poll_at", UTCDateTime()),
    Column("moved_to", String),
)


@dataclass(frozen=True)
class FeedRow:
    """One stored feed as `monitor feeds` shows it."""

    url: str
    name: str | None
    title: str | None
    enabled: bool
    state: str
    last_status: int | None
    error_count: int
    last_error: str | None
    last_polled_at: datetime | None
    next_poll_at: datetime | None
    moved_to: str | None


def feed_rows(engine: Engine) -> list[FeedRow]:
    """Return every feed row ordered by URL, for `monitor feeds`."""
    query = select(FEED_COLUMNS).order_by(FEED_COLUMNS.c.url)
    with engine.connect() as conn:
        return [FeedRow(**row._mapping) for row in conn.execute(query)]
