"""Page extraction: text, trust check, declared metadata, language, refusals, fast lookup."""

from __future__ import annotations

import gzip
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml.html import HtmlElement, HtmlElementClassLookup

from monitor import extract, pagemeta
from monitor.errors import ExtractError
from monitor.extract import FAST_LOOKUP, HTML_PARSER, extract_page, extract_text, load_html

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
    assert not page.text.startswith("Talks to continue")  # the <h1> repeats the title: dropped
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


def _readability(shared_data: Path) -> tuple[Path, dict[str, dict[str, str | None]]]:
    folder = shared_data / "extraction" / "readability"
    truth = json.loads((folder / "ground_truth.json").read_text(encoding="utf-8"))
    return folder, truth


def _page(folder: Path, page_id: str) -> bytes:
    path = folder / f"{page_id}.html.gz"
    assert path.exists(), f"readability page {path} is missing from the shared data"
    return gzip.decompress(path.read_bytes())


def _extracted(
    shared_data: Path, page_id: str
) -> tuple[str, str, dict[str, dict[str, str | None]]]:
    """Extract one readability page; return its text, which pass gave it, and the set's truth."""
    folder, truth = _readability(shared_data)
    tree = load_html(_page(folder, page_id))
    assert tree is not None
    text, source = extract_text(tree, None)
    return text, source, truth


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


# (page, language, start of the canonical URL the page declares); title: the set's own title.
NON_ENGLISH = [
    ("lemonde-1", "fr", "http://www.lemonde.fr/pixels/article/2015/05/04/que-contient-la-loi"),
    ("liberation-1", "fr", "http://www.liberation.fr/monde/2015/04/30/un-troisieme-francais"),
    ("heise", "de", "http://www.heise.de/mac-and-i/meldung/1Password-fuer-Mac-generiert"),
    ("cnet-svg-classes", "es", "https://www.cnet.com/es/noticias/twitter-lite-america-latina/"),
    ("la-nacion", "es", "http://www.lanacion.com.ar/2089096-una-solucion-no-violenta-para-la"),
    ("aktualne", "cs", "https://sport.aktualne.cz/fotbal/zahranici/west-ham-hrozi-gigantum"),
    ("pixnet", "zh", "http://stevenhgm.pixnet.net/blog/post/39926056-"),
    ("gmw", "zh", None),
]


@pytest.mark.shared_data
@pytest.mark.parametrize(("page_id", "language", "canonical"), NON_ENGLISH)
def test_language_title_and_canonical_url_of_non_english_pages(
    shared_data: Path, page_id: str, language: str, canonical: str | None
) -> None:
    folder, truth = _readability(shared_data)
    page = extract_page(_page(folder, page_id), None)
    assert page.language == language
    expected_title = truth[page_id].get("title")
    assert expected_title, f"{page_id}: the set gives no title"
    assert page.title == " ".join(expected_title.split())
    if canonical is None:
        assert page.canonical_url is None
    else:
        assert page.canonical_url is not None and page.canonical_url.startswith(canonical)
    # The text is the article's, in its own language: most of the true body's words are in it.
    body = _words(str(truth[page_id]["articleBody"]))
    assert len(body & _words(page.text)) >= 0.9 * len(body)


@pytest.mark.shared_data
@pytest.mark.parametrize("page_id", ["missing-paragraphs", "svg-parsing", "dev418"])
def test_a_short_fast_pass_gets_a_second_opinion(shared_data: Path, page_id: str) -> None:
    # Text in bare <div>s, <br>-separated lines or beside inline SVG: the fast pass keeps a
    # fraction of it; trafilatura's fallbacks find the rest.
    text, source, truth = _extracted(shared_data, page_id)
    assert source == "fallbacks"
    body = _words(str(truth[page_id]["articleBody"]))
    assert len(body & _words(text)) >= 0.9 * len(body)
    # justext ran with our stopwords, not all 100 languages' (31 MB more in every worker).
    assert len(extract.external.JT_STOPLIST or ()) < 20_000


@pytest.mark.shared_data
@pytest.mark.parametrize("page_id", ["hidden-nodes", "visibility-hidden"])
def test_hidden_text_does_not_win_the_second_opinion(shared_data: Path, page_id: str) -> None:
    # The fallbacks read display:none / visibility:hidden blocks: longer, but not what a
    # reader sees, so the fast pass stands.
    text, source, truth = _extracted(shared_data, page_id)
    assert source == "fast"
    assert len(text) <= 1.2 * len(str(truth[page_id]["articleBody"]))


