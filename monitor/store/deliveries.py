"""Digest outbox: one row per (digest, recipient, period), pending -> sending -> sent / failed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, and_, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col

from monitor.states import DeliveryStatus
from monitor.store.db import session_scope
from monitor.store.tables import Delivery, DigestItem, DigestSchedule


@dataclass(frozen=True, slots=True)
class DeliveryRef:
    """A delivery this instance has claimed and must now send."""

    id: int
    digest_id: str
    recipient: str
    period: str
    due_at: datetime
    window_start: datetime
    attempts: int
    late: bool


@dataclass(frozen=True, slots=True)
class PlannedPeriod:
    """A digest period that is due: who gets it and which window it covers."""

    digest_id: str
    period: str
    due_at: datetime
    window_start: datetime
    recipients: tuple[str, ...]


def _insert(engine: Engine) -> Any:
    return pg_insert if engine.dialect.name == "postgresql" else sqlite_insert


def digest_anchor(engine: Engine, digest_id: str, now: datetime) -> datetime:
    """Return when this digest was first seen; periods due before then are never sent."""
    # Insert-or-ignore: instances starting together must not both insert (a primary-key error).
    stmt = _insert(engine)(DigestSchedule).values(digest_id=digest_id, anchor_at=now)
    with session_scope(engine) as session:
        session.execute(stmt.on_conflict_do_nothing(index_elements=["digest_id"]))
        row = session.get(DigestSchedule, digest_id)
        return (row.anchor_at if row else None) or now


def last_due_before(engine: Engine, digest_id: str, before: datetime) -> datetime | None:
    """Return the due time of the digest's latest planned period before `before`, if any."""
    query = select(func.max(col(Delivery.due_at))).where(
        col(Delivery.digest_id) == digest_id, col(Delivery.due_at) < before
    )
    with session_scope(engine) as session:
        return session.execute(query).scalar()


def plan_deliveries(engine: Engine, plan: PlannedPeriod, *, now: datetime, grace: float) -> int:
    """Create the period's delivery rows (once ever, thanks to the unique key); return how many."""
    # A recipient added after its period was planned starts with the next one: sending the
    # current period hours later would wrongly say the monitor had not been running.
    planned = (
        select(col(Delivery.id))
        .where(col(Delivery.digest_id) == plan.digest_id, col(Delivery.period) == plan.period)
        .limit(1)
    )
    late = (now - plan.due_at).total_seconds() > grace
    rows = [
        dict(
            digest_id=plan.digest_id,
            recipient=r,
            period=plan.period,
            due_at=plan.due_at,
            window_start=plan.window_start,
            status=DeliveryStatus.PENDING,
            attempts=0,
            next_attempt_at=plan.due_at,
            late=late,
            stories=0,
        )
        for r in plan.recipients
    ]
    stmt = (
        _insert(engine)(Delivery)
        .values(rows)
        .on_conflict_do_nothing(index_elements=["digest_id", "recipient", "period"])
        .returning(col(Delivery.id))
    )
    with session_scope(engine) as session:
        if session.execute(planned).first() is not None:
            return 0
        return len(session.execute(stmt).all())  # rows actually inserted


def claim_deliveries(
    engine: Engine,
    owner: str,
    now: datetime,
    *,
    lease: float,
    limit: int = 20,
    digest_ids: Sequence[str] | None = None,
) -> list[DeliveryRef]:
    """Lease due deliveries (of some digests only, if given), including orphaned 'sending' ones."""
    retry = and_(
        col(Delivery.status) == DeliveryStatus.PENDING, col(Delivery.next_attempt_at) <= now
    )
    stale = and_(col(Delivery.status) == DeliveryStatus.SENDING, col(Delivery.lease_until) < now)
    query = select(Delivery).where(or_(retry, stale))
    if digest_ids is not None:
        query = query.where(col(Delivery.digest_id).in_(digest_ids))
    query = query.order_by(col(Delivery.due_at)).limit(limit).with_for_update(skip_locked=True)
    with session_scope(engine) as session:
        rows = list(session.scalars(query))
        for row in rows:
            row.status, row.lease_owner = DeliveryStatus.SENDING, owner
            row.lease_until = now + timedelta(seconds=lease)
            row.attempts += 1
        return [
            DeliveryRef(
                r.id or 0,
                r.digest_id,
                r.recipient,
                r.period,
                r.due_at or now,
                r.window_start or now,
                r.attempts,
                r.late,
            )
            for r in rows
        ]


def mark_sent(
    engine: Engine,
    delivery_id: int,
    owner: str,
    *,
    message_id: str,
    now: datetime,
    stories: Mapping[int, str | None],
) -> bool:
    """Record a delivery as sent if it is still ours; remember stories once the period is done."""
    with session_scope(engine) as session:
        row = _locked_own(session, delivery_id, owner)
        if row is None:
            return False
        row.status, row.sent_at, row.message_id = DeliveryStatus.SENT, now, message_id
        row.lease_owner, row.lease_until, row.last_error = None, None, None
        row.stories = len(stories)
        _finish_period(session, row, stories, now)
        return True


