"""Split a speaker into a person's name and the role written around it ("US President Joe Biden").

The name is the run of name words that ends the speaker's head; the words before it are the role.
The run stops at a title word, at an owner ("Face the Nation’s Jeff Glor") and at "of" or "for",
whose object names a post or a body ("Minister of Commerce Wang Shouwen", "the Society for
Research"), not the person; a person named before "of" is the speaker ("Olga Kiyan of Russia
Matters").
"""

from __future__ import annotations

import functools
import re

from monitor.quotes.lexicon import (
    CHINESE_SURNAMES,
    FEMALE,
    FIRMS_NAMED_LIKE_PEOPLE,
    JOB_NOUNS,
    MALE,
    NAME_PARTICLES,
    NATIONALITIES,
    ORG_WORDS,
    PERSON_TITLES,
    PLACES,
    ROLE_NOUNS,
)
from monitor.quotes.names import without_country

_split = str.split  # word lists are written as text, one readable line each

# Words of a role or title written before a name ("US President", "Kremlin spokesman").
ROLE_WORDS = frozenset(
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
        "supervisor undersecretary patriarch moderator whip cmdr cdr lieutenant colonel sergeant "
        "brig brigadier elect designate advocate archbishop rev reverend "
        # "Prime Minster": a misspelling an article made, still no one's name.
        "minster "
        "of the for and to on at in"
    )
)
# Countries and cities written before a name ("Ukraine John Herbst"): part of the role.
PLACE_WORDS = (
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
# Honorifics that say nothing about a role: dropped from the person, not kept as the role.
HONORIFICS = frozenset(_split("mr mrs ms miss dr madam sir dame"))
_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w’'\-]*\.?|[A-Z]\.|(?:de|da|van|von|bin|al|la|le|del|der))$")
_DESCRIPTION_START = re.compile(r"^(?:a|an|the|one|two|some|several|many|other|another)\s", re.I)
_POSSESSIVE = re.compile(r"[’']s\b")
_DOUBLED = re.compile(r"^(\w{2,})\1$")
# Joined once: a union in the test itself built a 300-word set for every word tested.
_NOT_NAME_OR_PLACE = _NOT_NAME | PLACE_WORDS
_GIVEN = MALE | FEMALE
_CONNECTORS = frozenset(("of", "for"))
# A person named before these and a body is that body's ("Jacob from JNU", "Olga Kiyan of …").
_AFFILIATED = _CONNECTORS | {"from"}
# Particles that open no name run ("… de Blasio" after a cut).
# Words whose "’s" is "is", not an owner's ("Here’s Clinton").
_NOT_OWNER = _NOT_NAME | frozenset(_split("that it let he she"))
# Titles of a person, which stand before a name, not inside a post's name ("Chief of Staff").
_PERSON_WORDS = frozenset(t.strip(".") for t in PERSON_TITLES) | ROLE_NOUNS
# Words that title the name after them inside a run of capitalised words ("Clark County Sheriff
# Joe Lombardo", "Pollster Ann Selzer", "Senators Rubio"): the name starts after the last one.
# Not kin: "Mother Jones" is a magazine's name, "Son" a Korean surname.
_JOB_WORDS = (_PERSON_WORDS | JOB_NOUNS) - frozenset(
    _split("mother father son daughter wife husband brother sister cousin friend")
)
# An owner written in the plural ("Times' Ben Sisario", "Democracy Corps’ Stan Greenberg").
_PLURAL_OWNER = re.compile(r"(?<=s)[’']$")


@functools.lru_cache(maxsize=4096)
def split_name(speaker: str) -> tuple[str | None, str | None]:
    """Split "US President Joe Biden" into ("Joe Biden", "US President"); (None, None) if no name.

    An apposition ("Lael Brainard, a Fed governor") becomes the role.
    """
    if _plain_name(speaker):
        return speaker, None  # what the steps below make of it, at a tenth of the cost
    head, _, apposition = speaker.partition(",")
    tokens, owners = _tokens(head)
    country = tokens[len(without_country(tokens)) :]  # "… Putin of Russia": part of the role
    tokens = tokens[: len(tokens) - len(country)]
    affiliated = _affiliated(tokens)
    if affiliated is not None:
        return affiliated
    k: int | None = _run_start(tokens, owners)
    if k is not None and not (k > 0 and owners[k - 1]):
        k = _object_start(tokens, k)
    if k is None:
        return None, None
    run = [t for t in tokens[k:] if t.lower().strip(".") not in HONORIFICS]
    lead, places = _lead(run)
    name_tokens = _undoubled(run[lead:])
    titled = _title_end(name_tokens)
    places += name_tokens[:titled]  # "Clark County Sheriff", "Washington Managing Editor"
    name_tokens = name_tokens[titled:]
    if not name_tokens or not any(t[:1].isupper() and len(t.strip(".")) > 1 for t in name_tokens):
        return None, None
    role_tokens = [t for t in tokens[:k] if t.lower().strip(".") not in HONORIFICS] + places
    role_tokens += country if role_tokens else []
    while role_tokens and role_tokens[0].lower() in ("the", "a", "an"):
        role_tokens = role_tokens[1:]
    if any(t.islower() and t not in ROLE_WORDS for t in role_tokens):
        role_tokens = []  # "Warren dug into Hegseth": a clause, not a title
    if len(role_tokens) >= 2 and 2 * sum(t.isupper() for t in role_tokens) > len(role_tokens):
        role_tokens = []  # "COURTESY OF": a photo credit's capitals, not a title
    described = _DESCRIPTION_START.match(apposition.strip())
    role = " ".join(role_tokens) or (apposition.strip()[described.end() :] if described else None)
    return " ".join(name_tokens), role or None


# Two capitalised words of plain letters: a third of all speakers ("Joe Biden", "Mr Trump").
_PLAIN_TWO = re.compile(r"[A-Z][a-z]+ [A-Z][a-z]+")


def _plain_name(speaker: str) -> bool:
    """Say whether a speaker is two plain words that split_name keeps whole as the name with no
    role: neither is a title or role word (honorifics are among them), the first no word that
    opens a sentence, no place, particle or job (each a step of split_name), and the two differ
    (a word written twice is undoubled)."""
    if _PLAIN_TWO.fullmatch(speaker) is None:
        return False
    first, last = speaker.split(" ")
    low = first.lower()
    return (
        first != last
        and low not in ROLE_WORDS
        and last.lower() not in ROLE_WORDS
        and low not in _NOT_NAME_OR_PLACE
        and low not in NAME_PARTICLES
        and not _job_word(first)
    )


def _tokens(head: str) -> tuple[list[str], list[bool]]:
    """Return a head's words without possessive endings, and which of them owned the next word.

    "Face the Nation’s Jeff Glor", "Wells Fargo’s Rubin": the owner's words end before the name.
    A possessive on the last word owns nothing written ("Biden's").
    """
    if "’" not in head and "'" not in head:
        # No apostrophe, no owner: both patterns below need one (most speakers).
        words = head.split()
        return words, [False] * len(words)
    tokens: list[str] = []
    owners: list[bool] = []
    for raw in head.split():
        bare = _PLURAL_OWNER.sub("", _POSSESSIVE.sub("", raw))
        if bare:
            tokens.append(bare)
            owners.append(bare != raw and bare.lower() not in _NOT_OWNER)  # not "Here’s"
        elif owners:  # "Nation ’s": the ending written apart
            owners[-1] = True
    if owners:
        owners[-1] = False
    return tokens, owners


def _run_start(tokens: list[str], owners: list[bool]) -> int:
    """Return where the run of name words that ends the tokens starts."""
    k = _back(tokens, owners, len(tokens))
    if k == len(tokens) and k >= 2 and _surname_like(tokens[-1]):
        # "Angus King", "Wesley Clark", "Cloudflare's Prince": a title word used as a surname
        if owners[-2]:
            return k - 1
        k = _back(tokens, owners, k - 1) if _name_part(tokens[-2]) else k
    return k


def _back(tokens: list[str], owners: list[bool], k: int) -> int:
    """Step back from k over name words, stopping after an owner's word."""
    while k > 0 and _name_part(tokens[k - 1]) and not owners[k - 1]:
        k -= 1
    return k


def _object_start(tokens: list[str], k: int) -> int | None:
    """Move a name run's start past the end of the post or body named before it; None: no name.

    "Vice Minister of Commerce Wang Shouwen": "Commerce" ends the post. "the Society for
    Research", "the Department of Food and Agriculture", "Simon & Schuster" name no person, nor
    does "The Paper" after other words. Only a title or a body's word before "of" makes a post; a
    lower-case word makes the run the name of whom it describes ("a spokesman for Bernie
    Sanders"), kept as it was.
    """
    j = k - 1
    if j < 0:
        return k
    if tokens[j] == "&" or (tokens[j] == "The" and j > 0):
        return None
    while j >= 0 and _within_post(tokens[j]):
        j -= 1  # "Director of National Intelligence …", "Speaker of the House …"
    if j == 0 and tokens[j] == "and":
        return None  # "and Information Protection": the end of a body's name
    if j > 0 and tokens[j] == "and":
        j -= 1
        while j > 0 and tokens[j][:1].isupper():
            j -= 1  # "of Food and …"
    if j <= 0 or tokens[j] not in _CONNECTORS or not tokens[j - 1][:1].isupper():
        return k
    post = tokens[j - 1].lower().strip(".,")
    if post in ORG_WORDS:
        return None  # the rest is the body's own name
    if post not in ROLE_WORDS and post not in _PERSON_WORDS:
        return k  # "Supporters of Sanders", "Ready for Trump": no post or body before "of"
    run = tokens[k:]
    for i, token in enumerate(run[:-1]):
        if token.lower() in _GIVEN or token.lower() in CHINESE_SURNAMES:
            return k + i  # "Intelligence Dan Coats", "Commerce Wang Shouwen"
    if len(run) >= 3:
        return k + 1  # one word ends the post ("Staff Denis McDonough")
    return k if j < k - 1 else None  # "Secretary of State Blinken"; "Academy of Sleep Medicine"


def _within_post(token: str) -> bool:
    """Say whether a word can stand inside a post's name after "of" ("National", "the")."""
    if token == "the":
        return True
    bare = token.lower()
    return token[:1].isupper() and bare in ROLE_WORDS and bare not in _PERSON_WORDS


def _affiliated(tokens: list[str]) -> tuple[str | None, str | None] | None:
    """Return the person and role named before "of" or "for" a body ("Olga Kiyan of Russia
    Matters", "Mr. Burman of the Tax Policy Center"), None when no person stands there.

    Before the body the name is the speaker; a title before "of" is a post ("Secretary of
    State"), a body's word a longer name ("Chamber of Commerce").
    """
    if _AFFILIATED.isdisjoint(tokens):
        return None  # most speakers: one set test
    j = next((i for i, t in enumerate(tokens[:-1]) if t in _AFFILIATED), 0)
    # Only the first "of": a later one ends a post ("Chairman of the Joint Chiefs of Staff").
    if j > 0 and _name_part(tokens[j - 1]):
        before = tokens[:j]
        name, role = split_name(" ".join(before))
        if name is None or organisation_like(name):
            return None
        words = name.split()
        titled = len(before) > len(words) and before[-len(words) - 1][:1].isupper()
        if len(words) >= 2 or titled or _single_of_body(words[0], tokens[j + 1 :]):
            return name, role
    return None


def _single_of_body(word: str, body: list[str]) -> bool:
    """Say whether a lone surname before "of" a body is a person ("Wallander of DOD"): the
    body is a name after "the" or an organisation, and the word no plural of a job or a people
    ("Supporters of Sanders")."""
    if word.lower().removesuffix("s") in _PERSON_WORDS or word.lower() in PLACE_WORDS:
        return False
    if body[0].lower() == "the":
        return len(body) > 1 and body[1][:1].isupper()  # not "Proponents of the new bill"
    return organisation_like(" ".join(body))


def _lead(run: list[str]) -> tuple[int, list[str]]:
    """Count the words before a name that are no part of it: a sentence's opening word, a place
    ("New York Lee Zeldin"), a caption's capitals; return the count and the place's words."""
    lead = 0
    places: list[str] = []
    while lead < len(run) - 1:
        word = run[lead].lower().strip(".,")
        if lead < len(run) - 2 and " ".join(run[lead : lead + 2]).lower() in PLACES:
            places += run[lead : lead + 2]
            lead += 2
        elif word in _NOT_NAME_OR_PLACE or _shouted(run[lead], run):
            places += [run[lead]] if word in PLACE_WORDS else []
            lead += 1
        else:
            break
    return lead, places


def _title_end(run: list[str]) -> int:
    """Return where a name starts after the job or post that titles it inside a run ("Actor",
    "Clark County Sheriff", "United Auto Workers Secretary-Treasurer"); 0 when none does.

    The last word is never a title: "Paul Farmer", "Bishop" alone are surnames.
    """
    for i in range(len(run) - 2, -1, -1):
        if _job_word(run[i]):
            return i + 1
    return 0


def _job_word(token: str) -> bool:
    """Say whether a capitalised word is a job, a post or its plural ("Senators", "Sens.")."""
    bare = token.lower().strip(".,")
    if not token[:1].isupper() or bare in HONORIFICS:
        return False
    if bare in _JOB_WORDS or (bare.endswith("s") and bare[:-1] in _JOB_WORDS):
        return True
    parts = bare.split("-")  # "Secretary-Treasurer"
    return len(parts) > 1 and all(p in _JOB_WORDS or p in ROLE_WORDS for p in parts)


def _undoubled(tokens: list[str]) -> list[str]:
    """Undo link text pasted into a name ("Trump Donald John TrumpTrump": Donald John Trump)."""
    tokens = [_undoubled_word(t) for t in tokens]
    last = tokens[-1] if tokens else ""
    if last in tokens[:-1]:
        tokens = tokens[tokens.index(last) + 1 :]
    return tokens


def _undoubled_word(token: str) -> str:
    """Return a word written twice over ("TrumpTrump") once; other words as they are."""
    half = len(token) // 2
    # The halves compared first: the pattern's backtracking tries every length of its group.
    if half < 2 or token[:half] != token[half:]:
        return token
    m = _DOUBLED.match(token)
    return m.group(1) if m else token


def _shouted(token: str, run: list[str]) -> bool:
    """Say whether a token is a capitalised caption word before a written name (COURTESY OF)."""
    return len(token) >= 3 and token.isupper() and any(not t.isupper() for t in run)


def _surname_like(token: str) -> bool:
    """Say whether a capitalised title word can be a surname (King, Chair, Marshal)."""
    return token[:1].isupper() and token.isalpha() and not token.isupper()


def _name_part(token: str) -> bool:
    """Say whether a token can belong to a personal name (not a title word)."""
    bare = token.lower().strip(".,")
    if bare in ROLE_WORDS and bare not in HONORIFICS:
        return False
    if "-" in bare and all(part in ROLE_WORDS for part in bare.split("-")):
        return False  # "Secretary-General", "President-elect", "Then-President"
    return bool(_NAME_TOKEN.match(token)) or bare in HONORIFICS


def organisation_like(name: str) -> bool:
    """Say whether a name is an organisation's or a place's, not a person's."""
    words = [t.strip(".,") for t in name.split()]
    tokens = [t.lower() for t in words]
    # A two-letter acronym counts only in capitals: "UN", not the "Un" of "Kim Jong Un".
    if any(
        t in ORG_WORDS and (len(t) > 2 or w.isupper()) for w, t in zip(words, tokens, strict=True)
    ):
        return True
    if all(t in PLACE_WORDS for t in tokens):
        return True
    if name.lower() in PLACES or " ".join(tokens) in FIRMS_NAMED_LIKE_PEOPLE:
        return True
    acronym = len(tokens) == 1 and name.strip(".").replace(".", "").isupper() and len(name) > 1
    return acronym or (len(tokens) == 1 and _CAMEL.match(name) is not None)


# One word with a capital inside that no surname's prefix explains: a brand ("WikiLeaks",
# "YouTube", "BlackRock"), not a person ("McConnell", "DeSantis", "LaHood", "MacArthur").
_CAMEL = re.compile(r"(?!Mc|Mac|De|Di|Da|Du|La|Le|Van|Von|St)[A-Z][a-z]+[A-Z][a-z]")
