"""The proper names of an article: where each is, whether it is a person, and how it is used.

The resolver (resolve.py) weighs these mentions when it turns "he", "the spokesman" or "Biden"
into a name; this module says what each name found by capitals.py is, once per article.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from dataclasses import dataclass, field

from monitor.quotes.capitals import TITLE_ABBREVIATIONS, capitalised_names
from monitor.quotes.context import (
    PREPOSITIONS,
    aged,
    kin_starts,
    located,
    pronoun_votes,
    role_between,
    subordinate,
    titled,
    vote_gender,
)
from monitor.quotes.lexicon import SUBJECT_PRONOUNS
from monitor.quotes.names import (
    dated,
    gender_of,
    group,
    lone_given_name,
    looks_personal,
    organisation,
    person_key,
    person_like,
    shared_surnames,
    surname,
    word_of_kind,
)
from monitor.quotes.opening import opens_clause, without_intro

_split = str.split  # word lists are written as text, one readable line each
_DIGIT = re.compile(r"\d")


# A capitalised word right before a reporting verb is almost always a person's name. The
# pattern starts with the capital so the regex engine skips to capitals at C speed; the
# look-behind after it is the word boundary before the name (a leading \b would make the engine
# try every offset). The name is never shortened ("++"): a shorter one would be followed by
# another of its characters, never by the comma or space the pattern needs.
_TALKER_RE = re.compile(
    # "Donald Trump’s continued appeal": a possessive owns the noun after it, it does not talk.
    r"([A-Z](?<=\b[A-Z])[\w’'\-]++)(?<![’']s)"
    # Whatever follows the name below opens with a comma or a lower-case word: the look-ahead
    # turns away a name followed by another capital ("Donald| Trump") with one test.
    r"(?=,|\s+[a-z])"
    r"(?:,\s(?:\d+|an?|the)\b[^,.]{0,80},)?"
    # "Murphy, the chairman, for example, said", "Trump also said": an aside or an adverb.
    r"(?:\s(?:for example|for instance|too|however|though|in turn),)?"
    r"(?:\s+(?:also|later|then|again|once|previously|recently|repeatedly|often))?"
    r"\s+(?:said|says|told|tells|added|adds|noted|wrote|"
    r"asked|argued|explained|continued|stated|claimed|tweeted|insisted|warned|recalled|"
    # "Mr. Biden fumed. “…,” he said": a voice only a person has.
    r"fumed|joked|quipped|scoffed|shouted|yelled)\b"
    # "said Trump continued to hurt his cause", "added to the confusion": not a reporting verb.
    r"(?!(?:(?<=continued)|(?<=added))\s+to\b)"
)
# "…, said Walters at Texas A&M University School of Law.": a name right after a reporting verb
# set off by a comma (or a quotation's closing mark) is its speaker, written inverted; without
# the comma it is the subject of what was said ("Trump said Clinton lied").
# Found in passes over the text, not searched for before every name: where each such verb and
# its spaces end is where an inverted speaker may start (within 14 characters of the mark).
# One pattern per mark, each starting with its literal character: the regex engine skips to a
# literal faster than to a character class. The matches of the three cannot overlap (a mark
# only opens one).
_SAID_BEFORE = tuple(
    re.compile(mark + r"\s+(?:said|says|added|adds|wrote|writes|noted|explained)\s+")
    for mark in (",", "”", '"')
)
_SAID_REACH = 14
# What ends the inverted speaker's name: the sentence, an apposition, an affiliation. "Brian
# Murphy, …, for example, said Trump continued to": a verb after the name makes it the subject
# of what was said.
_SPEAKER_END = re.compile(r"[,.;]|\s(?:at|of|from)\s")
_FINITE_RE = re.compile(r" (?:was|is|has|had|will|would|could|can|did|does|[a-z]{2,}ed)\b")
_SET_OFF = (", ", ",” ", ",’ ", '," ')
# "her husband, former President Bill Clinton": a relative introduced by kin, before the name.
# "Trump is the son of real estate magnate Fred Trump", "the nephew of former president John F.
# Kennedy": a relative introduced by what the subject is to him.
_RELATIVE_BEFORE = re.compile(
    r"(?:\bh(?:is|er) (?:late )?(?:son|daughter|wife|husband|father|mother|brother|sister),? "
    r"|\b(?:son|daughter|nephew|niece|grandson|granddaughter|widow) of (?:[a-z\-]+ ){0,3})"
    r"(?:former |late |then-)?$"
)


def _relative(text: str, start: int, key: str, first: str, seen: bool) -> bool:
    """Say whether a full name is a relative of whom its surname already stood for: a surname
    two people share stays the first one's ("Hillary Clinton … her husband, Bill Clinton …
    Clinton said"), and so does one used before ("President Trump … his father, Frederick
    Trump,"; "Kennedy … is the son of Robert F. Kennedy"). `first` is the full form the surname
    has so far, `seen` whether it was shared or named before."""
    if not (seen or first) or not relative_before(text, start):
        return False
    # A first "name" that repeats its surname ("Trump Trump", a garbled heading) holds none.
    return first.split().count(key) <= 1


def relative_before(text: str, start: int) -> bool:
    """Say whether the name at `start` is introduced as a relative ("his father, Frederick
    Trump", "the son of real estate magnate Fred Trump")."""
    return _RELATIVE_BEFORE.search(text, max(0, start - 40), start) is not None


# A sentence ends at a stop, a closing quotation mark and spaces, or at line breaks:
# [.!?]["”’']?\s+|\n+, written to start with one character class so that the regex engine
# skips to stops and line breaks at C speed; the look-behind says a line break came first.
_STOP_RE = re.compile(r"[.!?\n](?:(?<=\n)\n*|[\"”’']?\s+)")
# Marks that end the title words before a name: "“Judge,” Brafman said" gives Brafman no title.
_CLAUSE_RE = re.compile(r"[,;:“”\"()—]")


# Not frozen, though never changed once mentions() has returned it (it sets what it learns of a
# name from the names after it): one is built for every name of every article, and a frozen
# dataclass's __init__ costs about five times as much, dataclasses.replace more still.
@dataclass(slots=True)
class Mention:
    """A proper name seen in the text, with the words that describe it."""

    start: int
    name: str
    about: str  # a speaker's own words, lower-cased; "" for a name in the text (see about_name)
    person: bool
    gender: str | None
    subject: bool = True  # opens its sentence or speaks: the likelier antecedent of "he"
    talks: bool = False  # followed by a reporting verb ("Lu said")
    possessive: bool = False  # "Trump's wealth": a name in passing, not an antecedent of "he"
    place: bool = False  # a weekday, month, place or group ("Latinos"): never "he"
    length: int = 0  # how long the name is as written in the text
    # Who this is: the surname, shared by the name's short forms, or given name and surname
    # where two people share the surname ("Ivanka Trump"). Given by name by each maker.
    key: str = field(kw_only=True)


def mentions(text: str, quoted: list[tuple[int, int]], stops: list[int]) -> list[Mention]:
    """Return the proper names outside quotations, surnames expanded to the full name."""
    found = capitalised_names(text, quoted)
    votes, near_votes = pronoun_votes(text, found)
    said = [(m.start(1), m.group(1)) for m in _TALKER_RE.finditer(text)]  # "Kopp said"
    talkers = {name for _, name in said}
    said_at = [at for at, _ in said]
    after_said = _after_said(text)
    marked = titled(text, found)
    full: dict[str, str] = {}
    families = shared_surnames(found)
    names = {name for _, name in found}  # each name once: a person is named many times
    given_names = {name.split()[0] for name in names if " " in name}
    named = frozenset(" ".join(names).split())  # words of names (one split: no generator)
    kin = kin_starts(text)  # names after "his son ", "her husband "
    earlier_keys: set[str] = set()  # the surnames of the names before this one
    out: list[Mention] = []
    previous = earlier = -1  # where the name before began, and the one before that
    for start, name in found:
        end = start + len(name)
        key = surname(name)
        personal = looks_personal(name) or votes.get(key) or key in talkers or key in marked
        # person_like last: worked out only for a name that may be personal (most are not).
        full_form = " " in name and personal and person_like(name)
        single = key in talkers or key in marked
        # The full form the surname stands for from here, unless this is a relative's.
        seen = key in families or key in earlier_keys
        if (full_form or (single and key not in full and person_like(name, min_tokens=1))) and (
            not _relative(text, start, key, full.get(key, ""), seen)
        ):
            full[key] = name
        # "his wife, Jane, called": a given name alone is a person too.
        person = (key in full and person_like(name, min_tokens=1)) or (
            lone_given_name(name) and name not in given_names  # "Eric" is Eric Trump, if named so
        )
        # "more Christian", "Clinton's chief Democratic rival": a people's or a faith's word alone
        # is no person, whatever title or given name it looks like.
        person = person and not word_of_kind(name)
        shown = full.get(key, name) if person else name
        gender = gender_of(shown) or vote_gender(near_votes.get(key, 0)) if person else None
        k = bisect.bisect_left(said_at, start)
        talks = k < len(said_at) and said_at[k] < end
        # "…, said Walters at": the speaker after its reporting verb.
        talks = talks or (start in after_said and _SPEAKER_END.match(text, end) is not None)
        # "when Tapper asked whether …": who speaks in a clause of time or condition is not the
        # sentence's subject.
        heads = talks and not subordinate(text, start)
        opens = heads or opens_clause(text, start) or _leads(text, start, previous, stops, named)
        # "The other man, his cousin James York, 40, cited …": a name with its age before a verb.
        opens = opens or aged(text, end)
        # "Charismatic and soulful, and with …, Mr. Clinton was among": its clause's subject.
        opens = opens or _fronted_subject(text, start, len(name), stops)
        if out and role_between(text, out[-1].start + out[-1].length, start):
            # "Obama consultant Cornell Belcher said": the name after the role is the subject,
            # wherever the role phrase stands; the role's owner is named in passing, as in
            # "Obama's consultant".
            opens = opens or out[-1].subject or _leads(text, out[-1].start, earlier, stops, named)
            if not out[-1].talks:
                out[-1].subject, out[-1].possessive = False, True
        previous, earlier = start, previous
        earlier_keys.add(key)
        owns = text.startswith(("’", "'"), end)
        # "He added that if his son Beau, who died …, were still serving, he would": a relative
        # named in passing after "his" or "her" is the subject's, not an antecedent of "he".
        if start in kin and not talks:
            opens, owns = False, True
        place = dated(shown) or (not person and (located(text, start) or organisation(shown)))
        # "the first Il-76 heavy transport plane was shot down …. He refused": a name with a digit
        # in it (an aircraft, "G7", "COVID-19") is never "he".
        place = place or _DIGIT.search(shown) is not None
        out.append(
            Mention(
                start,
                shown,
                "",
                person,
                gender,
                opens,
                talks,
                owns,
                place,
                len(name),
                key=person_key(shown) if person and key in families else key,
            )
        )
    _place_groups(out)
    return out


def _after_said(text: str) -> set[int]:
    """Return where a name would be the speaker after its reporting verb ("…, said Walters at")
    if its end allows (_SPEAKER_END)."""
    return {
        m.end()
        for pattern in _SAID_BEFORE
        for m in pattern.finditer(text)
        if m.end() - m.start() <= _SAID_REACH
    }


def _place_groups(found: list[Mention]) -> None:
    """Mark plural groups ("Latinos", "Democrats", "the Clintons") as never "he", unless the
    name is a person's."""
    people = {surname(m.name) for m in found if m.person}
    for m in found:
        if m.place or " " in m.name:
            continue
        plural_family = m.name.endswith("s") and m.name[:-1] in people  # "the Clintons"
        if plural_family or (m.name not in people and (group(m.name) or word_of_kind(m.name))):
            m.place = True


# Cached: each description the resolver looks up ("the spokesman") reads the same earlier names.
@functools.lru_cache(maxsize=1024)
def about_name(text: str, start: int, length: int) -> str:
    """Return the name written at `start` with the title word before it and its apposition."""
    # One word: a title's head noun ends it ("conservative host Greg Garrison"), and a word two
    # back is often a verb's subject ("Indiana governor endorses Cruz").
    name = text[start : start + length]
    clause = _CLAUSE_RE.split(_STOP_RE.split(text[max(0, start - 40) : start])[-1])[-1]
    before = " ".join(clause.split()[-1:])
    after = text[start + len(name) : start + len(name) + 70]
    apposition = after.split(",")[1] if after.startswith(",") and after.count(",") >= 2 else ""
    return f"{before} {name} {apposition}".lower()


def _leads(
    text: str, start: int, previous: int, stops: list[int], named: frozenset[str] = frozenset()
) -> bool:
    """Say whether a name is its sentence's first, a few title words in ("Former prosecutor X")."""
    begins = stops[bisect.bisect_right(stops, start) - 1]
    if start - begins > 40:
        return False
    lead = without_intro(text[begins:start])  # "As he has before, Cruz on Friday played…"
    # Only a name after the opening phrase takes the subject's place ("On Monday night, Clinton
    # campaign manager Robby Mook released …": Monday does not).
    if previous >= start - len(lead):
        return False
    if ", " in lead:
        # "Recently, Herman Cain", "Just a few months ago, Florida developer Mel Sembler": an
        # opening phrase that names no one ("Bush's father, George Bush" names one).
        head, _, rest = lead.partition(", ")
        opener = head.split(" ", 1)[0].replace("’", "'").removesuffix("'s")
        plain = head[:1].isupper() and head[1:].islower() and head.count(" ") <= 5
        lead = rest if plain and opener not in named else lead
    first = lead.split(" ", 1)[0].lower()
    # "He immediately blasted Sanders": a sentence its pronoun opens has its subject already.
    return (
        "," not in lead
        and lead.count(" ") <= 3
        and first not in PREPOSITIONS
        and first not in SUBJECT_PRONOUNS
    )


def _fronted_subject(text: str, start: int, length: int, stops: list[int]) -> bool:
    """Say whether a name after a fronted phrase and a comma opens its clause ("Charismatic and
    soulful, and with an emotional force …, Mr. Clinton was among"): a finite verb follows it.

    Not after a source ("According to Easley, Biden can reduce …": Easley is who speaks), nor
    in a sentence a pronoun opens ("He declared that as long as …, Donald Trump would have").
    """
    # The comma may sit inside a quotation's closing mark ("… jam “Black Water,” Simmons teed
    # up"), and the verb be in the past tense.
    if not text.endswith(_SET_OFF, 0, start) or _FINITE_RE.match(text, start + length) is None:
        return False
    begins = stops[bisect.bisect_right(stops, start) - 1]
    first = without_intro(text[begins:start]).split(" ", 1)[0].lower()
    return first not in SUBJECT_PRONOUNS and not text.startswith("According to", begins)


def sentence_stops(text: str) -> list[int]:
    """Return the offsets where the text's sentences start (0 first).

    The full stop of a title or an initial ends no sentence ("when she saw Mr. Trump talking
    about Carrier": Carrier does not open one).
    """
    matches = sorted(itertools.chain(*(stop.finditer(text) for stop in _STOPS)), key=_START)
    out, taken = [0], 0
    for m in matches:
        if m.start() < taken:
            continue  # a line break in the spaces after another stop, as _STOP_RE reads it
        taken = m.end()
        if not _abbreviated(text, m):
            out.append(taken)
    return out


# _STOP_RE as one pattern per stop, each starting with its literal character: the regex engine
# skips to a literal far faster than to a class of characters. Found apart, a stop's spaces may
# hold line breaks found as stops of their own, which sentence_stops passes over.
_STOPS = tuple(re.compile(stop + r"[\"”’']?\s+") for stop in (r"\.", "!", r"\?")) + (
    re.compile(r"\n\n*"),  # "\n+" would have no literal first for the engine to skip to
)
_START = re.Match.start


_TITLE_ENDINGS = frozenset(title[-1] for title in TITLE_ABBREVIATIONS)


def _abbreviated(text: str, stop: re.Match[str]) -> bool:
    """Say whether a full stop ends a title or an initial ("Mr.", "Donald J."), not a sentence."""
    at = stop.start()
    if text[at] != "." or not text[at + 1].isspace():  # not ". ": a stop a mark closes, "?", "\n"
        return False
    # A first look at the character before the stop, as most stops end a sentence's last word:
    # only a title's last letter, an initial or a space (read past below) can be one.
    last = text[at - 1]
    if last not in _TITLE_ENDINGS and not last.isupper() and not last.isspace():
        return False
    word = text[max(0, at - 5) : at].rsplit(None, 1)[-1:]
    return bool(word) and (
        word[0] in TITLE_ABBREVIATIONS or (len(word[0]) == 1 and word[0].isupper())
    )


def outermost(found: list[Mention]) -> list[Mention]:
    """Drop a name written inside an earlier one ("Putin" of "President Vladimir V. Putin of
    Russia"): it is the same mention, not a second one that opens a sentence."""
    kept: list[Mention] = []
    for m in found:
        if not kept or m.start >= kept[-1].start + kept[-1].length:
            kept.append(m)
    return kept
