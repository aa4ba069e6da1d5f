"""The runs of capitalised words in an article that are names.

A title joins the name after it ("Sen. Ted Cruz"); sentence openers ("But Ban"), photo credits
in capitals, possessives and lawmakers' party tags are trimmed off; a capital that only opens a
sentence ("Coal miners…") is no name; an opening word glued to a person's name is cut off
(glued.py); a surname of a full name is found again on its own. What each name is and how it
is used is mentions.py's business.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from monitor.quotes.eastasian import surname_he
from monitor.quotes.furniture import furniture_spans, inside
from monitor.quotes.glued import unglued
from monitor.quotes.lexicon import FEMALE, MALE, PERSON_TITLES, PLACES
from monitor.quotes.names import (
    looks_personal,
    not_a_name,
    person_like,
    surname,
    whole_words,
)
from monitor.quotes.opening import SKIP_FIRST, opens_clause
from monitor.quotes.tidy import is_when

_split = str.split  # word lists are written as text, one readable line each


# A name starts with a capital: a pattern that starts with a character class lets the regex
# engine skip to the next capital at C speed (a leading optional title would make it try every
# offset), so a title is joined to the name after it by _name_matches.
# A word a hyphen joins to a name can make an adjective of it ("Los Angeles-area Sanders
# supporters", "South Korean-born Monte Haines", "Oscar-winner Sarandon"): the name ends before
# it. Other hyphens stay within the name ("Holtz-Eakin", "Ban Ki-moon").
_ADJECTIVE = (
    r"-(?:area|era|based|born|bred|raised|style|like|led|backed|owned|run|linked|funded|made"
    r"|aligned|affiliated|only|winner|winning|type|centric|friendly|oriented|related|wide)\b"
)
# Written as runs of word characters between hyphens, not one character at a time: the engine
# matches a run of a character class in one step, and the possessive "+" skips the bookkeeping
# for backtracking that never happens (the name joins words at spaces, never inside a word).
_WORD = r"[A-Z][\w’']*+(?:(?!" + _ADJECTIVE + r")-[\w’']*+)*+"
_NAME_RE = re.compile(
    _WORD + r"(?:[ \t]+(?:(?:of|de|da|van|von|bin|al|la|le|for)[ \t]+(?:(?:the|der|den)[ \t]+)?)?"
    r"(?:[A-Z]\.|" + _WORD + r"))*"
)


_TITLES = frozenset(_split("Mr Mrs Ms Dr Sen Rep Gov Gen Prof Rev Lt Col Capt Sgt"))
# Words written with a full stop inside a sentence: a title before a name ("Mr. Trump"), "St.".
TITLE_ABBREVIATIONS = _TITLES | {"St"}


# "Ohio Gov" before ". John Kasich": the words of a title, not a name.
_TITLE_ENDS = tuple(" " + word for word in TITLE_ABBREVIATIONS)
_TITLE_GAP = re.compile(r"\.[ \t]+")  # "Mr|. |Lu": the full stop and space after a title


_POSSESSIVE = ("'s", "’s", "'", "’")


# Verbs and owners inside a run of capitals are a headline's words in title case ("Tanks Are
# Literally", "Latinos Share Their Most Honest Thoughts"); no name holds one after its start.
_HEADLINE_INNER = frozenset(_split("Is Are Was Were Their Our Your My"))


_CREDIT_RE = re.compile(r"(?:[A-Z][A-Z’'\-]+[ \t]+){3,}(?=[A-Z][a-z])")


_ARTICLES = frozenset(["The", "A", "An"])


_CONTRACTED = re.compile(r"[’'](?:re|m|s|ll|ve|d)$")


_PARTY_STATE = re.compile(r"[DRI]-[A-Z][A-Za-z]{1,4}\.?$")


def capitalised_names(text: str, quoted: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """Return (offset, name) of the capitalised names outside quotations and page furniture."""
    found: list[tuple[int, str]] = []
    opener_only: dict[str, bool] = {}  # per word: capitalised only by opening sentences
    # Names in headings, bylines and credits are not the story's people (or are its reporters).
    furniture = furniture_spans(text)
    # The names come in the order of the text: the spans of both are walked once, together.
    dropped = _Cursor(_union(quoted, furniture))
    for at, words in _name_matches(text):
        trimmed = _trimmed(words)
        if trimmed is None:
            continue
        skip, name, article = trimmed
        start, end = at + skip, at + len(words)
        if article and " " not in name and _before_noun(text, end):
            continue  # "The Democratic presidential front-runner": an adjective, not a name
        if end - start == 1 and text[end : end + 1] == ".":
            continue  # "U.S", "U.N.": an abbreviation's letter
        # "Ohio Gov. John Kasich", "GOP Sen. Kelly Ayotte": the title's words are no name.
        if text.startswith(".", end) and name.endswith(_TITLE_ENDS):
            continue
        # Tested before the opener below: a name in a quotation or a heading is dropped anyway,
        # and whether an opener is a name reads the whole text.
        if not name or dropped.covers(start):
            continue
        if text.endswith((" to ", " to the "), 0, start) and _complement_before(text, start, name):
            # "Former U.S. Ambassador to Ukraine John Herbst": the place the title is to, glued
            # to the name after it, is no word of the name.
            cut = len(name.split(None, 1)[0]) + 1
            start, name = start + cut, name[cut:]
        if " " not in name and opens_clause(text, start):
            if name not in opener_only:
                opener_only[name] = not_a_name(name, text)
            if opener_only[name]:
                continue  # "Coal miners are…": a capital only because the sentence starts there
        found.append((start, name))
    found = unglued(text, found)
    found += [f for f in _surnames(text, quoted, found) if not inside(furniture, f[0])]
    found.sort()
    return found


@functools.lru_cache(maxsize=8192)  # the same words recur within and across articles
def _trimmed(words: str) -> tuple[int, str, bool] | None:
    """Return what of a run of capitalised words is a name, from the words alone: how many
    characters of sentence openers come first ("But Ban"), the name without its possessive,
    and whether an article opened it ("The Democratic…" may be an adjective); None when the
    words hold no name."""
    first = words.split()[0]
    if " " not in words and (words.lower() in PERSON_TITLES or _contracted_opener(first)):
        return None  # "President" alone: a title; "They’re", "I’m": a contracted opener
    name = words
    # "The unexpected death Saturday of Justice Antonin Scalia": the day opens no name.
    participle = first.endswith("ing") and _participle(first, words)
    second = words.split(None, 2)[1] if " " in words else ""
    skip_first = first in SKIP_FIRST and not surname_he(first, second)  # "He Lifeng said"
    if skip_first or (" of " in words and is_when(first)) or participle:
        name = words[len(first) :].lstrip()
        while name[:1].islower():  # "As for Ban": the link word goes with the opener
            name = name.split(None, 1)[1] if " " in name else ""
        # "When I ask him": an opener left alone after the first ("I", "We") is still no name.
        if not name or name in SKIP_FIRST:
            return None
    if " " in name and not _HEADLINE_INNER.isdisjoint(name.split()[1:]):
        return None  # "The Tanks Are Literally on…": a headline in title case, no name
    if "-" in name and _PARTY_STATE.match(name):
        return None  # "R-Ga": a lawmaker's party
    # "COURTESY OF RONALD REAGAN PRESIDENTIAL LIBRARY George Shultz dances": a photo credit in
    # capitals glued to the caption's name is no part of it ("NATO Secretary General" is).
    credit = _CREDIT_RE.match(name)
    if credit:
        name = name[credit.end() :]
    skip = len(words) - len(name)
    # "Trump's" is Trump: the possessive would make it a second, non-person candidate.
    if name.endswith(_POSSESSIVE):
        name = name[: -2 if name.endswith("s") else -1]
    return skip, name, first in _ARTICLES


def _participle(first: str, words: str) -> bool:
    """Say whether a run opens with a participle, no given name ("Considering Trump’s
    statements", "Following Biden's speech"): the name is the words after it."""
    return (
        len(first) >= 7
        and first.endswith("ing")
        and " " in words
        and first.lower() not in MALE
        and first.lower() not in FEMALE
    )


def _name_matches(text: str) -> Iterator[tuple[int, str]]:
    """Yield (offset, words) of each run of capitalised words, with the title before it
    ("Mr. Lu", "Sen. Ted Cruz"); a title with no name after it stands alone ("Gen.")."""
    title: re.Match[str] | None = None  # a title whose name may come next
    gap_end = -1  # where that name must start
    for m in _NAME_RE.finditer(text):
        if title is not None:
            if m.start() == gap_end:
                yield title.start(), text[title.start() : m.end()]
                title = None
                continue
            yield title.start(), title.group()
            title = None
        words = m.group()
        gap = _TITLE_GAP.match(text, m.end()) if words in _TITLES else None
        if gap is not None:
            title, gap_end = m, gap.end()
        else:
            yield m.start(), words
    if title is not None:
        yield title.start(), title.group()


class _Cursor:
    """Say whether offsets, asked in increasing order, lie inside sorted spans, as
    furniture.inside does, walking the spans once instead of a bisection for each offset."""

    __slots__ = ("spans", "last")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self.last = -1  # the last span that starts at or before the offset asked last

    def covers(self, at: int) -> bool:
        """Say whether `at`, no smaller than the offset asked before, is inside a span."""
        spans, last = self.spans, self.last
        while last + 1 < len(spans) and spans[last + 1][0] <= at:
            last += 1
        self.last = last
        return last >= 0 and at < spans[last][1]


def _union(*lists: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the sorted spans that cover what any of the lists of spans covers, overlapping
    ones merged (a _Cursor reads only the last span that starts before an offset)."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(span for spans in lists for span in spans):
        if out and start <= out[-1][1]:
            if end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def _complement_before(text: str, start: int, name: str) -> bool:
    """Say whether a name after a title and "to" ("Ambassador to") opens with a place or an
    acronym ("Ukraine", "NATO") that a person's full name follows."""
    to = text.rfind(" to ", max(0, start - 8), start)  # "Ambassador to Ukraine", "to the UN"
    title = text[max(0, to - 16) : to].rpartition(" ")[2].lower()
    if title not in PERSON_TITLES and title not in ("envoy", "adviser", "advisor"):
        return False
    first, _, rest = name.partition(" ")
    place = first.lower() in PLACES or (first.isupper() and len(first) > 1)
    return place and " " in rest and person_like(rest)


def _contracted_opener(word: str) -> bool:
    """Say whether a word is a sentence opener with a contraction ("They’re", "I’m")."""
    return ("’" in word or "'" in word) and _CONTRACTED.sub("", word) in SKIP_FIRST


def _before_noun(text: str, end: int) -> bool:
    """Say whether a lower-case word follows at `end` ("Democratic| presidential")."""
    return text[end : end + 1] == " " and text[end + 1 : end + 2].islower()


def _surnames(
    text: str, quoted: list[tuple[int, int]], found: list[tuple[int, str]]
) -> list[tuple[int, str]]:
    """Return single-word mentions of surnames already seen in a multi-word person name."""
    names = {n for _, n in found}  # each name once: a person is named many times
    # looks_personal first: the cheaper test, and person_like is worked out only for the names
    # it passes (mentions asks no more of the others).
    keys = {surname(n) for n in names if " " in n and looks_personal(n) and person_like(n)}
    # "Madam Vice President" ends in a title, not a surname: "President" alone is no name.
    keys = {k for k in keys if len(k) > 2 and k.isalpha() and k.lower() not in PERSON_TITLES}
    if not keys:
        return []
    # Where a found name's surname stands, or where a person's longer name starts: "Jeb" (a key
    # from a caption's "Florida Governor Jeb") at "Jeb Bush" would hide the longer name.
    before = {n: len(n) - len(surname(n)) for n in names}  # where in a name its surname starts
    taken = {s + before[n] for s, n in found}
    taken |= {s for s, n in found if " " in n and looks_personal(n)}
    return [
        (at, key) for key in keys for at in whole_words(text, key, taken) if not inside(quoted, at)
    ]
