"""Quote provenance and who-said-what queries, on real SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from monitor.cli import main
from monitor.models import ArticleAnalysis, ArticleInput, TopicMatch
from monitor.quotes import extract_quotes
from monitor.store import articles, feeds, make_engine, upgrade
from monitor.store.db import session_scope
from monitor.store.said import quotes_by_person, who_said_what
from monitor.store.tables import Article, QuoteOrigin, QuoteRow
from tests.support.config import write_config

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
SAID = (
    "We will not allow anyone to drag Ukraine into a frozen conflict, and we will keep "
    "fighting until every occupied town is free"
)
# The same words as four outlets carried them: verbatim, lightly edited, cut short, cut at the
# start, each naming the speaker their own way.
CARRIED = [
    ("Reuters", 7, f"“{SAID},” Ukrainian President Volodymyr Zelenskyy said on Monday."),
    ("BBC", 9, f"“{SAID.replace('and we', 'and we,')}!” President Zelensky said."),
    ("AP", 8, f"“{' '.join(SAID.split()[:14])}…” Zelenskyy said in his nightly address."),
    ("Kyiv Post", 11, f"“{' '.join(SAID.split()[5:])},” Volodymyr Zelenskiy told reporters."),
]


def _store(engine: Engine, n: int, outlet: str, hour: int, text: str, topic: str = "t") -> None:
    """Store one article of `outlet` published at `hour`:00 on NOW's day, with its quotes."""
    feeds.sync_feeds(engine, [feeds.FeedSource("https://f.example/rss", "F")], NOW)
    ref = next(f.id for f in feeds.all_feeds(engine) if f.url == "https://f.example/rss")
    published = NOW.replace(hour=hour)
    entry = articles.NewEntry(
        f"https://n.example/{n}", f"Story {n}", None, text, published, None, str(n)
    )
    articles.add_entries(engine, ref, outlet, [entry], NOW)
    claimed = articles.claim_pending(engine, "me", NOW, lease=60, limit=50)
    pending = [p for p in claimed if p.url == entry.url]
    analysis = ArticleAnalysis(
        ArticleInput(entry.url, entry.title, text),
        matches=(TopicMatch(topic, True, 1.0),),
        quotes=extract_quotes(text),
    )
    record = articles.AnalysisRecord(pending[0].id, analysis, str(n), n, NOW)
    assert pending[0].id in articles.save_analyses(engine, "me", [record])


def test_one_quotation_carried_by_four_outlets_has_one_origin(engine: Engine) -> None:
    # Saved out of order: the earliest carrier (Reuters, 07:00) is stored third.
    for n in (1, 3, 0, 2):
        _store(engine, n, *CARRIED[n])
    _store(engine, 9, "BBC", 12, "“Peace talks are not on the table this winter,” Zelensky said.")
    with session_scope(engine) as session:
        origins = {o.id: o for o in session.scalars(select(QuoteOrigin))}
        rows = list(session.scalars(select(QuoteRow).where(QuoteRow.kind != "scare")))
    assert len(origins) == 2
    carried = origins[rows[0].origin_id]
    assert {r.origin_id for r in rows if "frozen" in r.text or "occupied" in r.text} == {carried.id}
    assert (carried.first_outlet, carried.first_seen_at, carried.outlet_count) == (
        "Reuters",
        NOW.replace(hour=7),
        4,
    )
    # Each outlet's spelling is kept, and all of them fold to one person.
    assert {r.person for r in rows} >= {"Volodymyr Zelenskyy", "Volodymyr Zelenskiy", "Zelensky"}
    assert {r.person_key for r in rows} == {"volodymyr zelenski", "zelenski"}


def test_reprocessing_an_article_does_not_count_its_outlet_twice(engine: Engine) -> None:
    _store(engine, 0, *CARRIED[0])
    _store(engine, 1, *CARRIED[1])
    with session_scope(engine) as session:
        reuters = session.scalars(select(Article).where(Article.outlet == "Reuters")).one()
        reuters.lease_owner = "me"
        reuters_id = reuters.id
    analysis = ArticleAnalysis(
        ArticleInput("https://n.example/0", "Story 0", CARRIED[0][2]),
        quotes=extract_quotes(CARRIED[0][2]),
    )
    record = articles.AnalysisRecord(reuters_id, analysis, "x", 0, NOW)
    assert reuters_id in articles.save_analyses(engine, "me", [record])
    with session_scope(engine) as session:
        (origin,) = session.scalars(select(QuoteOrigin))
    assert origin.outlet_count == 2 and origin.first_outlet == "Reuters"


