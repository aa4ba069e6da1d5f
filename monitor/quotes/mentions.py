"""The proper names of an article: where each is, whether it is a person, and how it is used.

The resolver (resolve.py) weighs these mentions when it turns "he", "the spokesman" or "Biden"
into a name; this module only finds them, once per article.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

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
from monitor.quotes.furniture import furniture_spans, inside
from monitor.quotes.lexicon import PERSON_TITLES
from monitor.quotes.names import (
    dated,
    gender_of,
    group,
    lone_given_name,
    looks_personal,
    not_a_name,
    organisation,
    person_key,
    person_like,
    same_given,
    shared_surnames,
    surname,
    word_of_kind,
)
from monitor.quotes.speakers import OPENERS, without_intro
from monitor.quotes.tidy import is_when

_split = str.split  # word lists are written as text, one readable line each

# A name starts with a capital: a pattern that starts with a character class lets the regex
# engine skip to the next capital at C speed (a leading optional title would make it try every
# offset), so a title is joined to the name after it by _name_matches.
_NAME_RE = re.compile(
    r"[A-Z][\w’'\-]*(?:[ \t]+(?:(?:of|de|da|van|von|bin|al|la|le|for)[ \t]+(?:the[ \t]+)?)?"
    r"(?:[A-Z]\.|[A-Z][\w’'\-]*))*"
)
_TITLES = frozenset(_split("Mr Mrs Ms Dr Sen Rep Gov Gen Prof Rev Lt Col Capt Sgt"))
_TITLE_GAP = re.compile(r"\.[ \t]+")  # "Mr|. |Lu": the full stop and space after a title
# Words a sentence opens with that are no name ("The", "Amid", "Hours"): the openers the speaker
# rules know, and those only a name list meets ("He", "Said", "Former").
_SKIP_FIRST = OPENERS | frozenset(
    _split(
        "The A An But And In On At While He She They We I His Her Their Our Meanwhile However "
        "Also For With Said According Last Next Would Will Could Should Can Does Did Is Are Was "
        "Were Has Have Had Former Acting Deputy Retired Senior Top Veteran Longtime Unless Of One "
        "Because Against Into About Around Between Whether Every No Any Nor Neither Either More "
        "Less Little Part Half Minutes First Second Third Finally Earlier Later Two Three Four "
        "Five Six Seven Eight Nine Ten Dozens Hundreds Thousands Millions Near Be Let Take Look "
        "Watch See Please"
    )
)

# A capitalised word right before a reporting verb is almost always a person's name. The
# pattern starts with the capital so the regex engine skips to capitals at C speed; the
# look-behind after it is the word boundary before the name (a leading \b would make the engine
# try every offset). The name is never shortened ("++"): a shorter one would be followed by
# another of its characters, never by the comma or space the pattern needs.
_TALKER_RE = re.compile(
    # "Donald Trump’s continued appeal": a possessive owns the noun after it, it does not talk.
    r"([A-Z](?<=\b[A-Z])[\w’'\-]++)(?<![’']s)(?:,\s(?:\d+|an?|the)\b[^,.]{0,80},)?"
    # "Murphy, the chairman, for example, said", "Trump also said": an aside or an adverb.
    r"(?:\s(?:for example|for instance|too|however|though|in turn),)?"
    r"(?:\s+(?:also|later|then|again|once|previously|recently|repeatedly|often))?"
    r"\s+(?:said|says|told|tells|added|adds|noted|wrote|"
    r"asked|argued|explained|continued|stated|claimed|tweeted|insisted|warned|recalled)\b"
    # "said Trump continued to hurt his cause", "added to the confusion": not a reporting verb.
    r"(?!(?:(?<=continued)|(?<=added))\s+to\b)"
)
_POSSESSIVE = ("'s", "’s", "'", "’")
_CREDIT_RE = re.compile(r"(?:[A-Z][A-Z’'\-]+[ \t]+){3,}(?=[A-Z][a-z])")
_SUBJECT_PRONOUNS = frozenset(_split("he she they we i it you"))
# "her husband, former President Bill Clinton": a relative introduced by kin, before the name.
_RELATIVE_BEFORE = re.compile(
    r"\bh(?:is|er) (?:late )?(?:son|daughter|wife|husband|father|mother|brother|sister),? "
    r"(?:former |late |then-)?$"
)
# A sentence ends at a stop, a closing quotation mark and spaces, or at line breaks:
# [.!?]["”’']?\s+|\n+, written to start with one character class so that the regex engine
# skips to stops and line breaks at C speed; the look-behind says a line break came first.
_STOP_RE = re.compile(r"[.!?\n](?:(?<=\n)\n*|[\"”’']?\s+)")
# Marks that end the title words before a name: "“Judge,” Brafman said" gives Brafman no title.
_CLAUSE_RE = re.compile(r"[,;:“”\"()—]")
_ARTICLES = frozenset(["The", "A", "An"])
_CONTRACTED = re.compile(r"[’'](?:re|m|s|ll|ve|d)$")
_PARTY_STATE = re.compile(r"[DRI]-[A-Z][A-Za-z]{1,4}\.?$")


# Not frozen, though never changed once made (dataclasses.replace makes the changed copies): one
# is built for every name of every article, and a frozen dataclass's __init__ costs about five
# times as much.
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
    # Who this is: the surname, shared by the name's short forms (worked out if not given), or
    # given name and surname where two people share the surname ("Ivanka Trump").
    key: str = ""

    def __post_init__(self) -> None:
        if not self.key:
            self.key = surname(self.name)


def mentions(text: str, quoted: list[tuple[int, int]], stops: list[int]) -> list[Mention]:
    """Return the proper names outside quotations, surnames expanded to the full name."""
    found = _names(text, quoted)
    votes, near_votes = pronoun_votes(text, found)
    said = [(m.start(1), m.group(1)) for m in _TALKER_RE.finditer(text)]  # "Kopp said"
    talkers = {name for _, name in said}
    said_at = [at for at, _ in said]
    marked = titled(text, found)
    full: dict[str, str] = {}
    families = shared_surnames(found)
    given_names = {name.split()[0] for _, name in found if " " in name}
    named = frozenset(word for _, name in found for word in name.split())  # words of names
    kin = kin_starts(text)  # names after "his son ", "her husband "
    out: list[Mention] = []
    previous = earlier = -1  # where the name before began, and the one before that
    for start, name in found:
        key = surname(name)
        personal = looks_personal(name) or votes.get(key) or key in talkers or key in marked
        full_form = " " in name and person_like(name) and personal
        single = key in talkers or key in marked
        # A surname two people share stays the first one's ("Hillary Clinton … her husband,
        # Bill Clinton … Clinton said"): a relative comes later and is named in full.
        other = key in families and key in full and not same_given(full[key], name)
        other = other and _RELATIVE_BEFORE.search(text, max(0, start - 40), start) is not None
        # A first "name" that repeats its surname ("Trump Trump", a garbled heading) holds none.
        other = other and full[key].split().count(key) == 1
        if not other and (
            full_form or (single and key not in full and person_like(name, min_tokens=1))
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
        talks = k < len(said_at) and said_at[k] < start + len(name)
        # "when Tapper asked whether …": who speaks in a clause of time or condition is not the
        # sentence's subject.
        heads = talks and not subordinate(text, start)
        opens = heads or _opens(text, start) or _leads(text, start, previous, stops, named)
        # "The other man, his cousin James York, 40, cited …": a name with its age before a verb.
        opens = opens or aged(text, start + len(name))
        if out and role_between(text, out[-1].start + out[-1].length, start):
            # "Obama consultant Cornell Belcher said": the name after the role is the subject,
            # wherever the role phrase stands; the role's owner is named in passing, as in
            # "Obama's consultant".
            opens = opens or out[-1].subject or _leads(text, out[-1].start, earlier, stops, named)
            if not out[-1].talks:
                out[-1] = dataclasses.replace(out[-1], subject=False, possessive=True)
        previous, earlier = start, previous
        owns = text.startswith(("’", "'"), start + len(name))
        # "He added that if his son Beau, who died …, were still serving, he would": a relative
        # named in passing after "his" or "her" is the subject's, not an antecedent of "he".
        if start in kin and not talks:
            opens, owns = False, True
        place = dated(shown) or (not person and (located(text, start) or organisation(shown)))
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
                person_key(shown) if person and key in families else key,
            )
        )
    return _groups_placed(out)


def _groups_placed(found: list[Mention]) -> list[Mention]:
    """Mark plural groups ("Latinos", "Democrats", "the Clintons") as never "he", unless the
    name is a person's."""
    people = {surname(m.name) for m in found if m.person}

    def crowd(m: Mention) -> bool:
        if m.place or " " in m.name:
            return False
        plural_family = m.name.endswith("s") and m.name[:-1] in people  # "the Clintons"
        return plural_family or (m.name not in people and (group(m.name) or word_of_kind(m.name)))

    return [dataclasses.replace(m, place=True) if crowd(m) else m for m in found]


