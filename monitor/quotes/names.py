"""Per-name checks: a name's gender, whether it is a person's, a place's or a group's, its key.

Everything here looks at a name alone (who "Ivanka Trump" is, whether "Latinos" can be "he"),
against the word lists of lexicon.py; mentions.py looks at where names stand in a text.
"""

from __future__ import annotations

import functools

from monitor.quotes.lexicon import (
    DEMONYMS,
    FEMALE,
    MALE,
    MEN_IN_A,
    NOT_PERSON,
    PERSON_TITLES,
    PLACES,
    SUFFIXES,
    SURNAMES_TOO,
    TITLES_FEMALE,
    TITLES_MALE,
)

_split = str.split  # word lists are written as text, one readable line each


@functools.lru_cache(maxsize=8192)  # asked of every mention, and names repeat
def gender_of(name: str) -> str | None:
    """Return "m" or "f" from a name's title or given name, None when neither tells."""
    # "Virginia Gov. Terry McAuliffe": a state before a title is no woman's given name.
    words = [w for w in name.lower().replace(",", " ").split() if w not in PLACES]
    given = [w for w in words if w not in PERSON_TITLES]
    # "Mattie Thomas", "Kelly James": a surname that is also a given name tells nothing.
    told = words[:-1] if len(given) >= 2 else words
    for word in told:
        if word in TITLES_MALE or word in MALE:
            return "m"
        if word in TITLES_FEMALE or word in FEMALE:
            return "f"
    # A given name unknown to the lists but ending in -a, -elle or -ette is mostly a woman's
    # (Arianna, Alyona, Noelle), except a few men's names in the news (Nikita, Ilya, Mustafa).
    if len(given) >= 2 and given[0].endswith(("a", "elle", "ette")) and len(given[0]) > 3:
        return None if given[0] in MEN_IN_A else "f"
    return None


@functools.lru_cache(maxsize=8192)
def given_name_gender(name: str) -> str | None:
    """Return the gender of a name's first given name when the lists know it, else None.

    Stricter than gender_of: "Giovanni Maria Vian" is not a woman for her middle name, nor
    "Satya Nadella" for the ending of his.
    """
    words = [w for w in name.lower().replace(",", " ").split() if w not in PLACES]
    given = [w for w in words if w not in PERSON_TITLES and w not in TITLES_MALE | TITLES_FEMALE]
    if len(given) < 2:
        return None
    return "m" if given[0] in MALE else "f" if given[0] in FEMALE else None


@functools.lru_cache(maxsize=8192)
def looks_personal(name: str) -> bool:
    """Say whether a name carries a given name or a personal title."""
    return not _PERSONAL_WORDS.isdisjoint(name.lower().split())


# Joined once: one set test per name instead of a generator testing three sets per word.
_PERSONAL_WORDS = MALE | FEMALE | PERSON_TITLES


def name_like(word: str, text: str) -> bool:
    """Say whether a capitalised word that opens a sentence is shown to be a name in `text`.

    A sentence's first word is capitalised whatever it is ("Moreover", "Audiences", "Coal"). It is
    shown to be a name when it is a known given name, an acronym or has an inner capital, or is
    written capitalised after a lower-case word somewhere ("said Kasich").
    """
    word = word.strip(",.;:’'")
    low = word.lower()
    return (
        not word
        or low in MALE
        or low in FEMALE
        or any(ch.isupper() for ch in word[1:])
        or _mid_sentence(word, text)
    )


_ADVERB_ENDINGS = tuple(_split("ously ively ally ably edly ingly fully ately ently antly"))


def adverb_or_participle(word: str) -> bool:
    """Say whether a capitalised word is an adverb or a participle ("Variously", "Speaking",
    "Asked"), not a given name that ends like one ("Ted", "Sally", "Kimberly")."""
    low = word.lower()
    if low in MALE or low in FEMALE:
        return False
    participle = len(low) > 4 and low.endswith(("ing", "ed"))
    return participle or (len(low) > 6 and low.endswith(_ADVERB_ENDINGS))


def not_a_name(word: str, text: str) -> bool:
    """Say whether a sentence's capitalised first word is surely no name ("Coal miners…").

    Weaker than the opposite of name_like: a surname may open its only sentence ("Cruz openly
    admitted"). It is surely no name when the text also writes it in lower case, or it reads as
    an adverb, a participle or a connective ("Finally", "Speaking", "Moreover").
    """
    return not name_like(word, text) and common_word(word, text)


def common_word(word: str, text: str) -> bool:
    """Say whether a capitalised word reads as an adverb, a participle or a connective, or the
    text also writes it in lower case: not_a_name once name_like has said no."""
    low = word.strip(",.;:’'").lower()
    if low in _CONNECTIVES or low.endswith(_NOT_NAME_ENDINGS):
        return True
    return _as_word(low, text)


