"""Digest periods: due times in UTC from local wall time, across both daylight-saving changes."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from monitor.periods import Period, latest_period, period_on


def utc(text: str) -> datetime:
    """Parse '2026-03-29 05:00' as a UTC instant."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


# schedule, local time, zone, weekday, now (UTC) -> key, due (UTC), window start (UTC)
LATEST = [
    # Europe/Brussels: CET (+1) until 2026-03-29 01:00 UTC, CEST (+2) until 2026-10-25 01:00 UTC.
    (
        "daily",
        "07:00",
        "Europe/Brussels",
        "mon",
        "2026-03-28 12:00",
        "2026-03-28",
        "2026-03-28 06:00",
        "2026-03-27 06:00",
    ),
    (
        "daily",
        "07:00",
        "Europe/Brussels",
        "mon",
        "2026-03-29 04:59",
        "2026-03-28",
        "2026-03-28 06:00",
        "2026-03-27 06:00",
    ),
    (
        "daily",
        "07:00",
        "Europe/Brussels",
        "mon",
        "2026-03-29 05:00",  # 23-hour window
        "2026-03-29",
        "2026-03-29 05:00",
        "2026-03-28 06:00",
    ),
    (
        "daily",
        "07:00",
        "Europe/Brussels",
        "mon",
        "2026-03-30 05:00",
        "2026-03-30",
        "2026-03-30 05:00",
        "2026-03-29 05:00",
    ),
    (
        "daily",
        "07:00",
        "Europe/Brussels",
        "mon",
        "2026-10-25 05:59",
        "2026-10-24",
        "2026-10-24 05:00",
        "2026-10-23 05:00",
    ),
    (
        "daily",
        "07:00",
        "Europe/Brussels",
        "mon",
        "2026-10-25 06:00",  # 25-hour window
        "2026-10-25",
        "2026-10-25 06:00",
        "2026-10-24 05:00",
    ),
    (
        "daily",
        "07:00",
        "Europe/Brussels",
        "mon",
        "2026-11-28 06:00",
        "2026-11-28",
        "2026-11-28 06:00",
        "2026-11-27 06:00",
    ),
    # America/New_York: EDT from 2026-03-08, EST from 2026-11-01.
    (
        "daily",
        "08:00",
        "America/New_York",
        "mon",
        "2026-03-08 12:00",
        "2026-03-08",
        "2026-03-08 12:00",
        "2026-03-07 13:00",
    ),
    (
        "daily",
        "08:00",
        "America/New_York",
        "mon",
        "2026-03-08 11:59",
        "2026-03-07",
        "2026-03-07 13:00",
        "2026-03-06 13:00",
    ),
    (
        "daily",
        "08:00",
        "America/New_York",
        "mon",
        "2026-11-01 13:00",
        "2026-11-01",
        "2026-11-01 13:00",
        "2026-10-31 12:00",
    ),
    (
        "daily",
        "23:30",
        "America/New_York",
        "mon",
        "2026-11-02 03:00",  # local day is still 1 Nov
        "2026-10-31",
        "2026-11-01 03:30",
        "2026-10-31 03:30",
    ),
    # Asia/Singapore: +8 all year, so every window is exactly a day or a week.
    (
        "daily",
        "07:00",
        "Asia/Singapore",
        "mon",
        "2026-03-29 00:00",
        "2026-03-29",
        "2026-03-28 23:00",
        "2026-03-27 23:00",
    ),
    (
        "weekly",
        "08:00",
        "Asia/Singapore",
        "mon",
        "2026-03-30 00:00",
        "2026-W14",
        "2026-03-30 00:00",
        "2026-03-23 00:00",
    ),
    (
        "weekly",
        "08:00",
        "Asia/Singapore",
        "mon",
        "2026-03-29 23:59",
        "2026-W13",
        "2026-03-23 00:00",
        "2026-03-16 00:00",
    ),
    (
        "weekly",
        "08:00",
        "Asia/Singapore",
        "mon",
        "2026-11-01 12:00",  # a Sunday: last Monday
        "2026-W44",
        "2026-10-26 00:00",
        "2026-10-19 00:00",
    ),
    # Weekly in a DST zone: the window spanning a change is 167 or 169 hours long.
    (
        "weekly",
        "08:00",
        "Europe/Brussels",
        "mon",
        "2026-03-30 06:00",
        "2026-W14",
        "2026-03-30 06:00",
        "2026-03-23 07:00",
    ),
    (
        "weekly",
        "08:00",
        "Europe/Brussels",
        "mon",
        "2026-10-26 07:00",
        "2026-W44",
        "2026-10-26 07:00",
        "2026-10-19 06:00",
    ),
    (
        "weekly",
        "09:00",
        "America/New_York",
        "fri",
        "2026-11-06 14:00",
        "2026-W45",
        "2026-11-06 14:00",
        "2026-10-30 13:00",
    ),
]


