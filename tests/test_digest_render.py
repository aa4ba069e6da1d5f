"""Rendering the digest: subject, text part, escaped HTML, trend chart, empty days, export."""

from __future__ import annotations

import csv
import io
import json
import re
import struct
import zlib
from dataclasses import replace
from datetime import timedelta
from html.parser import HTMLParser
from xml.etree import ElementTree as ET

import pytest
from digest_sample import END, HOSTILE_TITLE, LONG_WORD, content, quote, stories

from monitor.digest.chart import bar_heights, sparkline, trend_png
from monitor.digest.export import ExportRow, export_matches
from monitor.digest.render import preview_html, render_digest
from monitor.digest.select import who_said_what
from monitor.errors import DigestError
from monitor.models import DigestStory, FeedHealth, Quote, TopicSection

BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hrefs += [v for k, v in attrs if tag == "a" and k == "href" and v]


def links(html: str) -> list[str]:
    """Return every link target in the document, unescaped."""
    parser = _Links()
    parser.feed(html)
    return parser.hrefs


def png_size_and_pixels(data: bytes) -> tuple[int, int, bytes]:
    """Decode our own PNG (one IDAT, filter 0) to width, height and raw RGBA rows."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks = 8, {}
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        assert zlib.crc32(kind + body) & 0xFFFFFFFF == crc
        chunks[kind] = body
        pos += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert (depth, colour) == (8, 6)
    return width, height, zlib.decompress(chunks[b"IDAT"])


def test_subject_names_title_count_and_local_day() -> None:
    rendered = render_digest(content())
    assert rendered.subject == "China–NATO–Russia daily brief — 5 stories — 28 Nov 2026"
    one = content(sections=(TopicSection("cnr", "CNR", stories()[:1]),))  # nothing hidden
    assert render_digest(one).subject.endswith("— 1 story — 28 Nov 2026")
    # 23:30 UTC is already the next day in Tokyo.
    tokyo = content(timezone="Asia/Tokyo", period_end=END.replace(hour=23, minute=30))
    assert render_digest(tokyo).subject.endswith("29 Nov 2026")


def test_text_part_reads_like_a_briefing() -> None:
    text = render_digest(content()).text
    flat = " ".join(line.strip() for line in text.splitlines())  # wrapped lines joined
    assert "27 Nov 2026 08:00 – 28 Nov 2026 08:00 CET" in text  # recipient's zone
    assert "▃▁▄▅▃▁▁▆█▄▃▅▇▅" in text  # 14-period sparkline
    assert "China–NATO–Russia    3 articles  ▃" in text  # the count is the last bar
    assert "Example Wire · wire · US · 28 Nov 04:46" in text
    assert "also in: Daily Ledger, Harbour Times +2 · also: NATO–China relations" in text
    assert "China's foreign ministry accused NATO of smearing Beijing" in text  # the lede
    assert 'Why: title: "NATO" + body: "China" NEAR "Russia" (matched: NATO, China' in flat
    assert "— Spokesman Lin Jian" in text and "[updated]" in text
    assert "China's foreign ministry”" not in text  # one quote per story: the first
    assert "https://news.example.com/world/china-nato-warning" in text
    assert "China–NATO–Russia (3 of 5 stories)" in text
    assert "2 more China–NATO–Russia stories, in the attached full list." in text
    assert "Spokesman Lin Jian (2 stories): “NATO should stop" in text  # who said what
    assert (
        "1 of 10 feeds failing for over a day (1 more failing for under a day, being retried): "
        "Dead Feed (since 25 Nov 2026, 17 errors" in flat
    )
    assert "Flaky Feed" not in text  # failing for two hours only: not news yet
    assert all(len(line) <= 78 for line in text.splitlines())
    assert not BIDI.search(text) and "\r" not in text


def test_feed_health_is_one_line_even_when_all_is_well() -> None:
    rendered = render_digest(content(failing_feeds=()))
    assert "All 10 feeds healthy." in rendered.text
    assert rendered.html.count("All 10 feeds healthy.") == 1
    flaky = content().failing_feeds[1:]  # failing for two hours: counted, not named
    text = render_digest(content(failing_feeds=flaky)).text
    assert "9 of 10 feeds healthy; 1 failing for under a day, being retried." in text
    assert "Flaky" not in text


def test_a_full_list_link_replaces_the_attachment_note() -> None:
    url = "https://monitor.example.org/p/token"
    rendered = render_digest(content(full_list_url=url))
    assert "2 more China–NATO–Russia stories, see the full list:" in rendered.text
    assert url in links(rendered.html) and "attached" not in rendered.html


def test_html_escapes_article_text_and_keeps_links() -> None:
    html = render_digest(content()).html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>Outlet</b>" not in html and "<i>spoof</i>" not in html
    assert not BIDI.search(html) and "\r" not in html
    assert LONG_WORD not in html  # truncated: the link carries the full headline
    story_links = {s.url for s in stories()}
    assert set(links(html)) == story_links  # who-said-what links to a story too
    assert 'style="' in html  # CSS inlined
    assert "prefers-color-scheme: dark" in html and "max-width: 620px" in html


def test_unsafe_urls_are_shown_but_never_linked() -> None:
    story = DigestStory("Bad link", "javascript:alert(1)", "X", END, "cnr", 1.0, "why")
    only = (TopicSection("cnr", "CNR", (story,)),)
    rendered = render_digest(content(sections=only, speakers=()))
    assert "javascript:" not in rendered.html and links(rendered.html) == []
    assert "(link withheld: javascript:alert(1))" in rendered.text


def test_trend_chart_is_an_embedded_png_referenced_by_cid() -> None:
    rendered = render_digest(content())
    (image,) = rendered.images
    assert image.mime_type == "image/png"
    assert f'src="cid:{image.cid}"' in rendered.html
    width, height, raw = png_size_and_pixels(image.data)
    assert (width, height) == (224, 56)
    assert len(raw) == height * (1 + 4 * width)
    assert "data:image/png;base64," in preview_html(rendered)
    assert "cid:" not in preview_html(rendered)


def test_chart_bars_follow_the_values() -> None:
    assert bar_heights([0, 5, 10], 20) == [0, 10, 20]
    assert bar_heights([1, 1000], 50)[0] == 2  # a quiet day still shows
    assert bar_heights([0, 0], 20) == [0, 0]
    width, height, raw = png_size_and_pixels(trend_png([0, 10], width=20, height=12))
    stride = 1 + 4 * width
    top_row = raw[1:stride]  # first pixel row, after the filter byte
    # The left slot (zero) is transparent at the top; the right slot (max) is painted.
    assert top_row[3] == 0 and top_row[4 * 12 + 3] == 255


def test_sparkline_scales_to_the_largest_value() -> None:
    assert sparkline([0, 1, 2, 4, 8]) == "▁▂▃▅█"
    assert sparkline([0, 0]) == "▁▁"
    assert sparkline([]) == ""


def test_empty_day_sends_a_short_note_never_a_blank_email() -> None:
    empty = content(
        sections=(TopicSection("cnr", "China–NATO–Russia", (), trend=(0,) * 14),),
        empty_note="Quiet day: nothing matched China–NATO–Russia.",
    )
    rendered = render_digest(empty)
    assert rendered.subject == "China–NATO–Russia daily brief — nothing matched — 28 Nov 2026"
    for part in (rendered.text, rendered.html):
        assert "Quiet day: nothing matched China–NATO–Russia." in part
        assert "Dead Feed" in part  # feed health still reported
    no_sections = render_digest(content(sections=()))
    assert "Nothing matched your topics in this period." in no_sections.text
    assert no_sections.images == ()


def test_late_digest_says_so() -> None:
    rendered = render_digest(content(late=True))
    assert "Sent late" in rendered.text and "Sent late" in rendered.html


def test_unknown_timezone_is_a_digest_error() -> None:
    with pytest.raises(DigestError, match="Mars/Olympus"):
        render_digest(content(timezone="Mars/Olympus"))


def test_who_said_what_is_one_line_per_person_most_quoted_first() -> None:
    first, second = stories()[:2]
    pairs = [
        (first, [quote("We oppose any smearing of China by the alliance", "Lin Jian")]),
        (
            second,
            [
                quote("Short", "Lin Jian"),
                quote("Machine tools keep the war going on", "Antony Blinken"),
            ],
        ),
        (
            second,
            [quote("NATO should stop hyping up the China threat, he added", "Spokesman Lin Jian")],
        ),
        (first, [quote("a line", "he"), quote("unnamed words here", "the official")]),
    ]
    lines = who_said_what(pairs, limit=10)
    assert [line.speaker for line in lines] == ["Lin Jian", "Antony Blinken"]  # most written
    assert lines[0].stories == 3 and lines[1].stories == 1
    assert lines[0].quote.startswith("NATO should stop hyping")  # the most informative
    assert who_said_what(pairs, limit=1)[0].speaker == "Lin Jian"


def test_who_said_what_groups_by_person_not_by_string() -> None:
    # "Mike Pence" and "Vice President Mike Pence" were listed as two people (issue 15);
    # a surname alone joins the one full name the digest has for it, and two people who share
    # a surname (Eric and Donald Trump) stay two.
    first, second = stories()[:2]

    def said(text: str, speaker: str, person: str) -> Quote:
        return replace(quote(text, speaker), person=person)

    pairs = [
        (first, [said("We will stand with our allies in Europe", "Mike Pence", "Mike Pence")]),
        (second, [said("NATO is the bedrock", "Vice President Mike Pence", "Mike Pence")]),
        (first, [said("Our allies must pay more", "Pence", "Pence")]),
        (second, [said("We defend our state alone", "Zelensky", "Volodymyr Zelensky")]),
        (first, [said("The world is watching", "Volodymyr Zelenskyy", "Volodymyr Zelenskyy")]),
        (first, [said("My father believes in NATO", "Eric Trump", "Eric Trump")]),
        (second, [said("NATO is obsolete, I said it", "President Trump", "Donald Trump")]),
    ]
    lines = who_said_what(pairs, limit=10)
    assert [(line.speaker, line.stories) for line in lines] == [
        ("Vice President Mike Pence", 3),
        ("Volodymyr Zelenskyy", 2),
        ("Eric Trump", 1),
        ("President Trump", 1),
    ]


def test_feeds_failing_under_a_day_are_left_out() -> None:
    feeds = (
        FeedHealth("https://x.example/rss", None, END - timedelta(hours=25), 3, "boom"),
        FeedHealth("https://y.example/rss", "Y", None, 0, None),
    )
    text = render_digest(content(failing_feeds=feeds)).text
    flat = " ".join(line.strip() for line in text.splitlines())
    assert "https://x.example/rss (since 27 Nov 2026, 3 errors: boom)" in flat
    assert "y.example" not in text


# --- export ----------------------------------------------------------------------------------

ROWS = (
    ExportRow(
        "https://a.example/1",
        '=HYPERLINK("http://evil") ' + HOSTILE_TITLE,
        "Wire",
        END,
        "cnr",
        7.5,
        "title: NATO",
        (quote("we oppose", "Lin Jian"),),
    ),
    ExportRow("https://b.example/2", "Undated", "Ledger", None, "cnr", 1.0, "body: China"),
)


def test_export_json_round_trips() -> None:
    data = json.loads(export_matches(ROWS, "json"))
    assert data[0]["published"] == "2026-11-28T07:00:00Z"
    assert data[0]["quotes"] == [{"text": "we oppose", "speaker": "Lin Jian", "kind": "direct"}]
    assert data[1]["published"] is None
    assert "\r" not in data[0]["title"] and not BIDI.search(data[0]["title"])


def test_export_csv_defuses_formulas() -> None:
    table = list(csv.DictReader(io.StringIO(export_matches(ROWS, "csv"))))
    assert table[0]["title"].startswith("'=HYPERLINK")
    assert table[0]["quotes"] == "“we oppose” — Lin Jian"
    assert table[1]["published"] == ""


def test_export_atom_is_well_formed() -> None:
    ns = {"a": "http://www.w3.org/2005/Atom"}
    feed = ET.fromstring(export_matches(ROWS, "atom").encode())
    entries = feed.findall("a:entry", ns)
    assert len(entries) == 2
    assert entries[0].find("a:link", ns).get("href") == "https://a.example/1"  # type: ignore[union-attr]
    assert feed.find("a:updated", ns).text == "2026-11-28T07:00:00Z"  # type: ignore[union-attr]
    assert "<script>" in entries[0].find("a:title", ns).text  # type: ignore[union-attr,operator]


def test_export_rejects_unknown_format() -> None:
    with pytest.raises(DigestError, match="xml"):
        export_matches(ROWS, "xml")  # type: ignore[arg-type]
