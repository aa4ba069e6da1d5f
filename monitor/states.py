"""The three state machines the store keeps: a feed's, an article's and a delivery's.

Each is a StrEnum, so a member is its own database value ("ok", "pending", ...): the tables
store plain strings, and rows read back compare equal to the members.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal


class FeedState(StrEnum):
    """What a feed's last poll found: new (never polled) -> ok | not_modified | error.

    Any state -> removed when the watch-list drops the feed (kept, no longer polled), and
    removed -> new when it names the feed again.
    """

    NEW = "new"
    OK = "ok"
    NOT_MODIFIED = "not_modified"
    ERROR = "error"
    REMOVED = "removed"


# A poll whose feed lease expired before its result was stored: reported, never stored.
LOST_LEASE: Literal["lost_lease"] = "lost_lease"
PollState = FeedState | Literal["lost_lease"]


class ArticleStatus(StrEnum):
    """An article's progress: pending (stored from its feed) -> done | duplicate."""

    PENDING = "pending"  # stored from the feed, page not yet analysed (never given up on)
    DONE = "done"
    DUPLICATE = "duplicate"  # the page declared itself a copy of `duplicate_of` (rel=canonical)


class DeliveryStatus(StrEnum):
    """A digest delivery: pending -> sending -> sent, or back to pending (retry) or failed."""

    PENDING = "pending"
    SENDING = "sending"  # leased by an instance that is handing it to SMTP
    SENT = "sent"
    FAILED = "failed"  # retries exhausted
