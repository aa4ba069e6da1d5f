"""Find the outermost quotation spans of one paragraph, telling quotation marks from apostrophes."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from monitor.rules.segment import sentence_breaks

# Every alternative starts with its own literal character, no character class: the regex engine
# then skips to the next mark at C speed instead of trying every character ("''?" is "''" or "'").
MARK_RE = re.compile(r"''?|``|\"|“|”|‘|’|«|»|„|‚|‹|›|「|」|『|』")

# What each opening mark may be closed by. A straight mark and a curly one pair up either way
# (“…," said X. "…”): news text mixes them within one quotation.
CLOSERS: dict[str, frozenset[str]] = {
    "“": frozenset('”“"'),
    "„": frozenset("“”"),
    "”": frozenset("”"),
    "«": frozenset("»"),
    "»": frozenset("«"),
    "‹": frozenset("›"),
    "‘": frozenset("’'"),
    "‚": frozenset("‘’"),
    "「": frozenset("」"),
    "『": frozenset("』"),
    "``": frozenset({"''", '"', "”"}),
    "''": frozenset({"''"}),
    '"': frozenset('"”'),
    "'": frozenset("'’"),
}
SINGLE_MARKS = frozenset("'‘’‚‹›")
# Clipped words written with a leading apostrophe ('90s, 'em): never an opening quotation mark.
ELISION_RE = re.compile(r"(?:\d\ds?\b|em\b|til\b|cause\b|n\b|tis\b|twas\b|round\b|bout\b)", re.I)
OPEN_BEFORE = frozenset(" \t\n([{—–-/“‘\"'«„‚「『")


@dataclass(frozen=True, slots=True)
class Span:
    """One outermost quotation: [start, end) are the words inside the marks."""

    start: int
    end: int
    open_mark: str
    close_mark: str | None  # None when the paragraph ended before the quotation closed


@dataclass(slots=True)
class _Open:
    mark: str
    after: int  # offset just past the opening mark


def _opening_context(text: str, i: int, width: int) -> bool:
    """Say whether the mark at i sits where a quotation could open."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    return (before in OPEN_BEFORE or before.isspace()) and not after.isspace()


