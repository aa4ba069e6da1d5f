"""Turn speaker strings into people: canonical name, role, kind, and one person per article."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence

from monitor.models import Quote, SpeakerKind
from monitor.quotes.lexicon import (
    CHINESE_SURNAMES,
    DEMONYMS,
    NATIONALITIES,
    PLACES,
    ROLE_NOUNS,
    SUFFIXES,
)
from monitor.quotes.names import gender_of, without_country
from monitor.quotes.plausible import is_named, is_pronoun

_split = str.split  # word lists are written as text, one readable line each

# Words of a role or title written before a name ("US President", "Kremlin spokesman").
_ROLE_WORDS = frozenset(
    _split(
        "president vice prime minister foreign defense defence interior finance secretary general "
        "state chancellor senator sen rep representative gov governor spokesman spokeswoman "
        "spokesperson ambassador chairman chairwoman chair director chief press deputy former "
        "leader pope king queen prince princess mayor speaker majority minority national security "
        "adviser advisor coordinator professor prof judge justice attorney commander admiral adm "
        "gen col lt capt sgt maj premier envoy emir crown sheikh ayatollah supreme lord sir dame "
        "dr mr mrs ms miss madam house senate council then acting incoming outgoing top senior "
        "first lady candidate nominee republican democratic democrat gop sec field marshal "
        "commissioner counsel special representative officer analyst head executive ceo founder "
        "member delegate congressman congresswoman lawmaker official foreign-policy chancellor "
        "of the for and to on at in"
    )
)
# Honorifics that say nothing about a role: dropped from the person, not kept as the role.
# Countries and cities written before a name ("Ukraine John Herbst"): part of the role.
_PLACE_WORDS = (
    PLACES
    | NATIONALITIES
    | frozenset(
        _split(
            "nato eu un us u.s. uk u.k. manchester georgia kremlin pentagon whitehall white "
            "america americas west east middle"
        )
    )
)
# Capitalised words that open a sentence or a question, never a name ("Would Hegseth …").
_NOT_NAME = frozenset(
    _split(
        "would will could should can does did is are was were has have had not why how what "
        "who where when here there only even just if but and so then as also after before "
        "while since because although though selectwoman selectman councilman councilwoman"
    )
)
_HONORIFICS = frozenset(_split("mr mrs ms miss dr madam sir dame"))
# Capitalised words that make a speaker an organisation rather than a person.
_ORG_WORDS = frozenset(
    _split(
        "ministry department house kremlin pentagon nato un eu reuters party committee council "
        "government administration office agency commission army navy police court times post "
        "journal news network press union bank fund group institute university college center "
        "centre foundation association company corp inc ltd board campaign embassy mission "
        "alliance organization organisation service services forces command parliament duma "
        "congress senate assembly cabinet state states republic federation kingdom tass xinhua "
        "interfax ria bbc cnn fox nbc abc cbs msnbc npr ap afp bloomberg isw nations radio"
    )
)
_PATRONYMIC = re.compile(r"^[a-z]+(?:ovich|evich|ovna|evna|yevich|yevna|ich)$")
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w’'\-]*\.?|[A-Z]\.|(?:de|da|van|von|bin|al|la|le|del|der))$")
_DESCRIPTION_START = re.compile(r"^(?:a|an|the|one|two|some|several|many|other|another)\s", re.I)
# Nouns for people the job list (ROLE_NOUNS) lacks: a speaker with a job or one of these as its
# head and no name is a description of someone ("a senior US administration official", "Octopus
# CEO"), not the organisation its other words name.
_PERSON_HEADS = frozenset(
    _split("commander diplomat man men woman women people participant source witness")
)
_JOBS = _PERSON_HEADS | ROLE_NOUNS
# Where a description's head ends: "a spokeswoman for the Israeli police".
_HEAD_END = re.compile(r"\s(?:for|of|with|at|from|in|to|on)\s|,")
# Last words of "the X" that make it a description of people, not an organisation's name
# ("the Virginia Democrat", "the Kentuckian", "the Americans").
_DESCRIBED_BY = DEMONYMS | frozenset(
    _split(
        "democrat republican independent texan kentuckian californian floridian virginian "
        "ohioan iowan georgian arizonan minnesotan vermonter"
    )
)
# Joined once: a union in the test itself built a 300-word set for every word tested.
_NOT_NAME_OR_PLACE = _NOT_NAME | _PLACE_WORDS


_POSSESSIVE = re.compile(r"[’']s\b")
_DOUBLED = re.compile(r"^(\w{2,})\1$")


@functools.lru_cache(maxsize=4096)
def split_name(speaker: str) -> tuple[str | None, str | None]:
    """Split "US President Joe Biden" into ("Joe Biden", "US President"); (None, None) if no name.

    An apposition ("Lael Brainard, a Fed governor") becomes the role.
    """
    head, _, apposition = speaker.partition(",")
    tokens = [t for t in _POSSESSIVE.sub("", head).split() if t]
    country = tokens[len(without_country(tokens)) :]  # "… Putin of Russia": part of the role
    tokens = tokens[: len(tokens) - len(country)]
    k = len(tokens)
    while k > 0 and _name_part(tokens[k - 1]):
        k -= 1
    if k == len(tokens) and k >= 2 and _surname_like(tokens[-1]) and _name_part(tokens[-2]):
        k = len(tokens) - 2  # "Angus King", "Wesley Clark": a title word used as a surname
        while k > 0 and _name_part(tokens[k - 1]):
            k -= 1
    run = [t for t in tokens[k:] if t.lower().strip(".") not in _HONORIFICS]
    lead = 0
    while lead < len(run) - 1 and (
        run[lead].lower().strip(".,") in _NOT_NAME_OR_PLACE or _shouted(run[lead], run)
    ):
        lead += 1
    places = [t for t in run[:lead] if t.lower().strip(".,") in _PLACE_WORDS]
    name_tokens = _undoubled(run[lead:])
    while name_tokens and name_tokens[0].lower() in ("de", "da", "van", "von", "bin", "al", "la"):
        name_tokens = name_tokens[1:]
    if not name_tokens or not any(t[:1].isupper() and len(t.strip(".")) > 1 for t in name_tokens):
        return None, None
    role_tokens = [t for t in tokens[:k] if t.lower().strip(".") not in _HONORIFICS] + places
    role_tokens += country if role_tokens else []
    while role_tokens and role_tokens[0].lower() in ("the", "a", "an"):
        role_tokens = role_tokens[1:]
    if any(t.islower() and t not in _ROLE_WORDS for t in role_tokens):
        role_tokens = []  # "Warren dug into Hegseth": a clause, not a title
    if len(role_tokens) >= 2 and 2 * sum(t.isupper() for t in role_tokens) > len(role_tokens):
        role_tokens = []  # "COURTESY OF": a photo credit's capitals, not a title
    described = _DESCRIPTION_START.match(apposition.strip())
    role = " ".join(role_tokens) or (apposition.strip()[described.end() :] if described else None)
    return " ".join(name_tokens), role or None


def _undoubled(tokens: list[str]) -> list[str]:
    """Undo link text pasted into a name ("Trump Donald John TrumpTrump": Donald John Trump)."""
    tokens = [m.group(1) if (m := _DOUBLED.match(t)) else t for t in tokens]
    last = tokens[-1] if tokens else ""
    if last in tokens[:-1]:
        tokens = tokens[tokens.index(last) + 1 :]
    return tokens


def _shouted(token: str, run: list[str]) -> bool:
    """Say whether a token is a capitalised caption word before a written name (COURTESY OF)."""
    return len(token) >= 3 and token.isupper() and any(not t.isupper() for t in run)


def _surname_like(token: str) -> bool:
    """Say whether a capitalised title word can be a surname (King, Chair, Marshal)."""
    return token[:1].isupper() and token.isalpha() and not token.isupper()


def _name_part(token: str) -> bool:
    """Say whether a token can belong to a personal name (not a title word)."""
    bare = token.lower().strip(".,")
    if bare in _ROLE_WORDS and bare not in _HONORIFICS:
        return False
    return bool(_NAME_TOKEN.match(token)) or bare in _HONORIFICS


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
    if person is None or organisation_like(person):
        return "organization"
    if " " not in person and _common_noun(person.lower(), alone=speaker.strip() == person):
        return "description"  # "Republicans", "Critics", "Someone": no one's name
    if _the_name(speaker, person):
        # "the Daily Beast", "the Agence France Presse": a person's name takes no article.
        last = person.split()[-1].lower()
        return "description" if last.removesuffix("s") in _DESCRIBED_BY else "organization"
    return "person"


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
    return len(words) >= 2 and words[0].lower() == "the" and " ".join(words[1:]) == person


def _title_only(speaker: str) -> bool:
    """Say whether a speaker is a title with no name ("the President", "NATO Secretary General")."""
    words = [w.strip(".,").lower() for w in speaker.split()]
    roles = [w for w in words if w in _ROLE_WORDS and w not in ("the", "of", "and", "for", "a")]
    return bool(roles) and all(w in _ROLE_WORDS or w in _PLACE_WORDS or w == "a" for w in words)


def organisation_like(name: str) -> bool:
    """Say whether a name is an organisation's or a place's, not a person's."""
    tokens = [t.strip(".,").lower() for t in name.split()]
    if any(t in _ORG_WORDS for t in tokens) or all(t in _PLACE_WORDS for t in tokens):
        return True
    if name.lower() in PLACES:
        return True
    acronym = len(tokens) == 1 and name.strip(".").replace(".", "").isupper() and len(name) > 1
    return acronym


