"""Split article text into paragraphs and sentences without being fooled by quotations."""

from __future__ import annotations

import bisect
import re

from monitor.quotes.marks import Span

_split = str.split  # word lists are written as text, one readable line each

# After "U.S." these words start a new sentence rather than continue a name.
_NEW_SENTENCE = re.compile(r"\s+(?:He|She|They|It|We|I|The|But|And|In|This|That|Those)\b")
PARAGRAPH_RE = re.compile(r"[^\n]+")
END_RE = re.compile(r"[.!?]+[\"'”’»)\]]*\s+(?=[\"'“‘«(\[]?[A-Z0-9])")
# Words whose trailing period does not end a sentence.
ABBREVIATIONS = frozenset(
    _split(
        "mr mrs ms dr sen rep gov gen lt col capt sgt prof rev st jr sr co corp inc ltd no vs jan "
        "feb mar apr aug sep sept oct nov dec u.s u.k u.n e.g i.e etc ft mt pres adm cmdr supt "
        "det insp sec dept univ est approx"
    )
)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Return the [start, end) offsets of each non-blank line, whitespace trimmed."""
    out = []
    for m in PARAGRAPH_RE.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            out.append((start, end))
    return out


def _abbreviation(text: str, dot: int) -> bool:
    """Say whether the period at `dot` closes an abbreviation or an initial."""
    k = dot
    while k > 0 and (text[k - 1].isalpha() or text[k - 1] == "."):
        k -= 1
    word = text[k:dot].lower()
    if "." in word and _NEW_SENTENCE.match(text, dot + 1):
        return False
    return len(word) == 1 or word in ABBREVIATIONS or "." in word


def sentence_starts(text: str, start: int, end: int, spans: list[Span]) -> list[int]:
    """Return the offsets where sentences start in text[start:end], ignoring quoted interiors."""
    starts = [start]
    inside = [(s.start, s.end) for s in spans]
    for m in END_RE.finditer(text, start, end):
        dot = m.start()
        k = bisect.bisect_right(inside, (dot, end)) - 1
        if k >= 0 and inside[k][0] <= dot < inside[k][1]:
            # A full stop inside a quotation ends the sentence only when the quotation ends there.
            if text[dot : inside[k][1]].strip(".!?") or not _closes_sentence(
                text, inside[k][1], end
            ):
                continue
        elif text[dot] == "." and _abbreviation(text, dot):
            continue
        starts.append(m.end())
    return sorted(set(starts))


def _closes_sentence(text: str, close: int, end: int) -> bool:
    """Say whether the text after a quotation's closing mark starts a new sentence."""
    rest = text[close:end].lstrip("\"'”’»」』 ")
    return not rest or rest[0].isupper() or rest[0] in "“\"'‘«"
