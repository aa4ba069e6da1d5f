"""Pick a story's lede: its opening sentences, never a byline, dateline or photo caption."""

from __future__ import annotations

import re

from monitor.digest.formatting import clean_line
from monitor.rules.segment import sentence_starts

MAX_CHARS = 300  # two sentences of a news lead; longer ones are cut at a word
_TWO_SENTENCES = 240  # a second sentence is added while the lede stays this short
_MIN_CHARS = 40
_LENIENT_CHARS = 120  # an unstopped paragraph this long is prose, not a label
_MIN_WORDS = 6
_AGENCIES = r"(?:CNN(?: Business)?|Reuters|AP|AFP|Bloomberg|dpa|UPI|Xinhua|TASS|RFE/RL)"
_DASH = r"[-–—]"
# "TALLINN (Reuters) - ", "Washington (CNN) ", "(CNN) ", "MADRID – ", "BEIJING, Dec. 5 — "
_DATELINE = re.compile(
    rf"^(?:[A-Z][\w.'’, -]{{0,40}}?\s*)?\({_AGENCIES}\)\s*(?:{_DASH}+\s*)?"
    rf"|^[A-Z][A-Z.'’ -]{{2,30}}(?:,\s*[A-Z][A-Za-z. ]{{1,20}}\d{{0,2}})?\s*{_DASH}+\s+"
    rf"|^{_AGENCIES}\s*{_DASH}+\s*"
)
# A paragraph that is only a dateline: "Hong Kong CNN —", "Washington, DC CNN —".
_DATELINE_ONLY = re.compile(rf"^[\w.,' -]{{0,40}}\b{_AGENCIES}\s*{_DASH}*$")
_BYLINE = re.compile(
    r"^(?:by|from|reporting by|writing by|editing by|additional reporting by)\s"
    r"|^(?:editor['’]?s note|analysis/opinion|opinion|analysis|updated|published)\b"
    r"|^read (?:the rest|more)\b|^\(?this (?:story|article) (?:was|has been) updated"
    r"|^(?:new\s+)?you can now listen to|^a version of this (?:story|article)|^sign up\b",
    re.IGNORECASE,
)
_CAPTION = re.compile(
    r"toggle caption|enlarge this image|getty images|via getty|\bAP Photo|file photo|"
    r"media playback is unsupported|media caption|"
    r"photo illustration|image caption|image copyright|photograph:|\bphoto:|"
    r"\w/(?:AFP|Reuters|AP|EPA|Sputnik|Bloomberg|TASS|Xinhua|Getty)\b|\((?:Reuters|AP) photo",
    re.IGNORECASE,
)
_FEED_NOISE = re.compile(r"\s*(?:The post .* appeared first on .*|Continue reading.*|Read more.*)$")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*$")
_WORD = re.compile(r"\w+")


def strip_dateline(text: str) -> str:
    """Remove a leading dateline ("MOSCOW (Reuters) - ") from a paragraph."""
    return _DATELINE.sub("", text, count=1).lstrip()


def is_furniture(paragraph: str, *, strict: bool = True) -> bool:
    """Say whether a paragraph is a byline, dateline, caption or label, not the story.

    Strictly, a paragraph no sentence stop ends (a headline, a label) is furniture too;
    leniently, a long one is taken (a quote-led opening that closes with its source's name).
    """
    if _DATELINE_ONLY.match(paragraph) or _BYLINE.match(paragraph) or _CAPTION.search(paragraph):
        return True
    if paragraph.endswith(":"):
        return True  # "ANALYSIS/OPINION:", "by Mac Slavo, SHTF Plan:"
    if not _SENTENCE_END.search(paragraph) and (strict or len(paragraph) < _LENIENT_CHARS):
        return True  # a headline, a caption or a label: no sentence ends it
    return len(paragraph) < _MIN_CHARS or len(_WORD.findall(paragraph)) < _MIN_WORDS


def _sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences."""
    starts = sentence_starts(paragraph)
    bounds = zip(starts, [*starts[1:], len(paragraph)], strict=True)
    return [paragraph[a:b].strip() for a, b in bounds if paragraph[a:b].strip()]


def _cut(text: str) -> str:
    """Cut at a word boundary to MAX_CHARS, with an ellipsis when cut."""
    if len(text) <= MAX_CHARS:
        return text
    return text[: MAX_CHARS - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def opening(text: str, title: str = "", *, strict: bool = True) -> str:
    """Return the first one or two sentences of the story's first real paragraph, or ''."""
    same_as_title = clean_line(title).casefold()
    for raw in re.split(r"\n\s*\n|\n", text):
        paragraph = strip_dateline(clean_line(raw))
        if not paragraph or paragraph.casefold() == same_as_title:
            continue
        if is_furniture(paragraph, strict=strict):
            continue
        sentences = _sentences(paragraph)
        lede = sentences[0]
        if len(sentences) > 1 and len(lede) + len(sentences[1]) < _TWO_SENTENCES:
            lede += " " + sentences[1]
        return _cut(lede)
    return ""


def _usable_summary(summary: str, title: str) -> str:
    """Return the feed's summary as a lede when it is a complete, clean standfirst, else ''."""
    text = strip_dateline(_FEED_NOISE.sub("", clean_line(summary)))
    if not text or text.casefold() == clean_line(title).casefold() or is_furniture(text):
        return ""
    if text.endswith(("…", "...", "[…]", "[...]")):
        return ""  # a teaser cut mid-sentence: the article's own opening reads better
    return text if len(text) <= MAX_CHARS else ""


def choose_lede(summary: str, text: str, title: str = "") -> str:
    """Return the feed's summary when it is a clean standfirst, else the article's opening."""
    return (
        _usable_summary(summary, title)
        or opening(text, title)
        or opening(summary, title)
        or opening(text, title, strict=False)
    )
