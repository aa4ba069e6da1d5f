"""Whether words cut out of an attribution can be a speaker: a pronoun, a name, or a short noun
phrase with a head ("an alliance spokesperson"), never a day or a fragment of a sentence.

speakers.py cuts the words out; these checks, asked by every rule that finds a speaker, say
whether what was cut is worth keeping.
"""

from __future__ import annotations

import functools
import re

from monitor.quotes.eastasian import surname_he
from monitor.quotes.kinds import FUNCTION_WORDS
from monitor.quotes.lexicon import NAME_PARTICLES
from monitor.quotes.tidy import is_when

_split = str.split  # word lists are written as text, one readable line each

PRONOUNS = frozenset(_split("he she they it i we you who which his her its their him them"))

_WORD_RE = re.compile(r"[\w’'.\-()]+")


def is_pronoun(words: str) -> bool:
    """Say whether the speaker's words are a bare pronoun."""
    return words.lower() in PRONOUNS


@functools.lru_cache(maxsize=4096)  # asked of the same speaker words by several rules
def is_named(words: str) -> bool:
    """Say whether the speaker's words contain a proper name beyond a leading capital."""
    tokens = _WORD_RE.findall(words)
    return any(
        t[:1].isupper() and (i > 0 or t.lower() not in _COMMON_START) for i, t in enumerate(tokens)
    )


_COMMON_START = frozenset(
    _split("the a an one another this that these those some his her their my our your")
)


def head_name(words: str) -> str:
    """Return the name part of "Name, apposition" speaker words."""
    return words.split(",", 1)[0].strip()


_ADJECTIVES = frozenset(
    _split(
        "former then top senior chief current late new acting deputy retired longtime veteran "
        "fellow republican democratic conservative liberal prominent leading local state federal "
        "white black young old"
    )
)


# "someone in the audience shouted", "many commentators called him": people not named, but
# people.
_QUANTIFIERS = frozenset(_split("someone somebody many several few most others"))
_DETERMINERS = frozenset(_split("his her its their the a an"))


SPEAKER_NOUNS = frozenset(
    _split(
        "source sources official officials aide aides adviser advisers spokesman spokeswoman "
        "spokesperson lawmaker lawmakers critic critics analyst analysts expert experts observer "
        "observers supporter supporters voter voters resident residents people police witness "
        "witnesses editorial email statement report letter memo ad campaign lawsuit complaint "
        "tweet poll survey study paper newspaper group committee ministry government agency "
        "president minister senator governor leader leaders candidate nominee diplomat diplomats"
    )
)


# Words that make a phrase opening with a number a rate or a time, not people counted ("300
# children", "21 percent").
_NOT_IN_A_COUNT = frozenset(_split("per despite than ago since until"))


_SEPARATORS = str.maketrans("", "", ".,")
# People named in the plural by what they do ("protesters chanted", "doctors warned", "students
# said"): the noun's agent ending tells them from other plurals ("things", "years").
_PEOPLE = re.compile(r"[a-z]{2,}(?:er|or|ist|ant|ent|ian|ee)s")
_CONTRACTED_VERB = re.compile(r"^(?:i|we|you|he|she|it|they)['’](?:m|re|s|ve|d|ll)$")


def people_plural(word: str) -> bool:
    """Say whether a lower-case plural names people by what they do ("protesters",
    "negotiators", "analysts"), not things ("years")."""
    return _PEOPLE.fullmatch(word) is not None


def speakerish(words: str) -> bool:
    """Say whether words can name a speaker: a pronoun, a name, or a noun phrase with a head."""
    if is_pronoun(words):
        return True
    tokens = words.split(",")[0].split()
    if not tokens or not tokens[0][0].isalnum():
        return False
    first = tokens[0].lower()
    if tokens[1:] and _CONTRACTED_VERB.search(first):
        return False  # "I'm old enough to remember …": a pronoun and its verb, a clause
    if first in NAME_PARTICLES and tokens[-1][:1].isupper():
        return True  # "von der Leyen said", "de Gaulle said": a surname's particle
    if (
        tokens[0].islower()
        and first.endswith("ed")
        and tokens[1:2]
        and tokens[1].lower() in _DETERMINERS
    ):
        return False  # "mocked a disabled newspaper reporter": a verb and its object
    if any(t.lower() in SPEAKER_NOUNS for t in tokens):
        return True
    if tokens[0][0].isdigit() and (
        (len(tokens) == 1 and tokens[0].translate(_SEPARATORS).isdigit())
        or any(t in _NOT_IN_A_COUNT for t in tokens)
    ):
        # "2024", "4.1.1" (a release), "185 per night despite" (the end of "$1,185"): no one.
        return False
    if (
        tokens[0][0].islower()
        and first not in _COMMON_START
        and first not in _ADJECTIVES
        and first not in _QUANTIFIERS
        and not people_plural(first)
    ):
        return False
    return not first.endswith("ing") or tokens[0][0].isupper()


# A name of two or more capitalised words ending a phrase ("… organizing director Kendall Fells").
FULL_NAME = r"[A-Z][\w’'\-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][\w’'\-]+)+"  # "Joseph R. Biden"
TAIL_NAME_RE = re.compile(rf"\b{FULL_NAME}$")


@functools.lru_cache(maxsize=4096)  # asked of the same speaker words by several rules
def named_tail(words: str) -> str:
    """Keep the name that ends words a speaker cannot start with ("$15 organizing director X Y")."""
    if not words or plausible(words):
        return words
    # "planetary geologist Rosaly Lopes of NASA's Jet Propulsion Laboratory": the name before
    # what it is of or at is the speaker's, not the body's after it.
    head = words.split(" of ", 1)[0] if " of " in words else words
    m = TAIL_NAME_RE.search(head) or (TAIL_NAME_RE.search(words) if head != words else None)
    return m.group() if m else words


@functools.lru_cache(maxsize=4096)  # asked of the same speaker words by several rules
def plausible(words: str) -> bool:
    """Say whether cut-out words can be a speaker (a pronoun, or a short noun phrase)."""
    if is_pronoun(words):
        return True
    if is_when(words):
        return False  # "“rigged” in a tweet Tuesday": the day is not who tweeted
    head = words.split(",")[0].split()
    opener = head[:1] and head[0].lower() in FUNCTION_WORDS
    if opener and not surname_he(head[0], head[1] if len(head) > 1 else ""):  # "He Lifeng"
        return False
    return 0 < len(head) <= 12 and speakerish(words)
