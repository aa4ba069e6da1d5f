"""Cut article text into sentences, paragraphs, the lead and words: the units rules count in."""

from __future__ import annotations

import re

LEAD_PARAGRAPHS = 2

# A sentence ends at . ! ? (plus closing quotes) before whitespace, at a CJK full stop, or at a
# line break; a full stop right after an abbreviation ("U.S.", "Mr.", an initial) does not.
# The next sentence starts after the whitespace (an opening quote after a line break belongs
# to the sentence it opens).
_CLOSERS = "\"'\u201d\u2019\u00bb)\\]"
# One lookbehind per width (they must be fixed-width) instead of one per abbreviation: the
# same test, with a quarter of the lookbehinds tried at every full stop.
_NOT_ABBREVIATION = "".join(
    f"(?<!\\b(?:{'|'.join(a)})\\.)"
    for a in (
        ("Mr", "Ms", "Dr", "St", "No"),
        ("Mrs", "Gen", "Sen", "Rep", "Gov", "U\\.[SNK]"),
        ("[A-Z]",),
    )
)
_GAP = f"[{_CLOSERS}]*+\\s++"  # closing quotes or brackets, then whitespace
# One pattern per stop, each starting with its literal character: the regex engine finds a
# literal with a fast substring scan, but tries a leading character class at every
# character, which took 1.6 times as long on news text. Stops are found independently: a line
# break inside another stop's whitespace ends where that stop's match ends, so the set of
# ends is the same whichever stop is tried first.
_STOP_ENDS = tuple(
    (stop, re.compile(re.escape(stop) + gap + "(?!\\Z)"))
    for stop, gap in (
        (".", _NOT_ABBREVIATION + _GAP),
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
    return [0, *sorted(set(ends))]
