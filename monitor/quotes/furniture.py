"""Tell page furniture (headings, bylines, credits, timestamps) from the lines of a story."""

from __future__ import annotations

import bisect
import re

from monitor.quotes.lexicon import TITLE_LOWER_WORDS

# How bylines, credits, labels and live-blog times start ("By X", "−Cybele Mayes-Osterman").
_START = re.compile(
    r"^(?:by\s|[−–—-]\s*[A-Z]|photo|image|enlarge|advertisement|story continued|share this|"
    # "Slideshow (6 Images)": Reuters' label over a gallery, never the "he" of the next line.
    r"slideshow|getty images|ap photo|file photo|caption|credit|read more|more:|related|watch:|"
    r"listen|sign up|subscribe|click|video ad feedback|\(?(?:reporting|writing|editing) by|"
    r"\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?)",
    re.I,
)
# "David Jackson, USA TODAY": the name of a reporter and their paper.
_CREDIT = re.compile(r",\s*(?:USA TODAY|Associated Press|Reuters|AFP|CNN|Fox News)\s*$")
_SHORT = 12  # a credit or a label that ends with a full stop is still short
_ENDS_PROSE = re.compile(r"[.!?:;\"”’'»)\]…]\s*$")
_HEADING_WORDS = 25
_LONG_LINE = 400


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """Return the [start, end) offsets of the lines that are headings, bylines or credits."""
    out = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        bare = line.strip()
        if bare and is_furniture(bare):
            out.append((start, end))
        start = end + 1
    return out


def is_furniture(line: str) -> bool:
    """Say whether one line is page furniture rather than a sentence of the story."""
    if len(line) > _LONG_LINE:
        return False  # a paragraph of prose (a heading or a credit is never this long)
    # Split no further than a heading's words: a line of prose is long, and splitting all of it
    # only to count past the limit was most of this function's time.
    split = line.split(maxsplit=_HEADING_WORDS)
    words = len(split)
    if words > _HEADING_WORDS:
        return False
    if words <= 2:
        return True  # "Getty.", "AP Photo.", "1": a credit or a label, never a story's sentence
    if line.isupper() and ":" not in line[:40]:  # a section label, not a transcript's "AMY: …"
        return True
    if _CREDIT.search(line) or (_START.match(line) and words <= _SHORT):
        return True
    if _title_case(split):
        return True
    # A heading ends without a full stop; a paragraph of prose (or a quotation) ends with one.
    return not _ENDS_PROSE.search(line) and words <= _HEADING_WORDS


def inside(spans: list[tuple[int, int]], at: int) -> bool:
    """Say whether an offset lies inside one of the sorted spans."""
    k = bisect.bisect_right(spans, (at, 1 << 62)) - 1
    return k >= 0 and spans[k][0] <= at < spans[k][1]


def _title_case(split: list[str]) -> bool:
    """Say whether a line's words Are Capitalised Like A Headline (prose capitalises few)."""
    words = [w for w in split if len(w) >= 4 and w[0].isalpha()]
    if len(words) < 4:
        return False
    # "Chinese President Xi Jinping met Russian President Vladimir Putin in Moscow on Monday.":
    # a lead sentence full of names and titles is prose when a word a headline would
    # capitalise (its verb "met") is in lower case.
    if any(w[0].islower() and w.isalpha() and w not in TITLE_LOWER_WORDS for w in split):
        return False
    return sum(w[0].isupper() for w in words) >= 0.8 * len(words)


# A person card pasted into the text by The Hill's pages: the name again in full, glued to the
# headlines of the person's latest stories, up to "MORE" ("Sen. Dick Durbin Richard (Dick)
# Joseph DurbinPentagon watchdog declines … hearings MORE (Ill.), the second-ranking …").
_CARD_RE = re.compile(
    r"(?<![\w’'])(?P<surname>(?:Mc|Mac)?[A-Z][a-z’'\-]+) "
    r"(?P<card>(?:[A-Z(][\w.()’'\-]* ){0,4}(?P=surname)(?=[A-Z0-9])[^\n]{0,500}? MORE)"
    # After the card the sentence goes on: "(Ill.), the", "declared", "came the".
    r"(?=\s*(?:\(|,|[a-z]|$))",
    re.M,
)


