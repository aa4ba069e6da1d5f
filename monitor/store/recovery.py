"""Start-up recovery for the single-instance (SQLite) case: hand back a dead process's leases."""

from __future__ import annotations

from sqlalchemy import Engine, update
from sqlmodel import col

from monitor.states import DeliveryStatus
from monitor.store.db import session_scope
from monitor.store.tables import Article, Delivery, Feed


def release_orphaned_leases(engine: Engine) -> int:
    """Clear every lease; call only while holding the instance lock, which proves no one else runs.

    A process killed mid-work leaves its leases behind; with one instance there is no one to wait
    for, so the restarted service takes the work back at once instead of after the lease time.
    A delivery caught in 'sending' is tried again: if the dead process had already handed it to
    the SMTP server, the resend carries the same Message-ID.
    """
    with session_scope(engine) as session:
        released = 0
        for table in (Feed, Article):
            result = session.execute(
                update(table)
                .where(col(table.lease_owner).is_not(None))
                .values(lease_owner=None, lease_until=None)
            )
            released += int(result.rowcount or 0)  # type: ignore[attr-defined]
        result = session.execute(
            update(Delivery)
            .where(col(Delivery.status) == DeliveryStatus.SENDING)
            .values(status=DeliveryStatus.PENDING, lease_owner=None, lease_until=None)
        )
        return released + int(result.rowcount or 0)  # type: ignore[attr-defined]
