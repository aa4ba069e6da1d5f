"""The full names a short one may stand for ("Bush" for "Jeb Bush" or "George W. Bush"), indexed
once per article by surname, and which person's a surname means when several share it."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field

from monitor.quotes.antecedents import full_form, fuller
from monitor.quotes.mentions import Mention, relative_before
from monitor.quotes.names import given_key, surname
from monitor.quotes.persons import fold


@dataclass(slots=True)
class FullName:
    """One distinct full name of the article, its first mention, and where it is written out.

    Only the distinct names are kept, each with sorted offsets: a page naming the same people
    thousands of times made every expansion walk all of their mentions (quadratic).
    """

    first: Mention
    words: frozenset[str]
    written: list[int] = field(default_factory=list)  # where it is written in full
    led: list[int] = field(default_factory=list)  # ... as its sentence's subject, not possessive
    given: frozenset[str] | None = None  # self.key once asked for

    @property
    def key(self) -> frozenset[str]:
        """Return the given names that tell it from others of its surname (names.given_key).

        Worked out when first asked: only a surname several full names share needs it.
        """
        if self.given is None:
            self.given = given_key(self.first.name)
        return self.given

    def evidence(self, at: int, here: int, before: int) -> int:
        """Return where this name was last written in full before `at` in the paragraph of `at`,
        or as a subject in that one or the one before; -1 when it was not. `here` and `before`
        are the offsets of the line breaks before those two paragraphs (-1: none)."""
        k = bisect.bisect_left(self.written, at)
        if k and self.written[k - 1] > here:
            return self.written[k - 1]
        k = bisect.bisect_left(self.led, at)
        return self.led[k - 1] if k and self.led[k - 1] >= before else -1


# Distinct full names kept per surname: the most in the test data is 17 (Bush); a page naming
# hundreds of Smiths made every "Smith said" weigh all of them.
_MOST = 24


def index(text: str, mentions: Iterable[Mention]) -> dict[str, list[FullName]]:
    """Return the article's full names by surname, in the order they are first mentioned."""
    out: dict[str, list[FullName]] = {}
    seen: dict[str, FullName] = {}  # the words of a full form follow from its name
    used: set[str] = set()  # surnames named so far
    for m in mentions:
        key = surname(m.name)
        named_before = key in used
        used.add(key)
        # The short name must be the fuller one's surname ("Trump" is not "Never Trump
        # Republicans"), or its first word in a name written family name first (Xi Jinping).
        full = full_form(m.name)
        if full is None or not fuller(m, full.words):
            continue
        written = text[m.start : m.start + m.length]
        if named_before and m.name not in seen and relative_before(text, m.start):
            continue  # "President Trump …. his father, Frederick Trump,": not the Trump meant
        name = seen.get(m.name)
        if name is None:
            same = out.setdefault(full.family, [])
            if len(same) == _MOST:
                continue
            name = seen[m.name] = FullName(m, full.word_set)
            same.append(name)
        # A surname alone that was shown as the last full name is no evidence of who is meant.
        if " " in written:
            name.written.append(m.start)
            if m.subject and not m.possessive:
                name.led.append(m.start)
    return out


def by_spelling(by_surname: dict[str, list[FullName]]) -> dict[str, list[FullName]]:
    """Return the full names by surname folded across spellings ("Zelenskyy", "Zelenskiy" and
    "Zelensky" are one key), each list in the article's order as index() gives it."""
    out: dict[str, list[FullName]] = {}
    for key, names in by_surname.items():
        out.setdefault(fold(key), []).extend(names)
    for names in out.values():
        names.sort(key=lambda n: n.first.start)
    return out


def one_person(named: list[FullName], at: int, here: int, before: int) -> list[FullName]:
    """Keep, of the full names (in the article's order) a surname at `at` may stand for, one
    person's when given names tell several people apart: the one named in full last in this
    paragraph ("a march with Ammon Bundy …. “…,” Bundy says"), or as a subject in the one
    before ("Patricia Smith, mother of … Sean Smith, rejected ….⏎⏎“…,” Smith said"); else the
    one named first, the story's own ("former President George W. Bush once said" does not make
    the story's "Bush" Jeb's brother). `here` and `before` are the offsets of the line breaks
    before the paragraph of `at` and the one before it (-1: none)."""
    if len(named) < 2:
        return named  # one full name is one person
    keys = [n.key for n in named]  # each read once: a key is worked out when first asked
    people: list[frozenset[str]] = []
    for key in keys:
        if key and not any(key <= p or p <= key for p in people):
            people.append(key)
    if len(people) < 2:
        return named
    chosen, latest = people[0], -1
    for n, key in zip(named, keys, strict=True):
        at_ = n.evidence(at, here, before) if key else -1
        if at_ > latest:
            latest = at_
            chosen = next(p for p in people if key <= p or p <= key)
    return [
        n for n, key in zip(named, keys, strict=True) if key and (key <= chosen or chosen <= key)
    ]
