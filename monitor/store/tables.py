"""SQLModel tables; unique keys make every write idempotent so re-processing never doubles."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Column, Text, UniqueConstraint
from sqlmodel import AutoString, Field, SQLModel

from monitor.states import ArticleStatus, DeliveryStatus, FeedState

# Defined with the Core-only reads; re-exported here, where the migrations look for it.
from monitor.store.core import UTCDateTime as UTCDateTime


def _when(**kw: Any) -> Any:
    return Field(default=None, sa_column=Column(UTCDateTime(), **kw))


def _text(**kw: Any) -> Any:
    return Field(default=None, sa_column=Column(Text, **kw))


class Feed(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(unique=True, max_length=2048)
    name: str | None = None
    title: str | None = None
    enabled: bool = True
    interval: float | None = None  # seconds, from the watch-list; None = default
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    next_poll_at: datetime | None = _when(index=True)
    lease_owner: str | None = None
    lease_until: datetime | None = _when()
    last_polled_at: datetime | None = _when()
    last_success_at: datetime | None = _when()
    last_status: int | None = None
    state: FeedState = Field(default=FeedState.NEW, sa_type=AutoString)
    error_count: int = 0
    last_error: str | None = _text()
    failing_since: datetime | None = _when()
    ttl_minutes: int | None = None
    # Where a 301/308 sent the feed: polled there until the watch-list names it (`url` stays the
    # watch-list's, which sync_feeds keys on). Cleared when that address fails for good.
    moved_to: str | None = Field(default=None, max_length=2048)


class Article(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(unique=True, max_length=2048)  # canonical
    feed_id: int | None = Field(default=None, foreign_key="feed.id", index=True)
    guid: str | None = Field(default=None, max_length=2048)
    title: str = ""
    summary: str | None = _text()
    text: str | None = _text()
    author: str | None = None
    language: str | None = None
    outlet: str | None = None
    published: datetime | None = _when()
    first_seen_at: datetime | None = _when(index=True)
    processed_at: datetime | None = _when()
    status: ArticleStatus = Field(default=ArticleStatus.PENDING, index=True, sa_type=AutoString)
    attempts: int = 0
    last_error: str | None = _text()
    lease_owner: str | None = None
    lease_until: datetime | None = _when()
    from_summary: bool = False
    entry_hash: str | None = None  # what the feed said; a change means the article was edited
    content_hash: str | None = None
    fingerprint: int | None = Field(default=None, sa_column=Column(BigInteger))
    # The page's own <link rel=canonical> when it names another URL of the same site: a later
    # entry linking there is this article, not a new one.
    canonical: str | None = Field(default=None, max_length=2048, index=True)
    duplicate_of: int | None = None


class TopicMatchRow(SQLModel, table=True):
    __tablename__ = "topic_match"
    __table_args__ = (UniqueConstraint("article_id", "topic_id"),)
    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True)
    topic_id: str = Field(index=True)
    # "match" (digest main list) or "near" (a near miss: "Also mentioned"); see rules `near:`.
    tier: str = Field(default="match", sa_column_kwargs={"server_default": "match"})
    score: float
    why: str = ""
    hits_json: str = "[]"
    evidence_json: str = "[]"
    matched_at: datetime | None = _when(index=True)


class QuoteRow(SQLModel, table=True):
    __tablename__ = "quote"
    __table_args__ = (UniqueConstraint("article_id", "seq"),)
    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True)
    seq: int
    text: str = Field(sa_column=Column(Text, nullable=False))
    start: int
    end: int
    kind: str
    speaker: str | None = None
    speaker_text: str | None = None
    cue: str | None = None
    confidence: float = 0.0
    person: str | None = Field(default=None, index=True)  # canonical name, people only
    person_key: str | None = Field(default=None, index=True)  # spellings and orders folded
    role: str | None = None
    speaker_kind: str | None = None  # person | organization | description; None: unknown
    origin_id: int | None = Field(default=None, index=True)  # quote_origin: where first seen


class QuoteOrigin(SQLModel, table=True):
    """One quotation as first carried, whichever outlets repeated it since."""

    __tablename__ = "quote_origin"
    id: int | None = Field(default=None, primary_key=True)
    norm: str = Field(sa_column=Column(Text, nullable=False))  # normalised words
    head_key: str = Field(index=True)  # first words: a copy cut short keeps them
    tail_key: str = Field(index=True)  # last words: a copy whose start was cut keeps them
    person_key: str | None = Field(default=None, index=True)
    first_article_id: int | None = None
    first_outlet: str | None = None
    first_url: str | None = Field(default=None, max_length=2048)
    first_seen_at: datetime | None = _when(index=True)
    outlets_json: str = Field(default="[]", sa_column=Column(Text, nullable=False))
    outlet_count: int = 0


class VerdictRow(SQLModel, table=True):
    """An analyst's judgement of one article for one topic; one per recipient, the latest wins."""

    __tablename__ = "verdict"
    __table_args__ = (UniqueConstraint("recipient", "article_id", "topic_id"),)
    id: int | None = Field(default=None, primary_key=True)
    recipient: str = Field(max_length=320)  # a digest recipient, or "cli:<user>" / "import"
    article_id: int = Field(foreign_key="article.id", index=True)
    topic_id: str = Field(index=True, max_length=200)
    verdict: str = Field(max_length=20)  # relevant | not_relevant
    source: str = Field(max_length=20)  # web | cli | import
    decided_at: datetime | None = _when()


class UsedLink(SQLModel, table=True):
    """A feedback link already used: a replayed link changes nothing."""

    __tablename__ = "used_link"
    token_hash: str = Field(primary_key=True, max_length=64)
    used_at: datetime | None = _when()


class DigestSchedule(SQLModel, table=True):
    __tablename__ = "digest_schedule"
    digest_id: str = Field(primary_key=True)
    anchor_at: datetime | None = _when()  # periods due before this are never sent (new digest)


class Delivery(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("digest_id", "recipient", "period"),)
    id: int | None = Field(default=None, primary_key=True)
    digest_id: str = Field(index=True)
    recipient: str
    period: str  # "2026-11-28" (daily) or "2026-W48" (weekly), in the digest's timezone
    due_at: datetime | None = _when()
    window_start: datetime | None = _when()
    status: DeliveryStatus = Field(default=DeliveryStatus.PENDING, index=True, sa_type=AutoString)
    attempts: int = 0
    next_attempt_at: datetime | None = _when(index=True)
    lease_owner: str | None = None
    lease_until: datetime | None = _when()
    message_id: str | None = None
    last_error: str | None = _text()
    late: bool = False
    sent_at: datetime | None = _when()
    stories: int = 0


class DigestItem(SQLModel, table=True):
    """A story a digest has already shown, so the next one leaves it out unless it changed."""

    __tablename__ = "digest_item"
    __table_args__ = (UniqueConstraint("digest_id", "article_id"),)
    id: int | None = Field(default=None, primary_key=True)
    digest_id: str
    article_id: int = Field(foreign_key="article.id")
    content_hash: str | None = None
    sent_at: datetime | None = _when()


class Instance(SQLModel, table=True):
    id: str = Field(primary_key=True)  # host:pid by default
    started_at: datetime | None = _when()
    heartbeat_at: datetime | None = _when()
    version: str | None = None


class HostSlot(SQLModel, table=True):
    """Cluster-wide politeness: the earliest time any instance may next hit a host."""

    __tablename__ = "host_slot"
    host: str = Field(primary_key=True, max_length=255)
    next_allowed_at: datetime | None = _when()


METADATA = SQLModel.metadata
