"""A real-volume morning: 70 real articles, 8 outlets, copies and a backlog, one digest email."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from digest_day import BYLINE, CAPTION, Day, build_day

from monitor.digest.lede import is_furniture, strip_dateline

MAX_BODY = 100_000  # Gmail clips a message body past 102 KB
DATELINE = re.compile(r"^(?:[A-Z][A-Za-z ,.]*)?\(?(?:CNN|Reuters|AP)\)?\s*[-–—]|^\((?:CNN|AP)\)")


@pytest.fixture(scope="module")
def day(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Day:
    return build_day(shared_data, tmp_path_factory.mktemp("day"))


def _stories(day: Day) -> list:  # type: ignore[type-arg]
    return [s for section in day.content.sections for s in section.stories]


def test_the_day_is_real_volume(day: Day) -> None:
    full = day.full
    stories = [s for section in full.sections for s in section.stories]
    articles = {s.url for s in stories} | {o for s in stories for o in s.also_in}
    assert len(stories) >= 30 and len(articles) >= 30, len(stories)
    assert sum(1 for s in stories if s.also_in) >= 4  # syndicated copies clustered
    assert sum(1 for s in stories if s.quotes) >= 10
    assert day.feeds >= 7


def test_body_stays_under_gmail_clipping_and_text_fits_78_columns(day: Day) -> None:
    assert day.html_bytes < MAX_BODY, day.html_bytes
    assert max(len(line) for line in day.text.splitlines()) <= 78


def test_caps_and_more_counts(day: Day) -> None:
    settings = day.config.settings.digest
    shown = day.content.sections
    every = {s.topic_id: s for s in day.full.sections}
    assert sum(len(s.stories) for s in shown) <= settings.budget
    hidden = 0
    for section in shown:
        assert len(section.stories) <= settings.per_topic
        total = len(every[section.topic_id].stories)
        assert len(section.stories) + section.more == total
        hidden += section.more
        if section.more:
            note = f"{section.more} more {section.name} stories, in the attached full list."
            assert note in " ".join(line.strip() for line in day.text.splitlines())
            assert f"{section.more} more {section.name} stories" in day.html
    assert hidden > 0  # the day is big enough for the caps to bite
    for story in (s for section in day.full.sections for s in section.stories):
        assert story.url in day.full_list  # what does not fit is reachable
    assert day.full_list.count('class="headline"') == sum(len(s.stories) for s in every.values())
    assert "China–NATO–Russia" in day.full_list  # the attachment declares its charset


def test_counts_equal_bars(day: Day) -> None:
    for section in day.content.sections:
        assert section.trend[-1] == section.articles == day.matched_per_topic[section.topic_id]
        row = re.search(rf"^{re.escape(section.name[:32])}\s+(\d+) articles?", day.text, re.M)
        assert row and int(row[1]) == section.articles
        assert f"{section.articles} articles" in day.html or section.articles == 1
    assert "the orange bar is this digest and its number is shown beside it" in " ".join(
        day.text.split()
    )


def test_each_story_once_under_its_best_topic(day: Day) -> None:
    urls = [s.url for s in _stories(day)]
    assert len(urls) == len(set(urls))
    assert any(s.also_topics for s in _stories(day))
    assert "also: " in day.text


def test_no_backlog_story(day: Day) -> None:
    assert day.backlog_matched >= 5  # the archive did match: it was stored, just not digested
    for url in day.backlog_urls:
        assert url not in day.text and url not in day.html and url not in day.full_list
    assert "Archive:" not in day.text + day.html + day.full_list


def test_every_story_has_a_lede_never_a_byline_dateline_or_caption(day: Day) -> None:
    stories = [s for section in day.full.sections for s in section.stories]
    for story in stories:
        assert story.lede, story.headline
        assert not DATELINE.search(story.lede), story.lede
        assert not story.lede.lower().startswith("by "), story.lede
        assert strip_dateline(story.lede) == story.lede
        assert not is_furniture(story.lede.rstrip("…"), strict=False)
        assert BYLINE not in story.lede and CAPTION not in story.lede
    assert day.html.count('class="lede"') == len(_stories(day))


def test_a_quote_carried_by_several_outlets_says_who_carried_it_first(day: Day) -> None:
    repeated = [q for s in _stories(day) for q in s.quotes[:1] if q.speaker and q.outlets >= 2]
    assert repeated, "syndicated copies repeat quotes"
    for quote in repeated:
        assert quote.first_outlet and quote.first_seen
        note = f"first carried by {quote.first_outlet}"
        assert note in day.html and note in " ".join(day.text.split())
    assert f"; {repeated[0].outlets} outlets)" in " ".join(day.text.split())


def test_one_quote_per_story_and_who_said_what_one_line_per_person(day: Day) -> None:
    assert all(len(s.quotes) <= 1 for s in _stories(day))
    people = day.content.speakers
    assert 3 <= len(people) <= 10
    block = day.text.split("Who said what\n-------------\n", 1)[1].split("\n-- \n")[0]
    assert len([line for line in block.splitlines() if line.startswith("  - ")]) == len(people)


def test_outlet_labels_and_one_feed_health_line(day: Day) -> None:
    assert "Global Times · state media · CN" in day.text
    assert "Global Times</span> <span" in day.html or "Global Times" in day.html
    health = [line for line in day.text.splitlines() if "feeds healthy" in line]
    assert health == [f"All {day.feeds} feeds healthy."]
    assert day.html.count('class="health-line"') == 1


def test_top_stories_lead_the_email(day: Day) -> None:
    top = day.content.top
    assert 3 <= len(top) <= 5
    assert day.text.index("Top stories") < day.text.index(top[0].headline[:30])
