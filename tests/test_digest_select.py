"""The brief's pure pieces: ledes, plain why, backlog, best topic, caps, bars, wrapped URLs."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from digest_sample import END, content, stories

from monitor.digest.lede import choose_lede, opening
from monitor.digest.plaintext import WIDTH, url_lines
from monitor.digest.render import MAX_HTML_BYTES, fit_digest
from monitor.digest.select import Caps, apply_caps, best_topics, is_backlog, period_counts
from monitor.digest.why import plain_why
from monitor.models import DigestStory, TopicSection

BODY = "The alliance agreed on Tuesday to double its forces in the Baltics. Russia protested."


@pytest.mark.parametrize(
    "text",
    [
        f"TALLINN (Reuters) - {BODY}",
        f"Washington (CNN) {BODY}",
        f"(CNN) {BODY}",
        f"MADRID – {BODY}",
        f"Hong Kong CNN —\n\n{BODY}",
        f"By Jane Doe and John Roe, Staff writers\n\n{BODY}",
        f"Enlarge this image toggle caption Saul Loeb/AFP/Getty Images\n\n{BODY}",
        f"Soldiers march in Red Square. (AP Photo/Alexander Zemlianichenko)\n\n{BODY}",
        f"ANALYSIS/OPINION:\n\n{BODY}",
        f"Editor's note: This page recaps the news from Ukraine.\n\n{BODY}",
        f"Turkey Says It Shot Down A Russian Warplane\n\n{BODY}",  # a repeated headline
        f"Media playback is unsupported on your device Media caption Trump speaks\n\n{BODY}",
        f"(This story was updated to add new information.)\n\n{BODY}",
        f"NEW You can now listen to Fox News articles!\n\n{BODY}",
    ],
)
def test_the_lede_skips_bylines_datelines_and_captions(text: str) -> None:
    assert opening(text) == BODY


def test_the_feed_summary_wins_when_it_is_a_clean_standfirst() -> None:
    standfirst = "Beijing and Moscow signed a gas deal, their largest yet, on Monday."
    assert choose_lede(standfirst, BODY) == standfirst
    assert choose_lede(BODY[:40] + "…", BODY) == BODY  # a teaser cut mid-sentence loses
    assert choose_lede("", "") == ""
    long_sentence = "word " * 100 + "end."
    assert len(opening(long_sentence)) <= 300 and opening(long_sentence).endswith("…")


def test_why_in_plain_words() -> None:
    why = "nato+russia in one sentence: NATO, Russia (mentions nato×5, russia×9)"
    assert plain_why(why, sentences=5, headline_terms=("Beijing",)) == (
        "NATO and Russia together in 5 sentences; Beijing in the headline; named NATO 5× and "
        "Russia 9×"
    )
    assert plain_why("china+russia in the title: China, Russia (mentions china×2, russia×2)")
    assert plain_why("something else") == "something else"


def test_backlog_is_what_was_old_at_first_sight() -> None:
    seen = END
    assert is_backlog(seen - timedelta(days=3), seen, timedelta(days=2))
    assert not is_backlog(seen - timedelta(hours=47), seen, timedelta(days=2))
    assert not is_backlog(None, seen, timedelta(days=2))  # undated: taken as new


def test_best_topic_is_the_highest_score_then_the_digest_order() -> None:
    scores = [(1, "a", 0.5), (1, "b", 0.9), (2, "a", 0.7), (2, "b", 0.7)]
    assert best_topics(scores, ["a", "b"]) == {1: "b", 2: "a"}


def test_bars_count_per_period_and_the_last_is_the_window() -> None:
    start, due = END - timedelta(days=1), END
    times = [("a", due - timedelta(hours=1)), ("a", start), ("a", start - timedelta(seconds=1))]
    times += [("a", start - timedelta(days=20)), ("a", due)]  # too old, and after the period
    assert period_counts(times, start, due, 14)["a"] == (0,) * 12 + (1, 2)


def _story(n: int, rank: float) -> DigestStory:
    return DigestStory(f"s{n}", f"https://x.example/{n}", "X", END, "t", 1.0, "", rank=rank)


def test_caps_keep_the_most_important_and_count_the_rest() -> None:
    a = TopicSection("a", "A", tuple(_story(n, 10 - n) for n in range(6)))
    b = TopicSection("b", "B", tuple(_story(n, 5.5 - n) for n in range(10, 14)))
    sections, top = apply_caps((a, b), Caps(per_topic=3, budget=5, top=2))
    assert [s.headline for s in sections[0].stories] == ["s0", "s1", "s2"]
    assert [s.headline for s in sections[1].stories] == ["s10", "s11"]
    assert (sections[0].more, sections[1].more) == (3, 2)
    assert [s.headline for s in top] == ["s0", "s1"]
    _, none = apply_caps((a,), Caps(per_topic=8, budget=30, top=5))
    assert len(none) == 5 and apply_caps((b,), Caps(top=5))[1] == ()  # 4 stories: no top list


def test_a_long_url_wraps_inside_angle_brackets() -> None:
    url = "https://example.org/" + "a" * 150
    lines = url_lines(url, "   ")
    assert all(len(line) <= WIDTH for line in lines)
    assert "".join(line.strip() for line in lines) == f"<{url}>"
    assert url_lines("https://x.example/1", "  ") == ["  https://x.example/1"]


def test_the_html_body_is_fitted_whatever_the_volume() -> None:
    many = tuple(
        replace(s, url=f"{s.url}?n={n}", rank=1000.0 - n, lede="A lede. " * 30)
        for n in range(300)
        for s in stories()[:2]
    )
    full = content(sections=(TopicSection("cnr", "CNR", many),))
    shown, rendered = fit_digest(full, Caps(per_topic=600, budget=600, top=5))
    assert len(rendered.html.encode("utf-8")) <= MAX_HTML_BYTES < 100_000
    kept = len(shown.sections[0].stories)
    assert 20 < kept < 600 and shown.sections[0].more == 600 - kept
