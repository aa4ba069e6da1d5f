"""The runs of capitalised words in an article that are names.

A title joins the name after it ("Sen. Ted Cruz"); sentence openers ("But Ban"), photo credits
in capitals, possessives and lawmakers' party tags are trimmed off; a capital that only opens a
sentence ("Coal miners…") is no name; a surname of a full name is found again on its own. What
each name is and how it is used is mentions.py's business.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from monitor.quotes.furniture import furniture_spans, inside
from monitor.quotes.lexicon import (
    DEMONYMS,
    FEMALE,
    MALE,
    NAME_PARTICLES,
    PERSON_TITLES,
    PLACES,
    ROLE_NOUNS,
)
from monitor.quotes.names import (
    common_word,
    looks_personal,
    name_like,
    not_a_name,
    person_like,
    surname,
    surname_he,
    whole_words,
)
from monitor.quotes.opening import OPENERS
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


# Words a sentence opens with that are no name ("The", "Amid", "Hours"): the openers the speaker
# rules know, and those only a name list meets ("He", "Said", "Former").
_SKIP_FIRST = OPENERS | frozenset(
    _split(
        "The A An But And In On At He She They We I His Her Their Our Meanwhile However "
        "Also For With Said According Last Next Would Will Could Should Can Does Did Is Are Was "
        "Were Has Have Had Former Acting Deputy Retired Senior Top Veteran Longtime Of One "
        "Against Into About Around Between Every No Any Nor Neither Either More "
        "Less Little Part Half Minutes First Second Third Finally Earlier Later Two Three Four "
        "Five Six Seven Eight Nine Ten Dozens Hundreds Thousands Millions Near Be Let Take Look "
        "Watch See Please Eleven Twelve Thirteen Fourteen Fifteen Twenty Thirty Forty Fifty "
        "Outside Inside Beside Behind Beneath Below Above Along Alongside Toward Towards Via"
    )
)
# Adverbs of doubt, "By" and interjections open a sentence, never a name ("Maybe Trump is", "By
# Sanders's own argument", a transcript's "ALLAN NAIRN: Oh, and he attacks the press"); unlike
# "The" or "Former", no speaker's words hold them either.
_NEVER_SPEAKS = frozenset(
    _split(
        "Maybe Perhaps Probably Possibly Surely Certainly By Oh Ah Yes Yeah Well Okay Wow Hey "
        "Alas Um Uh"
    )
)
_SKIP_FIRST |= _NEVER_SPEAKS


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
    found = _unglued(text, found)
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
    skip_first = first in _SKIP_FIRST and not surname_he(first, second)  # "He Lifeng said"
    if skip_first or (" of " in words and is_when(first)) or participle:
        name = words[len(first) :].lstrip()
        while name[:1].islower():  # "As for Ban": the link word goes with the opener
            name = name.split(None, 1)[1] if " " in name else ""
        # "When I ask him": an opener left alone after the first ("I", "We") is still no name.
        if not name or name in _SKIP_FIRST:
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


def _unglued(text: str, found: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Return the names with a sentence's opening word cut off the person's name it is glued
    to ("Continued Stone:", "Internal Obama administration estimates", "Rival Hillary Clinton")."""
    keys: set[str] | None = None  # worked out for the first name that may be cut: few are
    # Per opening word: at a clause's start glued_opener reads only the word and the text.
    glued: dict[str, bool] = {}
    out = found
    for k, (start, name) in enumerate(found):
        if " " not in name or not opens_clause(text, start):
            continue  # most names: two cheap tests
        first = name.partition(" ")[0]
        if first not in glued:
            glued[first] = glued_opener(text, start, first)
        if not glued[first]:
            continue  # the article's surnames are worked out only for a word that may be cut
        keys = _personal_surnames(found) if keys is None else keys
        cut = opener_cut(text, start, name, keys)
        if cut:
            out = out if out is not found else list(found)
            out[k] = (start + cut, name[cut:])
    return out


