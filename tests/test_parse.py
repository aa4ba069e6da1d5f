"""parse_feed: bytes in, ParsedFeed out; hostile XML stays harmless; only ParseError escapes."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from monitor.errors import ParseError
from monitor.feeds import Fetcher, FetchSettings, html_to_text, parse_feed
from monitor.models import ParsedFeed
from tests.support.httpserver import Route, serve

FIXTURES = Path(__file__).parent / "fixtures" / "feeds"
FEED_URL = "https://news.example.org/feeds/main.xml"
SHARED_FEED_DIRS = ("real", "feedparser-cases")


def rss(items: str, channel: str = "", prologue: str = "") -> bytes:
    head = '<?xml version="1.0" encoding="utf-8"?>\n' + prologue
    channel = f"<channel><title>T</title>{channel}{items}</channel>"
    return f'{head}<rss version="2.0">{channel}</rss>'.encode()


def item(n: int | str, link: str | None = None) -> str:
    link = link if link is not None else f"https://news.example.org/a/{n}"
    return f"<item><title>Story {n}</title><link>{link}</link><guid>g{n}</guid></item>"


def all_text(feed: ParsedFeed) -> str:
    return repr(feed)


# --- fields ---------------------------------------------------------------------------------


def test_rss_fields_are_plain_text_and_links_absolute() -> None:
    feed = parse_feed((FIXTURES / "basic.rss").read_bytes(), url=FEED_URL)
    assert feed.title == "Example & Co. News" and feed.link == "https://news.example.org/"
    assert feed.ttl_minutes == 45 and feed.warning is None
    first, bad_date, by_guid = feed.items
    assert first.link == "https://news.example.org/world/nato-summit"
    assert first.title == "NATO summit opens" and first.guid == "item-1"
    assert first.summary == "Leaders meet in Brussels."
    assert first.content == "First paragraph.\nSecond & last."
    assert first.published == datetime(2025, 6, 10, 12, 30, tzinfo=UTC)
    assert first.author == "Jane Reporter"
    assert bad_date.published is None
    assert by_guid.link == "https://news.example.org/world/by-guid"


def test_unsafe_and_missing_links_are_dropped_with_reasons() -> None:
    feed = parse_feed((FIXTURES / "basic.rss").read_bytes(), url=FEED_URL)
    assert len(feed.skipped) == 3
    script, data, missing = feed.skipped
    assert "Script link" in script and "javascript:" in script
    assert "data:" in data and "has no link" in missing
    assert all(i.link.startswith("https://") for i in feed.items)


def test_atom_fields_and_update_period() -> None:
    feed = parse_feed((FIXTURES / "basic.atom").read_bytes(), url=FEED_URL)
    assert feed.title == "Atom Desk" and feed.ttl_minutes == 30
    (entry,) = feed.items
    assert entry.link == "https://news.example.org/feeds/posts/accord.html"
    assert entry.published == datetime(2025, 6, 10, 16, 0, tzinfo=UTC)
    assert entry.author == "Ivan Writer" and entry.summary == "Summary & more"
    assert entry.content == "Full text."


def test_entry_html_is_reduced_to_its_text_without_feedparser_sanitising() -> None:
    # feedparser's own sanitiser is off (parse.py): html_to_text alone must drop active content.
    markup = (
        "<p onclick='steal()'>Talks <a href='/rel/link'>resumed</a>.</p>"
        "<script>document.write('evil')</script><style>p { color: red }</style>"
        "<iframe src='https://ads.example/'></iframe><noscript>enable js</noscript>"
    )
    entry = (
        "<item><title>&lt;b&gt;Bold&lt;/b&gt; title</title><link>https://news.example.org/a/1</link>"
        f"<description><![CDATA[{markup}]]></description>"
        f"<content:encoded><![CDATA[{markup}<p>More.</p>]]></content:encoded></item>"
    )
    body = rss(entry).replace(
        b'<rss version="2.0">',
        b'<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
    )
    (parsed,) = parse_feed(body, url=FEED_URL).items
    assert parsed.title == "Bold title"
    assert parsed.summary == "Talks resumed."
    assert parsed.content == "Talks resumed.\nMore."
    for text in (parsed.summary, parsed.content):
        assert "evil" not in text and "steal" not in text and "color" not in text
        assert "enable js" not in text and "<" not in text


def test_html_to_text_drops_markup_scripts_and_entities() -> None:
    html = "<p>A&nbsp;<b>bold</b> move</p><script>x()</script><style>p{}</style><p>Next&amp;</p>"
    assert html_to_text(html) == "A bold move\nNext&"
    assert html_to_text("  plain   text ") == "plain text"
    assert html_to_text("<p>unclosed <div").startswith("unclosed")


@pytest.mark.parametrize(
    ("channel", "minutes"),
    [
        ("<ttl>60</ttl>", 60),
        ("<ttl>soon</ttl>", None),
        ("<ttl>999999999</ttl>", 7 * 1440),
        ("", None),
    ],
)
def test_ttl(channel: str, minutes: int | None) -> None:
    assert parse_feed(rss(item(1), channel), url=FEED_URL).ttl_minutes == minutes


def test_huge_title_is_trimmed() -> None:
    feed = parse_feed(rss(item(1).replace("Story 1", "word " * 200_000)), url=FEED_URL)
    assert len(feed.items[0].title) == 1000


def test_entries_beyond_the_cap_are_skipped_with_a_reason() -> None:
    body = rss("".join(item(i) for i in range(10_005)))
    feed = parse_feed(body, url=FEED_URL)
    assert len(feed.items) == 10_000
    assert feed.items[-1].link.endswith("/a/9999")
    assert feed.skipped == ("5 entries beyond the first 10000",)


def test_lenient_parse_gives_a_warning() -> None:
    broken = rss(item(1) + item(2)).replace(b"</channel>", b"<unclosed></channel>")
    feed = parse_feed(broken, url=FEED_URL)
    assert len(feed.items) == 2 and feed.warning and "leniently" in feed.warning


def test_invalid_utf8_parses() -> None:
    feed = parse_feed(rss(item(1)).replace(b"Story 1", b"Story \xff\xfe 1"), url=FEED_URL)
    assert feed.items[0].link.endswith("/a/1")


@pytest.mark.parametrize(
    "body",
    [b"", b"   ", b"<html><body><p>Just a page</p></body></html>", b"\x00\x01\x02", b"{}"],
)
def test_not_a_feed_raises_parse_error_naming_the_url(body: bytes) -> None:
    with pytest.raises(ParseError, match="not an RSS/Atom feed") as err:
        parse_feed(body, url=FEED_URL)
    assert FEED_URL in str(err.value)


def test_empty_but_valid_feed_has_no_items() -> None:
    feed = parse_feed(rss(""), url=FEED_URL)
    assert feed.items == () and feed.title == "T" and feed.warning is None


def test_feed_url_string_is_never_fetched_or_opened() -> None:
    # feedparser treats a string argument as a URL or path; parse_feed must treat it as content.
    with pytest.raises(ParseError):
        parse_feed(b"/etc/passwd", url=FEED_URL)
    with pytest.raises(ParseError):
        parse_feed(b"http://127.0.0.1:9/feed", url=FEED_URL)


# --- hostile XML ----------------------------------------------------------------------------


def _xxe(target: str, inline: bool) -> bytes:
    sep = "" if inline else "\n"
    prologue = f'<!DOCTYPE rss [{sep}<!ENTITY xxe SYSTEM "{target}">{sep}]>\n'
    body = "<item><title>t &xxe;</title><link>https://x.example/a</link>"
    body += "<description>&xxe;</description></item>"
    return rss(body, prologue=prologue)


@pytest.mark.parametrize("inline", [False, True])
def test_external_entities_are_never_resolved(tmp_path: Path, inline: bool) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER")
    for target in ("file:///etc/passwd", secret.as_uri()):
        try:
            feed = parse_feed(_xxe(target, inline), url=FEED_URL)
        except ParseError:
            continue
        text = all_text(feed)
        assert "root:" not in text and "TOP-SECRET-MARKER" not in text


def _laughs(inline: bool) -> bytes:
    sep = "" if inline else "\n"
    decls = [f'<!ENTITY lol0 "{"lol" * 10}">']
    decls += [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    prologue = "<!DOCTYPE rss [" + sep + sep.join(decls) + sep + "]>\n"
    return rss(item("&lol9;"), prologue=prologue)


def _quadratic(inline: bool) -> bytes:
    sep = "" if inline else "\n"
    prologue = f'<!DOCTYPE rss [{sep}<!ENTITY a "{"A" * 100_000}">{sep}]>\n'
    entry = f"<item><title>x</title><link>https://x.example/a</link><description>{'&a;' * 30_000}"
    return rss(entry + "</description></item>", prologue=prologue)


@pytest.mark.parametrize("inline", [False, True])
@pytest.mark.parametrize("bomb", [_laughs, _quadratic])
def test_entity_bombs_are_not_expanded(bomb, inline: bool) -> None:  # type: ignore[no-untyped-def]
    try:
        feed = parse_feed(bomb(inline), url=FEED_URL)
    except ParseError:
        return
    assert feed.warning is not None
    assert len(all_text(feed)) < 1_000_000  # expanded, either would be gigabytes


# --- properties -------------------------------------------------------------------------------


_xmlish = st.lists(
    st.sampled_from(
        ["<rss>", "</rss>", "<channel>", "<item>", "</item>", "<title>", "</title>", "<link>",
         "</link>", "<feed xmlns='http://www.w3.org/2005/Atom'>", "<entry>", "<![CDATA[", "]]>",
         "&amp;", "&bogus;", "&#0;", "<!DOCTYPE x [", "<!ENTITY e 'v'>", "]>", "javascript:",
         "http://a.example/", "\x00", "\udcff", "é", "<?xml version='1.0' encoding='utf-16'?>"]
    ) | st.text(max_size=20),
    max_size=40,
).map(lambda parts: "".join(parts).encode("utf-8", "surrogatepass"))  # fmt: skip


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=st.binary(max_size=2000) | _xmlish)
def test_parse_feed_raises_only_parse_error(body: bytes) -> None:
    try:
        feed = parse_feed(body, url=FEED_URL)
    except ParseError:
        return
    assert all(i.link.startswith(("http://", "https://")) for i in feed.items)


# --- shared real-world feeds ------------------------------------------------------------------


def _shared_feeds(shared_data: Path) -> list[Path]:
    files = [
        path
        for name in SHARED_FEED_DIRS
        for path in sorted((shared_data / "feeds" / name).rglob("*"))
        if path.is_file() and path.suffix != ".jsonl"
    ]
    if not files:
        pytest.fail(f"no feeds under {shared_data / 'feeds'}: the shared data is incomplete")
    return files


@pytest.mark.shared_data
def test_every_shared_feed_parses_or_raises_parse_error(shared_data: Path) -> None:
    parsed = 0
    for path in _shared_feeds(shared_data):
        try:
            feed = parse_feed(path.read_bytes(), url="https://feeds.example.org/" + path.name)
        except ParseError:
            continue
        parsed += 1
        assert all(i.link.startswith(("http://", "https://")) for i in feed.items), path
    assert parsed > 0


@pytest.mark.shared_data
def test_every_shared_feed_is_served_fetched_and_parsed(shared_data: Path) -> None:
    files = _shared_feeds(shared_data)
    routes = {
        f"/{i}/{p.name}": Route(body=p.read_bytes(), gzip=i % 2 == 0) for i, p in enumerate(files)
    }
    fetch_settings = FetchSettings(
        user_agent="news-monitor-test/0.1", allowed_hosts=("127.0.0.1",), per_host_interval=0.0
    )

    async def fetch_all(base: str) -> list[tuple[str, bytes, str | None]]:
        async with Fetcher(fetch_settings) as fetcher:
            results = [await fetcher.fetch(base + path, kind="feed") for path in routes]
        return [(r.final_url, r.body, r.headers.get("content-type")) for r in results]

    with serve(routes) as srv:
        fetched = asyncio.run(fetch_all(srv.base_url))
    assert [body for _, body, _ in fetched] == [p.read_bytes() for p in files]
    for url, body, content_type in fetched:
        with contextlib.suppress(ParseError):
            parse_feed(body, url=url, content_type=content_type)
