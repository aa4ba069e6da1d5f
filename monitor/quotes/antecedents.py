"""What an earlier name can stand for when the resolver weighs it: "it" that speaks, surely a
person, the full form of a short name ("Biden" of "Joseph R. Biden Jr."), a pronoun's gender."""

from __future__ import annotations

import functools
from typing import NamedTuple

from monitor.quotes.eastasian import family_first
from monitor.quotes.lexicon import (
    DEMONYMS,
    NOT_PERSON,
    PERSON_TITLES,
    PLACES,
    SUFFIXES,
)
from monitor.quotes.mentions import Mention
from monitor.quotes.names import organisation, without_country
from monitor.quotes.persons import organisation_like

_split = str.split  # word lists are written as text, one readable line each


def speaks_as_it(name: str) -> bool:
    """Say whether a name can be "it" that speaks: an organisation, a country or a capital.

    "It" was "Perhaps", "T-shirt", "Americans" and a dateline's "LOS ANGELES": no speaker is
    better than those.
    """
    if name.isupper():
        return len(name) <= _ACRONYM  # "RT", "DNC"; not a dateline's city
    if name.endswith("s") and name[:-1].lower() in DEMONYMS:
        return False  # "Americans" are "they"
    return (
        organisation_like(name)  # a body's word anywhere in it ("Business Council of …")
        or organisation(name)  # a body's word last ("Wall Street Journal")
        or name in NOT_PERSON
        or name.lower() in PLACES
    )


_ACRONYM = 5  # letters of the longest acronym "it" may be ("NORAD")


def speaks_as_they(name: str) -> bool:
    """Say whether a name can be "they" that speaks: not a place's feature ("Snake Island",
    "Broad Street", "Lubyanka Square") nor a people's or party's adjective alone ("American",
    "Democratic" of "Democratic politicians"); a country, a body or a group can."""
    if name.rsplit(" ", 1)[-1] in _FEATURES and name not in _SPEAKING_PLACES:
        return False
    return " " in name or name.lower() not in DEMONYMS


_FEATURES = frozenset(
    _split(
        "Island Islands Street Square Avenue Road Sea Ocean River Lake Mountain Mountains Bay "
        "Gulf Strait Peninsula Bridge Hill Valley Desert Coast"
    )
)
# Places that stand for the people working there, as a capital stands for its government.
_SPEAKING_PLACES = frozenset(("Wall Street", "Downing Street", "Fleet Street", "Capitol Hill"))


def surely_personal(m: Mention) -> bool:
    """Say whether a mention is surely a person: "Moscow asked" made Moscow look like one."""
    return m.person and (m.gender is not None or " " in m.name)


class FullForm(NamedTuple):
    """The words of a name that a short form of it may stand for."""

    words: tuple[str, ...]  # without its country and its suffixes
    family: str  # the word a short form keeps: the surname, or a Chinese name's first word
    word_set: frozenset[str]


@functools.lru_cache(maxsize=8192)  # asked of every mention, and names repeat
def full_form(name: str) -> FullForm | None:
    """Return the words of a name of two words or more ("Joseph R. Biden Jr." is a Biden), or
    None for a one-word name."""
    words = without_country(name.replace("’s", "").split())
    while len(words) > 2 and words[-1].lower().strip(".,") in SUFFIXES:
        words = words[:-1]
    if len(words) < 2:
        return None
    return FullForm(tuple(words), _family(words), frozenset(words))


def _family(words: list[str]) -> str:
    """Return the word a short form of a name keeps: the surname, or a Chinese or Korean name's
    first word, after any titles and nationality ("Chinese President Xi Jinping" is "Xi", "Kim
    Jong Un" is "Kim")."""
    k = 0
    while k < len(words) - 2 and (_title(words[k].lower()) or words[k].lower() in DEMONYMS):
        k += 1
    return words[k] if family_first(words[k:]) else words[-1]


def _title(low: str) -> bool:
    """Say whether a lower-cased word is a title ("president", "gen." written "Gen" too)."""
    return low in PERSON_TITLES or f"{low.rstrip('.')}." in PERSON_TITLES


def fuller(m: Mention, words: tuple[str, ...]) -> bool:
    """Say whether a mention can be the full form of a short speaker name."""
    # "US Secretary of State Antony Blinken": only the name at its end must be a person's.
    # The last two words tested one by one: asked of every mention, a generator cost more.
    last_two = words[-2:]
    return m.person or (last_two[-1] not in NOT_PERSON and last_two[0] not in NOT_PERSON)


def compatible(gender: str | None, wanted: str | None) -> bool:
    """Say whether a name's known gender (if any) fits the pronoun's (if any)."""
    return gender is None or wanted is None or gender == wanted


def turn_label(text: str, m: Mention, here: int) -> bool:
    """Say whether a mention is the label opening the transcript turn after the line break at
    `here` ("AMY GOODMAN:"): who speaks the turn is its "I", never its "he"."""
    label = m.name.isupper() and text.startswith(":", m.start + m.length)
    return label and not text[here + 1 : m.start].strip()