def without_cards(text: str) -> str:
    """Return the text with The Hill's person cards blanked out, every offset kept, so that
    "President Trump Donald John TrumpTrump faces … report MORE declared" reads "President
    Trump … declared"."""
    if " MORE" not in text:
        return text  # most articles: no regex over the text
    return _CARD_RE.sub(lambda m: m.group("surname") + " " + " " * len(m.group("card")), text)


# A photo gallery pasted into the text (CNN): every caption is glued between its gallery's title
# and a counter, "Photos: Russia invades Ukraine US President Joe Biden arrives …. Hide Caption
# 176 of 226"; a video's card likewise, "Video Ad Feedback Author reacts to … 01:54 - Source:
# CNN". The title and the counter are no words of the caption, whose subject would take them on.
_COUNTER_RE = re.compile(r"Hide Caption \d+ of \d+|^Video Ad Feedback\b", re.M)
_VIDEO_SOURCE_RE = re.compile(r"\b\d{1,2}:\d{2} - Source: CNN(?: [A-Z][a-z]+)?")
_GALLERY_RE = re.compile(r"\bPhotos: ")
# The BBC's labels before a video's or a photo's caption, glued to it on one line: "Media playback
# is unsupported on your device Media caption Donald Trump: "…"", "Image copyright Reuters Image
# caption Mr Bolton denies …". The caption stays (it may quote someone); its labels and the photo's
# agency are no words of it, nor a speaker ("Media playback").
_BBC_LABEL_RE = re.compile(
    r"Media playback is unsupported on your device ?|Media caption |Image caption "
    r"|Image copyright [^\n]*?(?= ?Image caption |\n|$)",
    re.M,
)
# A page holds one of these words when it has any of the labels: looked for before the patterns.
_LABELS = (
    "Hide Caption",
    "Video Ad Feedback",
    "Media playback",
    "Media caption",
    "Image caption",
    "Image copyright",
)
_TITLE_WORDS = 8  # a gallery's title is a headline: read at most this many words after "Photos:"


def without_galleries(text: str) -> str:
    """Return the text with galleries' titles, caption counters and video cards' labels blanked
    out, every offset kept, so that a caption's sentence opens with its own subject."""
    if not any(label in text for label in _LABELS):
        return text  # most articles: no regex over the text
    spans = [m.span() for m in _COUNTER_RE.finditer(text)]
    spans += [m.span() for m in _BBC_LABEL_RE.finditer(text)]
    spans += [m.span() for m in _VIDEO_SOURCE_RE.finditer(text)]
    spans += _gallery_titles(text)
    chars = list(text) if spans else []
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars) if spans else text


def _gallery_titles(text: str) -> list[tuple[int, int]]:
    """Return the spans of "Photos: <title>" before captions: the title is the words every
    caption of one gallery (a run of "Photos:" whose words after it agree) starts with."""
    found = [(m.end(), text[m.end() : m.end() + 200].split()[:_TITLE_WORDS])
             for m in _GALLERY_RE.finditer(text)]  # fmt: skip
    out: list[tuple[int, int]] = []
    first = 0  # where the current run of one gallery's captions begins in `found`
    for k in range(1, len(found) + 1):
        if k < len(found) and _shared(found[k - 1][1], found[k][1]):
            continue
        run = found[first:k]
        if len(run) > 1:
            title = min(_shared(a[1], b[1]) for a, b in zip(run, run[1:], strict=False))
            out += [(end - len("Photos: "), _after_words(text, end, title)) for end, _ in run]
        first = k
    return out


def _shared(a: list[str], b: list[str]) -> int:
    """Return how many words two lists share at their start."""
    n = 0
    while n < len(a) and n < len(b) and a[n] == b[n]:
        n += 1
    return n


def _after_words(text: str, at: int, count: int) -> int:
    """Return the offset just past `count` words of text from `at`."""
    for _ in range(count):
        while at < len(text) and text[at].isspace():
            at += 1
        while at < len(text) and not text[at].isspace():
            at += 1
    return at
