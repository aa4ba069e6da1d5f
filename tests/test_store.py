"""Storage on a real SQLite file and the real PostgreSQL: idempotent writes, leases, outbox."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from monitor.models import ArticleAnalysis, ArticleInput, Hit, Quote, TopicMatch
from monitor.store import articles, core, deliveries, feeds, make_engine, matched, upgrade
from monitor.store.db import InstanceLock, session_scope
from monitor.store.tables import Article, Delivery, Feed, QuoteRow, TopicMatchRow

NOW = datetime(2026, 11, 28, 6, 0, tzinfo=UTC)


def _feed(engine: Engine, url: str = "https://a.example/rss") -> feeds.FeedRef:
    feeds.sync_feeds(engine, [feeds.FeedSource(url, "A")], NOW)
    (ref,) = feeds.claim_due_feeds(engine, "me", NOW, lease=60, limit=10)
    return ref


def _entry(url: str, text: str = "summary") -> articles.NewEntry:
    return articles.NewEntry(url, "Title", None, text, NOW, None, f"hash-{text}")


def test_migrations_are_idempotent(db_url: str) -> None:
    upgrade(db_url)
    upgrade(db_url)  # a second start-up finds nothing to do


def test_the_same_url_from_two_feeds_is_stored_once(engine: Engine) -> None:
    first = _feed(engine, "https://a.example/rss")
    assert articles.add_entries(engine, first.id, "A", [_entry("https://n.example/1")], NOW) == (
        1,
        0,
    )
    assert articles.add_entries(engine, first.id, "B", [_entry("https://n.example/1")], NOW) == (
        0,
        0,
    )
    with session_scope(engine) as session:
        assert session.scalar(select(func.count()).select_from(Article)) == 1


def test_an_edited_entry_is_queued_again(engine: Engine) -> None:
    feed = _feed(engine)
    articles.add_entries(engine, feed.id, "A", [_entry("https://n.example/1", "v1")], NOW)
    (pending,) = articles.claim_pending(engine, "me", NOW, lease=60, limit=10)
    _save(engine, pending.id)
    assert articles.add_entries(
        engine, feed.id, "A", [_entry("https://n.example/1", "v2")], NOW
    ) == (0, 1)
    assert [p.url for p in articles.claim_pending(engine, "me", NOW, lease=60, limit=10)] == [
        "https://n.example/1"
    ]


def _save(engine: Engine, article_id: int, owner: str = "me", topic: str = "t") -> bool:
    analysis = ArticleAnalysis(
        ArticleInput("https://n.example/1", "Title", "China and NATO said “no”, he said."),
        matches=(
            TopicMatch(topic, True, 0.8, (Hit("China", "body", 0, 5),), why="china"),
            TopicMatch("other", False, 0.1),
        ),
        quotes=(Quote("no", 27, 29, "direct", "Lin Jian", "he", "said", 0.9),),
    )
    record = articles.AnalysisRecord(article_id, analysis, "c1", -5, NOW)
    return article_id in articles.save_analyses(engine, owner, [record])


def test_saving_again_replaces_matches_and_quotes_atomically(engine: Engine) -> None:
    feed = _feed(engine)
    articles.add_entries(engine, feed.id, "A", [_entry("https://n.example/1")], NOW)
    (pending,) = articles.claim_pending(engine, "me", NOW, lease=60, limit=10)
    assert _save(engine, pending.id)
    # Re-processing (after an edit or a crash) must not double anything.
    with session_scope(engine) as session:
        session.get(Article, pending.id).lease_owner = "me"
    assert _save(engine, pending.id)
    with session_scope(engine) as session:
        assert session.scalar(select(func.count()).select_from(TopicMatchRow)) == 1
        assert session.scalar(select(func.count()).select_from(QuoteRow)) == 1
    (match,) = matched.matches_between(
        engine, ["t"], NOW - timedelta(hours=1), NOW + timedelta(hours=1)
    )
    assert match.terms == ("China",) and match.quotes[0].speaker == "Lin Jian"
    assert match.fingerprint == (-5) & 0xFFFFFFFFFFFFFFFF


def test_a_worker_whose_lease_was_taken_cannot_overwrite(engine: Engine) -> None:
    feed = _feed(engine)
    articles.add_entries(engine, feed.id, "A", [_entry("https://n.example/1")], NOW)
    (pending,) = articles.claim_pending(engine, "old", NOW, lease=60, limit=10)
    later = NOW + timedelta(minutes=5)
    (again,) = articles.claim_pending(engine, "new", later, lease=60, limit=10)  # lease expired
    assert again.id == pending.id
    assert (pending.attempts, again.attempts) == (1, 2)
    assert articles.claim_pending(engine, "other", later, lease=60, limit=10) == []  # leased
    with session_scope(engine) as session:
        row = session.get(Article, pending.id)
        assert row is not None
        assert (row.lease_owner, row.attempts) == ("new", 2)
    assert not _save(engine, pending.id, owner="old")
    assert _save(engine, pending.id, owner="new")


def _analysed(article_id: int, topic: str) -> articles.AnalysisRecord:
    analysis = ArticleAnalysis(
        ArticleInput(f"https://n.example/{article_id}", "T", "Beijing said “yes”."),
        matches=(TopicMatch(topic, True, 0.5, (Hit("Beijing", "body", 0, 7),), why="b"),),
        quotes=(Quote("yes", 15, 18, "direct", None, None, "said", 0.5),),
    )
    return articles.AnalysisRecord(article_id, analysis, f"c{article_id}", article_id, NOW)


def test_a_batch_stores_only_the_articles_whose_lease_is_still_ours(engine: Engine) -> None:
    feed = _feed(engine)
    urls = [f"https://n.example/{i}" for i in range(4)]
    articles.add_entries(engine, feed.id, "A", [_entry(u) for u in urls], NOW)
    claimed = articles.claim_pending(engine, "me", NOW, lease=60, limit=10)
    stolen = claimed[1].id
    with session_scope(engine) as session:
        session.get(Article, stolen).lease_owner = "other"  # as if our lease had expired
    saved = articles.save_analyses(engine, "me", [_analysed(p.id, "t") for p in claimed])
    assert set(saved) == {p.id for p in claimed} - {stolen}
    with session_scope(engine) as session:
        done = set(session.scalars(select(Article.id).where(Article.status == "done")))
        matched = list(session.scalars(select(TopicMatchRow.article_id)))
        quoted = list(session.scalars(select(QuoteRow.article_id)))
    assert done == set(saved) and sorted(matched) == sorted(saved) == sorted(quoted)


def test_the_writer_batches_saves_and_answers_each_caller(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    batches: list[int] = []
    store = articles.save_analyses

    def counting(engine: Engine, owner: str, items: Sequence[Any], **kw: Any) -> dict[int, Any]:
        batches.append(len(items))  # the real store call, watched: one transaction per call
        return store(engine, owner, items, **kw)

    monkeypatch.setattr(articles, "save_analyses", counting)
    asyncio.run(_writer_scenario(engine))
    assert batches == [3, 2, 1]  # five saves in two transactions, then the other owner's one


async def _writer_scenario(engine: Engine) -> None:
    from monitor.flow import analysis_writer

    feed = _feed(engine)
    urls = [f"https://n.example/{i}" for i in range(5)]
    articles.add_entries(engine, feed.id, "A", [_entry(u) for u in urls], NOW)
    claimed = articles.claim_pending(engine, "me", NOW, lease=60, limit=10)
    writer = analysis_writer(engine, "me", size=3, delay=0.01)
    results = await asyncio.gather(*(writer.submit(_analysed(p.id, "t")) for p in claimed))
    assert results == ["done"] * 5  # a full batch of 3, then the 2 left by the timer
    writer_for_someone_else = analysis_writer(engine, "not-me", size=1)
    assert await writer_for_someone_else.submit(_analysed(claimed[0].id, "t")) == "lost"
    with session_scope(engine) as session:
        assert session.scalar(select(func.count()).select_from(TopicMatchRow)) == 5


def test_a_failed_batch_fails_every_caller_in_it(tmp_path: Path) -> None:
    from monitor.flow import analysis_writer

    broken = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")  # no tables: the write fails
    writer = analysis_writer(broken, "me", size=2)

    async def both() -> list[object]:
        saves = (writer.submit(_analysed(1, "t")), writer.submit(_analysed(2, "t")))
        return await asyncio.gather(*saves, return_exceptions=True)

    results = asyncio.run(both())
    assert all(isinstance(r, Exception) and "article" in str(r) for r in results)
    broken.dispose()


def test_a_feed_taken_out_of_the_watch_list_is_removed_and_due_again_when_back(
    engine: Engine,
) -> None:
    a, b = feeds.FeedSource("https://a.example/rss"), feeds.FeedSource("https://b.example/rss")
    feeds.sync_feeds(engine, [a, b], NOW)
    (claimed,) = feeds.claim_due_feeds(engine, "me", NOW, lease=60, limit=1)
    later = NOW + timedelta(hours=1)
    feeds.sync_feeds(engine, [b] if claimed.url == a.url else [a], later)
    states = {f.url: (f.state, f.enabled) for f in feeds.all_feeds(engine)}
    assert states[claimed.url] == ("removed", False)
    due = feeds.claim_due_feeds(engine, "me", later, lease=60, limit=10, everything=True)
    assert [f.url for f in due] == [u for u in (a.url, b.url) if u != claimed.url]
    feeds.release_feed_leases(engine, "me")
    feeds.sync_feeds(engine, [a, b], later)  # put back: due at once, never polled at its URL
    back = [f for f in feeds.all_feeds(engine) if f.url == claimed.url]
    assert [(f.state, f.enabled, f.next_poll_at) for f in back] == [("new", True, later)]


def test_the_core_read_of_feeds_returns_what_the_orm_reads(engine: Engine) -> None:
    a, b = feeds.FeedSource("https://b.example/rss", "B"), feeds.FeedSource("https://a.example/rss")
    feeds.sync_feeds(engine, [a, b], NOW)
    (ref,) = feeds.claim_due_feeds(engine, "me", NOW, lease=60, limit=1)
    error = feeds.PollRecord("error", NOW + timedelta(minutes=5), status=500, error="fetch: boom")
    assert _record(engine, ref.id, "me", error)
    names = [c.name for c in core.FEED_COLUMNS.columns]
    expected = [tuple(getattr(f, n) for n in names) for f in feeds.all_feeds(engine)]
    got = [tuple(getattr(f, n) for n in names) for f in core.feed_rows(engine)]
    assert got == expected and len(got) == 2
    assert any(row[names.index("last_polled_at")] == NOW for row in got)  # aware UTC both ways


def test_the_core_feed_columns_match_the_sqlmodel_table() -> None:
    orm = Feed.__table__.columns  # type: ignore[attr-defined]
    for column in core.FEED_COLUMNS.columns:
        assert column.name in orm, column.name
        # The datetimes are the same UTCDateTime; SQLModel's AutoString decorates a String.
        kind, declared = type(column.type), orm[column.name].type
        assert isinstance(declared, kind) or isinstance(declared.impl, kind), column.name


def test_due_feeds_are_claimed_once_until_the_lease_expires(engine: Engine) -> None:
    feeds.sync_feeds(engine, [feeds.FeedSource(f"https://h{i}.example/rss") for i in range(5)], NOW)
    first = feeds.claim_due_feeds(engine, "a", NOW, lease=60, limit=3)
    second = feeds.claim_due_feeds(engine, "b", NOW, lease=60, limit=10)
    assert len(first) == 3 and len(second) == 2
    assert not {f.id for f in first} & {f.id for f in second}
    assert feeds.claim_due_feeds(engine, "c", NOW, lease=60, limit=10) == []
    assert (
        len(feeds.claim_due_feeds(engine, "c", NOW + timedelta(seconds=61), lease=60, limit=10))
        == 5
    )


def _record(engine: Engine, feed_id: int, owner: str, rec: feeds.PollRecord) -> bool:
    return feed_id in feeds.record_polls(engine, owner, [feeds.Polled(feed_id, NOW, rec)])


def test_poll_results_are_recorded_only_under_our_lease(engine: Engine) -> None:
    feed = _feed(engine)
    error = feeds.PollRecord("error", NOW + timedelta(minutes=5), status=500, error="fetch: boom")
    assert not _record(engine, feed.id, "someone-else", error)
    assert _record(engine, feed.id, "me", error)
    (row,) = feeds.all_feeds(engine)
    assert (row.state, row.error_count, row.last_error, row.lease_owner) == (
        "error",
        1,
        "fetch: boom",
        None,
    )
    assert feeds.failing_feeds(engine, NOW)[0].last_error == "fetch: boom"
    feeds.claim_due_feeds(engine, "me", NOW + timedelta(minutes=5), lease=60, limit=1)
    ok = feeds.PollRecord("ok", NOW + timedelta(minutes=20), status=200, etag='"v1"')
    assert _record(engine, feed.id, "me", ok)
    (row,) = feeds.all_feeds(engine)
    assert (row.error_count, row.failing_since, row.etag) == (0, None, '"v1"')


def test_release_leases_makes_feeds_claimable_at_once(engine: Engine) -> None:
    _feed(engine)
    assert feeds.release_feed_leases(engine, "me") == 1
    assert len(feeds.claim_due_feeds(engine, "other", NOW, lease=60, limit=5)) == 1


def test_a_delivery_exists_once_per_digest_recipient_and_period(engine: Engine) -> None:
    plan = deliveries.PlannedPeriod(
        "daily", "2026-11-28", NOW, NOW - timedelta(days=1), ("a@x.org", "b@x.org")
    )
    assert deliveries.plan_deliveries(engine, plan, now=NOW, grace=900) == 2
    assert deliveries.plan_deliveries(engine, plan, now=NOW, grace=900) == 0
    claimed = deliveries.claim_deliveries(engine, "me", NOW, lease=60)
    assert len(claimed) == 2 and deliveries.claim_deliveries(engine, "other", NOW, lease=60) == []
    assert deliveries.mark_sent(engine, claimed[0].id, "me", message_id="<m>", now=NOW, stories={})
    assert deliveries.mark_failed(
        engine, claimed[1].id, "me", error="451", retry_at=NOW + timedelta(minutes=1)
    )
    assert deliveries.claim_deliveries(engine, "me", NOW, lease=60) == []
    (retry,) = deliveries.claim_deliveries(engine, "me", NOW + timedelta(minutes=1), lease=60)
    assert retry.recipient == claimed[1].recipient and retry.attempts == 2
    with session_scope(engine) as session:
        statuses = sorted(d.status for d in session.scalars(select(Delivery)))
    assert statuses == ["sending", "sent"]


def test_a_sender_that_died_mid_send_is_taken_over_after_its_lease(engine: Engine) -> None:
    plan = deliveries.PlannedPeriod(
        "daily", "2026-11-28", NOW, NOW - timedelta(days=1), ("a@x.org",)
    )
    deliveries.plan_deliveries(engine, plan, now=NOW, grace=900)
    (first,) = deliveries.claim_deliveries(engine, "dead", NOW, lease=60)
    assert deliveries.claim_deliveries(engine, "alive", NOW + timedelta(seconds=30), lease=60) == []
    (taken,) = deliveries.claim_deliveries(engine, "alive", NOW + timedelta(seconds=61), lease=60)
    assert taken.id == first.id
    assert not deliveries.mark_sent(engine, first.id, "dead", message_id="<m>", now=NOW, stories={})


def test_late_flag_when_planned_after_the_grace(engine: Engine) -> None:
    plan = deliveries.PlannedPeriod(
        "daily", "2026-11-28", NOW, NOW - timedelta(days=1), ("a@x.org",)
    )
    deliveries.plan_deliveries(engine, plan, now=NOW + timedelta(hours=3), grace=900)
    (claimed,) = deliveries.claim_deliveries(engine, "me", NOW + timedelta(hours=3), lease=60)
    assert claimed.late


def test_second_instance_on_one_sqlite_file_is_refused(tmp_path) -> None:
    from monitor.errors import StoreError

    url = f"sqlite:///{tmp_path / 'm.db'}"
    first, second = InstanceLock(url), InstanceLock(url)
    first.acquire()
    with pytest.raises(StoreError, match="already used by .*use PostgreSQL"):
        second.acquire()
    first.release()
    second.acquire()
    second.release()


def test_a_moved_feed_is_polled_at_its_new_address_until_that_fails_for_good(
    engine: Engine,
) -> None:
    feed = _feed(engine, "https://a.example/rss")
    assert feed.fetch_url == "https://a.example/rss" and feed.moved_to is None
    moved = feeds.PollRecord(
        "ok", NOW, status=200, etag='"n1"', new_url="https://b.example/rss", error="moved"
    )
    assert _record(engine, feed.id, "me", moved)
    (again,) = feeds.claim_due_feeds(engine, "me", NOW, lease=60, limit=1)
    assert again.url == "https://a.example/rss"  # the watch-list identity is kept
    assert again.fetch_url == again.moved_to == "https://b.example/rss"
    # A plain poll of the new address (no redirect this time) keeps the move.
    assert _record(engine, feed.id, "me", feeds.PollRecord("not_modified", NOW))
    (again,) = feeds.claim_due_feeds(engine, "me", NOW, lease=60, limit=1)
    assert again.fetch_url == "https://b.example/rss"
    # A passing outage at the new address does not undo the move; a 410 does.
    outage = feeds.PollRecord("error", NOW, status=503, error="fetch: HTTP 503")
    assert _record(engine, feed.id, "me", outage)
    (again,) = feeds.claim_due_feeds(engine, "me", NOW, lease=60, limit=1)
    assert again.moved_to == "https://b.example/rss"
    gone = feeds.PollRecord("error", NOW, status=410, error="fetch: HTTP 410")
    assert _record(engine, feed.id, "me", gone)
    (row,) = feeds.all_feeds(engine)
    assert row.moved_to is None and row.etag is None and row.state == "error"
    assert row.last_error and "HTTP 410" in row.last_error
    assert "https://a.example/rss" in row.last_error and "not abandoned" in row.last_error
    (again,) = feeds.claim_due_feeds(engine, "me", NOW, lease=60, limit=1)
    assert again.fetch_url == "https://a.example/rss"


def test_a_redirect_back_to_the_watch_list_url_ends_the_move(engine: Engine) -> None:
    feed = _feed(engine, "https://a.example/rss")
    moved = feeds.PollRecord("ok", NOW, status=200, new_url="https://b.example/rss")
    assert _record(engine, feed.id, "me", moved)
    feeds.claim_due_feeds(engine, "me", NOW, lease=60, limit=1)
    back = feeds.PollRecord("ok", NOW, status=200, new_url="https://a.example/rss")
    assert _record(engine, feed.id, "me", back)
    (row,) = feeds.all_feeds(engine)
    assert row.moved_to is None and row.url == "https://a.example/rss"
