"""Digest periods: when each one is due, in UTC, computed from the recipient's local time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True, slots=True)
class Period:
    """One digest period: its key, when it is due and the window of matches it covers (UTC)."""

    key: str  # "2026-11-28" (daily) or "2026-W48" (weekly), in the digest's timezone
    due_at: datetime
    window_start: datetime


def _due(day: date, at: time, zone: ZoneInfo) -> datetime:
    # Local wall time -> UTC. A time skipped by a DST jump resolves to the instant after the jump
    # (zoneinfo's fold=0 rule), so a 02:30 digest still goes out once on that day.
    return datetime.combine(day, at, tzinfo=zone).astimezone(UTC)


def latest_period(
    schedule: str, at: time, timezone: str, now: datetime, weekday: str = "mon"
) -> Period:
    """Return the most recent period whose due time is at or before `now`."""
    zone = ZoneInfo(timezone)
    today = now.astimezone(zone).date()
    if schedule == "weekly":
        step = 7
        day = today - timedelta(days=(today.weekday() - WEEKDAYS.index(weekday)) % 7)
    else:
        step, day = 1, today
    if _due(day, at, zone) > now:
        day -= timedelta(days=step)
    return period_for(schedule, at, zone, day, step)


def period_for(schedule: str, at: time, zone: ZoneInfo, day: date, step: int) -> Period:
    """Build the period that falls due on local `day` (start = the previous period's due time)."""
    if schedule == "weekly":
        year, week, _ = day.isocalendar()
        key = f"{year}-W{week:02d}"
    else:
        key = day.isoformat()
    return Period(key, _due(day, at, zone), _due(day - timedelta(days=step), at, zone))


def period_on(schedule: str, at: time, timezone: str, day: date, weekday: str = "mon") -> Period:
    """Return the period due on local date `day` (weekly: the last due day on or before it)."""
    zone = ZoneInfo(timezone)
    if schedule == "weekly":
        day -= timedelta(days=(day.weekday() - WEEKDAYS.index(weekday)) % 7)
        return period_for(schedule, at, zone, day, 7)
    return period_for(schedule, at, zone, day, 1)


def next_due(
    schedule: str, at: time, timezone: str, now: datetime, weekday: str = "mon"
) -> datetime:
    """Return the first due time after `now` (UTC)."""
    zone = ZoneInfo(timezone)
    step = 7 if schedule == "weekly" else 1
    latest = latest_period(schedule, at, timezone, now, weekday)
    day = latest.due_at.astimezone(zone).date() + timedelta(days=step)
    return period_for(schedule, at, zone, day, step).due_at
