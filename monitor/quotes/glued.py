"""A sentence's opening word glued to a person's name ("Considering Trump’s", "Maybe Trump",
"Rival Hillary Clinton", "Internal Obama administration estimates"): told from a name's own
first word and cut off. capitals.py cuts it from the names it finds; resolve.py from a speaker."""

from __future__ import annotations

from monitor.quotes.lexicon import (
    DEMONYMS,
    FEMALE,
    MALE,
    NAME_PARTICLES,
    PERSON_TITLES,
    PLACES,
    ROLE_NOUNS,
)
from monitor.quotes.names import common_word, looks_personal, name_like, person_like, surname
from monitor.quotes.opening import NEVER_SPEAKS, SKIP_FIRST, opens_clause

_split = str.split  # word lists are written as text, one readable line each


def unglued(text: str, found: list[tuple[int, str]]) -> list[tuple[int, str]]:
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
    if first in NEVER_SPEAKS:
        return True
    if first in SKIP_FIRST:
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