def _as_word(word: str, text: str) -> bool:
    """Say whether `word` occurs in `text` as a whole word (str.find: no pattern to compile)."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not text[at - 1].isalnum()) and not text[end : end + 1].isalnum():
            return True
        at = text.find(word, at + 1)
    return False


def whole_words(text: str, word: str, taken: set[int]) -> list[int]:
    """Return the offsets not in `taken` where `word` stands as a whole word (a regex's \\b on
    both sides: no letter, digit or "_" next to it).

    str.find is far cheaper than compiling a pattern of the article's surnames and running it.
    Most places a surname stands are taken by names found already: they are passed over first.
    """
    out = []
    size = len(word)
    at = text.find(word)
    while at >= 0:
        if at not in taken:
            # Read in place, not by a helper: this runs for every place a surname stands.
            before = text[at - 1] if at else ""
            after = text[at + size : at + size + 1]
            if not (before.isalnum() or before == "_" or after.isalnum() or after == "_"):
                out.append(at)
        at = text.find(word, at + size)
    return out


def _mid_sentence(word: str, text: str) -> bool:
    """Say whether `word` is written capitalised after a lower-case word or a comma."""
    at = text.find(" " + word)
    while at > 0:
        after = text[at + 1 + len(word) : at + 2 + len(word)]
        if (text[at - 1].islower() or text[at - 1] == ",") and not after.isalnum():
            return True
        at = text.find(" " + word, at + 1)
    return False


# Adverbs, participles and adjectives ("Finally", "Speaking", "Charismatic", "Generous").
_NOT_NAME_ENDINGS = tuple(_split("ly ing ed ous ive ful able ible less ical atic etic istic"))
_CONNECTIVES = frozenset(
    _split(
        "moreover furthermore meanwhile however still also thus hence indeed instead nevertheless "
        "nonetheless otherwise besides again then now so yet but and or amid despite unless "
        "although though while whereas because since after before until once soon recently lately "
        "eventually ultimately initially afterward afterwards sometimes often sooner"
    )
)


# Per-name checks, without the text: who a name is, and what it cannot be.

_BARE_TITLES = frozenset(t.rstrip(".") for t in PERSON_TITLES) | {"mrs", "ms", "mr", "dr"}


# Plural endings of peoples, parties and crowds; a surname with one of them ("Evans") is a person
# by its full form or title, and only a name that is no person is asked.
_GROUP_ENDINGS = tuple(_split("ans ims ists ites ats nos ors ents ics ines ions"))


@functools.lru_cache(maxsize=8192)
def person_key(name: str) -> str:
    """Return the given name and surname a person's forms share ("Ivanka Trump" is not Donald).

    A name without a given name ("Mr. Trump", "Mrs Merkel") keeps its surname alone.
    """
    words = _given_names(name)
    return f"{words[0]} {surname(name)}" if words else surname(name)


@functools.lru_cache(maxsize=8192)
def _given_names(name: str) -> tuple[str, ...]:
    """Return the words of a name before its surname, without titles ("Anna Paulina" Luna)."""
    words = [
        w for w in name.split() if w.lower().rstrip(".") not in _BARE_TITLES and w[:1].isupper()
    ]
    while len(words) > 2 and words[-1].lower().strip(".,") in SUFFIXES:
        words.pop()
    return tuple(words[:-1])


@functools.lru_cache(maxsize=4096)  # names repeat within and across articles
def dated(name: str) -> bool:
    """Say whether a name is a weekday, a month or a lone place, which nothing can describe."""
    return NOT_PERSON.issuperset(name.split()) or name.lower() in PLACES


@functools.lru_cache(maxsize=8192)  # asked of every mention, and names repeat
def word_of_kind(name: str) -> bool:
    """Say whether a one-word name is a people's, a faith's or a country's word ("Muslim",
    "US-UK"), which an adjective or a place, not a person, is written with."""
    parts = name.lower().split("-")
    return name.lower() in DEMONYMS or _PLACE_OR_PEOPLE.issuperset(parts)


# Joined once: each part of a hyphenated word is one set test.
_PLACE_OR_PEOPLE = PLACES | DEMONYMS


def shared_surnames(found: list[tuple[int, str]]) -> set[str]:
    """Return the surnames two people share in one text (Donald and Ivanka Trump), not the
    forms of one person ("Paulina Luna" is Anna Paulina Luna)."""
    given: dict[str, set[frozenset[str]]] = {}
    for name in {name for _, name in found}:  # each name once: a person is named many times
        words = _given_names(name)
        if words:
            given.setdefault(surname(name), set()).add(frozenset(words))
    # One set of given names is one person: most surnames are asked no further.
    return {family for family, sets in given.items() if len(sets) > 1 and _two_people(sets)}


def _two_people(sets: set[frozenset[str]]) -> bool:
    """Say whether two sets of given names cannot be one person's (neither holds the other)."""
    return any(not (a <= b or b <= a) for a in sets for b in sets)


def given_key(name: str) -> frozenset[str]:
    """Return who a full name is among people sharing its surname: the first three letters of
    its given names the lists know ("George W. Bush": geo; "Ken Starr" is Kenneth Starr,
    "Hilary Clinton" a misspelt Hillary); empty when it has none ("Team Trump", "Understated
    Perez" in a heading, "London Romney", "Naghmeh Abedini": not told apart)."""
    given = _given_names(name)
    return frozenset(w[:3].lower() for w in given if w.lower() in MALE or w.lower() in FEMALE)


