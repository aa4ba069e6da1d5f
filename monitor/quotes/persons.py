"""Turn speaker strings into people: canonical name, role, kind, and one person per article."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence

from monitor.models import Quote, SpeakerKind
from monitor.quotes.context import apposed_head
from monitor.quotes.eastasian import family_first
from monitor.quotes.lexicon import (
    COUNTING_WORDS,
    DEMONYMS,
    FEMALE,
    JOB_NOUNS,
    MALE,
    NAME_PARTICLES,
    NOT_PERSON,
    PLACES,
    ROLE_NOUNS,
    SUFFIXES,
    SURNAMES_TOO,
)
from monitor.quotes.names import gender_of
from monitor.quotes.plausible import is_named, is_pronoun
from monitor.quotes.titles import (
    HONORIFICS,
    PLACE_WORDS,
    ROLE_WORDS,
    organisation_like,
    split_name,
)

__all__ = ["fold", "organisation_like", "person_key", "speaker_kind", "split_name", "with_persons"]

_split = str.split  # word lists are written as text, one readable line each

# Particles that are also given names or Chinese surnames when capitalised ("Al Gore", "Van
# Jones", "Le Yucheng"): kept in the key.
_GIVEN_TOO = frozenset(_split("al el van da bin ibn le la"))
_PATRONYMIC = re.compile(r"^[a-z]+(?:ovich|evich|ovna|evna|yevich|yevna|ich)$")
# Nouns for people the job list (ROLE_NOUNS) lacks: a speaker with a job or one of these as its
# head and no name is a description of someone ("a senior US administration official", "Octopus
# CEO"), not the organisation its other words name.
_PERSON_HEADS = frozenset(
    _split(
        "commander diplomat man men woman women people participant source witness citizen "
        "user users commenter commenters poster"
    )
)
_JOBS = _PERSON_HEADS | ROLE_NOUNS | JOB_NOUNS
# Where a description's head ends: "a spokeswoman for the Israeli police".
_HEAD_END = re.compile(
    r"\s(?:for|of|with|at|from|in|to|on|familiar|close|who|speaking|briefed|involved|aware)\s|,"
)
_HEAD_BEFORE = re.compile(r"\s(?:for|of|with|at|from|in|inside|within|to|on)\s")
_GIVEN = MALE | FEMALE
# Last words of "the X" that make it a description of people, not an organisation's name
# ("the Virginia Democrat", "the Kentuckian", "the Americans").
_DESCRIBED_BY = DEMONYMS | frozenset(
    _split(
        "democrat republican independent texan kentuckian californian floridian virginian "
        "ohioan iowan georgian arizonan minnesotan vermonter"
    )
)


@functools.lru_cache(maxsize=4096)
def speaker_kind(speaker: str | None, words: str | None) -> SpeakerKind | None:
    """Say whether a speaker is a person, an organisation, a description, or unknown (None)."""
    if not speaker or is_pronoun(speaker):
        return None
    if not is_named(speaker):
        return "description"
    person, _ = split_name(speaker)
    if person is None and (_title_only(speaker) or _person_head(speaker)):
        return "description"  # "the President", "NATO Secretary General", "a US official"
    if _job_before(speaker):
        return "description"  # "A spokesperson for Mayor John Cooper": the spokesperson speaks
    if person is None and _people_described(speaker):
        return "description"  # "American negotiators", "one Republican", "a Democratic staffer"
    # "Hong Kong": "Hong" is also a family name ("Hong Lei"), but the place speaks as a whole.
    if person is None or organisation_like(person) or speaker.lower() in PLACES:
        return "organization"
    if " " not in person and _common_noun(person.lower(), alone=speaker.strip() == person):
        return "description"  # "Republicans", "Critics", "Someone": no one's name
    if _group(person):
        return "description"  # "Congressional Republicans", "New Yorkers", "Independent Vermont"
    if _named_as_body(speaker, person):
        return "organization"  # "Law's advocacy group One Nation": what the name is called
    if _body_name(person):
        return "organization"  # "Wall Street", "Twitter", "The Democratic National Convention"
    if _the_name(speaker, person):
        # "the Daily Beast", "the Agence France Presse": a person's name takes no article.
        last = person.split()[-1].lower()
        return "description" if last.removesuffix("s") in _DESCRIBED_BY else "organization"
    if words and _body_apposed(words):
        return "organization"  # "Spiked, a British libertarian site,": what it is set off as
    return "person"


def _people_described(speaker: str) -> bool:
    """Say whether a speaker with no person's name in it describes people by what they do or
    are ("American negotiators", "one Obama insider", "one Republican"), not a body; a writing
    stands for the body that issued it ("the Kremlin readout" is the Kremlin's)."""
    head = _HEAD_END.split(speaker, maxsplit=1)[0].split()  # "a Democratic staffer in the room"
    last = _singular(head[-1].strip(".,’'").lower()) if head else ""
    return last in _JOBS or (last in _DESCRIBED_BY and head[0].lower() in COUNTING_WORDS)


def _named_as_body(speaker: str, person: str) -> bool:
    """Say whether the word before a name calls it a body ("the advocacy group One Nation", "the
    firm Goldman Sachs"); a person's title is no body's ("Band member Flea"), nor is a body
    named in a title ("Russia’s National Security Council Dmitry Medvedev")."""
    before = speaker[: speaker.rfind(person)].split()
    return bool(before) and before[-1].islower() and before[-1] in _BODY_HEADS


def _body_apposed(words: str) -> bool:
    """Say whether a name is set off as a body ("Spiked, a British libertarian site"): the
    apposition's head noun is an outlet's, a firm's or a group's ("Jane Doe, a spokeswoman for
    the group" is a person)."""
    comma = words.find(",")
    return comma > 0 and apposed_head(words[comma:]).lower() in _BODY_HEADS


_BODY_HEADS = frozenset(
    _split(
        "site website outlet newspaper paper magazine network agency company firm group "
        "organization organisation broadcaster channel publication blog tank party union "
        "ministry department newsletter platform nonprofit charity coalition publisher startup"
    )
)


def _common_noun(word: str, *, alone: bool) -> bool:
    """Say whether a capitalised word is a people, a party, a job or "someone", not a name.

    Written alone, a job in the singular may be a surname ("Fellows told reporters", "Bishop
    said"): then only its plural is no one's name ("Critics", "Lawmakers"). Inside a longer
    speaker it is the job ("the US President", "the editors of The Economist").
    """
    single = _singular(word)
    if single in _DESCRIBED_BY or word in _SOMEONE:
        return True
    return (single != word or not alone) and (single in _JOBS or word in _JOBS)


def _job_before(speaker: str) -> bool:
    """Say whether a job or a group of people is said "for", "of" or "at" someone ("a spokesman
    for Bernie Sanders", "The head of the major Super PAC", "Officials at Homeland Security
    Investigations"): the job speaks, not the one named after it.

    One job is "a" or "the" job; without them it is a post's name ("former secretary of state
    Hillary Clinton", "Director of National Intelligence Dan Coats").
    """
    at = _HEAD_BEFORE.search(speaker)
    if at is None:
        return False
    head = speaker[: at.start()].split()
    low = head[-1].strip(".,’'").lower() if head else ""
    single = _singular(low)
    if single == low and head[0].lower() not in _DETERMINERS:
        return False
    return low in _JOBS or single in _JOBS


_DETERMINERS = frozenset(_split("a an the one another"))


def _group(person: str) -> bool:
    """Say whether a name of several words is a group of people ("Congressional Republicans",
    "New Yorkers") or a party and a place ("Independent Vermont"), not a person's name."""
    words = person.lower().split()
    if len(words) < 2 or words[0] in _GIVEN:
        return False  # "Tom Fellows": a given name, then a surname
    last = words[-1]
    if _singular(last) != last and (_singular(last) in _DESCRIBED_BY or _singular(last) in _JOBS):
        return True
    if last.endswith("ers") and " ".join(words)[:-3] in PLACES:
        return True  # "New Yorkers"
    party = [w for w in words if w not in PLACE_WORDS]
    return bool(party) and all(w in _DESCRIBED_BY for w in party)


def _body_name(person: str) -> bool:
    """Say whether a name ends in a word no person's name ends in ("Downing Street", "Huawei
    Technologies Co", "Twitter"), unless a given name makes it a surname ("Kristen Day")."""
    words = person.split()
    last = words[-1].strip(".,’'")
    if last not in NOT_PERSON:
        return False
    given = len(words) > 1 and words[-2].lower() in _GIVEN
    return not (given and last in SURNAMES_TOO)


def _singular(word: str) -> str:
    """Return a lower-case noun without its plural ending ("secretaries", "witnesses")."""
    if word.endswith("ies"):
        return f"{word[:-3]}y"
    if word.endswith("sses"):
        return word[:-2]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


# Words for people that name no one ("Someone close to him said").
_SOMEONE = frozenset(_split("someone somebody people others several many some critics allies"))


def _person_head(speaker: str) -> bool:
    """Say whether a speaker's head noun is a person's ("a Twitter spokesperson")."""
    head = _HEAD_END.split(speaker, maxsplit=1)[0].split()
    noun = head[-1].lower().strip(".,’'") if head else ""
    return noun in _JOBS or _singular(noun) in _JOBS


def _the_name(speaker: str, person: str) -> bool:
    """Say whether a speaker is "the" and then the name alone ("the Washington Examiner")."""
    words = speaker.split()
    if any(w.endswith(".") for w in words):
        return False  # "the Rev. Peter Wherry": a title, then a person's name
    if len(words) < 2 or words[0].lower() != "the" or not " ".join(words).endswith(person):
        return False
    # A place's words before the name belong to it ("the Washington Examiner", "The Arab Eye"),
    # and so does an owner before one word ("the People’s Daily").
    between = words[1 : len(words) - len(person.split())]
    if len(between) == 1 and " " not in person and between[0].endswith(("’s", "'s")):
        return between[0][:1].isupper()
    return all(w.lower() in PLACE_WORDS for w in between)


def _title_only(speaker: str) -> bool:
    """Say whether a speaker is a title with no name ("the President", "NATO Secretary General")."""
    words = [w.strip(".,").lower() for w in speaker.split()]
    roles = [w for w in words if w in ROLE_WORDS and w not in ("the", "of", "and", "for", "a")]
    return bool(roles) and all(w in ROLE_WORDS or w in PLACE_WORDS or w == "a" for w in words)


_NOT_LETTER = re.compile(r"[^a-z]")
_Y_ENDING = re.compile(r"(?:yy|iy|yi|ii|y)$")


@functools.lru_cache(maxsize=4096)  # asked for every name of an article, many times over
def fold(token: str) -> str:
    """Fold one name token across spellings: accents, case, and -y/-yy/-iy/-i endings."""
    plain = unicodedata.normalize("NFKD", token).encode("ascii", "ignore").decode().lower()
    plain = _NOT_LETTER.sub("", plain)
    plain = _Y_ENDING.sub("i", plain)  # Zelensky, Zelenskyy, Zelenskiy; Sergey
    return plain.replace("kh", "h").replace("ts", "c")


@functools.lru_cache(maxsize=4096)
def person_key(person: str | None) -> str | None:
    """Return the key under which spellings and orders of one person's name are the same."""
    if not person:
        return None
    tokens = []
    for raw in person.split():
        bare = raw.strip(".,").lower()
        if bare in HONORIFICS or bare in SUFFIXES or len(bare) <= 1 or _PATRONYMIC.match(bare):
            continue
        if bare in NAME_PARTICLES and (raw[:1].islower() or bare not in _GIVEN_TOO):
            continue  # "de Blasio", "De Blasio", "von der Leyen": the surname is the key
        tokens.append(fold(raw))
    return " ".join(sorted(t for t in tokens if t)) or None


def _surname(person: str) -> str:
    """Return the family name: the first word of a Chinese or Korean name, the last word
    otherwise."""
    tokens = [t for t in person.split() if t.lower().strip(".") not in SUFFIXES]
    if not tokens:
        return ""
    return fold(tokens[0] if family_first(tokens) else tokens[-1])


def _swapped(a: str, b: str) -> bool:
    """Say whether two surnames of six letters or more differ only by two neighbouring letters
    swapped ("Zelenksy", "Zelensky"); shorter ones are as likely two people's."""
    if len(a) != len(b) or len(a) < _TYPO_LENGTH or a == b:
        return False
    diff = [k for k in range(len(a)) if a[k] != b[k]]
    if len(diff) != 2 or diff[1] != diff[0] + 1:
        return False
    i = diff[0]
    return a[i] == b[i + 1] and a[i + 1] == b[i]


_TYPO_LENGTH = 6


def with_persons(quotes: Sequence[Quote]) -> tuple[Quote, ...]:
    """Fill person, role and kind of each quote; one article's name variants become one person."""
    named = [(q, *split_name(q.speaker)) if q.speaker else (q, None, None) for q in quotes]
    kinds = [speaker_kind(q.speaker, q.speaker_text) for q in quotes]
    people = [p if k == "person" else None for (_, p, _), k in zip(named, kinds, strict=True)]
    genders: dict[str, set[str]] = {}
    for q, p in zip(quotes, people, strict=True):
        if p and q.speaker and (g := gender_of(q.speaker)):
            genders.setdefault(p, set()).add(g)
    canon = _canonical(people, genders)
    out = []
    for (q, _, role), kind, p in zip(named, kinds, people, strict=True):
        chosen = canon.get(p) if p else None
        # Built directly: dataclasses.replace was a tenth of the quote finder's time.
        out.append(
            Quote(
                q.text,
                q.start,
                q.end,
                q.kind,
                q.speaker,
                q.speaker_text,
                q.cue,
                q.confidence,
                chosen,
                role if kind == "person" else None,
                kind,
            )  # fmt: skip
        )
    return tuple(out)


def _sons(names: Iterable[str]) -> frozenset[str]:
    """Return the surnames written short with a suffix ("Trump Jr."), or with a suffix after a
    full name the article also gives without it ("Donald Trump Jr", "Donald Trump"): there the
    suffix tells a son from his father; elsewhere it is part of one man's name ("Joseph R.
    Biden Jr." is Biden)."""
    sons = set()
    names = set(names)
    for name in names:
        words = [w for w in name.split() if w.lower().strip(".,") not in HONORIFICS]
        if len(words) < 2 or words[-1].lower().strip(".,") not in SUFFIXES:
            continue
        # "Donald Trump Jr" beside "Donald Trump": the suffix is all that tells them apart.
        if len(words) == 2 or " ".join(words[:-1]) in names:
            sons.add(fold(words[-2]))
    return frozenset(sons)


def _son(name: str, sons: frozenset[str]) -> str:
    """Join a son's suffix to his surname ("Donald Trump Jr." -> "Donald Trump-Jr"), so that
    his name and his father's do not share a key."""
    words = name.split()
    if len(words) < 2 or words[-1].lower().strip(".,") not in SUFFIXES:
        return name
    if fold(words[-2]) not in sons:
        return name
    return " ".join([*words[:-2], f"{words[-2]}-{words[-1].strip('.,')}"])


def _canonical(people: Sequence[str | None], genders: dict[str, set[str]]) -> dict[str, str]:
    """Map each name variant in one article to the most used full form of that person.

    `genders` holds what titles and given names say of each variant ("Mr. Shultz": m), so a
    surname goes to the full name of the same gender (George Shultz, not Charlotte Shultz).
    """
    counts = Counter(p for p in people if p)
    sons = _sons(counts)

    def key_of(name: str) -> str:
        return person_key(_son(name, sons)) or name

    by_key: dict[str, list[str]] = {}
    for name in counts:
        by_key.setdefault(key_of(name), []).append(name)
    best = {
        key: max(names, key=lambda n: (counts[n], len(n.split()))) for key, names in by_key.items()
    }
    full = [b for b in best.values() if len(key_of(b).split()) >= 2]
    out = {}
    for key, names in by_key.items():
        chosen = best[key]
        if len(key.split()) == 1:
            # "Biden", "Mr. Biden", "Biden's": the article's full name with that surname, if one.
            same = (
                [f for f in full if _surname(_son(f, sons)) == key]
                or [f for f in full if key in key_of(f).split()]
                # "Zelenksy said" in an article that names Volodymyr Zelensky: a typo's swap.
                or [f for f in full if _swapped(_surname(_son(f, sons)), key)]
            )
            said = set().union(*(genders.get(n, set()) for n in names))
            same = [f for f in same if gender_of(f) is None or not said or gender_of(f) in said]
            if same:
                chosen = max(same, key=lambda f: sum(counts[n] for n in by_key[key_of(f)]))
        for name in names:
            out[name] = chosen
    return out
