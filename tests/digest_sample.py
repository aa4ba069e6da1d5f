"""A realistic digest for the render, mail and browser tests (not a test module itself)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from monitor.models import (
    DigestContent,
    DigestStory,
    FeedHealth,
    Quote,
    SpeakerLine,
    TopicSection,
)

END = datetime(2026, 11, 28, 7, 0, tzinfo=UTC)  # 08:00 in Europe/Berlin
HOSTILE_TITLE = "Breaking\r\nBcc: victim@example.org <script>alert(1)</script> \u202eevil"
LONG_WORD = "x" * 5000


def quote(text: str, speaker: str | None, kind: str = "direct", confidence: float = 0.9) -> Quote:
    """Build a quote at no particular offset."""
    return Quote(
        text=text,
        start=0,
        end=len(text),
        kind=kind,
        speaker=speaker,  # type: ignore[arg-type]
        cue="said",
        confidence=confidence,
    )


def stories() -> tuple[DigestStory, ...]:
    """Return three stories, one with hostile text, as rank_stories would."""
    return (
        DigestStory(
            headline=(
                "China warns NATO against 'provoking confrontation' over Russia support claims"
            ),
            url="https://news.example.com/world/china-nato-warning",
            outlet="Example Wire",
            published=END - timedelta(hours=3, minutes=14),
            topic_id="cnr",
            score=7.5,
            why='title: "NATO" + body: "China" NEAR "Russia"',
            terms=("NATO", "China", "Russia"),
            quotes=(
                quote(
                    "NATO should stop hyping up the so-called China threat and provoking "
                    "confrontation and rivalry",
                    "Spokesman Lin Jian",
                ),
                quote(
                    "prejudice, smearing, and provocation", "China's foreign ministry", "partial"
                ),
            ),
            also_in=("Daily Ledger", "Harbour Times", "Reuters", "DW"),
            lede=(
                "China's foreign ministry accused NATO of smearing Beijing after the alliance "
                "said Chinese firms help Russia's war effort."
            ),
            labels=("wire", "US"),
            also_topics=("NATO–China relations",),
        ),
        DigestStory(
            headline="Blinken: machine tools and chips help Russia rebuild its defence industry",
            url="https://ledger.example.net/2026/11/27/blinken-dual-use",
            outlet="Daily Ledger",
            published=END - timedelta(hours=20),
            topic_id="cnr",
            score=5.0,
            why='body: "Russia" + "China" within 2 sentences',
            terms=("Russia", "China"),
            quotes=(
                quote(
                    "machine tools, semiconductors, and other dual-use items",
                    "Antony Blinken",
                    "partial",
                ),
            ),
            updated=True,
            lede="The US says Chinese exports keep Russia's arms factories running.",
        ),
        DigestStory(
            headline=HOSTILE_TITLE + " " + LONG_WORD,
            url="https://hostile.example.org/a?b=1&c=<2>",
            outlet="Hostile <b>Outlet</b>",
            published=END - timedelta(hours=22),
            topic_id="cnr",
            score=2.0,
            why='title: "NATO" \u202e<i>spoof</i>',
            terms=("NATO",),
            quotes=(quote("Trade with Russia " + LONG_WORD, "Lin Jian"),),
        ),
    )


def content(**changes: object) -> DigestContent:
    """Return the sample digest, with any field replaced."""
    base = DigestContent(
        digest_id="cnr-daily",
        title="China–NATO–Russia daily brief",
        timezone="Europe/Berlin",
        period_start=END - timedelta(days=1),
        period_end=END,
        sections=(
            TopicSection(
                "cnr",
                "China–NATO–Russia",
                stories(),
                trend=(1, 0, 2, 3, 1, 0, 0, 4, 6, 2, 1, 3, 5, 3),
                more=2,
                articles=3,
            ),
        ),
        feeds_total=10,
        speakers=(
            SpeakerLine(
                "Spokesman Lin Jian",
                "NATO should stop hyping up the so-called China threat",
                2,
                "China warns NATO",
                "https://news.example.com/world/china-nato-warning",
                "Example Wire",
            ),
        ),
        failing_feeds=(
            FeedHealth(
                "https://dead.example.com/rss",
                "Dead Feed",
                END - timedelta(days=3),
                17,
                "fetch: https://dead.example.com/rss: HTTP 503 Service Unavailable",
            ),
            FeedHealth(
                "https://flaky.example.com/rss",
                "Flaky Feed",
                END - timedelta(hours=2),
                1,
                "timeout",
            ),
        ),
    )
    return replace(base, **changes)  # type: ignore[arg-type]