_NOT_LETTER = re.compile(r"[^a-z]")
_Y_ENDING = re.compile(r"(?:yy|iy|yi|ii|y)$")


def _fold(token: str) -> str:
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
        if bare in _HONORIFICS or bare in SUFFIXES or len(bare) <= 1 or _PATRONYMIC.match(bare):
            continue
        tokens.append(_fold(raw))
    return " ".join(sorted(t for t in tokens if t)) or None


def _surname(person: str) -> str:
    """Return the family name: the first word of a Chinese name, the last word otherwise."""
    tokens = [t for t in person.split() if t.lower().strip(".") not in SUFFIXES]
    if not tokens:
        return ""
    first = tokens[0].lower()
    chinese = len(tokens) == 2 and first in CHINESE_SURNAMES and tokens[1][1:].islower()
    return _fold(tokens[0] if chinese else tokens[-1])


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
    """Return the surnames written short with a suffix ("Trump Jr."): there the suffix tells a
    son from his father, who is "Trump"; elsewhere it is part of one man's name ("Joseph R.
    Biden Jr." is Biden)."""
    sons = set()
    for name in names:
        words = [w for w in name.split() if w.lower().strip(".,") not in _HONORIFICS]
        if len(words) == 2 and words[1].lower().strip(".,") in SUFFIXES:
            sons.add(_fold(words[0]))
    return frozenset(sons)


def _son(name: str, sons: frozenset[str]) -> str:
    """Join a son's suffix to his surname ("Donald Trump Jr." -> "Donald Trump-Jr"), so that
    his name and his father's do not share a key."""
    words = name.split()
    if len(words) < 2 or words[-1].lower().strip(".,") not in SUFFIXES:
        return name
    if _fold(words[-2]) not in sons:
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
            same = [f for f in full if _surname(_son(f, sons)) == key] or [
                f for f in full if key in key_of(f).split()
            ]
            said = set().union(*(genders.get(n, set()) for n in names))
            same = [f for f in same if gender_of(f) is None or not said or gender_of(f) in said]
            if same:
                chosen = max(same, key=lambda f: sum(counts[n] for n in by_key[key_of(f)]))
        for name in names:
            out[name] = chosen
    return out
