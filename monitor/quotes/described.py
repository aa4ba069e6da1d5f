"""Descriptions a speaker may be written as ("the spokesman", "the newspaper", "the lawmaker"):
the words an earlier name must be described by to be the one meant, and whether the description
stands for a person or for a body. resolve.py looks for that name."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from monitor.quotes.lexicon import PLACES
from monitor.quotes.mentions import Mention
from monitor.quotes.names import group
from monitor.quotes.plausible import FULL_NAME
from monitor.quotes.speakers import abbreviated
from monitor.quotes.tidy import MAX_WORDS, is_when

_split = str.split  # word lists are written as text, one readable line each

_PAPERS = ("times", "post", "journal", "news", "herald", "tribune", "gazette")  # "the newspaper"
_NETWORKS = ("cnn", "fox", "nbc", "abc", "cbs", "msnbc")  # "the network"
# The words each head noun is matched by are pattern pieces: "Sen." and "Rep." count only with
# their full stop ("Amartya Sen" is no senator).
_SYNONYMS = {
    "spokesperson": ("spokesman", "spokeswoman", "spokesperson", "spokesmen", "spokespeople"),
    "spokesman": ("spokesman", "spokesperson"),
    "spokeswoman": ("spokeswoman", "spokesperson"),
    "alliance": ("nato", "alliance"),
    "newspaper": (*_PAPERS, "newspaper"),
    "paper": (*_PAPERS, "paper"),
    "network": (*_NETWORKS, "network"),
    "ministry": ("ministry",),
    # "French senator Nathalie Goulet … the lawmaker replied": a member of a legislature by any
    # of its titles.
    "lawmaker": ("lawmaker", "senator", r"sen(?=\.)", "congressman", "congresswoman",
                 "representative", r"rep(?=\.)", "mp"),
    "campaign": ("campaign",),
}  # fmt: skip
_INDEFINITE = re.compile(r"(?:a|an|one|some|another|many|several|two|three|other)\s", re.I)
# Heads that name a document, a count or an unnamed crowd, not a person or body an earlier name
# could be.
_UNRESOLVED = frozenset(
    _split(
        "ad ads email emails petition statement statements letter memo report opinion study poll "
        "survey tweet tweets post editorial lawsuit complaint release document documents book "
        "video website message filing ruling order two three percent another others friend note "
        "suit crowd audience attendees protesters"
    )
)
# Head nouns of descriptions that name an organisation or a publication, not a person.
_BODIES = frozenset(
    _split(
        "newspaper paper network company firm board ministry campaign committee agency "
        "department alliance organization organisation group nato government administration "
        "council party union bank fund blog"
    )
).union(_PAPERS, _NETWORKS)
# A person's own channel speaks in that person's words: "according to his campaign website" is
# the candidate, "her Twitter account" the account holder (not a body or a document to keep).
_CHANNELS = frozenset(_split("website site account page blog biography bio memoir"))
_OWNED_CHANNEL = re.compile(r"(his|her)\s+(?:[\w’'\-]+\s+){0,2}([a-z]+)", re.I)
_STOP = frozenset(_split("the a an of for to in on at and its his her their our this that former"))


@functools.lru_cache(maxsize=1024)  # "the spokesman" recurs within and across articles
def wanted(words: str) -> tuple[re.Pattern[str], bool] | None:
    """Return the pattern an earlier name's description must match to be what `words` ("the
    spokesman") stand for, and whether that name must be a person's; None when the words
    describe no one an earlier name could be ("a spokesman", "the report")."""
    if _INDEFINITE.match(words):
        return None
    keys = _keys(words)
    if not keys or keys[0] in _UNRESOLVED:
        return None
    pattern = re.compile(r"\b(?<!vice )(?:" + "|".join(keys) + r")\b")
    return pattern, keys[0] not in _BODIES


def channel_owner(words: str) -> str | None:
    """Return the pronoun owning a person's channel ("his campaign website" -> "his"), or None."""
    found = _OWNED_CHANNEL.fullmatch(words)
    return found.group(1).lower() if found and found.group(2) in _CHANNELS else None


