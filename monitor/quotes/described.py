"""Descriptions a speaker may be written as ("the spokesman", "the newspaper", "the lawmaker"):
the words an earlier name must be described by to be the one meant, and whether the description
stands for a person or for a body. resolve.py looks for that name."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from monitor.quotes.lexicon import COUNTING_WORDS, PLACES
from monitor.quotes.mentions import Mention, about_name
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
# A state's or party's senator or governor ("The Florida senator", "the New Jersey governor") is
# matched by the title abbreviated too; the words must then be said of the name (resolve.py).
_TITLED = {"senator": ("senator", r"sen(?=\.)"), "governor": ("governor", r"gov(?=\.)")}
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
    counted = words.split(None, 1)
    if len(counted) == 2 and counted[0].lower() in COUNTING_WORDS:
        return None  # "a spokesman", "some officials"
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
    Adventureland Park told the Register “…”. “…,” the attorney, Guy Cook, said"; or the name
    the same description is written with in the next paragraphs ("China’s ambassador to
    Britain accused …. China’s ambassador to Britain Liu Xiaming has said")."""
    found = _UNNAMED_ROLE.match(words)
    if found is None:
        return _named_again(text, words, at)
    same = next(roles for roles in _SAME_ROLES if found.group(1).lower() in roles.split("|"))
    later = re.compile(rf"\b[Tt]he (?:{same}),\s+({FULL_NAME}),")
    named = later.search(text, at, at + _LATER)
    return named.group(1) if named else None


# A description the text writes again with a name after it: an owner's or "the" role.
_ROLE_WRITTEN = re.compile(r"(?:[Tt]he|[A-Z][\w\-]*[’']s?)\s+(?:[\w\-]+\s+){0,3}[a-z\-]+")
# What may follow the role before the name: where it serves ("to Britain", "of the Kremlin").
_POST_THEN_NAME = re.compile(
    r"(?:\s+(?:to|of|for|at|in)\s+(?:the\s+)?[A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*)?)?"
    rf",?\s+({FULL_NAME})"
)


def _named_again(text: str, words: str, at: int) -> str | None:
    """Return the full name written right after the same description later in the text."""
    if _ROLE_WRITTEN.fullmatch(words) is None:
        return None
    # The words found as written, then the name after them: no pattern compiled per speaker.
    end = at + _AGAIN
    k = text.find(words, at + len(words), end)
    while k >= 0:
        named = _POST_THEN_NAME.match(text, k + len(words), end)
        if named:
            return named.group(1)
        k = text.find(words, k + 1, end)
    return None


_AGAIN = 1500  # characters after a description in which it may be written again with a name


# "a lawyer for …", "a spokeswoman for …": a role the next sentences may name.
_SAME_ROLES = ("lawyer|attorney", "spokesman|spokeswoman|spokesperson")
_UNNAMED_ROLE = re.compile(
    r"(?i:a|an|one)\s+(?:[a-z\-]+\s+){0,2}?(" + "|".join(_SAME_ROLES) + r")\b"
)
_LATER = 600  # characters after the description in which it may be named


def describable(m: Mention) -> bool:
    """Say whether "the company" or "the aide" may be this name: not a day, a place or a crowd."""
    return m.person or not (is_when(m.name) or m.name.lower() in PLACES or group(m.name))


# A member of Congress's party and state as news writes them after the name: "Sen. Lindsey Graham
# (R-S.C.)", "Marco Rubio (Fla.)", "Rep. Paul Ryan, R-Wis.,".
_TAG_RE = re.compile(
    r"\s*[(,]\s*(?:([RDI])-\s?)?([A-Z][a-z]*\.(?:\s?[A-Z][a-z]*\.)?|[A-Z][a-z]+)[),]"
)
_PARTIES = {"R": "republican", "D": "democrat democratic", "I": "independent"}
_STATES = dict(
    line.split(" = ")
    for line in """Ala. = alabama
Alaska = alaska
Ariz. = arizona
Ark. = arkansas
Calif. = california
Colo. = colorado
Conn. = connecticut
Del. = delaware
Fla. = florida
Ga. = georgia
Hawaii = hawaii
Idaho = idaho
Ill. = illinois
Ind. = indiana
Iowa = iowa
Kan. = kansas
Ky. = kentucky
La. = louisiana
Maine = maine
Md. = maryland
Mass. = massachusetts
Mich. = michigan
Minn. = minnesota
Miss. = mississippi
Mo. = missouri
Mont. = montana
Neb. = nebraska
Nev. = nevada
N.H. = new hampshire
N.J. = new jersey
N.M. = new mexico
N.Y. = new york
N.C. = north carolina
N.D. = north dakota
Ohio = ohio
Okla. = oklahoma
Ore. = oregon
Pa. = pennsylvania
R.I. = rhode island
S.C. = south carolina
S.D. = south dakota
Tenn. = tennessee
Texas = texas
Utah = utah
Vt. = vermont
Va. = virginia
Wash. = washington
W.Va. = west virginia
Wis. = wisconsin
Wyo. = wyoming""".splitlines()
)


def tagged(text: str, end: int) -> str:
    """Return the party and state written right after a name ending at `end`, spelt out ("(R-Fla.)"
    -> "republican florida senator"); "" when none is. The tag is Congress's: its member is a
    lawmaker (written out, since "the Florida senator" is described by it)."""
    found = _TAG_RE.match(text, end, end + 16)
    if found is None or (state := _STATES.get(found.group(2).replace(" ", ""))) is None:
        return ""
    party = _PARTIES[found.group(1)] if found.group(1) else ""
    return f" {party} {state} lawmaker"


# The capitalised words right before a name, its title there ("New Jersey Gov. " before Chris
# Christie), not a neighbour's ("Christie and Texas Sen. " before Ted Cruz gives "Texas Sen. ").
_CAPITALS_BEFORE = re.compile(r"(?:[A-Z][\w’'.\-]*\s){1,4}$")


def evidence(text: str, mentions: Iterable[Mention]) -> dict[str, str]:
    """Return, per name's key, what the article says of it wherever it is named: its titles,
    appositions and party tags ("Florida Sen. Marco Rubio", "Sen. Lindsey Graham (R-S.C.)").
    Built once per article, and only for a description naming a state or party ("The Florida
    senator"), which the writer gives on a name's first mention, not always its nearest."""
    found: dict[str, list[str]] = {}
    for m in mentions:
        about = m.about or titled(about_name(text, m.start, m.length))
        run = _CAPITALS_BEFORE.search(text, max(0, m.start - 40), m.start)
        title = run.group(0).lower() if run else ""
        found.setdefault(m.key, []).append(f" {title}{about}{tagged(text, m.start + m.length)}")
    return {key: "".join(said) for key, said in found.items()}


def written_as(
    text: str, mentions: list[Mention], pattern: re.Pattern[str], since: int, at: int
) -> str | None:
    """Return how one person's mentions, in order, first wrote them with a description's words
    between `since` and `at` ("President Trump" for "the president"), or None."""
    for m in mentions:
        if m.start >= at:
            break
        about = m.about or titled(about_name(text, m.start, m.length))
        if m.start >= since and pattern.search(about):
            return m.name
    return None


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
    if head in _TITLED and re.search(r"\s[A-Z]", words):
        return _TITLED[head]
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