def test_quotes_by_person_lists_oldest_first_across_spellings(engine: Engine) -> None:
    for n, (outlet, hour, text) in enumerate(CARRIED):
        _store(engine, n, outlet, hour, text)
    since = NOW - timedelta(days=1)
    by_full = quotes_by_person(engine, "Volodymyr Zelensky", since)
    # AP and BBC name him by surname only: that resolves within their own article alone.
    assert [q.outlet for q in by_full] == ["Reuters", "Kyiv Post"]
    assert {q.first_outlet for q in by_full} == {"Reuters"}
    assert {q.outlet_count for q in by_full} == {4}
    by_surname = quotes_by_person(engine, "Zelenskyy", since)
    assert [q.outlet for q in by_surname] == ["Reuters", "AP", "BBC", "Kyiv Post"]
    assert quotes_by_person(engine, "Zelensky", since, topic_id="other") == []
    assert quotes_by_person(engine, "Zelensky", NOW + timedelta(hours=1)) == []


def test_who_said_what_gives_one_line_per_person(engine: Engine) -> None:
    _store(engine, 0, *CARRIED[0])
    _store(engine, 3, *CARRIED[3])
    text = (
        "“NATO will defend every inch of allied territory,” NATO Secretary General Jens "
        "Stoltenberg said. “We are ready,” Stoltenberg said."
    )
    _store(engine, 2, "AP", 10, text)
    said = who_said_what(engine, NOW - timedelta(days=1), NOW + timedelta(days=1))
    people = {p.person.replace("Zelenskiy", "Zelenskyy"): p for p in said}
    assert set(people) == {"Volodymyr Zelenskyy", "Jens Stoltenberg"}
    zelenskyy = people["Volodymyr Zelenskyy"]  # Zelenskyy and Zelenskiy are one person
    assert (zelenskyy.quotes, zelenskyy.articles, zelenskyy.best.outlet_count) == (2, 2, 2)
    stoltenberg = people["Jens Stoltenberg"]
    assert stoltenberg.role == "NATO Secretary General"
    assert stoltenberg.best.text.startswith("NATO will defend")  # the more informative one


def test_quotes_command_writes_json_and_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'monitor.db'}"
    config = write_config(tmp_path, database_url=url)
    upgrade(url)
    engine = make_engine(url)
    for n, (outlet, hour, text) in enumerate(CARRIED):
        _store(engine, n, outlet, hour, text)
    engine.dispose()
    args = ["quotes", "--person", "Zelenskyy", "--since", "2026-11-30", "--config", str(config)]
    assert main([*args, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["outlet"] for r in rows] == ["Reuters", "AP", "BBC", "Kyiv Post"]
    assert rows[0]["first_outlet"] == "Reuters" and rows[0]["outlet_count"] == 4
    assert rows[0]["first_seen_at"] == "2026-12-01T07:00:00+00:00"
    assert main([*args, "--format", "csv"]) == 0
    table = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["outlet"] for r in table] == ["Reuters", "AP", "BBC", "Kyiv Post"]
    assert main(args) == 0
    assert "first carried by Reuters, 2026-12-01 07:00; 4 outlets" in capsys.readouterr().out
    assert main([*args, "--topic", "no-such-topic"]) == 1


def test_copies_saved_in_one_batch_share_one_new_origin(engine: Engine) -> None:
    feeds.sync_feeds(engine, [feeds.FeedSource("https://f.example/rss", "F")], NOW)
    ref = next(f.id for f in feeds.all_feeds(engine) if f.url == "https://f.example/rss")
    records = []
    for n, (outlet, hour, text) in enumerate(CARRIED[:3]):
        url = f"https://b.example/{n}"
        entry = articles.NewEntry(url, "S", None, text, NOW.replace(hour=hour), None, f"b{n}")
        articles.add_entries(engine, ref, outlet, [entry], NOW)
    for pending in articles.claim_pending(engine, "me", NOW, lease=60, limit=50):
        text = next(t for _, _, t in CARRIED if t == pending.summary)
        analysis = ArticleAnalysis(
            ArticleInput(pending.url, "S", text), quotes=extract_quotes(text)
        )
        records.append(articles.AnalysisRecord(pending.id, analysis, pending.url, 0, NOW))
    assert len(articles.save_analyses(engine, "me", records)) == 3
    with session_scope(engine) as session:
        (origin,) = session.scalars(select(QuoteOrigin))
    assert (origin.first_outlet, origin.outlet_count) == ("Reuters", 3)