@pytest.mark.parametrize(
    ("schedule", "at", "zone", "weekday", "now", "key", "due", "start"), LATEST
)
def test_latest_period(
    schedule: str, at: str, zone: str, weekday: str, now: str, key: str, due: str, start: str
) -> None:
    period = latest_period(schedule, time.fromisoformat(at), zone, utc(now), weekday)
    assert period == Period(key, utc(due), utc(start))


@pytest.mark.parametrize(
    ("day", "due", "start"),
    [
        ("2026-03-28", "2026-03-28 01:30", "2026-03-27 01:30"),
        ("2026-03-29", "2026-03-29 01:30", "2026-03-28 01:30"),  # 02:30 does not exist: 03:30 CEST
        ("2026-03-30", "2026-03-30 00:30", "2026-03-29 01:30"),
        ("2026-10-25", "2026-10-25 00:30", "2026-10-24 00:30"),  # 02:30 happens twice: the first
        ("2026-10-26", "2026-10-26 01:30", "2026-10-25 00:30"),
    ],
)
def test_a_0230_digest_on_both_change_days(day: str, due: str, start: str) -> None:
    period = period_on("daily", time(2, 30), "Europe/Brussels", date.fromisoformat(day))
    assert period == Period(day, utc(due), utc(start))


def _sweep(
    schedule: str, at: time, zone: str, weekday: str, start: datetime, days: int
) -> list[Period]:
    """Tick every 5 minutes for `days` days; return each period the first time it is due."""
    seen: dict[str, Period] = {}
    now = start
    while now < start + timedelta(days=days):
        period = latest_period(schedule, at, zone, now, weekday)
        assert period.due_at <= now
        seen.setdefault(period.key, period)
        assert seen[period.key] == period  # the same key always means the same due time
        now += timedelta(minutes=5)
    return list(seen.values())


@pytest.mark.parametrize(
    ("zone", "start"),
    [
        ("Europe/Brussels", "2026-03-26 00:00"),
        ("Europe/Brussels", "2026-10-22 00:00"),
        ("America/New_York", "2026-03-05 00:00"),
        ("America/New_York", "2026-10-29 00:00"),
        ("Asia/Singapore", "2026-03-26 00:00"),
    ],
)
@pytest.mark.parametrize("at", [time(0, 0), time(1, 30), time(2, 30), time(7, 0), time(23, 59)])
def test_every_local_day_has_one_period_and_windows_join_up(
    zone: str, start: str, at: time
) -> None:
    periods = _sweep("daily", at, zone, "mon", utc(start), 8)
    keys = [p.key for p in periods]
    first = date.fromisoformat(keys[0])
    assert keys == [(first + timedelta(days=n)).isoformat() for n in range(len(keys))]
    assert len(keys) >= 8  # consecutive local days: none skipped, none doubled
    for before, after in zip(periods, periods[1:], strict=False):
        assert after.window_start == before.due_at  # window = since the previous due time
        assert timedelta(hours=23) <= after.due_at - before.due_at <= timedelta(hours=25)


@pytest.mark.parametrize(
    ("zone", "weekday"),
    [
        ("Europe/Brussels", "mon"),
        ("America/New_York", "sun"),
        ("Asia/Singapore", "mon"),
    ],
)
def test_weekly_periods_are_one_per_week_and_join_up(zone: str, weekday: str) -> None:
    periods = _sweep("weekly", time(8, 0), zone, weekday, utc("2026-02-26 00:00"), 49)
    assert len(periods) == 8  # the one due before the sweep, then one per week
    assert len({p.key for p in periods}) == 8
    for before, after in zip(periods, periods[1:], strict=False):
        assert after.window_start == before.due_at
        assert timedelta(hours=167) <= after.due_at - before.due_at <= timedelta(hours=169)


def test_spring_forward_0230_goes_out_exactly_once_that_day() -> None:
    periods = _sweep("daily", time(2, 30), "Europe/Brussels", "mon", utc("2026-03-28 12:00"), 2)
    due_that_day = [p for p in periods if p.key == "2026-03-29"]
    assert due_that_day == [Period("2026-03-29", utc("2026-03-29 01:30"), utc("2026-03-28 01:30"))]


def test_period_on_a_weekday_gives_the_last_due_one() -> None:
    wednesday = date(2026, 11, 25)
    period = period_on("weekly", time(8, 0), "Asia/Singapore", wednesday, "mon")
    assert period == Period("2026-W48", utc("2026-11-23 00:00"), utc("2026-11-16 00:00"))
    assert period_on("weekly", time(8, 0), "Asia/Singapore", date(2026, 11, 23), "mon") == period
