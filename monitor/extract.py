"""HTML page -> article text and metadata via trafilatura (pure; the only trafilatura import).

Cost: the page is parsed once; trafilatura gets the tree and extracts the text only (its own
metadata pass is left to monitor/pagemeta.py, which reads what the page declares in one walk).

Text: one fast pass first (`fast=True`, recall focus, no fallback), which on the 181 English
news pages of bench_extraction.py is more accurate than trafilatura's defaults and costs under
half as much. It fails on unusual pages (short notes, text in bare <div>s or <br>-separated
lines, home pages), so its result is checked, cheaply and without any gold text, before it is
trusted: a result of at least `_TRUSTED_LENGTH` characters is kept as it is (most news
articles). A shorter one gets a second opinion, trafilatura with its readability and justext
fallbacks, which replaces it when it finds clearly more text but no more than a reader can see
on the page (hidden text must not count: those fallbacks read `display:none` blocks); it is not
asked when the page's <p> elements hold little more than the fast result (they found nothing
else there on the tuning half, and it is the costliest check). When the
fast pass kept almost none of the page's visible text (a home page or listing), trafilatura's
baseline (JSON-LD articleBody, <article>, or all paragraphs) is asked too. So it is when the
page marks an <article> that holds most of its visible text and is much longer than the fast
result (paragraphs the fast pass dropped), and the baseline returns that article. A fast
result that is one long line (a container's text run together) is replaced by the baseline when
the page's paragraphs hold about the same text (50-110% of it, in 3 or more paragraphs). The
headline (one of the first three paragraphs repeating the page's title) is dropped with the
page chrome before it: the title is a field of its own. The
thresholds were chosen on one half of each benchmark set (sha1 of the page id) and reported on
the other half too: see bench/bench_extraction.py and docs/extraction.md.

lxml.html gives each element its Python class from a Python callback (form, input, label ... get
classes of their own), called whenever lxml hands trafilatura an element: about 1,800 calls per
page, 5% of extraction. trafilatura uses none of those classes, so its parser is switched to
lxml's C-level lookup, which makes every element a plain HtmlElement. The extracted text is the
same (tests/test_extract.py compares both on the benchmark pages).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from copy import copy
from typing import Literal

import trafilatura
from justext.utils import get_stoplist  # justext comes with trafilatura, for its fallback
from lxml import etree
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction
from trafilatura import external
from trafilatura.settings import Extractor
from trafilatura.utils import HTML_PARSER, load_html

from monitor import pagemeta
from monitor.errors import ExtractError
from monitor.models import ExtractedPage

__all__ = ["FAST_LOOKUP", "HTML_PARSER", "extract_page", "extract_text", "load_html"]

# Trust check (tuned on half A of both benchmark sets; see the module docstring).
_TRUSTED_LENGTH = 1000  # characters: a fast result this long is kept without a second opinion
_GAIN = 1.2  # the second opinion must find this much more text to replace the fast pass
_VISIBLE_SLACK = 1.1  # ... and no more than this share of the page's visible text
_NEARLY_NOTHING = 0.03  # a fast result under this share of the visible text asks the baseline
_ARTICLE_GAIN = 1.5  # an <article> this much longer than the fast result: paragraphs are missing
_ARTICLE_SHARE = 0.8  # ... if it is most of the visible text (not a page of many teasers)
_ARTICLE_MATCH = 0.05  # the baseline must be that <article> (its length within 5%)
_PARAGRAPH_GAIN = 1.2  # no second opinion when the page's <p> text is under this x the fast result
_BLOCK_SHARE = 0.6  # a fast result whose longest line is this share of it is one block ...
_BLOCK_LINES = 3  # ... and the baseline replaces it when it has this many paragraphs
_BLOCK_RANGE = (0.5, 1.1)  # ... and this share of its length (the same text, split)
_HEADLINE_WITHIN = 3  # paragraphs: a headline this early ends the page's chrome before it
_WORDS = re.compile(r"\w+")
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
# A paragraph opening with a date: 05/10/2018, 2018-10-05, August 23, 2018, 23 August 2018.
_DATE_LINE = re.compile(
    rf"(?:\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}|{_MONTH} \d{{1,2}}, \d{{4}}"
    rf"|\d{{1,2}} {_MONTH} \d{{4}})"
)
_TAIL_RUN = 3  # bare-token paragraphs that must end the text together before they are dropped
# One token and no sentence: "- medium-wide-browser", "0 : 0", "•", "Share".
_TOKEN_PARAGRAPH = re.compile(r"[-•*·\s]*(?:[\w-]{1,40}|[\d\s:/.|-]{1,12})")

Pass = Literal["fast", "fallbacks", "baseline"]

# justext (one of trafilatura's fallbacks) otherwise loads the stopwords of all 100 languages it
# knows on first use, 154,000 words: +31 MB in every extraction worker. It only needs them to
# tell prose from boilerplate, and the languages of the sources watched are enough for that.
# Latin too (1,700 words): without it a page of placeholder text (lorem ipsum) is all
# boilerplate to justext, and the readability set's dev418 page fell from 0.96 to 0.30.
_JUSTEXT_LANGUAGES = (
    *("English", "French", "German", "Spanish", "Portuguese", "Italian", "Dutch"),
    *("Czech", "Polish", "Russian", "Ukrainian", "Latin"),
)
external.JT_STOPLIST = tuple(  # type: ignore[assignment]  # declared None until first use
    sorted({word for language in _JUSTEXT_LANGUAGES for word in get_stoplist(language)})
)

# The two passes' options, built once: Extractor's constructor reads eight configparser values
# on every call (1.5% of extraction). Each call gets a shallow copy with the page's URL.
_OPTIONS = {
    fast: Extractor(
        output_format="python",
        fast=fast,  # False: the readability and justext comparison (the second opinion)
        recall=True,  # better F1 than the balanced focus, and cheaper, on news pages
        comments=False,  # reader comments are not the article
        tables=True,
        dedup=False,
        with_metadata=False,
    )
    for fast in (True, False)
}
# Under this many characters trafilatura's own fallbacks always look (its MIN_EXTRACTED_SIZE).
_MIN_EXTRACTED = _OPTIONS[True].min_extracted_size

# The parser's lookup carries over to the copies trafilatura makes of the tree.
FAST_LOOKUP = etree.ElementDefaultClassLookup(
    element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity
)
HTML_PARSER.set_element_class_lookup(FAST_LOOKUP)


def extract_page(html: bytes | str, url: str | None = None) -> ExtractedPage:
    """Return the article text and metadata of a page; raise ExtractError if it has none."""
    if isinstance(html, bytes) and b"\x00" in html[:4096]:
        raise ExtractError(f"{url}: binary content served as HTML; nothing to extract")
    try:
        tree = load_html(html)
        if tree is None:
            raise ExtractError(f"{url}: page could not be parsed as HTML")
        text, _ = extract_text(tree, url)
    except (ValueError, TypeError, RecursionError) as exc:
        raise ExtractError(f"{url}: page could not be parsed: {exc}") from None
    if not text.strip():
        raise ExtractError(f"{url}: no article text found (index page, paywall or script-only)")
    meta = pagemeta.declared(tree)
    author = meta.get("author")
    canonical = pagemeta.absolute(meta.get("canonical"), url)
    title = pagemeta.title(meta.get("title"), meta.get("site_name"), canonical or url)
    return ExtractedPage(
        text=_without_dateline(
            _without_tail_tokens(_without_headline(_paragraphs(text), (title, meta.get("title"))))
        ),
        title=title,
        author=None if author and author.startswith(("http:", "https:")) else author,
        published=pagemeta.date(meta.get("published")),
        language=pagemeta.language(meta.get("language"), text),
        canonical_url=canonical,
        site_name=meta.get("site_name"),
    )


def extract_text(tree: HtmlElement, url: str | None) -> tuple[str, Pass]:
    """Return a parsed page's article text ('' when none) and which pass gave it."""
    fast = _run(tree, url, fast=True)
    visible: int | None = None
    if len(fast) < _TRUSTED_LENGTH:
        visible = pagemeta.visible_length(tree)
        found = _short_result_opinion(tree, url, fast, visible)
        if found is not None:
            return found
    article = _article_length(tree, _ARTICLE_GAIN * len(fast))
    if article >= _ARTICLE_GAIN * len(fast):
        # The page marks its article and the fast pass kept under two thirds of it.
        visible = pagemeta.visible_length(tree) if visible is None else visible
        if _ARTICLE_SHARE * visible <= article <= (1 + 2 * _ARTICLE_MATCH) * visible:
            base = _baseline(tree)
            share = _ARTICLE_SHARE * visible <= len(base) <= (1 + _ARTICLE_MATCH) * visible
            if share and abs(len(base) - article) <= _ARTICLE_MATCH * article:
                return base, "baseline"
    if one_block(fast):
        # The fast pass took a container's text as one run: the page's own paragraphs, when
        # they hold about the same text, are the better reading (and keep the paragraphs).
        base = _baseline(tree)
        if splits_block(fast, base):
            return base, "baseline"
    return fast, "fast"


