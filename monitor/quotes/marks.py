"""Find the outermost quotation spans of one paragraph, telling quotation marks from apostrophes."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from monitor.rules.segment import sentence_breaks

# Every alternative starts with its own literal character, no character class: the regex engine
# then skips to the next mark at C speed instead of trying every character ("''?" is "''" or "'").
MARK_RE = re.compile(r"''?|``|\"|“|”|‘|’’?|«|»|„|‚|‹|›|「|」|『|』")

# What each opening mark may be closed by. A straight mark and a curly one pair up either way
# (“…," said X. "…”): news text mixes them within one quotation; two curly apostrophes close a
# double mark as two straight ones do (“…,’’ Will Moy … told the BBC), and two straight ones close
# a straight one ("…,'' German Chancellor Angela Merkel said).
CLOSERS: dict[str, frozenset[str]] = {
    "“": frozenset({"”", "“", '"', "’’"}),
    "„": frozenset("“”"),
    "”": frozenset("”"),
    "«": frozenset("»"),
    "»": frozenset("«"),
    "‹": frozenset("›"),
    "‘": frozenset("’'"),
    "‚": frozenset("‘’"),
    "「": frozenset("」"),
    "『": frozenset("』"),
    "``": frozenset({"''", '"', "”", "’’"}),
    "''": frozenset({"''", "’’"}),
    '"': frozenset({'"', "”", "’’", "''"}),
    "'": frozenset("'’"),
}
MAX_UNCLOSED = 3000  # characters an unclosed quotation may run before its mark counts as stray
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


# The opening marks each mark closes, for _Stack.find.
OPENED_BY: dict[str, tuple[str, ...]] = {
    mark: tuple(o for o, closers in CLOSERS.items() if mark in closers)
    for mark in {c for closers in CLOSERS.values() for c in closers} | set(CLOSERS)
}


class _Stack:
    """The quotations still open, innermost last, with where each opening mark last sits.

    Asking which opening a mark closes looks at the few marks that it closes instead of walking
    the whole stack: a paragraph of unclosed marks made that walk quadratic (7 s for 34 KB).
    """

    __slots__ = ("items", "where")

    def __init__(self) -> None:
        self.items: list[_Open] = []
        self.where: dict[str, list[int]] = {}  # opening mark -> its stack indices, ascending

    def push(self, mark: str, after: int) -> None:
        self.where.setdefault(mark, []).append(len(self.items))
        self.items.append(_Open(mark, after))

    def truncate(self, n: int) -> None:
        """Forget every opening from index n on."""
        del self.items[n:]
        for at in self.where.values():
            while at and at[-1] >= n:
                at.pop()

    def find(self, mark: str) -> int:
        """Return the stack index of the innermost opening that `mark` closes, or -1."""
        best = -1
        for o in OPENED_BY.get(mark, ()):
            at = self.where.get(o)
            if at and at[-1] > best:
                best = at[-1]
        return best

    def drop_stray(self, k: int) -> int:
        """Forget straight apostrophes taken for openings below a double mark that now closes;
        return the new index of the opening at k."""
        # A double quotation outranks an unclosed straight "'" opened before it: that was an
        # apostrophe. No "'" is left below k afterwards, so each opening is moved once at most.
        stray = self.where.get("'")
        if not stray or stray[0] >= k:
            return k
        first = stray[0]
        moved = [o for o in self.items[first:k] if o.mark != "'"] + self.items[k:]
        gone = bisect.bisect_left(stray, k)
        self.truncate(first)
        for o in moved:
            self.push(o.mark, o.after)
        return k - gone


def _role(text: str, i: int, mark: str, stack: _Stack, closes: bool) -> str:
    """Classify one mark as "open", "close" or "skip" (apostrophe or stray mark); `closes` says
    whether it can close an opening on the stack."""
    width = len(mark)
    can_open = _opening_context(text, i, width)
    can_close = _closing_context(text, i, width)
    if mark in SINGLE_MARKS:
        if closes and can_close and not _possessive(text, i, stack.items):
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


def _reopens(text: str, i: int, mark: str, stack: list[_Open]) -> bool:
    """Say whether a double mark opening a sentence inside an open double quotation starts a new
    quotation ("… shell-shocked. “And she said, …,” Broaddrick said."): a quotation inside
    another takes single marks, so the first one lacks its closing mark."""
    if len(stack) != 1 or mark in SINGLE_MARKS or stack[0].mark in SINGLE_MARKS:
        return False
    # The last character before the mark that is not a space: read backwards, not by copying
    # everything since the opening mark, which made a long open quotation quadratic.
    k = i
    while k > stack[0].after and text[k - 1].isspace():
        k -= 1
    return k > stack[0].after and text[k - 1] in ".?!…"


def find_spans(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Return the outermost quotation spans in text[start:end], nested quotes left inside."""
    end = len(text) if end is None else end
    spans: list[Span] = []
    nested: list[Span] = []  # closed one level inside the bottom opening, still unclosed
    stack: _Stack | None = None  # made at the first mark that may quote or close a quotation
    for m in MARK_RE.finditer(text, start, end):
        mark, i = m.group(), m.start()
        if mark in _APOSTROPHES and _within_word(text, i):
            continue  # "Trump’s", "don't": _role would skip it, asked of most marks in news text
        if stack is None:
            stack = _Stack()
        k = stack.find(mark)  # the opening it would close, asked once for _role and the close
        role = _role(text, i, mark, stack, k >= 0)
        if role == "open" and _reopens(text, i, mark, stack.items):
            # The quotation before never closed: a new one opens a new sentence at its level.
            _unclosed(spans, Span(stack.items[0].after, i, stack.items[0].mark, None), nested)
            stack.truncate(0)
            stack.push(mark, m.end())
        elif role == "open":
            stack.push(mark, m.end())
        elif role == "close":
            if mark not in SINGLE_MARKS:
                k = stack.drop_stray(k)
            if k == 0:
                spans.append(Span(stack.items[0].after, i, stack.items[0].mark, mark))
                nested.clear()
            elif k == 1:
                nested.append(Span(stack.items[1].after, i, stack.items[1].mark, mark))
            stack.truncate(k)
    # Most paragraphs close every quotation they open.
    left = [o for o in stack.items if o.mark not in SINGLE_MARKS] if stack is not None else []
    if left:
        _unclosed(spans, Span(left[0].after, end, left[0].mark, None), nested)
    return spans


def _unclosed(spans: list[Span], span: Span, nested: list[Span]) -> None:
    """Add a quotation that never closed. One that runs thousands of characters is a stray
    mark, not a quotation (the longest unclosed one in PolNeAR and the real articles runs
    1,515), so the quotations closed just inside it are the outermost ones instead."""
    if span.end - span.start <= MAX_UNCLOSED:
        spans.append(span)
    else:
        spans.extend(nested)
    nested.clear()


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