def _names(text: str, quoted: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """Return (offset, name) of the capitalised names outside quotations and page furniture."""
    found: list[tuple[int, str]] = []
    opener_only: dict[str, bool] = {}  # per word: capitalised only by opening sentences
    # Names in headings, bylines and credits are not the story's people (or are its reporters).
    furniture = furniture_spans(text)
    for at, words in _name_matches(text):
        trimmed = _trimmed(words)
        if trimmed is None:
            continue
        skip, name, article = trimmed
        start, end = at + skip, at + len(words)
        if article and " " not in name and _before_noun(text, end):
            continue  # "The Democratic presidential front-runner": an adjective, not a name
        if end - start == 1 and text[end : end + 1] == ".":
            continue  # "U.S", "U.N.": an abbreviation's letter
        # "Ohio Gov. John Kasich", "GOP Sen. Kelly Ayotte": the title's words are no name.
        if text.startswith(".", end) and name.endswith(_TITLE_ENDS):
            continue
        if " " not in name and _opens(text, start):
            if name not in opener_only:
                opener_only[name] = not_a_name(name, text)
            if opener_only[name]:
                continue  # "Coal miners are…": a capital only because the sentence starts there
        if name and not _inside(quoted, start) and not inside(furniture, start):
            found.append((start, name))
    found += [f for f in _surnames(text, quoted, found) if not inside(furniture, f[0])]
    found.sort()
    return found


@functools.lru_cache(maxsize=8192)  # the same words recur within and across articles
def _trimmed(words: str) -> tuple[int, str, bool] | None:
    """Return what of a run of capitalised words is a name, from the words alone: how many
    characters of sentence openers come first ("But Ban"), the name without its possessive,
    and whether an article opened it ("The Democratic…" may be an adjective); None when the
    words hold no name."""
    first = words.split()[0]
    if " " not in words and (words.lower() in PERSON_TITLES or _contracted_opener(first)):
        return None  # "President" alone: a title; "They’re", "I’m": a contracted opener
    name = words
    # "The unexpected death Saturday of Justice Antonin Scalia": the day opens no name.
    if first in _SKIP_FIRST or (" of " in words and is_when(first)):
        name = words[len(first) :].lstrip()
        while name[:1].islower():  # "As for Ban": the link word goes with the opener
            name = name.split(None, 1)[1] if " " in name else ""
        # "When I ask him": an opener left alone after the first ("I", "We") is still no name.
        if not name or name in _SKIP_FIRST:
            return None
    if "-" in name and _PARTY_STATE.match(name):
        return None  # "R-Ga": a lawmaker's party
    # "COURTESY OF RONALD REAGAN PRESIDENTIAL LIBRARY George Shultz dances": a photo credit in
    # capitals glued to the caption's name is no part of it ("NATO Secretary General" is).
    credit = _CREDIT_RE.match(name)
    if credit:
        name = name[credit.end() :]
    skip = len(words) - len(name)
    # "Trump's" is Trump: the possessive would make it a second, non-person candidate.
    if name.endswith(_POSSESSIVE):
        name = name[: -2 if name.endswith("s") else -1]
    return skip, name, first in _ARTICLES


def _name_matches(text: str) -> Iterator[tuple[int, str]]:
    """Yield (offset, words) of each run of capitalised words, with the title before it
    ("Mr. Lu", "Sen. Ted Cruz"); a title with no name after it stands alone ("Gen.")."""
    title: re.Match[str] | None = None  # a title whose name may come next
    gap_end = -1  # where that name must start
    for m in _NAME_RE.finditer(text):
        if title is not None:
            if m.start() == gap_end:
                yield title.start(), text[title.start() : m.end()]
                title = None
                continue
            yield title.start(), title.group()
            title = None
        gap = _TITLE_GAP.match(text, m.end()) if m.group() in _TITLES else None
        if gap is not None:
            title, gap_end = m, gap.end()
        else:
            yield m.start(), m.group()
    if title is not None:
        yield title.start(), title.group()


def _contracted_opener(word: str) -> bool:
    """Say whether a word is a sentence opener with a contraction ("They’re", "I’m")."""
    return ("’" in word or "'" in word) and _CONTRACTED.sub("", word) in _SKIP_FIRST


def _before_noun(text: str, end: int) -> bool:
    """Say whether a lower-case word follows at `end` ("Democratic| presidential")."""
    return text[end : end + 1] == " " and text[end + 1 : end + 2].islower()


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


def _opens(text: str, start: int) -> bool:
    """Say whether a mention opens its sentence, clause or paragraph (likely a subject)."""
    before = text[max(0, start - 3) : start]
    return start == 0 or before.endswith(("\n", ". ", "; ", ": ", "“", '"'))


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
        and first not in _SUBJECT_PRONOUNS
    )


