"""Story clustering (SimHash, titles) and ranking of clusters into digest stories."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from monitor.digest.cluster import Candidate, cluster_stories, title_words
from monitor.digest.rank import best_quote, rank_stories
from monitor.fingerprint import fingerprint, from_signed, hamming, to_signed
from monitor.models import Quote

NOW = datetime(2026, 11, 28, 7, 0, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[1]
BODY = (
    "China warned NATO on Thursday against provoking confrontation after the alliance accused "
    "Beijing of supporting Russia's war on Ukraine. NATO leaders, in a declaration at their "
    "Washington summit, claimed China had become a decisive enabler of Russia's war against "
    "Ukraine through its no limits partnership and substantial support for Russia's defence "
    "industry. Beijing's envoy to the EU responded through a spokesperson."
)
OTHER = (
    "The central bank left interest rates unchanged on Wednesday, citing slowing inflation and "
    "a cooling labour market, and signalled that cuts could come early next year if wage growth "
    "continues to ease across the services sector and energy prices stay low."
)
THIRD = (
    "Harbour Times report: officials in Brussels and Beijing traded statements late into the "
    "evening, with diplomats describing the atmosphere as tense but not yet hostile."
)


def q(text: str, speaker: str | None, kind: str = "direct", confidence: float = 0.8) -> Quote:
    return Quote(text, 0, len(text), kind, speaker, confidence=confidence)  # type: ignore[arg-type]


def cand(
    article_id: int,
    title: str,
    text: str = BODY,
    *,
    outlet: str = "Wire",
    topic: str = "cnr",
    score: float = 5.0,
    hours_ago: float | None = 2.0,
    quotes: tuple[Quote, ...] = (),
    terms: tuple[str, ...] = ("NATO",),
) -> Candidate:
    published = None if hours_ago is None else NOW - timedelta(hours=hours_ago)
    return Candidate(
        article_id,
        f"https://{outlet.lower()}.example/{article_id}",
        title,
        outlet,
        published,
        fingerprint(text),
        topic,
        score,
        f"why {article_id}",
        terms,
        quotes,
    )


def test_fingerprint_is_stable_across_processes() -> None:
    code = f"from monitor.fingerprint import fingerprint; print(fingerprint({BODY!r}))"
    runs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)},
        ).stdout.strip()
        for seed in ("1", "2", "3")
    }
    assert runs == {str(fingerprint(BODY))}
    assert 0 < fingerprint(BODY) < 2**64


def test_near_duplicates_are_close_and_unrelated_text_is_far() -> None:
    edited = BODY.replace("on Thursday", "on Friday").replace("envoy", "ambassador")
    assert hamming(fingerprint(BODY), fingerprint(edited)) <= 6
    assert hamming(fingerprint(BODY), fingerprint(OTHER)) > 12
    assert fingerprint("") == 0 and fingerprint("   ...  ") == 0


def test_hamming_counts_differing_bits() -> None:
    assert hamming(0, 0) == 0
    assert hamming(0b1011, 0b0001) == 2
    assert hamming(0, 2**64 - 1) == 64


def test_fingerprint_survives_the_signed_bigint_the_database_stores() -> None:
    for value in (0, 1, 2**63 - 1, 2**63, 2**64 - 1, fingerprint(BODY)):
        stored = to_signed(value)
        assert -(2**63) <= stored < 2**63
        assert from_signed(stored) == value
    assert from_signed(None) == 0


def test_title_words_drop_wire_decorations() -> None:
    assert title_words("UPDATE 2-China warns NATO - Reuters") == ("china", "warns", "nato")
    assert title_words("EXCLUSIVE: China warns NATO") == ("china", "warns", "nato")


def test_syndicated_copies_cluster_and_distinct_stories_do_not() -> None:
    a = cand(1, "China warns NATO against provoking confrontation", outlet="Wire")
    b = cand(2, "Beijing rebukes alliance", BODY.replace("Thursday", "Friday"), outlet="Ledger")
    c = cand(3, "Central bank holds rates", OTHER, outlet="Ledger")
    d = cand(
        4,
        "China warns NATO against provoking confrontation - Harbour Times",
        THIRD,
        outlet="Harbour Times",
    )  # different text, same headline: a rewrite of story a
    assert cluster_stories([a, b, c, d]) == [[a, b, d], [c]]


def test_clusters_never_span_topics() -> None:
    a = cand(1, "China warns NATO", topic="cnr")
    b = cand(2, "China warns NATO", topic="arms")
    assert cluster_stories([a, b]) == [[a], [b]]


def test_articles_without_text_do_not_all_merge() -> None:
    a = cand(1, "First untitled piece about ports", "")
    b = cand(2, "Second different piece on tariffs", "")
    assert cluster_stories([a, b]) == [[a], [b]]


def test_max_distance_zero_only_merges_identical_fingerprints() -> None:
    a = cand(1, "Alpha headline one two", BODY)
    b = cand(2, "Beta other words here", BODY.replace("Thursday", "Friday"))
    assert len(cluster_stories([a, b], max_distance=0)) == 2
    assert len(cluster_stories([a, b], max_distance=64)) == 1


def test_rank_prefers_score_recency_and_reach() -> None:
    strong = [cand(1, "Strong story", score=8.0, hours_ago=2)]
    stale = [cand(2, "Same score but two days old", score=8.0, hours_ago=48)]
    wide = [
        cand(3, "Widely carried", score=5.0, outlet=o, hours_ago=2) for o in ("A", "B", "C", "D")
    ]
    narrow = [cand(4, "Carried once", score=5.0, outlet="E", hours_ago=2)]
    stories = rank_stories([narrow, stale, wide, strong], now=NOW)
    assert [s.headline for s in stories] == [
        "Strong story",
        "Widely carried",
        "Same score but two days old",
        "Carried once",
    ]


def test_representative_is_highest_score_then_earliest_with_other_outlets() -> None:
    early = cand(1, "Early copy", outlet="Wire", score=5.0, hours_ago=5)
    late = cand(2, "Late copy", outlet="Ledger", score=5.0, hours_ago=1)
    same_outlet = cand(3, "Wire again", outlet="wire", score=4.0, hours_ago=3)
    undated = replace(
        cand(4, "Undated copy", outlet="Harbour", score=5.0, hours_ago=None), updated=True
    )
    (story,) = rank_stories([[late, same_outlet, undated, early]], now=NOW)
    assert story.headline == "Early copy" and story.outlet == "Wire"
    assert story.also_in == ("Ledger", "Harbour")
    assert story.updated is True
    assert story.why == "why 1"


def test_one_quote_the_most_informative_direct_one_by_a_named_speaker() -> None:
    quotes = (
        q("partial but confident words from the spokesman here", "Lin Jian", "partial", 0.99),
        q("no speaker at all for this one, though it is long", None),
        q("a pronoun said this and it is the longest quote of them all here", "he"),
        q("short", "Blinken"),
        q("first direct quote with enough words", "Lin Jian", confidence=0.5),
        q("second direct quote with enough words in it", "Blinken", confidence=0.9),
    )
    chosen = best_quote([cand(1, "t", quotes=quotes[:3]), cand(2, "u", quotes=quotes[3:])])
    assert chosen is not None and chosen.text == "second direct quote with enough words in it"
    assert best_quote([cand(1, "t", quotes=quotes[:3])]) is None  # no named direct quote
    assert rank_stories([[cand(1, "t", quotes=quotes)]], now=NOW)[0].quotes == (chosen,)


def test_empty_clusters_are_ignored() -> None:
    assert rank_stories([[]], now=NOW) == ()
