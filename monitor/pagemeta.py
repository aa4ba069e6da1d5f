"""Parsed page -> the metadata it declares, its language and its visible text size (pure lxml).

The page's declared metadata (<link rel=canonical>, OpenGraph / article:* meta tags, <time
datetime>, <html lang>) is read in one walk over the tree: XPath queries per field cost a
millisecond per page, and trafilatura's own metadata pass made extraction 1.3x slower while the
feed already names the title, date and usually the author.

The declared language is checked against the text: templates often keep the `lang` of the theme
they came from (a French newspaper on an `en` theme), and Chinese or Japanese pages often
declare nothing. The script of the text decides for the scripts one language owns (kana,
hangul, han, greek, hebrew, thai); among Latin-script languages the commonest function words
decide, and only on clear evidence.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml.html import HtmlElement

_LANG = re.compile(r"[A-Za-z]{2,3}")
# Where a page declares each metadata field, best first: (attribute, value) of a <meta>, or a tag.
_META: dict[tuple[str, str], tuple[str, int]] = {
    ("property", "og:title"): ("title", 0),
    ("name", "twitter:title"): ("title", 1),
    ("name", "author"): ("author", 0),
    ("property", "article:author"): ("author", 1),
    ("name", "parsely-author"): ("author", 2),
    ("property", "article:published_time"): ("published", 0),
    ("itemprop", "datePublished"): ("published", 1),
    ("name", "parsely-pub-date"): ("published", 2),
    ("name", "date"): ("published", 3),
    ("property", "og:url"): ("canonical", 1),
    ("property", "og:site_name"): ("site_name", 0),
    ("http-equiv", "content-language"): ("language", 1),
    ("name", "language"): ("language", 2),
    ("name", "dc.language"): ("language", 3),
    ("property", "og:locale"): ("language", 4),
}
_TITLE, _CANONICAL, _TIME = ("title", 2), ("canonical", 0), ("published", 4)
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " « ", " » ", " · ")
# Elements whose text a reader never sees as prose.
_UNSEEN = {"script", "style", "noscript", "template", "svg", "head", "iframe", "select", "button"}
_WORD = re.compile(r"[^\W\d_]+")
_TEXT_NODES = etree.XPath(".//text()", smart_strings=False)
# Every element _unseen may call hidden (the style test is left to Python).
# The attributes that may hide an element (what its style says is left to Python).
_HIDING_ATTRIBUTES = etree.XPath(".//@style | .//@hidden | .//@aria-hidden")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# Scripts that name their language (checked in this order: kana before han for Japanese).
_SCRIPTS = (
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
)
# Any of those scripts: most pages have none, and one search says so.
_ANY_SCRIPT = re.compile("[" + "".join(script.pattern[1:-1] for _, script in _SCRIPTS) + "]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
# The commonest function words that are (nearly) unique to each Latin-script language.
_FUNCTION_WORDS = {
    "en": "the and of to is that for with was are this have from which would been",
    "fr": "le les des est une pour dans qui sur pas avec sont mais cette aux",
    "de": "der die und den das ist nicht sich mit auch dem von eine ein wird",
    "es": "el los las del que por una para con como pero sus fue este esta",
    "pt": "os das dos que não uma para com por mais foi como ao pelo sua",
    "it": "il della che gli per una sono non con del alla nel anche più questo",
    "nl": "het een van niet dat zijn voor ook maar wordt bij deze naar hij werd",
    "cs": "je se na že jsou jako pro ale by byl také které jeho když však",
    "pl": "się nie na że jest jak ale do przez od tak być jego które może",
}
_SHARED = Counter(word for words in _FUNCTION_WORDS.values() for word in set(words.split()))
# Only a word listed for one language is evidence ('que' is Spanish and Portuguese alike).
_WORD_LANGUAGE = {
    word: code
    for code, words in _FUNCTION_WORDS.items()
    for word in words.split()
    if _SHARED[word] == 1
}


def declared(tree: HtmlElement) -> dict[str, str]:
    """Return the best non-empty value the page declares for each metadata field."""
    best: dict[str, tuple[int, str]] = {}
    for element in tree.iter("meta", "link", "time", "title"):
        where, value = _source(element)
        if where is None or not value:
            continue
        field, rank = where
        text = " ".join(value.split())[:1000]
        if text and (field not in best or rank < best[field][0]):
            best[field] = (rank, text)
    found = {field: text for field, (_, text) in best.items()}
    html_lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if html_lang and html_lang.strip():
        found["language"] = html_lang.strip()
    return found


def _source(element: HtmlElement) -> tuple[tuple[str, int] | None, str | None]:
    """Say which field (and how good a source) an element declares, and its value."""
    tag = element.tag
    if tag == "meta":
        for attribute in ("property", "name", "itemprop", "http-equiv"):
            where = _META.get((attribute, (element.get(attribute) or "").lower()))
            if where is not None:
                return where, element.get("content")
        return None, None
    if tag == "link":
        return (
            (_CANONICAL, element.get("href")) if element.get("rel") == "canonical" else (None, None)
        )
    if tag == "time":
        return _TIME, element.get("datetime")
    parent = element.getparent()
    return (_TITLE, element.text) if parent is not None and parent.tag == "head" else (None, None)


def title(value: str | None, site_name: str | None, url: str | None) -> str | None:
    """Return the declared title without a trailing ' | Site name' that names the site."""
    if not value:
        return None
    host = _folded(urlsplit(url or "").hostname or "")
    site = _folded(site_name or "")
    for separator in _TITLE_SEPARATORS:
        head, found, tail = value.rpartition(separator)
        if not found or not head.strip():
            continue
        name = _folded(tail)
        if name and (name == site or (len(name) > 3 and name in host)):
            return head.strip()
    return value


def _folded(text: str) -> str:
    """Return text lower-cased without accents or spaces, so 'Aktuálně.cz' meets 'aktualne.cz'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c) and not c.isspace())