def _short_result_opinion(
    tree: HtmlElement, url: str | None, fast: str, visible: int
) -> tuple[str, Pass] | None:
    """Return a better text than a short fast result, from the fallbacks or the baseline."""
    if _VISIBLE_SLACK * visible <= _GAIN * len(fast):
        return None  # the fast pass has (nearly) all the visible text: no opinion can beat it
    if second_opinion_worthwhile(
        len(fast), lambda: _paragraph_length(tree, _PARAGRAPH_GAIN * len(fast))
    ):
        second = _run(tree, url, fast=False)
        if _GAIN * len(fast) < len(second) <= _VISIBLE_SLACK * visible:
            return second, "fallbacks"  # longer, yet not longer than what a reader sees
    if len(fast) < _NEARLY_NOTHING * visible:
        base = _baseline(tree)
        if len(fast) < len(base) <= visible:
            return base, "baseline"
    return None


def second_opinion_worthwhile(fast: int, paragraphs: Callable[[], int]) -> bool:
    """Say whether trafilatura's fallbacks may find more than a short fast result of `fast` chars.

    Under trafilatura's own minimum they always may (text in bare <div>s or <br> lines). Above
    it, readability and justext read mostly paragraphs: when the page's <p> elements hold under
    _PARAGRAPH_GAIN x the fast result, they found the same text on every page of half A
    (`paragraphs` is the <p> text length, measured only when needed).
    """
    return fast < _MIN_EXTRACTED or paragraphs() >= _PARAGRAPH_GAIN * fast