def mark_failed(
    engine: Engine,
    delivery_id: int,
    owner: str,
    *,
    error: str,
    retry_at: datetime | None,
    stories: Mapping[int, str | None] | None = None,
    now: datetime | None = None,
) -> bool:
    """Record a failed attempt: back to pending with a retry time, or failed for good."""
    with session_scope(engine) as session:
        row = _locked_own(session, delivery_id, owner)
        if row is None:
            return False
        row.last_error, row.lease_owner, row.lease_until = error, None, None
        row.status = DeliveryStatus.PENDING if retry_at is not None else DeliveryStatus.FAILED
        row.next_attempt_at = retry_at
        if retry_at is None and stories is not None:
            _finish_period(session, row, stories, now or row.due_at)
        return True


def _locked_own(session: Session, delivery_id: int, owner: str) -> Delivery | None:
    """Lock every row of the delivery's period (in id order) and return it if `owner` holds it."""
    # Locking the whole period serialises the recipients' last updates, so exactly one of
    # them sees the period complete; id order keeps two instances from deadlocking.
    key = session.execute(
        select(col(Delivery.digest_id), col(Delivery.period)).where(col(Delivery.id) == delivery_id)
    ).first()
    if key is None:
        return None
    group = list(
        session.scalars(
            select(Delivery)
            .where(col(Delivery.digest_id) == key[0], col(Delivery.period) == key[1])
            .order_by(col(Delivery.id))
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    )
    row = next((r for r in group if r.id == delivery_id), None)
    return row if row is not None and row.lease_owner == owner else None


def _finish_period(
    session: Session, row: Delivery, stories: Mapping[int, str | None], now: datetime | None
) -> None:
    """Remember the period's stories once no recipient of it is left to send to."""
    # Not per recipient: a retry for a second recipient must show the same stories as the
    # first got, so they become "already sent" only when the whole period is finished.
    session.flush()
    statuses = set(
        session.scalars(
            select(col(Delivery.status)).where(
                col(Delivery.digest_id) == row.digest_id, col(Delivery.period) == row.period
            )
        )
    )
    if (
        statuses <= {DeliveryStatus.SENT, DeliveryStatus.FAILED}
        and DeliveryStatus.SENT in statuses
        and stories
    ):
        _remember_stories(session, row.digest_id, stories, now)


def _remember_stories(
    session: Session, digest_id: str, stories: Mapping[int, str | None], now: datetime | None
) -> None:
    existing = {
        item.article_id: item
        for item in session.scalars(
            select(DigestItem).where(
                col(DigestItem.digest_id) == digest_id,
                col(DigestItem.article_id).in_(list(stories)),
            )
        )
    }
    for article_id, content_hash in stories.items():
        item = existing.get(article_id)
        if item is None:
            session.add(
                DigestItem(
                    digest_id=digest_id,
                    article_id=article_id,
                    content_hash=content_hash,
                    sent_at=now,
                )
            )
        else:
            item.content_hash, item.sent_at = content_hash, now


def sent_story_hashes(engine: Engine, digest_id: str) -> dict[int, str | None]:
    """Return the stories a digest has already shown, with their content hash at the time."""
    query = select(col(DigestItem.article_id), col(DigestItem.content_hash)).where(
        col(DigestItem.digest_id) == digest_id
    )
    with session_scope(engine) as session:
        return dict(session.execute(query).all())


def release_delivery_leases(engine: Engine, owner: str) -> int:
    """Hand back deliveries claimed but not yet sent (clean shutdown)."""
    stmt = (
        update(Delivery)
        .where(col(Delivery.lease_owner) == owner, col(Delivery.status) == DeliveryStatus.SENDING)
        .values(status=DeliveryStatus.PENDING, lease_owner=None, lease_until=None)
    )
    with session_scope(engine) as session:
        return int(session.execute(stmt).rowcount or 0)  # type: ignore[attr-defined]


def recipient_period(
    engine: Engine, digest_id: str, recipient: str, window_start: datetime
) -> tuple[str, datetime, datetime] | None:
    """Return (period key, window start, due time) of a recipient's delivery, or None."""
    query = select(col(Delivery.period), col(Delivery.window_start), col(Delivery.due_at)).where(
        col(Delivery.digest_id) == digest_id,
        col(Delivery.recipient) == recipient,
        col(Delivery.window_start) == window_start,
    )
    with session_scope(engine) as session:
        row = session.execute(query.limit(1)).first()
    return (row[0], row[1], row[2]) if row else None
