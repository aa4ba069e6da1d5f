"""A quotation owned by a name through a noun for what was said ("Trump’s claim that “…”").

The sentence's own verb may be someone else's ("blamed the media for … Trump’s claim that"):
the owner of the claim, the promise or the remark is who said the words.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from monitor.quotes.cues import cue_matches
from monitor.quotes.lexicon import SAID_WORDS
from monitor.quotes.names import gender_of
from monitor.quotes.opening import sentence_subject
from monitor.quotes.plausible import is_named, named_tail, plausible
from monitor.quotes.speakers import subject_before

_split = str.split  # word lists are written as text, one readable line each

SAID_NOUNS = frozenset(SAID_WORDS)
# The noun opens what was said ("claim that …", "assertion of …") or a comma or colon sets the
# quotation off as it ("Mayor Eric Adams’s remark, “…”"), not a clause about it ("Ginsburg’s
# comments “shows bias”": the comments are the object of someone else's words).
_OWNED_RE = re.compile(
    r"(?:’s|'s|s’|s')\s+(?:[a-z][a-z\-]*\s+)?(" + "|".join(SAID_WORDS) + r")"
    r"(\s+(?:that|of)(?:\s+[\w’'\-]+){0,5}?|[,:])\s*$"
)
# The owner after the noun: "the suggestion by a potential president that someone “…”",
# "2013 comments from former Secretary of Defense Leon Panetta that “…”"; the clause the noun
# opens may run a dozen words before the quotation ("claims by Trump’s company that federal
# employees traveling with him would stay at those properties “for free”").
_OWNED_BY_RE = re.compile(
    r"\b(" + "|".join(SAID_WORDS) + r")\s+(?:by|from)\s+([^,;:.“”\"]{2,60})\s+"
    r"that(?:\s+[\w’'\-]+){0,12}?\s*$"
)
# A pronoun owning the noun: "after her March comment that, “…”", "her claim that she “…”".
_OWNED_BY_PRONOUN_RE = re.compile(
    r"\b(his|her|their)\s+(?:[\w\-]+\s+)?(" + "|".join(SAID_WORDS) + r")"
    r"(?:\s+that(?:\s+[\w’'\-]+){0,5}?)?[,:]?\s*$",
    re.I,
)
_SUBJECT_OF = {"his": "he", "her": "she", "their": "they"}
# "comments from Biden earlier this week that": when, not who.
_OWNER_WHEN_RE = re.compile(r"\s+(?:earlier|later|last|this|on|in|at|during|since)\b.*$")
_OWNING = ("’s", "'s", "s’", "s'")
_CAPITALS_END_RE = re.compile(r"\b[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*)*$")


class Owner(NamedTuple):
    """The name that owns a quotation, where it is written, and the noun that owns it."""

    words: str
    at: int
    noun: str


def owned_words(text: str, left_lo: int, open_at: int, close_end: int) -> Owner | None:
    """Return the owner of a noun for what was said, right before the quotation opening at
    `open_at` ("Trump’s claim that “…”") or right after it ("Obama's “…” promise")."""
    lo = max(left_lo, open_at - 120)
    m = _OWNED_RE.search(text, lo, open_at)
    if m and not cue_matches(text, m.start(2), m.end(2)):
        return _owned_by(text, max(left_lo, m.start() - 200), m.start(), m.group(1))
    by = _OWNED_BY_RE.search(text, lo, open_at)
    owner = _OWNER_WHEN_RE.sub("", by.group(2)) if by else ""
    if by and plausible(owner) and not cue_matches(text, by.start(2), by.end()):
        return Owner(owner, by.start(2), by.group(1))
    mine = _OWNED_BY_PRONOUN_RE.search(text, lo, open_at)
    if mine and not by and not cue_matches(text, max(lo, mine.start() - 12), open_at):
        return _pronoun_owner(text, left_lo, mine)  # no cue's object ("saying his comment")
    return _owned_after(text, left_lo, open_at, close_end)


def _pronoun_owner(text: str, left_lo: int, mine: re.Match[str]) -> Owner | None:
    """Return who owns "her remark that": the sentence's named subject of that gender
    ("Madeleine Albright, a Clinton supporter, fanned controversy … over her remark that"), else
    "she" or "they" for the resolver ("give Clinton the nod after her March comment that")."""
    pronoun, noun = _SUBJECT_OF[mine.group(1).lower()], mine.group(2).lower()
    subject = sentence_subject(text[left_lo : mine.start()])
    if subject and is_named(subject) and gender_of(subject) == _GENDER.get(pronoun):
        return Owner(subject, max(text.find(subject, left_lo), left_lo), noun)
    # "his" is left alone: the men of a story are many ("challenging him over his comments").
    return Owner(pronoun, mine.start(), noun) if pronoun != "he" else None


_GENDER = {"he": "m", "she": "f"}


def _owned_after(text: str, left_lo: int, open_at: int, close_end: int) -> Owner | None:
    """Return the name owning a quotation, with the noun for what was said after it:
    "Obama's "if you like your plan, you can keep it" promise"."""
    owner_end = open_at  # past the spaces before the mark, without copying the text before
    while owner_end > left_lo and text[owner_end - 1].isspace():
        owner_end -= 1
    if not text.endswith(_OWNING, left_lo, owner_end):
        return None
    noun = text[close_end : close_end + 40].split(maxsplit=1)[:1]
    if not noun or noun[0].lower().rstrip(",.:;") not in SAID_NOUNS:
        return None
    owner_end -= 2 if text[owner_end - 2] in "’'" else 1
    # The owner is the name right before the mark ("the persistent pull of Obama's").
    owner = _CAPITALS_END_RE.search(text, max(left_lo, owner_end - 60), owner_end)
    if not owner or not is_named(owner.group()) or not plausible(owner.group()):
        return None
    return Owner(owner.group(), owner.start(), noun[0].rstrip(",.:;"))


def _owned_by(text: str, lo: int, hi: int, noun: str) -> Owner | None:
    """Return the name owning the said noun, which ends text[lo:hi]."""
    before = text[lo:hi]
    words = _owner(named_tail(subject_before(before)))
    if not words or not is_named(words) or not plausible(words):
        return None
    return Owner(words, lo + max(before.rfind(words), 0), noun)


def _owner(words: str) -> str:
    """Return the owner of the said noun, not the subject of a verb before it ("Fitton called
    Clinton's assertion of a “claim of right”": Clinton asserted it)."""
    cues = cue_matches(words, 0, len(words))
    words = words[cues[-1].end() :].strip() if cues else words
    # "China has abandoned former leader Deng Xiaoping’s decades-old mantra of “…”": the verb
    # before the owner is no part of it.
    return _VERB_BEFORE.sub("", words)


_VERB_BEFORE = re.compile(r"^[a-z]{3,}ed\s+(?=\S)")
