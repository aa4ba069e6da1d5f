"""Counts for /metrics and /health: numbers only, never article content."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, func, select
from sqlmodel import col

from monitor.store.db import session_scope
from monitor.store.tables import Article, Delivery, Feed, TopicMatchRow


@dataclass(frozen=True, slots=True)
class Stats:
    """A snapshot of the monitor's work, as Prometheus gauges show it."""

    feeds_by_state: dict[str, int]
    feed_errors: int  # sum of consecutive error counts over feeds
    articles_by_status: dict[str, int]
    matches_by_topic: dict[str, int]
    deliveries_by_status: dict[str, int]
    poll_lag_seconds: float  # how overdue the most overdue enabled feed is


def collect(engine: Engine, now: datetime) -> Stats:
    """Count feeds, articles, matches and deliveries in a few grouped queries."""
    with session_scope(engine) as session:
        feeds = dict(
            session.execute(select(col(Feed.state), func.count()).group_by(col(Feed.state))).all()
        )
        errors = session.scalar(select(func.coalesce(func.sum(col(Feed.error_count)), 0))) or 0
        articles = dict(
            session.execute(
                select(col(Article.status), func.count()).group_by(col(Article.status))
            ).all()
        )
        matches = dict(
            session.execute(
                select(col(TopicMatchRow.topic_id), func.count())
                .where(col(TopicMatchRow.tier) == "match")
                .group_by(col(TopicMatchRow.topic_id))
            ).all()
        )
        deliveries = dict(
            session.execute(
                select(col(Delivery.status), func.count()).group_by(col(Delivery.status))
            ).all()
        )
        oldest = session.scalar(select(func.min(col(Feed.next_poll_at))).where(col(Feed.enabled)))
    lag = max(0.0, (now - oldest).total_seconds()) if oldest is not None else 0.0
    return Stats(feeds, int(errors), articles, matches, deliveries, lag)