def opener_cut(text: str, start: int, name: str, surnames: frozenset[str] | set[str]) -> int:
    """Return how many characters of a name written at `start` are a sentence's opening word
    glued to a person's name (0 when none are): a word the text shows to be no name, before a
    given name or before the surname of a person named in full (`surnames`)."""
    first, _, rest = name.partition(" ")
    if not rest or not first[:1].isupper() or not glued_opener(text, start, first):
        return 0
    # "Rival Hillary Clinton", "Maybe Trump": a given name or a person's surname follows;
    # "Vice President Mike Pence", "Majority Leader Mitch McConnell": a title's words do.
    given = rest.split(None, 1)[0].lower()
    if rest in surnames or (" " in rest and given in _GIVEN and person_like(rest)):
        return len(first) + 1
    return 0


def glued_opener(text: str, start: int, first: str) -> bool:
    """Say whether the first word of a name opening a sentence is surely none of it: no given
    name, title, place or party, and written in lower case or an adverb or participle."""
    if first in _NEVER_SPEAKS:
        return True
    if first in _SKIP_FIRST:
        return False  # "The White House", "Former Gov. Jeb Bush": the speaker's own words
    low = first.lower()
    if low in _NAME_WORDS or first.isupper() or _role_word(low):
        return False
    if not opens_clause(text, start):
        return False
    # "Internal Obama administration estimates": an adjective's ending, never written inside a
    # sentence with a capital.
    # name_like asked once: it reads the text, and either answer needs it to say no.
    if name_like(first, text):
        return False
    return (len(first) >= 7 and low.endswith(_ADJECTIVE_ENDINGS)) or common_word(first, text)


_ADJECTIVE_ENDINGS = ("al", "ary", "ic")


def _role_word(low: str) -> bool:
    """Say whether a word is a title or a role ("Undersecretary", "Actor"): the speaker's
    words keep it, and what it is is persons.py's business."""
    return low in PERSON_TITLES or low in ROLE_NOUNS or low.endswith(_TITLE_ENDINGS)


_TITLE_ENDINGS = tuple(t for t in PERSON_TITLES if len(t) > 4)  # "undersecretary"


# Words that open a person's name and are also written in lower case: given names, places,
# parties ("Democrat Hillary Clinton" keeps her party), particles ("De Blasio").
_NAME_WORDS = (
    MALE
    | FEMALE
    | PLACES
    | DEMONYMS
    | NAME_PARTICLES
    | frozenset(
        _split("republican democrat democratic independent libertarian progressive conservative")
    )
)


_GIVEN = MALE | FEMALE


def _personal_surnames(found: list[tuple[int, str]]) -> set[str]:
    """Return the surnames of the names that are a person's in full ("Barack Obama", "Mr.
    Obama")."""
    names = {n for _, n in found if " " in n}
    return {surname(n) for n in names if looks_personal(n) and person_like(n)}


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
    return ("’" in word or "'" in word) and _CONTRACTED.sub("", word) in _SKIP_FIRST


def _before_noun(text: str, end: int) -> bool:
    """Say whether a lower-case word follows at `end` ("Democratic| presidential")."""
    return text[end : end + 1] == " " and text[end + 1 : end + 2].islower()


def opens_clause(text: str, start: int) -> bool:
    """Say whether a mention opens its sentence, clause or paragraph (likely a subject)."""
    # Read in place: a slice of the three characters before would be built for every name.
    # A negative start would count from the end: the first characters are read from 0.
    begin = start - 3 if start > 3 else 0
    # "\n— Continue fracking": an item of a list opens like a sentence.
    return start == 0 or text.endswith(_CLAUSE_ENDS, begin, start)


_CLAUSE_ENDS: tuple[str, ...] = ("\n", ". ", "; ", ": ", "“", '"', "\n— ", "\n- ", "\n• ")
# A sentence after a quotation's full stop, a question or an exclamation ("…counted.” Fortunately").
_CLAUSE_ENDS += (".” ", '." ', "? ", "! ", "?” ", "!” ")


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