@pytest.mark.shared_data
def test_a_home_page_the_fast_pass_misses_gets_the_baseline(shared_data: Path) -> None:
    # nytimes-5 is a section front: the fast pass keeps one teaser (~2% of the visible text).
    folder, truth = _readability(shared_data)
    tree = load_html(_page(folder, "nytimes-5"))
    assert tree is not None
    text, source = extract_text(tree, None)
    assert source == "baseline"
    body = _words(str(truth["nytimes-5"]["articleBody"]))
    assert len(body & _words(text)) >= 0.5 * len(body)


def test_a_long_fast_result_is_trusted_without_a_second_opinion() -> None:
    tree = load_html(PAGE.encode())
    assert tree is not None
    text, source = extract_text(tree, "https://news.example.org/world/talks")
    assert source == "fast" and "Paragraph 5" in text


def test_visible_length_leaves_out_hidden_and_script_text() -> None:
    html = (
        "<html><body><p>seen text</p><p hidden>hidden one</p>"
        "<div style='display: none'>hidden two</div><div aria-hidden='true'>three</div>"
        "<script>var x = 'code';</script><!-- a comment --><span>more</span>tail</body></html>"
    )
    tree = load_html(html)
    assert tree is not None
    assert pagemeta.visible_length(tree) == len("seen text") + len("more") + len("tail")


FRENCH = (
    "Le gouvernement a présenté mardi un projet de loi qui doit renforcer les pouvoirs des "
    "services de renseignement. Les députés ont voté le texte dans la soirée, mais plusieurs "
    "associations de défense des libertés estiment que cette loi ouvre la voie à une "
    "surveillance de masse. Pour le ministre, il s'agit avant tout de protéger les citoyens "
    "face à une menace qui ne cesse de changer, et les juges pourront contrôler les écoutes "
    "qui sont autorisées par le Premier ministre dans des cas précis. "
) * 2


def test_a_declared_language_the_text_contradicts_is_corrected() -> None:
    assert pagemeta.language("en", FRENCH) == "fr"  # a theme's lang="en" on a French paper
    assert pagemeta.language(None, FRENCH) == "fr"
    assert pagemeta.language("fr-FR", FRENCH) == "fr"


def test_a_script_names_its_language_and_little_text_keeps_the_declared_one() -> None:
    chinese = "宇航员在太空中喝酒会怎么样？后果很严重。国际空间站上的宇航员不能喝酒。" * 2
    assert pagemeta.language(None, chinese) == "zh"
    assert pagemeta.language("en", "こんにちは、世界。これは日本語の文章です。" * 3) == "ja"
    assert pagemeta.language("de", "The minister said so.") == "de"  # too little to overrule
    assert pagemeta.language("en-GB", FRENCH.replace("é", "e")[:150]) == "en"


def test_a_site_name_after_the_title_is_removed_only_when_it_names_the_site() -> None:
    url = "https://sport.aktualne.cz/fotbal/clanek/r~1/"
    assert pagemeta.title("West Ham hrozí gigantům | Aktuálně.cz", None, url) == (
        "West Ham hrozí gigantům"
    )
    assert pagemeta.title("Talks resume - Example News", "Example News", None) == "Talks resume"
    assert pagemeta.title("Iran - Iraq border talks", "Example News", url) == (
        "Iran - Iraq border talks"
    )


@pytest.mark.shared_data
@pytest.mark.parametrize("page_id", ["social-buttons", "title-en-dash"])
def test_an_article_the_fast_pass_cut_short_gets_the_baseline(
    shared_data: Path, page_id: str
) -> None:
    # The page's <article> is nearly all its visible text and over 1.5x what the fast pass kept.
    text, source, truth = _extracted(shared_data, page_id)
    assert source == "baseline"
    body = _words(str(truth[page_id]["articleBody"]))
    assert len(body & _words(text)) >= 0.95 * len(body)


def test_a_headline_only_page_keeps_its_headline() -> None:
    html = (
        "<html><head><meta property='og:title' content='Ministers meet in Brussels'></head>"
        "<body><article><h1>Ministers meet in Brussels</h1></article></body></html>"
    )
    page = extract_page(html, "https://news.example.org/brief")
    assert page.text == "Ministers meet in Brussels"


@pytest.mark.parametrize(
    ("fast", "paragraphs", "worthwhile"),
    [
        (200, 0, True),  # under trafilatura's own minimum: its fallbacks always look
        (600, 0, False),  # no <p> text beyond what the fast pass kept
        (600, 700, False),  # the page's paragraphs hold little more than the fast result
        (600, 720, True),  # 1.2x: the fallbacks may find paragraphs the fast pass dropped
        (900, 4000, True),
    ],
)
def test_a_second_opinion_is_asked_only_when_the_paragraphs_hold_more(
    fast: int, paragraphs: int, worthwhile: bool
) -> None:
    measured: list[int] = []

    def length() -> int:
        measured.append(paragraphs)
        return paragraphs

    assert extract.second_opinion_worthwhile(fast, length) is worthwhile
    assert measured == ([] if fast < 250 else [paragraphs])  # measured only when it decides


