"""A crashed instance's work is taken over once its heartbeat stops; a live slow one keeps its own.

Real `monitor run` processes on the real PostgreSQL, sharing a simulated clock
(MONITOR_TEST_CLOCK, ten simulated seconds per real one) so that minutes of leases and
heartbeats pass in seconds. Assertions are on the shared simulated timeline, never on real time.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from monitor.store.db import session_scope
from monitor.store.feeds import STALE_AFTER
from monitor.store.tables import Feed, Instance
from tests.test_scale_pg import (
    _config,
    _stories,
    assert_stored_once,
    cluster,
    finished,
    prepare,
    release_feeds,
    scalar,
    site,
    wait_for,
    wait_instances,
)

pytestmark = [pytest.mark.slow, pytest.mark.postgres]
RATE = 10.0


@contextmanager
def shared_clock() -> Iterator[None]:
    """Give the instances started in the block one simulated timeline, starting now."""
    os.environ["MONITOR_TEST_CLOCK"] = f"{datetime.now(UTC).isoformat()}@{time.time()}@{RATE}"
    try:
        yield
    finally:
        del os.environ["MONITOR_TEST_CLOCK"]


def test_a_crashed_instance_is_taken_over_within_a_minute(pg_url: str, tmp_path: Path) -> None:
    count = 60
    with site(count, delay=0.5) as feeds, shared_clock():
        # An hour's lease: before heartbeats counted, the victim's feeds waited for all of it.
        config = _config(tmp_path, pg_url, feeds, lease="1h", batch_size=10)
        engine = prepare(pg_url, config)
        with cluster(config, tmp_path) as running:
            victim, _ = running.start(2)
            victim_id = running.ids()[victim.pid]
            wait_instances(engine, running, 2)
            release_feeds(engine)
            held = "SELECT count(*) FROM feed WHERE lease_owner = :o AND last_polled_at IS NULL"
            wait_for(lambda: scalar(engine, held, o=victim_id) > 0, "victim mid-cycle", running)
            with session_scope(engine) as session:
                taken = set(session.scalars(select(Feed.id).where(Feed.lease_owner == victim_id)))
            victim.send_signal(signal.SIGKILL)
            victim.wait(timeout=30)
            wait_for(finished(engine, _stories(count)), "every story analysed", running)
            assert running.terminate(running.procs[1]) == 0
        with session_scope(engine) as session:
            last_beat = session.get(Instance, victim_id).heartbeat_at  # type: ignore[union-attr]
            polled = list(session.scalars(select(Feed.last_polled_at).where(Feed.id.in_(taken))))
        assert_stored_once(engine, _stories(count))
        # Taken over a few missed beats after the last one, not after the hour's lease.
        latest = max(p for p in polled if p is not None)
        assert latest - last_beat < timedelta(seconds=STALE_AFTER) + timedelta(minutes=2)
        engine.dispose()


def test_a_live_slow_instance_keeps_its_leases(pg_url: str, tmp_path: Path) -> None:
    count = 30
    # Each feed answers in 4 real seconds (40 simulated), twice the 20 s lease: without renewal
    # the other instance would claim the expired leases and poll the same feeds again.
    with site(count, delay=4.0) as feeds, shared_clock():
        config = _config(tmp_path, pg_url, feeds, lease="20s", batch_size=40)
        engine = prepare(pg_url, config)
        with cluster(config, tmp_path) as running:
            running.start(2)
            wait_instances(engine, running, 2)
            release_feeds(engine)
            wait_for(finished(engine, _stories(count)), "every story analysed", running)
            assert [running.terminate(p) for p in running.procs] == [0, 0]
        assert feeds.hits() == [1] * count  # nobody polled a feed another instance was polling
        assert_stored_once(engine, _stories(count))
        engine.dispose()