@functools.lru_cache(maxsize=8192)  # asked of every mention, and names repeat
def lone_given_name(name: str) -> bool:
    """Say whether a one-word name is a known given name and no place ("Brad", not "Georgia")."""
    low = name.lower()
    return " " not in name and (low in MALE or low in FEMALE) and low not in PLACES


@functools.lru_cache(maxsize=8192)  # asked of every mention, and names repeat
def organisation(name: str) -> bool:
    """Say whether a name ends in an organisation's word ("Wall Street Journal"): never "he"."""
    last = surname(name)
    return " " in name and (last in NOT_PERSON or last.rstrip("s") in NOT_PERSON)


def group(name: str) -> bool:
    """Say whether a one-word name is a plural group ("Latinos", "Democrats"), never "he"."""
    return " " not in name and name.endswith(_GROUP_ENDINGS)


@functools.lru_cache(maxsize=8192)  # called for every mention, many times over
def surname(name: str) -> str:
    """Return the last word of a name, the key shared by its full and short forms."""
    return without_country(name.split())[-1].strip(".,’'")


def without_country(words: list[str]) -> list[str]:
    """Drop the country written after a name: "President Vladimir V. Putin of Russia" is Putin.

    The country says whose president he is; in "Secretary of State Antony Blinken" the "of"
    belongs to the title, with one word before it.
    """
    for size in (1, 2):  # "of Russia", "of South Carolina"
        # The word tests first: most names are too short or have no "of" before the place, and
        # the place's words are joined only then.
        if (
            len(words) > 2 + size
            and words[-size - 1] == "of"
            and " ".join(words[-size:]).lower().strip(".,") in PLACES
        ):
            return words[: -size - 1]
    return words


def _acronym(token: str) -> bool:
    """Say whether a token is an acronym (CNN, FBI), not an initial (D.) or a suffix (Jr.)."""
    # "Ernest D. Coursey" and "Harry B. Harris Jr." are people; "FULL TEXT" and "CNN" are not.
    return token.isupper() and len(token) > 1 and not (len(token) == 2 and token[1] == ".")


@functools.lru_cache(maxsize=8192)  # asked of every mention, and names repeat
def person_like(name: str, min_tokens: int = 2) -> bool:
    """Say whether a name looks like a person's rather than an organisation's or place's."""
    tokens = name.replace("’s", " ’s").replace("'s", " ’s").split()
    while len(tokens) > 2 and tokens[-1].lower().strip(".,") in SUFFIXES:
        tokens.pop()  # "Joseph R. Murray II": a suffix, not an acronym
    if _given_and_surname(tokens):
        return True  # "Theresa May", "James York", "Kristen Day": a surname that is also a word
    # A word that is no person's tested as one set test first, then the acronyms.
    if not NOT_PERSON.isdisjoint(tokens) or "’s" in tokens or any(map(_acronym, tokens)):
        return False
    if tokens[1:2] == ["of"] and not _titled_or_given(tokens[0]):
        return False  # "Web of Angels" (a novel), not "Catherine of Aragon", "Duke of Sussex"
    return len(tokens) >= min_tokens


def _titled_or_given(word: str) -> bool:
    """Say whether a word is a given name or a title, which a person's name with "of" opens."""
    low = word.lower()
    return low in MALE or low in FEMALE or low in PERSON_TITLES or low in _NOBLE


_NOBLE = frozenset(
    _split("duke duchess earl countess lord lady king queen prince princess baron baroness")
)


def _given_and_surname(tokens: list[str]) -> bool:
    """Say whether a name ends in a known given name and a surname: "Theresa May", "James York"
    (a surname also used for places or days), or "Senate Majority Leader Mitch McConnell" (the
    role before the name is an organisation's)."""
    if len(tokens) < 2 or not (tokens[-2].lower() in MALE or tokens[-2].lower() in FEMALE):
        return False
    last = tokens[-1]
    if len(tokens) == 2:
        return last in SURNAMES_TOO
    return last not in NOT_PERSON and not _acronym(last) and last[:1].isupper()


@functools.lru_cache(maxsize=8192)  # asked of every mention by the resolver
def suffixed(name: str) -> bool:
    """Say whether a name ends in a suffix that may tell a son from his father (Jr., III)."""
    words = name.split()
    return len(words) > 2 and words[-1].lower().strip(".,") in SUFFIXES


def written_short(text: str, name: str) -> bool:
    """Say whether a suffixed name is also written as surname and suffix alone ("Trump Jr.
    answered"), which writers do to tell him from his father."""
    short = " ".join(name.split()[-2:])
    at = text.find(short)
    while at >= 0:
        before = text[max(0, at - 30) : at].split()[-1:]
        word = before[0] if before else ""
        # After a lower-case word, a comma or a full stop: no given name or initial ("F.") before.
        if (
            not word[:1].isupper()
            or word.endswith((",", ":"))
            or word.endswith(".")
            and len(word) > 2
        ):
            return True
        at = text.find(short, at + len(short))
    return False
