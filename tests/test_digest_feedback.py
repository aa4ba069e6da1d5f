"""The real-volume day with a public base URL: near misses under "Also mentioned" and signed
feedback links on every story, the body still under Gmail's clipping limit, the links working."""

from __future__ import annotations

import asyncio
import re
import urllib.parse
from pathlib import Path

import pytest
from digest_day import SEND_AT, Day, build_day

from monitor.service import open_database
from monitor.store import verdicts as verdict_store
from monitor.web.app import WebContext, make_server
from monitor.web.tokens import Signer
from tests.support.webclient import get, post

MAX_BODY = 100_000
SECRET = "a digest feedback secret, 32 chars"
LINK = re.compile(r'<a href="(https://desk\.example\.org/[fp]/[^"]+)"[^>]*>([^<]+)</a>')


@pytest.fixture(scope="module")
def day(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Day:
    folder = tmp_path_factory.mktemp("feedback-day")
    (folder / "web.secret").write_text(SECRET, encoding="utf-8")
    web = {"public_base_url": "https://desk.example.org/", "secret_file": "web.secret"}
    return build_day(shared_data, folder, settings={"web": web})


NEAR_ITEM = re.compile(r'<p class="near-item"[^>]*><a href="([^"]+)"')
STORY = re.compile(r'<p class="headline"[^>]*><a href="([^"]+)"')


def test_near_misses_are_listed_apart_and_never_counted(day: Day) -> None:
    every_near = {n.url for s in day.full.sections for n in s.near}
    assert every_near, "the real day has near misses (the shipped near rules)"
    main_lists = {s.url for section in day.full.sections for s in section.stories}
    assert not main_lists & every_near  # a near miss is never in a main list
    listed = NEAR_ITEM.findall(day.html)
    assert listed and set(listed) <= every_near
    assert not set(STORY.findall(day.html)) & every_near
    assert "Also mentioned (near misses, not in the counts):" in day.text
    cap = day.config.settings.digest.near_per_topic
    assert day.html.count('class="near-head"') >= 1
    for block in day.html.split('class="near-head"')[1:]:
        assert block.split("</td>")[0].count('class="near-item"') <= cap
    # The counts and bars count matches only: near misses never add to them.
    for section in day.full.sections:
        assert section.articles == day.matched_per_topic.get(section.topic_id, 0)


def test_every_story_and_near_miss_carries_its_two_feedback_links(day: Day) -> None:
    labels = [label for _, label in LINK.findall(day.html)]
    stories = len(STORY.findall(day.html))
    near = len(NEAR_ITEM.findall(day.html))
    assert stories >= 10 and near >= 1
    assert labels.count("Relevant") == stories
    assert labels.count("Belongs here") == near
    assert labels.count("Not relevant") == stories + near
    assert "see the full list" in day.html and "/p/" in day.html
    assert len(day.html.encode("utf-8")) < MAX_BODY, len(day.html.encode("utf-8"))
    assert max(len(line) for line in day.text.splitlines()) <= 78
    assert not day.full_list  # with a web page, nothing is attached


def test_a_link_from_the_email_opens_and_records_its_verdict(day: Day) -> None:
    url = next(u for u, label in LINK.findall(day.html) if label == "Belongs here")
    path = urllib.parse.urlsplit(url.replace("&amp;", "&")).path
    engine = open_database(day.config)
    ctx = WebContext(engine, day.config, Signer(SECRET.encode()), lambda: SEND_AT)

    async def scenario() -> tuple[tuple[int, str], tuple[int, str]]:
        server = make_server(ctx)
        port = await server.start("127.0.0.1", 0)
        try:
            shown = await asyncio.to_thread(get, port, path, "desk.example.org")
            check = shown[1].split('name="check" value="', 1)[1].split('"', 1)[0]
            origin = "Origin: https://desk.example.org\r\n"
            form = {"check": check}
            posted = await asyncio.to_thread(post, port, path, form, origin, "desk.example.org")
            return shown, posted
        finally:
            await server.close()

    try:
        shown, posted = asyncio.run(scenario())
        assert shown[0] == 200 and "as <strong>relevant</strong>" in shown[1]
        assert posted[0] == 200 and "Recorded as relevant" in posted[1]
        near_topics = {s.topic_id for s in day.full.sections if s.near}
        recorded = [
            v for topic in near_topics for v in verdict_store.verdicts_for(engine, topic).values()
        ]
        assert [v.verdict for v in recorded] == ["relevant"]
    finally:
        engine.dispose()
