"""What the words around one name say of it, before the resolver weighs it.

A title or role before it ("consultant Cornell Belcher"), an age or a role set off after it
("Raynard Jackson, a Republican campaign consultant,"), a clause of time it speaks in ("when
Tapper asked"), a place word before it ("in Harlem"), a relative's word ("his son Beau"), and
the pronouns that follow it. mentions.py asks these of every name it finds.
"""

from __future__ import annotations

import re

from monitor.quotes.lexicon import PERSON_TITLES, ROLE_NOUNS
from monitor.quotes.names import surname

_split = str.split  # word lists are written as text, one readable line each

MALE_PRONOUNS = frozenset(["he", "him", "his", "himself"])
FEMALE_PRONOUNS = frozenset(["she", "her", "hers", "herself"])
# A name after "In a" is a place or a paper, not the sentence's subject.
PREPOSITIONS = frozenset(
    _split(
        "in on at for with from after before during since by to of under over about as into against"
    )
)
# he|him|his|she|her|hers, written to start with their first letter: every other character is
# rejected by one test, where a leading \b was tested at every offset; the look-behind after
# the letter is the word boundary before it. The first letter is matched case-sensitively,
# spelt in every case re.I folds to h or s ("ſ" is a long s): the regex engine skips to a
# case-sensitive first character at C speed, but tries every offset for a case-insensitive one.
_PRONOUN_RE = re.compile(r"(?-i:[hsHSſ])(?<=\b[hs])(?:(?<=h)(?:e|im|is|er|ers)|(?<=s)he)\b", re.I)
_LONGEST = 4  # letters of the longest pronoun _PRONOUN_RE reads ("hers")
# A sentence's end ([.!?]["”’']?\s or a line break), written with a first character the
# search can skip ahead to.
_SENTENCE_END = re.compile(r"[\n.!?](?:(?<=\n)|[\"”’']?\s)")
# Words after a name that only a person takes ("Lu, who", "Lu’s wife").
_PERSON_AFTER = re.compile(r",\s+who\b|’s\s+(?:wife|husband|son|daughter|father|mother)\b")
# A literal first letter lets the pattern skip ahead (a leading \b made it try every offset).
_KIN_BEFORE = re.compile(
    r"h(?:is|er) (?:late )?(?:son|daughter|wife|husband|father|mother|brother|sister|grandson|"
    r"granddaughter) (?=[A-Z])"
)
_LOCATIVES = (" in ", " at ", " near ", " outside ", " across ", " throughout ")
_ROLE_RUN = re.compile(r"(?:[’']s)?\s+(?:[a-z][\w\-]*\s+){0,2}([a-z][\w\-]*)\s+")
_SUBORDINATORS = frozenset(
    _split("when if after before while because since until unless whether once")
)
_AGED_RE = re.compile(r",\s+\d{1,3},\s+(?!who\b|and\b|of\b|from\b)[a-z]")
_APPOSITION = re.compile(r",\s+(?:(\d{1,3}),|(?:(?:a|an|the)\s+)?([^,;:.()“”\"]{1,80}))")
# Words that end an apposition's first noun phrase ("a consultant| from Michigan").
_PHRASE_ENDS = frozenset(
    _split("of at in for from who whose and with to on since that which based run owned")
)


def role_between(text: str, end: int, start: int) -> bool:
    """Say whether only a role's lower-case words stand between a name ending at `end` and the
    next one at `start`, the first naming whose role it is ("Political analyst David Bositis",
    "Clinton campaign manager Robby Mook")."""
    if start - end > 60:
        return False
    run = _ROLE_RUN.fullmatch(text, end, start)
    return run is not None and run.group(1) in ROLE_NOUNS


def subordinate(text: str, start: int) -> bool:
    """Say whether the word before a name opens a clause of time or condition ("when| Tapper")."""
    before = text[max(0, start - 10) : start].split()[-1:]
    return bool(before) and before[0].lower() in _SUBORDINATORS


def located(text: str, start: int) -> bool:
    """Say whether a name follows "in", "at" or "near" ("rallied in Harlem"): a place."""
    return text[max(0, start - 8) : start].endswith(_LOCATIVES)


def aged(text: str, end: int) -> bool:
    """Say whether a name ending at `end` is set off by its age before a verb ("James York, 40,
    cited …")."""
    return text[end : end + 1] == "," and _AGED_RE.match(text, end) is not None


