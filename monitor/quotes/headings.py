"""A quotation set as a heading of its own ("‘Putin just brought us there faster’") is the
words of whoever says them in the story below (or above) it, not of the voice before it."""

from __future__ import annotations

import re
from dataclasses import replace

from monitor.models import Quote
from monitor.quotes.records import Attr, Cand

_WORDS = re.compile(r"\w+")
_HEADING_WORDS = 15
_MARKS = "\"'“”‘’«»"


def from_headings(
    text: str, quotes: list[Quote], cands: list[Cand], attrs: list[Attr | None]
) -> list[Quote]:
    """Give a heading quotation the speaker of the quotation that holds its words, or none."""
    out = list(quotes)
    for i, q in enumerate(quotes):
        c, attr = cands[i], attrs[i]
        if q.kind == "scare" or not _heading(text, c):
            continue
        if attr is not None and attr.at > c.open_at:
            continue  # a source line or a dash after it names its speaker
        said = _holder(q, quotes, i)
        if said is not None:
            out[i] = replace(
                q, speaker=said.speaker, speaker_text=said.speaker_text, cue=said.cue,
                confidence=round(min(said.confidence, 0.6), 2),
            )  # fmt: skip
        elif q.speaker_text:
            # A heading quotes the story's words: the voice of the paragraph before it is a guess
            # across a break the writer made on purpose.
            out[i] = replace(q, speaker=None, speaker_text=None, cue=None, confidence=0.3)
    return out


def _heading(text: str, c: Cand) -> bool:
    """Say whether a quotation is a line of its own that ends without a full stop."""
    lo = text.rfind("\n", 0, c.open_at) + 1
    hi = text.find("\n", c.close_end)
    hi = len(text) if hi < 0 else hi
    if text[lo : c.open_at].strip() or text[c.close_end : hi].strip():
        return False
    words = text[c.start : c.end].rstrip(_MARKS)
    # A paragraph of quotation that only lost its full stop is longer, or was introduced by a
    # colon ("…, wrote Sara Stewart:").
    if len(words.split()) > _HEADING_WORDS or _before(text, lo) == ":":
        return False
    return words[-1:] not in ".!?,;:"


def _before(text: str, at: int) -> str:
    """Return the last character before offset `at` that is not white space."""
    k = at - 1
    while k >= 0 and text[k].isspace():
        k -= 1
    return text[k] if k >= 0 else ""


def _holder(q: Quote, quotes: list[Quote], i: int) -> Quote | None:
    """Return the nearest other attributed quotation whose words hold the heading's words."""
    want = " " + " ".join(_WORDS.findall(q.text.lower())) + " "
    if want.strip() == "":
        return None
    order = sorted(range(len(quotes)), key=lambda k: abs(k - i))
    for k in order:
        other = quotes[k]
        if k == i or not other.speaker or other.kind == "scare":
            continue
        if want in " " + " ".join(_WORDS.findall(other.text.lower())) + " ":
            return other
    return None
