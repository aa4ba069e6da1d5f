"""Feed rows: sync with the watch-list, claim due feeds with a lease, record each poll."""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, delete, func, or_, select, update
from sqlmodel import col

from monitor.models import FeedHealth
from monitor.states import FeedState
from monitor.store.db import cluster_lock, retrying, session_scope
from monitor.store.tables import Article, Feed, HostSlot, Instance

log = logging.getLogger("monitor.store")
# Statuses that say an address is gone for good (not a passing outage): a feed answering them at
# its moved-to address goes back to its watch-list URL.
GONE = frozenset({404, 410})
REMOVED = FeedState.REMOVED  # a feed taken out of the watch-list (kept, not polled)
# Seconds between an instance's heartbeats; after STALE_AFTER without one (three missed beats)
# it is taken for dead and the others take over its feed and article leases at their next claim,
# however long the leases were. A live instance renews its leases with each beat.
HEARTBEAT = 15.0
STALE_AFTER = 3 * HEARTBEAT


def dead_owner(owner: Any, now: datetime) -> Any:
    """Say (in SQL) that a lease's owner has missed its heartbeats: its work may be taken."""
    stale = select(col(Instance.id)).where(
        col(Instance.heartbeat_at) < now - timedelta(seconds=STALE_AFTER)
    )
    return owner.in_(stale)


@dataclass(frozen=True, slots=True)
class FeedRef:
    """What a worker needs to poll one claimed feed."""

    id: int
    url: str
    name: str | None
    title: str | None
    interval: float | None
    etag: str | None
    last_modified: str | None
    body_hash: str | None
    error_count: int
    moved_to: str | None = None  # where a permanent redirect sent the feed
    state: FeedState = FeedState.NEW  # the last poll's (CAPPED: entries still wait for pages)

    @property
    def fetch_url(self) -> str:
        """The address to poll: where the feed moved to, else its watch-list URL."""
        return self.moved_to or self.url


@dataclass(frozen=True, slots=True)
class FeedSource:
    """A feed as the watch-list declares it."""

    url: str
    name: str | None = None
    interval: float | None = None
    enabled: bool = True


@dataclass(frozen=True, slots=True)
class PollRecord:
    """The outcome of one poll, written back to the feed row."""

    state: FeedState
    next_poll_at: datetime
    status: int | None = None
    error: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    title: str | None = None
    ttl_minutes: int | None = None
    # A permanent redirect moved the feed there; the watch-list URL itself means "moved back".
    new_url: str | None = None
    # Entries stored but past `max_new_per_feed`: the feed is recorded as "capped" with a note
    # until a poll finds no more than one poll's worth waiting.
    backlog: int = 0
    cap: int = 0


def _ref(feed: Feed) -> FeedRef:
    assert feed.id is not None
    return FeedRef(
        feed.id,
        feed.url,
        feed.name,
        feed.title,
        feed.interval,
        feed.etag,
        feed.last_modified,
        feed.body_hash,
        feed.error_count,
        feed.moved_to,
        feed.state,
    )


@retrying
def sync_feeds(engine: Engine, sources: Sequence[FeedSource], now: datetime) -> int:
    """Add new watch-list feeds (due now), update changed ones, mark removed ones `removed`.

    A removed feed keeps its row and its articles and is no longer polled; put back in the
    watch-list, it is due at once again.
    """
    wanted = {s.url: s for s in sources}
    added = 0
    with session_scope(engine) as session:
        cluster_lock(session, "sync-feeds")  # instances starting together must not insert twice
        existing = {f.url: f for f in session.scalars(select(Feed))}
        for url, source in wanted.items():
            feed = existing.get(url)
            if feed is None:
                session.add(
                    Feed(
                        url=url,
                        name=source.name,
                        interval=source.interval,
                        enabled=source.enabled,
                        next_poll_at=now,
                    )
                )
                added += 1
            else:
                feed.name, feed.interval = source.name, source.interval
                feed.enabled = source.enabled
                if feed.state == REMOVED:
                    feed.state, feed.next_poll_at = FeedState.NEW, now
        for url, feed in existing.items():
            if url not in wanted:
                feed.enabled = False  # history is kept; the feed is simply no longer polled
                feed.state = REMOVED
    return added


