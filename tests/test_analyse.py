"""analyse_page: which text an article is analysed on, the page's or the feed's, and why."""

from __future__ import annotations

from monitor.analyse import analyse_page
from monitor.models import ArticleInput
from monitor.rules import TopicSpec, compile_rules

URL = "https://news.example.org/world/talks"
STORY = " ".join(
    f"Paragraph {i}: Beijing and Moscow said on Tuesday that their talks would continue."
    for i in range(12)
)
RULES = compile_rules(
    {"china": ["China", "Beijing"], "russia": ["Russia", "Moscow"]},
    [TopicSpec("cr", "China-Russia", "china AND russia", threshold=0.0)],
)


def page(body: str) -> bytes:
    return (
        '<html lang="en"><head><title>Talks</title><link rel="canonical" href="/world/talks">'
        f"</head><body><article><h1>Talks</h1>{body}</article></body></html>"
    ).encode()


def feed_entry(text: str) -> ArticleInput:
    return ArticleInput(url=URL, title="Talks continue", text=text)


def test_the_page_text_is_used_when_the_feed_has_only_a_summary() -> None:
    html = page("".join(f"<p>{s}.</p>" for s in STORY.split(". ")))
    result = analyse_page(html, feed_entry("Talks continue, officials say."), RULES)
    article = result.analysis.article
    assert not article.from_summary and result.error is None
    assert "Paragraph 11" in article.text and article.language == "en"
    assert [m.topic_id for m in result.analysis.matches] == ["cr"]


def test_the_feed_text_is_kept_when_the_page_gives_less() -> None:
    teaser = page("<p>Beijing and Moscow talk again. Subscribe to read the full story.</p>")
    result = analyse_page(teaser, feed_entry(STORY), RULES)
    article = result.analysis.article
    assert article.from_summary and article.text == STORY
    assert result.error is not None
    assert result.error.startswith(f"{URL}: the page gave ")
    assert "the feed's text is used" in result.error
    # What the page declares still counts: its language and canonical address.
    assert article.language == "en" and result.canonical_url == URL
    assert [m.topic_id for m in result.analysis.matches] == ["cr"]


def test_an_unusable_page_falls_back_to_the_feed_text_with_the_reason() -> None:
    result = analyse_page(b"\x89PNG\r\n\x1a\n\x00\x00", feed_entry(STORY), RULES)
    assert result.analysis.article.from_summary and result.analysis.article.text == STORY
    assert result.error is not None and "binary content" in result.error