def named_later(text: str, words: str, at: int) -> str | None:
    """Return the name an indefinite description is given just after it: "a lawyer for Altoona's
    Adventureland Park told the Register “…”. “…,” the attorney, Guy Cook, said"."""
    found = _UNNAMED_ROLE.match(words)
    if found is None:
        return None
    same = next(roles for roles in _SAME_ROLES if found.group(1).lower() in roles.split("|"))
    later = re.compile(rf"\b[Tt]he (?:{same}),\s+({FULL_NAME}),")
    named = later.search(text, at, at + _LATER)
    return named.group(1) if named else None


# "a lawyer for …", "a spokeswoman for …": a role the next sentences may name.
_SAME_ROLES = ("lawyer|attorney", "spokesman|spokeswoman|spokesperson")
_UNNAMED_ROLE = re.compile(
    r"(?i:a|an|one)\s+(?:[a-z\-]+\s+){0,2}?(" + "|".join(_SAME_ROLES) + r")\b"
)
_LATER = 600  # characters after the description in which it may be named


def describable(m: Mention) -> bool:
    """Say whether "the company" or "the aide" may be this name: not a day, a place or a crowd."""
    return m.person or not (is_when(m.name) or m.name.lower() in PLACES or group(m.name))


def titled(about: str) -> str:
    """Return a name's description (about_name) without an owner written before the name: in
    "through the group’s Twitter account" the group owns Twitter, it is not Twitter."""
    first, _, rest = about.partition(" ")
    return rest if first.endswith(("’s", "'s")) else about


def _keys(words: str) -> tuple[str, ...]:
    """Return the words a description can be matched by, synonyms included."""
    content = [w for w in re.findall(r"[a-z]+", words.lower()) if w not in _STOP]
    if not content:
        return ()
    head = content[-1]
    if len(content) > 1 and content[-2] == "vice":
        return (f"vice {head}",)  # "the vice president" is not the president
    return _SYNONYMS.get(head, (head,))


def title_words(text: str, start: int) -> str:
    """Return the words right before a name, back to the clause's start, lower-cased: its title
    ("State Department spokesman " before Mark Toner), not a neighbour's ("Russian invasion,")."""
    before = text[max(0, start - 40) : start]
    cut = max(before.rfind(mark) for mark in ',;:"“”()\n')
    stop = before.rfind(". ")
    while stop > cut and abbreviated(before, stop):  # "Florida Sen. Marco Rubio": a title's dot
        stop = before.rfind(". ", 0, stop)
    return before[max(cut, stop) + 1 :].lower()


# "NUS", "the IOA": an acronym of three to six capitals, alone or after "the".
_ACRONYM_RE = re.compile(r"(?:[Tt]he\s+)?([A-Z]{3,6})")


def acronym(words: str) -> str | None:
    """Return the acronym a speaker is written as ("the IOA": "IOA"), if it is one."""
    found = _ACRONYM_RE.fullmatch(words)
    return found.group(1) if found else None


def spelt_out(short: str, names: Iterable[str]) -> str | None:
    """Return the first name whose capitals' initials spell an acronym, with the acronym beside
    it as articles write it ("Indian Olympic Association (IOA)"): "the Indian Olympic
    Association (IOA) said. … the IOA said", "a PhD from the National University of Singapore.
    In an email, NUS said". Readers know "the DNC" by either form, so both are kept."""
    for name in names:
        capitals = [w for w in name.split() if w[:1].isupper()]
        if len(capitals) == len(short) and "".join(w[0] for w in capitals) == short:
            # A name too long for a speaker ("Office for the Coordination of …") keeps its
            # acronym alone.
            return f"{name} ({short})" if name.count(" ") + 2 <= MAX_WORDS else None
    return None
