"""Cut article text into sentences, paragraphs, the lead and words, for rules and quotes alike."""

from __future__ import annotations

import re

LEAD_PARAGRAPHS = 2

_split = str.split  # word lists are written as text, one readable line each

# Words whose full stop does not end a sentence (lower case, Capitalised or in CAPITALS), besides
# single letters (initials, "U.S.", "e.g.", "a.m."): "Col. Ivanov" and "Prof. Li" stay in one
# sentence. Quotes and rules share this list and this splitter: a sentence is one unit for both.
ABBREVIATIONS = frozenset(
    _split(
        "mr mrs ms dr sen rep gov gen lt col capt sgt prof rev st jr sr co corp inc ltd no vs jan "
        "feb mar apr aug sep sept oct nov dec u.s u.k u.n e.g i.e etc ft mt pres adm cmdr supt "
        "det insp sec dept univ est approx"
    )
)
# After a dotted abbreviation ("U.S.") these words start a new sentence rather than go on.
_NEW_SENTENCE_WORDS = "He|She|They|It|We|I|The|But|And|In|This|That|Those"

# A sentence ends at . ! ? (plus closing quotes) before whitespace and a word that starts with
# a capital or a digit (not "Jupiter, Fla. — which"), at a CJK full stop, or at a line break; a
# full stop right after an abbreviation does not end one. The next sentence starts after the
# whitespace (an opening quote after a line break belongs to the sentence it opens).
_CLOSERS = "\"'\u201d\u2019\u00bb)\\]"
_OPENERS = "\"'\u201c\u2018\u00ab(\\["


def _not_abbreviation() -> str:
    """Return the lookbehinds that refuse a full stop closing an abbreviation or an initial."""
    # One lookbehind per width (they must be fixed-width) instead of one per abbreviation: the
    # same test, with a fraction of the lookbehinds tried at every full stop.
    # The written forms (col, Col, COL), not (?i:): case-folding lookbehinds cost a tenth more.
    widths: dict[int, list[str]] = {1: ["[^\\W\\d_]"]}
    for word in sorted(w for w in ABBREVIATIONS if "." not in w):  # "u.s": a single letter
        widths.setdefault(len(word), []).extend((word, word.capitalize(), word.upper()))
    return "".join(f"(?<!\\b(?:{'|'.join(words)})\\.)" for _, words in sorted(widths.items()))


_NOT_ABBREVIATION = _not_abbreviation()
# "U.S. He said": a dotted abbreviation before one of the words above ends its sentence.
_DOTTED_THEN_NEW = f"(?<=\\.[^\\W\\d_]\\.)(?=\\s+(?:{_NEW_SENTENCE_WORDS})\\b)"
# Closers, whitespace, then the next sentence's first character (after an opening quote or
# bracket): a capital, a digit or a letter without case, never a lower-case a-z, a dash or "$".
_GAP = f"[{_CLOSERS}]*+\\s++(?=[{_OPENERS}]?[^\\W_a-z])"
# One pattern per stop, each starting with its literal character: the regex engine finds a
# literal with a fast substring scan, but tries a leading character class at every
# character, which took 1.6 times as long on news text. Stops are found independently: a line
# break inside another stop's whitespace ends where that stop's match ends, so the set of
# ends is the same whichever stop is tried first.
_STOP_ENDS = tuple(
    (stop, re.compile(re.escape(stop) + gap + "(?!\\Z)"))
    for stop, gap in (
        (".", f"(?:{_DOTTED_THEN_NEW}|{_NOT_ABBREVIATION}){_GAP}"),
        ("!", _GAP),
        ("?", _GAP),
        ("\n", "\\s*+"),
        ("\u3002", f"[{_CLOSERS}]*+\\s*+"),
        ("\uff01", f"[{_CLOSERS}]*+\\s*+"),
        ("\uff1f", f"[{_CLOSERS}]*+\\s*+"),
    )
)
_match_end = re.Match.end
_PARAGRAPH_END = re.compile(r"\n\s*")
# Words for NEAR distances: each CJK character counts as one word.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
WORDS = re.compile(f"[{_CJK}]|[^\\W_]+")
_CJK_CHAR = re.compile(f"[{_CJK}]")
# Densities count whitespace-separated tokens (plus one per CJK character), computed on UTF-8
# bytes: every whitespace byte becomes a space and every other byte a letter.
_TOKEN_BYTES = bytes(32 if b in b" \t\n\r\x0b\x0c" else 97 for b in range(256))
_CJK_LEADS = tuple(bytes([b]) for b in (*range(0xE3, 0xEA), 0xEF))  # UTF-8 lead bytes of CJK


def count_words(text: str, start: int = 0, end: int | None = None) -> int:
    """Count whitespace-separated tokens in text[start:end], each CJK character as one more."""
    part = text[start:end]
    if not part:
        return 0
    data = part.encode("utf-8", "surrogatepass").replace(b"\xc2\xa0", b" ")
    shape = data.translate(_TOKEN_BYTES)
    count = shape.count(b" a") + (shape[0] == 97)
    if len(data) != len(part) and any(lead in data for lead in _CJK_LEADS):
        count += len(_CJK_CHAR.findall(part))
    return count


def paragraph_starts(text: str) -> list[int]:
    """Return the offsets where paragraphs of `text` start (0 first)."""
    return [0, *map(_match_end, _PARAGRAPH_END.finditer(text))]


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Return [start, end) of each paragraph of `text` (each non-blank line), whitespace trimmed."""
    starts = paragraph_starts(text)
    spans = []
    for start, end in zip(starts, [*starts[1:], len(text)], strict=True):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans


def lead_end(text: str) -> int:
    """Return the offset where the lead (first LEAD_PARAGRAPHS paragraphs) stops."""
    seen = 0
    for match in _PARAGRAPH_END.finditer(text):
        if match.start() == 0:
            continue  # leading blank lines are not a paragraph
        seen += 1
        if seen == LEAD_PARAGRAPHS:
            return match.end()
    return len(text)


def sentence_starts(text: str) -> list[int]:
    """Return the offsets where sentences of `text` start (0 first)."""
    ends: list[int] = []
    for stop, pattern in _STOP_ENDS:
        if stop in text:  # a substring test costs far less than a scan that finds nothing
            ends += map(_match_end, pattern.finditer(text))
    # Each stop's ends come sorted: sorting the runs and dropping repeats in order is cheaper
    # than sorting a set.
    return [0, *dict.fromkeys(sorted(ends))]


def sentence_breaks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return (stop offset, next sentence's start) for each sentence end inside text[start:end]."""
    breaks: dict[int, int] = {}
    for stop, pattern in _STOP_ENDS:
        if text.find(stop, start, end) >= 0:
            for m in pattern.finditer(text, start, end):
                breaks.setdefault(m.end(), m.start())
    return sorted((stop, after) for after, stop in breaks.items())
