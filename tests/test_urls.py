"""canonical_url and host_of: one story, one URL; anything but http(s) is a ValueError."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from monitor.feeds import canonical_url, host_of


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://Example.COM:443/a?b=2&a=1#frag", "https://example.com/a?a=1&b=2"),
        ("http://example.com:80", "http://example.com/"),
        ("http://example.com:8080/x", "http://example.com:8080/x"),
        (
            "https://example.com/story?utm_source=rss&utm_medium=feed&id=7&fbclid=abc&gclid=z"
            "&mc_cid=1&mc_eid=2",
            "https://example.com/story?id=7",
        ),
        ("https://m.example.com/news/1", "https://example.com/news/1"),
        ("https://mobile.example.co.uk/news/1", "https://example.co.uk/news/1"),
        ("https://amp.example.com/news/1", "https://example.com/news/1"),
        ("https://example.com/amp/news/1", "https://example.com/news/1"),
        ("https://example.com/news/1/amp", "https://example.com/news/1"),
        ("https://example.com/news/1?amp", "https://example.com/news/1"),
        ("https://example.com/news/1?amp=1&p=2", "https://example.com/news/1?p=2"),
        ("https://example.com/n?outputType=amp", "https://example.com/n"),
        ("https://example.com/n?outputType=full", "https://example.com/n?outputType=full"),
        ("https://m.com/x", "https://m.com/x"),  # nothing left to map to
        ("https://münchen.de/straße", "https://xn--mnchen-3ya.de/stra%C3%9Fe"),
        ("https://example.com/a b", "https://example.com/a%20b"),
        ("https://user:pw@example.com/x", "https://example.com/x"),
        ("http://[::1]:80/x", "http://[::1]/x"),
        ("  https://example.com./x  ", "https://example.com/x"),
        ("https://example.com/x?b=1&a=2&b=0", "https://example.com/x?a=2&b=1&b=0"),
    ],
)
def test_canonical_url(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_relative_urls_resolve_against_base() -> None:
    base = "https://news.example.org/feeds/main.xml"
    assert canonical_url("../world/1?utm_campaign=x", base) == "https://news.example.org/world/1"
    assert canonical_url("//cdn.example.org/a", base) == "https://cdn.example.org/a"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,hi",
        "ftp://example.com/file",
        "mailto:a@example.com",
        "file:///etc/passwd",
        "",
        "   ",
        "http://",
        "http://[zz/",
        "http://example.com:99999/",
        "not a url",
        "http://exa mple.com/",
        "http://" + "a" * 64 + ".com/",
    ],
)
def test_unusable_urls_raise_value_error_with_a_message(url: str) -> None:
    with pytest.raises(ValueError, match=r"URL|http"):
        canonical_url(url)


def test_host_of() -> None:
    assert host_of("https://WWW.Example.com:8443/x") == "www.example.com"
    assert host_of("http://bücher.example/") == "xn--bcher-kva.example"
    with pytest.raises(ValueError):
        host_of("mailto:x@example.com")


@settings(max_examples=300, deadline=None)
@given(url=st.text(max_size=200), base=st.none() | st.text(max_size=60))
def test_canonical_url_raises_only_value_error(url: str, base: str | None) -> None:
    with contextlib.suppress(ValueError):
        canonical_url(url, base)


_hosts = st.from_regex(r"(m\.|amp\.|www\.)?[a-z0-9]{1,10}\.(com|org|co\.uk)", fullmatch=True)
_paths = st.lists(st.sampled_from(["a", "amp", "b c", "ü", "%41", "x.html", ""]), max_size=4)
_query = st.lists(
    st.tuples(
        st.sampled_from(["utm_source", "id", "amp", "q", "fbclid", "Z"]), st.text(max_size=5)
    ),
    max_size=4,
)


@settings(max_examples=300, deadline=None)
@given(
    scheme=st.sampled_from(["http", "https", "HTTP"]),
    host=_hosts,
    path=_paths,
    query=_query,
)
def test_canonical_url_is_idempotent(
    scheme: str, host: str, path: list[str], query: list[tuple[str, str]]
) -> None:
    from urllib.parse import urlencode

    url = f"{scheme}://{host}/{'/'.join(path)}?{urlencode(query)}#f"
    once = canonical_url(url)
    assert canonical_url(once) == once
    assert "utm_" not in once and "fbclid" not in once and "#" not in once
