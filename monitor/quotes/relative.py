"""Who a relative clause before a reporting verb is about: "said Scott Reed, the Chamber's chief
political strategist, who added", "Swanson praised evangelist Franklin Graham, who has vowed",
"President Obama rebuked critics who say". speakers.py cuts the words before the verb into
segments; the clause's subject is the noun phrase "who" follows, not the words before it."""

from __future__ import annotations

import re
from collections.abc import Callable

from monitor.quotes.opening import sentence_subject
from monitor.quotes.plausible import FULL_NAME

_split = str.split  # word lists are written as text, one readable line each

_NAME = re.compile(FULL_NAME)
_ARTICLES = frozenset(_split("the a an"))
_APPOSITION = re.compile(r"(?:the|a|an)\s", re.I)
# Words before the object of a clause's verb: the verb itself, an adverb, a preposition ("a
# lecture from the Mexican president", "on camera"); "of" stays inside ("the head of the IRS").
_BEFORE_OBJECT = frozenset(
    _split("to from with by for at on in about against over into during without after before")
)
# A place or a scene after the object: "Bundy says to Santilli on camera, who responds".
_SCENE_AFTER = re.compile(r"\s+(?:on|in|at)\s+(?:[a-z]+\s+)?[a-z]+$")


def relative_antecedent(segments: list[str], last: str, tail: Callable[[str], str]) -> str:
    """Return who the relative clause ending the words before a verb is about, or "" when they
    end in none. `segments` are those words cut at commas and dashes, `last` the noun phrase
    ending the last one, `tail` what reads the noun phrase ending a segment."""
    if last.lower() in ("who", "which") and len(segments) >= 2:
        named = tail(segments[-3]) if len(segments) >= 3 else ""
        segment = segments[-2]
        if named and _APPOSITION.match(segment) and _full_name(named):
            # "said Alfonso Aguilar, the executive director of …, who also said"
            return f"{named}, {segment}"
        return object_of(segment) or tail(segment)
    if last.lower().endswith(" who"):
        return object_of(last[:-4])  # "President Obama passionately rebuked critics who say"
    if len(segments) >= 2 and _WHO_SET_OFF.match(segments[-1]):
        # "Trump -- who in March declared": the clause's circumstance ends the words, the name
        # it is set off after is who it is about.
        return object_of(segments[-2]) or tail(segments[-2])
    return ""


# A relative clause set off after a name, with the words of a circumstance before its verb.
_WHO_SET_OFF = re.compile(r"who\s+(?:in|on|at|during|after|before|since|last|this)\s")


def object_of(clause: str) -> str:
    """Return the object at the end of a clause ("Trump endured … a lecture from the Mexican
    president": "the Mexican president"), or "" when `clause` is a noun phrase, not a clause."""
    subject = sentence_subject(clause)
    if not subject or subject == clause:
        return ""
    rest = clause[clause.find(subject) + len(subject) :].split()
    if not rest or not rest[0][:1].islower():
        return ""
    rest = _SCENE_AFTER.sub("", " ".join(rest[1:])).split()
    k = len(rest)
    while k > 0:
        word = rest[k - 1]
        if word in _ARTICLES:
            k -= 1
            break
        if word in _BEFORE_OBJECT or (word[:1].islower() and word.endswith(("ed", "ly"))):
            break
        k -= 1
    obj = rest[k:]
    return " ".join(obj) if obj and obj[0] not in _ARTICLES or len(obj) > 1 else ""


def _full_name(words: str) -> bool:
    """Say whether words are a full name ("Alfonso Aguilar"), not a description or a place."""
    return _NAME.fullmatch(words) is not None and not words.startswith("The ")