def test_paragraph_length_counts_p_text_and_stops_at_the_bound() -> None:
    tree = load_html(
        "<html><body><p>one  two</p><div>not a paragraph</div><p>three</p></body></html>"
    )
    assert tree is not None
    assert extract._paragraph_length(tree, 100) == len("one two") + len("three")
    assert extract._paragraph_length(tree, 5) == len("one two")


_LINE = "Protesters gathered in the capital on Tuesday, and the police said twelve were held. "


@pytest.mark.parametrize(
    ("fast", "base", "replaced"),
    [
        ((_LINE * 20).strip(), "\n".join([_LINE.strip()] * 15), True),  # one run -> paragraphs
        ((_LINE * 20).strip(), "\n".join([_LINE.strip()] * 12), True),  # junk around it dropped
        ((_LINE * 20).strip(), "\n".join([_LINE.strip()] * 5), False),  # a quarter: not the text
        ((_LINE * 20).strip(), "\n".join([_LINE.strip()] * 30), False),  # more text than it had
        ((_LINE * 20).strip(), " ".join([_LINE.strip()] * 18), False),  # one run as well
        ("\n".join([_LINE.strip()] * 20), "\n".join([_LINE.strip()] * 18), False),  # has lines
        ((_LINE * 8).strip(), "\n".join([_LINE.strip()] * 8), False),  # short: trust check's job
    ],
)
def test_a_fast_result_in_one_block_is_replaced_by_the_pages_paragraphs(
    fast: str, base: str, replaced: bool
) -> None:
    assert (extract.one_block(fast) and extract.splits_block(fast, base)) is replaced


def test_one_block_without_paragraph_elements_stays_as_it_is() -> None:
    block = " ".join([_LINE.strip()] * 20)
    tree = load_html(f"<html><body><div>{block}</div><div>{block[:200]}</div></body></html>")
    assert tree is not None
    text, source = extract_text(tree, None)
    assert source == "fast" and text.startswith("Protesters")


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Talks resume\n\nThe ministers met.", "The ministers met."),
        ("World\n\nTalks Resume!\n\nThe ministers met.", "The ministers met."),  # label before
        ("World\n\n5 May\n\nTalks resume\n\nThe ministers met.", "The ministers met."),
        (  # too deep to be the headline at the top of the article
            "A\n\nB\n\nC\n\nTalks resume\n\nThe ministers met.",
            "A\n\nB\n\nC\n\nTalks resume\n\nThe ministers met.",
        ),
        ("World\n\nTalks resume", "World\n\nTalks resume"),  # nothing after it: kept
        ("The ministers met.\n\nTalks resume later.", "The ministers met.\n\nTalks resume later."),
    ],
)
def test_the_headline_and_the_chrome_before_it_are_dropped(text: str, kept: str) -> None:
    assert extract._without_headline(text, ("Talks resume", None)) == kept


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # A hidden menu of class names the fast pass kept (a Reuters page of the scrapinghub set).
        (
            "Oil fell on Tuesday.\n\nReporting by Rodrigo Campos\n\n0 : 0\n\n- narrow-browser-and-"
            "phone\n\n- landscape-tablet\n\n- above-phone",
            "Oil fell on Tuesday.\n\nReporting by Rodrigo Campos",
        ),
        # Two short last lines may be the article's own: only a run of three goes.
        ("The talks resume on Monday.\n\nShare\n\nTweet", None),
        # A page of nothing but tokens is left as it is (there is nothing else to keep).
        ("Alpha\n\nBeta\n\nGamma", None),
    ],
)
def test_a_run_of_bare_tokens_ending_the_text_is_dropped(text: str, kept: str | None) -> None:
    assert extract._without_tail_tokens(text) == (kept or text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("August 23, 2018\n\nThe integration will deliver alerts.",
         "The integration will deliver alerts."),
        ("November 19, 2019 /  12:21 AM / Updated 14 hours ago\n\nNEW YORK (Reuters) - Oil fell.",
         "NEW YORK (Reuters) - Oil fell."),
        ("05/10/2018 - Publicado por: Clarissa Borba - Categoria: Saúde\n\nA equipe registrou.",
         "A equipe registrou."),
        # A lede that opens with its date is the article: it reads as a sentence.
        ("Dec. 5, 2026 — NATO said it would meet on Friday.\n\nMore follows.", None),
        ("August 23, 2018", None),  # nothing after it: keep what there is
    ],
)  # fmt: skip
def test_a_first_line_that_is_only_the_date_is_dropped(text: str, kept: str | None) -> None:
    assert extract._without_dateline(text) == (kept or text)
