"""A quotation set as a heading of its own ("‘Putin just brought us there faster’") is the
words of whoever says them in the story below (or above) it, not of the voice before it."""

from __future__ import annotations

import re
from dataclasses import replace

from monitor.models import Quote
from monitor.quotes.records import Attr, Attrs, Cand
from monitor.quotes.same import contained, shingles, worth_tracing

_WORDS = re.compile(r"\w+")
_HEADING_WORDS = 15
_MARKS = "\"'“”‘’«»"


def from_headings(text: str, quotes: list[Quote], cands: list[Cand], attrs: Attrs) -> list[Quote]:
    """Give a heading quotation the speaker of the quotation that holds its words, or none."""
    headings = {
        i
        for i, q in enumerate(quotes)
        if q.kind != "scare" and _heading(text, cands[i]) and not _named_after(attrs[i], cands[i])
    }
    # "Here are some of the highlights:⏎⏎"My fears have been realized"⏎⏎Morrison told …, "…":
    # a line after a colon that names no one may be a list's heading; it is one only when a
    # quotation near it holds its words.
    listed = {
        i
        for i, q in enumerate(quotes)
        if q.kind != "scare" and q.speaker is None and _heading(text, cands[i], after_colon=True)
    } - headings
    headings |= listed
    if not headings:
        return quotes
    words = [" " + " ".join(_WORDS.findall(q.text.lower())) + " " for q in quotes]
    out = list(quotes)
    for i in sorted(headings):
        q = quotes[i]
        said = _holder(i, quotes, words, headings)
        if said is not None:
            out[i] = replace(
                q, speaker=said.speaker, speaker_text=said.speaker_text, cue=said.cue,
                confidence=round(min(said.confidence, 0.6), 2),
            )  # fmt: skip
        elif q.speaker_text and i not in listed:
            # A heading quotes the story's words: the voice of the paragraph before it is a guess
            # across a break the writer made on purpose.
            out[i] = replace(q, speaker=None, speaker_text=None, cue=None, confidence=0.3)
    return out


def _named_after(attr: Attr | None, c: Cand) -> bool:
    """Say whether a source line or a dash after the quotation names its speaker."""
    return attr is not None and attr.at > c.open_at


def _heading(text: str, c: Cand, after_colon: bool = False) -> bool:
    """Say whether a quotation is a line of its own that ends without a full stop (after a
    colon too, when `after_colon`)."""
    # Read outwards over spaces only: searching for the line breaks themselves crossed a whole
    # page with none (quadratic over its quotations).
    lo = c.open_at
    while lo > 0 and text[lo - 1] != "\n" and text[lo - 1].isspace():
        lo -= 1
    hi = c.close_end
    while hi < len(text) and text[hi] != "\n" and text[hi].isspace():
        hi += 1
    if (lo > 0 and text[lo - 1] != "\n") or (hi < len(text) and text[hi] != "\n"):
        return False
    words = text[c.start : c.end].rstrip(_MARKS)
    # A paragraph of quotation that only lost its full stop is longer, or was introduced by a
    # colon ("…, wrote Sara Stewart:").
    if len(words.split()) > _HEADING_WORDS or (_before(text, lo) == ":") != after_colon:
        return False
    return words[-1:] not in ".!?,;:"


def _before(text: str, at: int) -> str:
    """Return the last character before offset `at` that is not white space."""
    k = at - 1
    while k >= 0 and text[k].isspace():
        k -= 1
    return text[k] if k >= 0 else ""


def _holder(i: int, quotes: list[Quote], words: list[str], headings: set[int]) -> Quote | None:
    """Return the nearest other quotation, not a heading, whose words hold heading i's words.

    Nearest first, outwards, and at most _REACH quotations each way: a live blog's headings and
    quotations are many, and the words a heading quotes stand close to it.
    """
    want = words[i]
    if not want.strip():
        return None
    near = [
        k
        for step in range(1, _REACH + 1)
        for k in (i - step, i + step)
        if 0 <= k < len(quotes) and k not in headings
    ]
    said = [k for k in near if quotes[k].speaker and quotes[k].kind != "scare"]
    held = next((k for k in said if want in words[k]), None)
    if held is None and worth_tracing(want):
        # "‘Part of a progression of her of her vice presidency’" over "“It’s part of a
        # progression of her vice presidency,” Goldstein told CNN": a heading's slip or cut.
        mine = shingles(want)
        held = next((k for k in said if contained(want, mine, shingles(words[k]))), None)
    return None if held is None else quotes[held]


_REACH = 30  # quotations looked at on each side of a heading
