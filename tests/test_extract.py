"""Page extraction: text, declared metadata, refusals, and the fast lxml element lookup."""

from __future__ import annotations

import gzip
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml.html import HtmlElement, HtmlElementClassLookup

from monitor.errors import ExtractError
from monitor.extract import FAST_LOOKUP, HTML_PARSER, extract_page, load_html

_BODY = " ".join(
    f"Paragraph {i}: the foreign ministry said on Tuesday that talks would continue next week."
    for i in range(6)
)
PAGE = f"""<!doctype html><html lang="en-GB"><head>
<title>Head title</title>
<meta property="og:title" content="Talks to continue">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2026-03-01T08:30:00+01:00">
<link rel="canonical" href="/world/talks">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Talks to continue</h1>{"".join(f"<p>{s}.</p>" for s in _BODY.split(". "))}</article>
<footer>Copyright</footer></body></html>"""


def test_text_and_declared_metadata() -> None:
    page = extract_page(PAGE.encode(), "https://news.example.org/world/talks?utm_source=x")
    assert "Paragraph 0: the foreign ministry said" in page.text
    assert "Paragraph 5" in page.text
    assert "Home" not in page.text and "Copyright" not in page.text
    assert "\n\n" in page.text  # paragraphs separated by blank lines
    assert page.title == "Talks to continue"  # og:title ranks above <title>
    assert page.author == "Jane Doe"
    assert page.published == datetime(2026, 3, 1, 7, 30, tzinfo=UTC)
    assert page.language == "en"
    assert page.canonical_url == "https://news.example.org/world/talks"


def test_a_short_article_is_kept() -> None:
    # One pass in recall focus: the balanced focus dropped short articles whole.
    sentence = "NATO ministers meet in Brussels on Thursday to discuss support for Ukraine."
    html = f"<html><body><article><h1>Brief</h1><p>{sentence}</p></article></body></html>"
    assert sentence in extract_page(html.encode(), "https://news.example.org/brief").text


def test_binary_content_is_refused_with_the_url() -> None:
    with pytest.raises(ExtractError, match="https://x.example/a.html: binary content"):
        extract_page(b"\x89PNG\r\n\x1a\n\x00\x00\x00", "https://x.example/a.html")


def test_a_page_without_text_is_refused_with_the_url() -> None:
    html = b"<html><head><title>Index</title></head><body><script>var a = 1;</script></body></html>"
    with pytest.raises(ExtractError, match="https://x.example/index: no article text"):
        extract_page(html, "https://x.example/index")


def test_elements_get_their_class_without_a_python_callback() -> None:
    # lxml.html's own lookup would make this a FormElement (chosen in Python, per element).
    tree = load_html(b"<html><body><form><input name='q'></form><p>x</p></body></html>")
    assert tree is not None
    assert type(tree.find(".//form")) is HtmlElement
    assert type(tree.find(".//input")) is HtmlElement


@pytest.mark.shared_data
def test_fast_lookup_extracts_what_lxml_html_lookup_does(shared_data: Path) -> None:
    folder = shared_data / "extraction" / "scrapinghub"
    truth = json.loads((folder / "ground_truth.json").read_text(encoding="utf-8"))
    pages = [
        (gzip.decompress((folder / f"{page_id}.html.gz").read_bytes()), truth[page_id].get("url"))
        for page_id in sorted(truth)[:60]
        if (folder / f"{page_id}.html.gz").exists()
    ]
    assert len(pages) >= 50, f"too few benchmark pages under {folder}"
    fast = [extract_page(html, url) for html, url in pages]
    HTML_PARSER.set_element_class_lookup(HtmlElementClassLookup())
    try:
        standard = [extract_page(html, url) for html, url in pages]
    finally:
        HTML_PARSER.set_element_class_lookup(FAST_LOOKUP)
    assert fast == standard