def _surnames(
    text: str, quoted: list[tuple[int, int]], found: list[tuple[int, str]]
) -> list[tuple[int, str]]:
    """Return single-word mentions of surnames already seen in a multi-word person name."""
    keys = {surname(n) for _, n in found if " " in n and person_like(n) and looks_personal(n)}
    keys = {k for k in keys if len(k) > 2 and k.isalpha()}
    if not keys:
        return []
    taken = {s + len(n) - len(surname(n)) for s, n in found}
    return [
        (at, key)
        for key in keys
        for at in _whole_words(text, key)
        if at not in taken and not _inside(quoted, at)
    ]


def _whole_words(text: str, word: str) -> Iterator[int]:
    """Yield the offsets where `word` stands as a whole word (a regex's \\b on both sides).

    str.find is far cheaper than compiling a pattern of the article's surnames and running it.
    """
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if not (at and _word_char(text[at - 1])) and not _word_char(text[end : end + 1]):
            yield at
        at = text.find(word, end)


def _word_char(char: str) -> bool:
    """Say whether a character (or "" past the text's end) is one regex \\w matches."""
    return char.isalnum() or char == "_"


def _inside(quoted: list[tuple[int, int]], at: int) -> bool:
    """Say whether an offset lies inside one of the (sorted) quoted spans."""
    k = bisect.bisect_right(quoted, (at, 1 << 62)) - 1
    return k >= 0 and quoted[k][0] <= at < quoted[k][1]


# Words written with a full stop inside a sentence: a title before a name ("Mr. Trump"), "St.".
_ABBREVIATIONS = _TITLES | {"St"}
_TITLE_ENDS = tuple(" " + word for word in _ABBREVIATIONS)  # "Ohio Gov" before ". John Kasich"


def sentence_stops(text: str) -> list[int]:
    """Return the offsets where the text's sentences start (0 first).

    The full stop of a title or an initial ends no sentence ("when she saw Mr. Trump talking
    about Carrier": Carrier does not open one).
    """
    return [0] + [m.end() for m in _STOP_RE.finditer(text) if not _abbreviated(text, m)]


def _abbreviated(text: str, stop: re.Match[str]) -> bool:
    """Say whether a full stop ends a title or an initial ("Mr.", "Donald J."), not a sentence."""
    if stop.group()[:2].rstrip() != ".":
        return False
    word = text[max(0, stop.start() - 5) : stop.start()].rsplit(None, 1)[-1:]
    return bool(word) and (word[0] in _ABBREVIATIONS or (len(word[0]) == 1 and word[0].isupper()))