def kin_starts(text: str) -> set[int]:
    """Return where names after "his son ", "her husband " begin ("another son" is not "her
    son"): a relative named in passing."""
    return {
        m.end() for m in _KIN_BEFORE.finditer(text) if not text[m.start() - 1 : m.start()].isalpha()
    }


def titled(text: str, found: list[tuple[int, str]]) -> set[str]:
    """Return the surnames the article itself marks as people (spokesman Lu, consultant Lu, Lu,
    who)."""
    keys = set()
    for start, name in found:
        key = surname(name)
        if key in keys:
            continue  # marked already: a person is named many times
        before = text[start - 20 if start > 20 else 0 : start].rsplit(None, 1)[-1:]  # word before
        end = start + len(name)
        marked = before and (before[0].lower() in PERSON_TITLES or before[0] in ROLE_NOUNS)
        # Only a comma or an apostrophe after the name sets off who it is.
        after = text[end : end + 100] if text.startswith((",", "’"), end) else ""
        if marked or (after and (_PERSON_AFTER.match(after) or _role_apposed(after))):
            keys.add(key)
    return keys


def _role_apposed(after: str) -> bool:
    """Say whether the words after a name set off a person's age or role ("Wes Nakagiri, 40,",
    "Raynard Jackson, a black Republican campaign consultant and …")."""
    head = apposed_head(after)
    # "Oleksii Reznikov, Ukraine’s Minister of Defense,": a role in capitals too.
    return head == _AGE or head.lower() in ROLE_NOUNS


def apposed_head(after: str) -> str:
    """Return the head noun of what the words after a name set off, before any "of", "for" or
    "based" ("…, a black Republican campaign consultant and" -> "consultant", "…, a British
    libertarian site," -> "site"); _AGE for an age; "" when nothing is set off."""
    apposed = _APPOSITION.match(after)
    if apposed is None:
        return ""
    if apposed.group(1):
        return _AGE
    head = ""
    for word in apposed.group(2).split():
        if word in _PHRASE_ENDS:
            break
        head = word
    return head


_AGE = "0"  # what apposed_head gives for an age set off ("Wes Nakagiri, 40,")


def pronoun_votes(text: str, found: list[tuple[int, str]]) -> tuple[dict[str, int], dict[str, int]]:
    """Count, per surname, male minus female pronouns right after its mentions: all of them
    (a name "he" follows is a person's), and those in the mention's own sentence (its gender)."""
    votes: dict[str, int] = {}
    near: dict[str, int] = {}
    if not found:
        return votes, near
    size = len(text)
    # Each name with where the next one starts (the text's end after the last).
    nexts = [start for start, _ in found[1:]] + [size]
    for (start, name), following in zip(found, nexts, strict=True):
        end = start + len(name)
        # A pronoun after the next name more likely refers to that one ("Kopp ... Clinton and her").
        stop = min(end + 120, following)
        if text.startswith(("’", "'"), end):
            continue  # "Trump's wife ... her" says nothing of Trump
        # Searched past `stop` so a word it cuts is read whole ("her" cut at "he" is no man's),
        # and kept only if it begins before it.
        m = _PRONOUN_RE.search(text, end, min(size, stop + _LONGEST))
        if m is None or m.start() >= stop:
            continue
        pronoun = m.group().lower()
        if pronoun == "him" and _same_sentence(text, end, m):
            # "Clinton, without naming him,", "Ivana, who collaborated with him": an object in
            # the name's own sentence is someone else (it would say "himself").
            continue
        key = surname(name)
        vote = 1 if pronoun in MALE_PRONOUNS else -1
        votes[key] = votes.get(key, 0) + vote
        # "President Obama later adopted a similar approach. She has called …": the next
        # sentence's "she" is often its own subject's, not a name that ended the one before.
        if _same_sentence(text, end, m):
            near[key] = near.get(key, 0) + vote
    return votes, near


def _same_sentence(text: str, end: int, m: re.Match[str]) -> bool:
    """Say whether a pronoun found after a name ending at `end` is in the name's sentence."""
    return not _SENTENCE_END.search(text, end, m.start())


def vote_gender(vote: int) -> str | None:
    """Turn a pronoun vote into a gender."""
    return "m" if vote > 0 else "f" if vote < 0 else None