@retrying
def claim_due_feeds(
    engine: Engine,
    owner: str,
    now: datetime,
    *,
    lease: float,
    limit: int,
    everything: bool = False,
    exclude: Collection[int] = (),
) -> list[FeedRef]:
    """Lease up to `limit` due feeds to `owner`; other instances skip rows being claimed."""
    free = or_(
        col(Feed.lease_until).is_(None),
        col(Feed.lease_until) < now,
        dead_owner(col(Feed.lease_owner), now),
    )
    query = select(Feed).where(col(Feed.enabled), free)
    if not everything:
        query = query.where(col(Feed.next_poll_at) <= now)
    if exclude:
        query = query.where(col(Feed.id).not_in(list(exclude)))
    query = query.order_by(col(Feed.next_poll_at)).limit(limit).with_for_update(skip_locked=True)
    until = now + timedelta(seconds=lease)
    with session_scope(engine) as session:
        feeds = list(session.scalars(query))
        for feed in feeds:
            feed.lease_owner, feed.lease_until = owner, until
        return [_ref(f) for f in feeds]


@dataclass(frozen=True, slots=True)
class Polled:
    """One poll's outcome for one feed, recorded at `now`."""

    feed_id: int
    now: datetime
    record: PollRecord


@retrying
def record_polls(engine: Engine, owner: str, polls: Sequence[Polled]) -> set[int]:
    """Write many polls' outcomes in one transaction; return the feeds whose lease was ours."""
    ids = sorted({p.feed_id for p in polls})  # one lock order for every writer
    query = select(Feed).where(col(Feed.id).in_(ids)).with_for_update()
    recorded: set[int] = set()
    with session_scope(engine) as session:
        feeds = {f.id: f for f in session.scalars(query)}
        for poll in polls:
            feed = feeds.get(poll.feed_id)
            if feed is None or feed.lease_owner != owner:
                continue  # our lease expired and someone else polled it: theirs is newer
            _apply(feed, poll.now, poll.record)
            recorded.add(poll.feed_id)
    return recorded


def _apply(feed: Feed, now: datetime, rec: PollRecord) -> None:
    feed.lease_owner, feed.lease_until = None, None
    feed.last_polled_at, feed.next_poll_at, feed.state = now, rec.next_poll_at, rec.state
    feed.last_status = rec.status
    if rec.state == FeedState.ERROR:
        feed.error_count += 1
        feed.last_error = rec.error
        feed.failing_since = feed.failing_since or now
        if feed.moved_to and rec.status in GONE:
            _fall_back(feed)
        return
    feed.error_count, feed.failing_since, feed.last_success_at = 0, None, now
    feed.last_error = rec.error  # a lenient-parse warning or a moved note, or None
    if rec.backlog > rec.cap:
        feed.state = FeedState.CAPPED
        note = (
            f"capped: {rec.backlog} entries wait for their pages; {rec.cap} are analysed per "
            "poll (polling.max_new_per_feed) and the rest on the next ticks, none is dropped"
        )
        feed.last_error = f"{rec.error}; {note}" if rec.error else note
    if rec.new_url:
        # The watch-list URL stays the feed's identity; a redirect back to it ends the move.
        feed.moved_to = rec.new_url if rec.new_url != feed.url else None
    if rec.state == FeedState.OK:
        feed.etag, feed.last_modified = rec.etag, rec.last_modified
        feed.body_hash = rec.body_hash
        feed.title = rec.title or feed.title
        feed.ttl_minutes = rec.ttl_minutes


def _fall_back(feed: Feed) -> None:
    """Forget a moved-to address that failed for good, so the next poll tries the watch-list URL.

    A site can move a feed and later drop the new address (or move it back): rather than poll a
    dead address forever, go back to what the operator wrote; if that still redirects, the move
    is simply learnt again. A feed is never abandoned. The validators came from the other
    address, so the watch-list URL is fetched in full.
    """
    moved_to, feed.moved_to = feed.moved_to, None
    feed.etag = feed.last_modified = None
    feed.last_error = (
        f"{feed.last_error}; the moved-to address {moved_to} is gone, so the next poll tries "
        f"the watch-list URL {feed.url} again (the feed is not abandoned)"
    )
    log.warning(
        "moved feed address gone; back to the watch-list URL",
        extra={"feed_url": feed.url, "moved_to": moved_to, "stage": "store"},
    )


@retrying
def release_feed_leases(engine: Engine, owner: str) -> int:
    """Give back every feed lease `owner` holds (clean shutdown), so others can claim them."""
    with session_scope(engine) as session:
        result = session.execute(
            update(Feed)
            .where(col(Feed.lease_owner) == owner)
            .values(lease_owner=None, lease_until=None)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]