def one_block(fast: str) -> bool:
    """Say whether a fast result of a trusted length is mostly one line (no paragraphs found)."""
    if len(fast) < _TRUSTED_LENGTH:
        return False
    return max(map(len, fast.splitlines()), default=0) >= _BLOCK_SHARE * len(fast)


def splits_block(fast: str, base: str) -> bool:
    """Say whether the baseline is the one-block fast result's text in paragraphs."""
    low, high = _BLOCK_RANGE
    lines = sum(1 for line in base.splitlines() if line.strip())
    return lines >= _BLOCK_LINES and low * len(fast) <= len(base) <= high * len(fast)


def _run(tree: HtmlElement, url: str | None, *, fast: bool) -> str:
    """Return trafilatura's text for a parsed page ('' when none); the tree is left intact."""
    options = copy(_OPTIONS[fast])
    options.url = url
    options.source = url and url.encode("utf-8", "replace").decode("utf-8")  # as Extractor does
    result = trafilatura.bare_extraction(tree, options=options)  # it works on a copy of the tree
    if not isinstance(result, trafilatura.settings.Document):
        return ""
    return result.text or ""


def _baseline(tree: HtmlElement) -> str:
    """Return trafilatura's baseline text: JSON-LD articleBody, <article>, or all paragraphs."""
    _, text, _ = trafilatura.baseline(tree)  # baseline copies the tree it is given
    return text or ""


def _article_length(tree: HtmlElement, at_least: float) -> int:
    """Return the length of the longest <article>'s text, spaces collapsed (0 when none).

    The text is serialised at C speed (text_content runs an XPath query), and one shorter than
    `at_least` is not split: collapsing spaces only shortens it, so it cannot reach `at_least`.
    """
    texts = (
        etree.tostring(a, method="text", encoding="unicode", with_tail=False)
        for a in tree.iter("article")
    )
    return max((len(" ".join(t.split())) for t in texts if len(t) >= at_least), default=0)


def _paragraph_length(tree: HtmlElement, at_least: float) -> int:
    """Return the length of the page's <p> text (spaces collapsed), counting up to `at_least`."""
    total = 0
    for paragraph in tree.iter("p"):
        text = etree.tostring(paragraph, method="text", encoding="unicode", with_tail=False)
        total += len(" ".join(text.split()))
        if total >= at_least:
            break
    return total


def _without_headline(text: str, titles: tuple[str | None, ...]) -> str:
    """Drop the headline (a paragraph repeating the page's title) and the page chrome before it.

    The article's title is kept apart. Looked for in the first _HEADLINE_WITHIN paragraphs:
    what precedes the headline there is a section label, breadcrumb or date, not the article.
    """
    wanted = [_WORDS.findall(t.lower()) for t in titles if t]
    paragraphs = text.split("\n\n", _HEADLINE_WITHIN)
    for index, paragraph in enumerate(paragraphs[:_HEADLINE_WITHIN]):
        words = _WORDS.findall(paragraph.lower())
        if words and words in wanted:
            rest = "\n\n".join(paragraphs[index + 1 :])
            return rest if rest.strip() else text
    return text


def _without_tail_tokens(text: str) -> str:
    """Drop a run of bare tokens ending the text: layout labels, not the article's words.

    "- narrow-browser-and-phone", "- landscape-tablet", "0 : 0": a hidden menu of class names
    or counters that the fast pass kept. Only a run of _TAIL_RUN such paragraphs goes.
    """
    paragraphs = text.split("\n\n")
    end = len(paragraphs)
    while end and _TOKEN_PARAGRAPH.fullmatch(paragraphs[end - 1]):
        end -= 1
    if len(paragraphs) - end < _TAIL_RUN or not end:
        return text
    return "\n\n".join(paragraphs[:end])


def _without_dateline(text: str) -> str:
    """Drop a first paragraph that is only the page's date line ("August 23, 2018")."""
    first, sep, rest = text.partition("\n\n")
    if rest and len(first) <= 120 and _DATE_LINE.match(first) and not first.rstrip().endswith("."):
        return rest
    return text


def _paragraphs(text: str) -> str:
    """Separate paragraphs by blank lines, the convention every later stage reads."""
    lines = [line.strip() for line in text.splitlines()]
    return "\n\n".join(line for line in lines if line)