def absolute(link: str | None, base: str | None) -> str | None:
    """Return link resolved against base when it is an http(s) URL with a host, else None."""
    if not link:
        return None
    try:
        resolved = urljoin(base or "", link)
        parts = urlsplit(resolved)
    except ValueError:
        return None
    return resolved if parts.scheme in ("http", "https") and parts.hostname else None


def date(value: str | None) -> datetime | None:
    """Return an ISO date as an aware UTC datetime (naive ones are taken as UTC), else None."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def language(declared_tag: str | None, text: str) -> str | None:
    """Return the page's language code: the declared one unless the text clearly says otherwise."""
    found = _LANG.match((declared_tag or "").strip())
    stated = found.group(0).lower() if found else None
    sample = text[:4000]
    for code, script in _SCRIPTS if _ANY_SCRIPT.search(sample) else ():
        if len(script.findall(sample)) >= 20:
            # One script, one language (Chinese pages often declare nothing, or 'en').
            return code
    if not _latin_letters(sample, 200):
        return stated  # too little Latin text to judge (or a script not listed): trust the page
    guess, margin = _function_word_guess(sample)
    if guess is not None and guess != stated and margin >= 3.0:
        return guess
    return stated


def _latin_letters(sample: str, wanted: int) -> bool:
    """Say whether sample has `wanted` Latin letters (counting the start first: it usually does)."""
    return (
        len(_LATIN.findall(sample, 0, 2 * wanted)) >= wanted
        or len(_LATIN.findall(sample)) >= wanted
    )


def _function_word_guess(sample: str) -> tuple[str | None, float]:
    """Return the Latin-script language whose function words dominate, and by what factor."""
    votes: Counter[str] = Counter()
    words = Counter(_WORD.findall(sample.lower()))  # counted at C speed, then the few listed
    for word in words.keys() & _WORD_LANGUAGE.keys():
        votes[_WORD_LANGUAGE[word]] += words[word]
    ranked = votes.most_common(2)
    if not ranked or ranked[0][1] < 10:
        return None, 0.0
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    return ranked[0][0], ranked[0][1] / max(runner_up, 1)


def visible_length(tree: HtmlElement) -> int:
    """Count the characters of text a reader sees in the page (hidden and script text left out)."""
    body = tree.find("body")
    root = body if body is not None else tree
    tail = len(root.tail.strip()) if root.tail else 0
    if _unseen(root):
        return tail
    # All the text at C speed, less the text of the outermost hidden subtrees: a Python walk
    # over every element cost 2 ms a page.
    total = sum(map(len, map(str.strip, _TEXT_NODES(root))))
    attributes = _HIDING_ATTRIBUTES(root)
    maybe = {*root.iter(*_UNSEEN), *(attribute.getparent() for attribute in attributes)}
    hidden = {element for element in maybe if _unseen(element)}
    for element in hidden:
        if not any(ancestor in hidden for ancestor in element.iterancestors()):
            total -= sum(map(len, map(str.strip, _TEXT_NODES(element))))
    return total + tail


def _unseen(element: HtmlElement) -> bool:
    """Say whether an element's text is hidden from a reader (CSS, hidden, aria-hidden, kind)."""
    return (
        element.tag in _UNSEEN
        or element.get("hidden") is not None
        or element.get("aria-hidden") == "true"
        or bool(_HIDDEN_STYLE.search(element.get("style") or ""))
    )