def _closing_context(text: str, i: int, width: int) -> bool:
    """Say whether the mark at i sits where a quotation could close."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    return not before.isspace() and not after.isalnum()


def _possessive(text: str, i: int, stack: list[_Open]) -> bool:
    """Say whether an apostrophe after a plural -s (workers’ rights) is a possessive."""
    if i == 0 or text[i - 1] not in "sS" or text[i + 1 : i + 2] != " ":
        return False
    if not text[i + 2 : i + 3].islower():
        return False
    expect = CLOSERS[stack[-1].mark] if stack else frozenset()
    rest = text[i + 1 : i + 2000]  # bounded: a closing mark further away is not this quote's
    return any(
        m.group() in expect and _closing_context(rest, m.start(), len(m.group()))
        for m in MARK_RE.finditer(rest)
    )


_APOSTROPHES = frozenset("’'")


def _within_word(text: str, i: int) -> bool:
    """Say whether the mark at i has a letter or digit on both sides ("Trump’s", "don't"): it can
    neither close (a letter follows) nor open (a letter precedes) a quotation."""
    return 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum()


def _find_open(stack: list[_Open], mark: str) -> int:
    """Return the stack index of the innermost opening that `mark` closes, or -1."""
    for k in range(len(stack) - 1, -1, -1):
        if mark in CLOSERS[stack[k].mark]:
            return k
    return -1


def _role(text: str, i: int, mark: str, stack: list[_Open]) -> str:
    """Classify one mark as "open", "close" or "skip" (apostrophe or stray mark)."""
    width = len(mark)
    can_open = _opening_context(text, i, width)
    can_close = _closing_context(text, i, width)
    closes = _find_open(stack, mark) >= 0
    if mark in SINGLE_MARKS:
        if closes and can_close and not _possessive(text, i, stack):
            return "close"
        if mark in "'‘‚‹" and can_open and not ELISION_RE.match(text, i + 1):
            return "open"
        return "skip"
    if mark in ("“", "”", '"', "''", "»"):
        if closes and (can_close or not can_open):
            return "close"
        return "open" if can_open else "skip"
    if mark in ("«", "„", "「", "『", "``"):
        return "open"
    return "close" if closes else "skip"


def _drop_stray(stack: list[_Open], k: int) -> tuple[int, list[_Open]]:
    """Forget straight apostrophes taken for openings below a double mark that now closes."""
    # A double quotation outranks an unclosed straight "'" opened before it: that was an apostrophe.
    stray = sum(1 for o in stack[:k] if o.mark == "'")
    if stray == 0:
        return k, stack
    return k - stray, [o for o in stack[:k] if o.mark != "'"] + stack[k:]


def _reopens(text: str, i: int, mark: str, stack: list[_Open]) -> bool:
    """Say whether a double mark opening a sentence inside an open double quotation starts a new
    quotation ("… shell-shocked. “And she said, …,” Broaddrick said."): a quotation inside
    another takes single marks, so the first one lacks its closing mark."""
    if len(stack) != 1 or mark in SINGLE_MARKS or stack[0].mark in SINGLE_MARKS:
        return False
    before = text[stack[0].after : i].rstrip()
    return before.endswith((".", "?", "!", "…"))


def find_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Return the outermost quotation spans in text[start:end], nested quotes left inside."""
    end = len(text) if end is None else end
    spans: list[Span] = []
    stack: list[_Open] = []
    for m in MARK_RE.finditer(text, start, end):
        mark, i = m.group(), m.start()
        if mark in _APOSTROPHES and _within_word(text, i):
            continue  # "Trump’s", "don't": _role would skip it, asked of most marks in news text
        role = _role(text, i, mark, stack)
        if role == "open" and _reopens(text, i, mark, stack):
            # The quotation before never closed: a new one opens a new sentence at its level.
            spans.append(Span(stack[0].after, i, stack[0].mark, None))
            stack = [_Open(mark, m.end())]
        elif role == "open":
            stack.append(_Open(mark, m.end()))
        elif role == "close":
            k = _find_open(stack, mark)
            if mark not in SINGLE_MARKS:
                k, stack = _drop_stray(stack, k)
            if k == 0:
                spans.append(Span(stack[0].after, i, stack[0].mark, mark))
            del stack[k:]
    if stack:  # most paragraphs close every quotation they open
        stack = [o for o in stack if o.mark not in SINGLE_MARKS]
    if stack:
        spans.append(Span(stack[0].after, end, stack[0].mark, None))
    return spans


def sentence_starts(text: str, start: int, end: int, spans: list[Span]) -> list[int]:
    """Return where sentences start in text[start:end]; a stop inside a quotation ends none.

    The one exception: a stop that ends the quotation itself, followed by a new sentence.
    """
    starts = [start]
    inside = [(s.start, s.end) for s in spans]
    for stop, after in sentence_breaks(text, start, end):
        k = bisect.bisect_right(inside, (stop, end)) - 1
        if (
            k >= 0
            and inside[k][0] <= stop < inside[k][1]
            and _stays_inside(text, stop, inside[k][1], end)
        ):
            continue
        starts.append(after)
    return sorted(set(starts))


def _stays_inside(text: str, stop: int, close: int, end: int) -> bool:
    """Say whether a stop inside a quotation leaves the sentence open (not its last word)."""
    return bool(text[stop:close].strip(".!?")) or not _closes_sentence(text, close, end)


def _closes_sentence(text: str, close: int, end: int) -> bool:
    """Say whether the text after a quotation's closing mark starts a new sentence."""
    rest = text[close:end].lstrip("\"'”’»」』 ")
    return not rest or rest[0].isupper() or rest[0] in "“\"'‘«"
