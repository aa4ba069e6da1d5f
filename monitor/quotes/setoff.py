"""Speakers set off from the prose around a quotation: a dash after it (“…” — Lin Jian), a source
line of its own ("- Bernie Sanders."), a transcript's label (“PENCE: …”) and a roundup's source
before it (" - Carl Bialik: “…”"). Each is a layout, not a sentence, so each is one pattern.
"""

from __future__ import annotations

import re

from monitor.quotes.cues import cue_matches
from monitor.quotes.plausible import FULL_NAME, is_named, plausible
from monitor.quotes.records import Attr, Cand
from monitor.quotes.speakers import subject_after
from monitor.quotes.tidy import is_when

_QUOTED_IN_PROSE = re.compile(r"\w")  # a word before the quotation in its sentence
# "…” — Lin Jian" and "…”― Lin Jian": the horizontal bar is the typeset quotation dash.
_DASH_RE = re.compile(r"^\s*[―—–-]+\s*")


# A source line of its own after a quoted paragraph: "…”\n\n- Bernie Sanders.\n".
# The line may go on after a comma with lower-case words about the occasion: "– Republican Gov.
# Brian Kemp, speaking at the Georgia governor’s debate on Monday …" (a byline's outlet after
# its comma, "– Bart Jansen, USA TODAY", is capitalised).
_SOURCE_LINE_RE = re.compile(
    r"[ \t.]*\n+[ \t]*[―—–-]+[ \t]*"
    r"(?:([A-Z][^\n,]{0,60}?),[ \t]+(?=[a-z])|([A-Z][^\n]{0,60}?)[ \t.]*(?:\n|$))"
)


# A roundup's source line with no dash, below the quoted paragraphs it closes (AllSides): "“…⏎⏎“…
# troops.”⏎⏎Hans Binnendijk, Defense News". The quoted paragraphs between are the same writer's
# (at most three are passed); a wire reporter's credit ("Bart Jansen, USA TODAY") is no source.
_ROUNDUP_LINE_RE = re.compile(
    r"[ \t.…]*(?:\n\s*[“\"][^\n]*){0,3}\n\s*"
    rf"({FULL_NAME}),[ \t]+(?!USA TODAY|Associated Press|Reuters|AFP)"
    r"[A-Z][^\n.,:;!?]{0,40}(?:\n|$)"
)


# A transcript's speaker label opening a quoted turn: “WALLACE: Let’s start…”.
LABEL_RE = re.compile(r"([A-Z][A-Z.’'\-]+(?: [A-Z][A-Z.’'\-]+){0,2}):\s+")


# A roundup's source after its headline, right before the quotation: "Pollsters agree - Carl
# Bialik: “…”".
_BYLINE_RE = re.compile(r"\s[-–—]\s+([A-Z][\w.’'\-]*(?:\s[A-Z][\w.’'\-]*){0,3}):\s*$")


def dash(text: str, c: Cand) -> Attr | None:
    """Attribute from a dash after the quotation (“…” — Lin Jian)."""
    rest = text[c.close_end : c.right_hi]
    m = _DASH_RE.match(rest)
    if not m:
        return None
    words = subject_after(rest[m.end() :])
    words = _date_of(words) or words
    if not words or not is_named(words) or not (plausible(words) or is_when(words)):
        # "— from the central balcony of St. Peter's Basilica", "— only a quick cleanup by
        # Comey": a dash in prose, no source.
        return None
    at = c.close_end + m.end()
    if _QUOTED_IN_PROSE.search(text, c.sent_start, c.open_at) and not _LINE_END_RE.match(
        text, at + len(words)
    ):
        # "the name ''Brujas'' -- Spanish for ''witches'' --", "or even “substantially all” – the
        # Alibaba shares being left behind in": a term inside a sentence that the dash goes on
        # to explain. A source set off after a quotation inside its sentence ends the line
        # ("… he has “the root of all evil’.” ― Christina Lastra.⏎").
        return None
    if _LINE_END_RE.match(text, at + len(words)) and _reported_before(text, c):
        # "…,” Lyles said. “…” - Tyler Dragon⏎": a name ending the paragraph of a quotation
        # whose paragraph already reports a speaker is a live blog's byline, not the voice.
        return None
    return Attr(words, at, "—", 0.7)


def _date_of(words: str) -> str:
    """Return the date that opens words ("March 24" of "March 24 from the Oval Office"), or "":
    a quotation set off with when it was said, whose speaker the date does not give (and, as
    a source set off, keeps the voice around from being guessed for it)."""
    tokens = words.split()
    dates = [" ".join(tokens[:k]) for k in (3, 2, 1) if is_when(" ".join(tokens[:k]))]
    return dates[0] if dates else ""


# What may follow a byline's name up to its line's end: its outlet, a full stop.
_LINE_END_RE = re.compile(r"(?:,[ \t]+[A-Z][^\n,]{0,40})?[ \t.]*(?:\n|$)")


def _reported_before(text: str, c: Cand) -> bool:
    """Say whether the quotation's paragraph reports a speaker before it ("“…,” Lyles said. “"):
    a cue after the paragraph's last quotation, not one inside it ("To quote Bob Marley ‘…”")."""
    lo = text.rfind("\n", 0, c.open_at) + 1
    lo = max(lo, text.rfind("”", lo, c.open_at), text.rfind('"', lo, c.open_at - 1))
    return lo < c.open_at - 1 and bool(cue_matches(text, lo, c.open_at))


def _in_paragraph(text: str, c: Cand) -> bool:
    """Say whether the quotation's paragraph has words before it (it is not the paragraph)."""
    return bool(text[text.rfind("\n", 0, c.open_at) + 1 : c.open_at].strip())


def source_line(text: str, c: Cand) -> Attr | None:
    """Attribute a quoted paragraph to a line of its own after it ("- Clinton.")."""
    m = _SOURCE_LINE_RE.match(text, c.close_end) or _ROUNDUP_LINE_RE.match(text, c.close_end)
    group = 1 if m and m.group(1) else 2
    if not m or not is_named(m.group(group)) or len(m.group(group).split()) > 6:
        return None
    # Only a paragraph that is the quotation has its source below it: after "…,” said Clark
    # Cunningham, a law professor. “…”" the line "– Bart Jansen" is a live blog's byline.
    if _in_paragraph(text, c):
        return None
    return Attr(m.group(group), m.start(group), "—", 0.7)


def label(text: str, c: Cand) -> Attr | None:
    """Attribute a transcript turn to the capitalised label it opens with (“PENCE: …”)."""
    m = LABEL_RE.search(text, c.open_at, c.start)
    return Attr(m.group(1), m.start(1), ":", 0.8) if m else None


def byline(text: str, c: Cand) -> Attr | None:
    """Attribute a quotation to the source named after a dash just before it (" - Bialik: “…”")."""
    if not text[c.left_lo : c.open_at].rstrip().endswith(":"):
        return None  # most quotations: no regex over the sentence
    m = _BYLINE_RE.search(text, c.left_lo, c.open_at)
    return Attr(m.group(1), m.start(1), ":", 0.8) if m else None