def all_feeds(engine: Engine) -> list[Feed]:
    """Return every feed row, for `monitor feeds`."""
    with session_scope(engine) as session:
        return list(session.scalars(select(Feed).order_by(col(Feed.url))))


def failing_feeds(engine: Engine, failing_before: datetime) -> list[FeedHealth]:
    """Return enabled feeds that have been failing since before `failing_before`."""
    query = select(Feed).where(
        col(Feed.enabled),
        col(Feed.failing_since).is_not(None),
        col(Feed.failing_since) <= failing_before,
    )
    with session_scope(engine) as session:
        return [
            FeedHealth(f.url, f.title or f.name, f.failing_since, f.error_count, f.last_error)
            for f in session.scalars(query.order_by(col(Feed.url)))
        ]


def count_enabled_feeds(engine: Engine) -> int:
    """Return how many feeds are enabled, for the digest's feed-health line."""
    query = select(func.count()).select_from(Feed).where(col(Feed.enabled))
    with session_scope(engine) as session:
        return int(session.execute(query).scalar_one())


@retrying
def heartbeat(
    engine: Engine, instance_id: str, now: datetime, version: str, *, renew: float = 0
) -> int:
    """Record that this instance is alive and extend its leases by `renew` seconds from now.

    Return how many feed and article leases were renewed: a slow poll keeps its work for as
    long as this instance lives, while a dead one's is taken over after STALE_AFTER.
    """
    with session_scope(engine) as session:
        row = session.get(Instance, instance_id)
        if row is None:
            session.add(Instance(id=instance_id, started_at=now, heartbeat_at=now, version=version))
        else:
            row.heartbeat_at = now
        if not renew:
            return 0
        until = now + timedelta(seconds=renew)
        # Only leases past half their time, so a beat usually writes nothing; rows our own
        # writers hold locked are skipped (they are being finished), in id order: no deadlock.
        due = now + timedelta(seconds=renew / 2)
        renewed = 0
        for table in (Feed, Article):
            ids = list(
                session.scalars(
                    select(col(table.id))
                    .where(col(table.lease_owner) == instance_id, col(table.lease_until) < due)
                    .order_by(col(table.id))
                    .with_for_update(skip_locked=True)
                )
            )
            if ids:
                session.execute(
                    update(table).where(col(table.id).in_(ids)).values(lease_until=until)
                )
                renewed += len(ids)
        return renewed


@retrying
def forget_instance(engine: Engine, instance_id: str) -> None:
    """Drop a cleanly stopped instance from the list; a crashed one stays, its heartbeat stale."""
    with session_scope(engine) as session:
        session.execute(delete(Instance).where(col(Instance.id) == instance_id))


def instances(engine: Engine) -> list[Instance]:
    """Return the instances that have run against this database, newest heartbeat first."""
    with session_scope(engine) as session:
        return list(session.scalars(select(Instance).order_by(col(Instance.heartbeat_at).desc())))


def leases_by_owner(engine: Engine, now: datetime) -> dict[str, int]:
    """Count the unexpired feed leases each instance holds right now."""
    query = (
        select(col(Feed.lease_owner), func.count())
        .where(col(Feed.lease_owner).is_not(None), col(Feed.lease_until) >= now)
        .group_by(col(Feed.lease_owner))
    )
    with session_scope(engine) as session:
        return {str(owner): int(n) for owner, n in session.execute(query).all()}


@retrying
def reserve_host_slot(engine: Engine, host: str, now: datetime, spacing: float) -> datetime:
    """Reserve the next request slot for a host across all instances; return when it starts."""
    # Imported here: `monitor feeds` reads this module, and the PostgreSQL dialect alone took
    # a seventh of its start-up on SQLite.
    if engine.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        insert: Any = pg_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        insert = sqlite_insert
    with session_scope(engine) as session:
        # Create-if-missing without a race: the first request to a new host may come from
        # several instances at once. Then lock the row; the others queue behind us.
        session.execute(
            insert(HostSlot)
            .values(host=host, next_allowed_at=now)
            .on_conflict_do_nothing(index_elements=["host"])
        )
        slot = session.get(HostSlot, host, with_for_update=True, populate_existing=True)
        assert slot is not None
        start = max(now, slot.next_allowed_at or now)
        slot.next_allowed_at = start + timedelta(seconds=spacing)
        return start
