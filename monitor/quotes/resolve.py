"""Resolve pronouns, descriptions and short names to the fullest compatible name in the article."""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field

from monitor.quotes.furniture import furniture_spans, inside
from monitor.quotes.names import (
    CHINESE_SURNAMES,
    PERSON_TITLES,
    PLACES,
    gender_of,
    looks_personal,
)
from monitor.quotes.speakers import head_name, is_named, is_pronoun

_split = str.split  # word lists are written as text, one readable line each

_NAME_RE = re.compile(
    r"(?:(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Prof|Rev|Lt|Col|Capt|Sgt)\.[ \t]+)?"
    r"[A-Z][\w’'\-]*(?:[ \t]+(?:(?:of|de|da|van|von|bin|al|la|le|for)[ \t]+(?:the[ \t]+)?)?"
    r"(?:[A-Z]\.|[A-Z][\w’'\-]*))*"
)
_SKIP_FIRST = frozenset(
    _split(
        "The A An But And In On At As If When While After Before He She They It We I This That "
        "These Those His Her Their Our So Yet Still Meanwhile However Then Now Also For With From "
        "During Since Though Although Asked Said According Last Next Not Never Would Will Could "
        "Should Can Does Did Is Are Was Were Has Have Had Why How What Where Who Only Even Just"
    )
)
_NOT_PERSON = frozenset(
    _split(
        "House Senate Congress Party Committee Department Ministry News Times Post Journal Street "
        "University College Institute Center Centre Council Union Association Foundation Company "
        "Corp Inc Group Office Agency Administration Court Campaign Network Press Television "
        "Radio States Kingdom Republic America Washington York Island County City State Airport "
        "Park Church Bank Fund Board Service Services Commission Organization Forces Army Navy "
        "Police Reuters Twitter Facebook Fox CNN NBC ABC CBS MSNBC NPR BBC AP Day Week Monday "
        "Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June "
        "July August September October November December Convention Debate Act Club Institution "
        "Show Program Programme Podcast Magazine Hour Review"
    )
)
# A capitalised word right before a reporting verb is almost always a person's name.
_TALKER_RE = re.compile(
    r"\b([A-Z][\w’'\-]+)(?:,\s(?:\d+|an?|the)\b[^,.]{0,80},)?\s+(?:said|says|told|tells|added|adds|noted|wrote|"
    r"asked|argued|explained|continued|stated|claimed|tweeted|insisted|warned|recalled)\b"
)
# Words after a name that only a person takes ("Lu, who", "Lu’s wife").
_PERSON_AFTER = re.compile(r",\s+who\b|’s\s+(?:wife|husband|son|daughter|father|mother)\b")
_MALE = frozenset(["he", "him", "his", "himself"])
_FEMALE = frozenset(["she", "her", "hers", "herself"])
_PRONOUN_RE = re.compile(r"\b(?:he|him|his|she|her|hers)\b", re.I)
_SYNONYMS = {
    "spokesperson": ("spokesman", "spokeswoman", "spokesperson", "spokesmen", "spokespeople"),
    "spokesman": ("spokesman", "spokesperson"),
    "spokeswoman": ("spokeswoman", "spokesperson"),
    "alliance": ("nato", "alliance"),
    "newspaper": ("times", "post", "journal", "news", "herald", "tribune", "gazette", "newspaper"),
    "paper": ("times", "post", "journal", "news", "herald", "tribune", "gazette", "paper"),
    "network": ("cnn", "fox", "nbc", "abc", "cbs", "msnbc", "network"),
    "ministry": ("ministry",),
    "campaign": ("campaign",),
}
_INDEFINITE = re.compile(r"(?:a|an|one|some|another|many|several|two|three|other)\s", re.I)
# Heads that name a document or a count, not a person or body an earlier name could be.
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
        "department alliance organization organisation group times post journal news cnn fox "
        "nbc abc cbs msnbc nato government administration council party union bank fund"
    )
)
_SUFFIXES = frozenset(["jr", "sr", "ii", "iii", "iv"])
_LOOKBACK = 200  # names considered when resolving one speaker
_SUBJECT_REACH = 2000  # characters over which a sentence subject stays salient
_WINDOW = 4  # how many nearer names a sentence subject may skip over
_STOP = frozenset(_split("the a an of for to in on at and its his her their our this that former"))


@dataclass(frozen=True, slots=True)
class Mention:
    """A proper name seen in the text, with the words that describe it."""

    start: int
    name: str
    about: str  # the name plus its apposition, lower-cased, for matching descriptions
    person: bool
    gender: str | None
    subject: bool = True  # opens its sentence or speaks: the likelier antecedent of "he"


@dataclass(slots=True)
class _Salience:
    """What makes one earlier name the likely antecedent of "he" or "she"."""

    name: str
    rank: int  # how many other names were mentioned since
    count: int = 0
    person: bool = False
    gender: str | None = None
    here: bool = False  # mentioned in the pronoun's paragraph
    subject: bool = False  # recently the subject of a sentence or a reporting verb

    def score(self, last_speaker: bool, subjects_since: int, agrees: bool) -> float:
        """Weigh recency, subjecthood, frequency and agreement (weights tuned on train)."""
        return (
            -min(self.rank, 8)
            - (min(subjects_since, 5) if self.subject else 5)
            + 8 * self.person
            + 0.5 * agrees
            + 0.5 * math.log1p(self.count)
            + 1.0 * self.here
            + 1.0 * last_speaker
        )


@dataclass(slots=True)
class Resolver:
    """Resolve speaker words against the names seen so far in one article."""

    text: str
    mentions: list[Mention] = field(default_factory=list)
    speakers: list[Mention] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)

    persons: frozenset[str] = frozenset()

    by_surname: dict[str, list[tuple[int, Mention, frozenset[str]]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.starts = [m.start for m in self.mentions]
        self.persons = frozenset(_surname(m.name) for m in self.mentions if m.person)
        for m in self.mentions:
            # The short name must be the fuller one's surname ("Trump" is not "Never Trump
            # Republicans"), or its first word in a name written family name first (Xi Jinping).
            words = m.name.replace("’s", "").split()
            while len(words) > 2 and words[-1].lower().strip(".,") in _SUFFIXES:
                words = words[:-1]  # "Joseph R. Biden Jr.": the surname is Biden
            if len(words) < 2 or not _fuller(m, words):
                continue
            surname = words[0] if words[0].lower() in CHINESE_SURNAMES else words[-1]
            self.by_surname.setdefault(surname, []).append((m.start, m, frozenset(words)))

    @classmethod
    def for_text(cls, text: str, quoted: list[tuple[int, int]]) -> Resolver:
        """Collect the article's proper names once, ignoring those inside quotations."""
        return cls(text, _mentions(text, sorted(quoted)))

    def resolve(self, words: str, at: int) -> str | None:
        """Return the best name for speaker words written at offset `at`."""
        if is_pronoun(words):
            return self._pronoun(words.lower(), at)
        if not is_named(words):
            return self._description(words, at) or words
        return self._expand(head_name(words), at)

    def remember(self, name: str, words: str, at: int) -> None:
        """Record a resolved speaker so later pronouns can find them."""
        # Only a name the article also uses as a person's counts as one ("Any decision" is not).
        person = _person(name, min_tokens=1) and (
            looks_personal(name) or _surname(name) in self.persons
        )
        gender = gender_of(name) or next(
            (m.gender for m in self.mentions if m.name == name and m.gender), None
        )
        if is_pronoun(words):
            gender = "m" if words.lower() in _MALE else "f" if words.lower() in _FEMALE else gender
        self.speakers.append(Mention(at, name, words.lower(), person, gender))

    def _pronoun(self, word: str, at: int) -> str | None:
        """Return the nearest earlier name compatible with a pronoun."""
        want = "m" if word in _MALE else "f" if word in _FEMALE else None
        if word in ("i", "we", "you"):
            return None
        if want:
            return self._salient(want, at)
        persons = word not in ("it", "they", "which", "its", "their", "them")
        pool = [
            m
            for m in _latest_first(self.speakers, self.mentions, at)
            if (m.person == persons or word == "who") and _compatible(m.gender, want)
        ]
        near = [m for m in pool[:_WINDOW] if m.subject]
        best = near[0] if near else pool[0] if pool else None
        return best.name if best else None

    def _salient(self, want: str, at: int) -> str | None:
        """Return the most salient earlier person of the wanted gender for "he" or "she"."""
        para = self.text.rfind("\n", 0, at)
        spoke = [m for m in self.speakers if m.start < at]
        last = _surname(spoke[-1].name) if spoke else None
        found: dict[str, _Salience] = {}
        for m in _latest_first(self.speakers, self.mentions, at):
            key = _surname(m.name)
            c = found.get(key)
            if c is None:
                c = found[key] = _Salience(m.name, len(found))
            c.count += 1
            c.person |= m.person
            c.gender = c.gender or m.gender
            c.here |= m.start > para
            if m.subject and at - m.start < _SUBJECT_REACH and not c.subject:
                c.subject = True
            if len(m.name) > len(c.name) and m.person:
                c.name = m.name
        subjects = 0
        best, best_score = None, float("-inf")
        for key, c in found.items():
            if c.gender and c.gender != want:
                continue
            score = c.score(key == last, subjects, c.gender == want)
            subjects += c.subject
            if score > best_score:
                best, best_score = c.name, score
        return best

    def _description(self, words: str, at: int) -> str | None:
        """Return the nearest earlier name described by the same head noun ("the spokesman")."""
        if _INDEFINITE.match(words):
            return None
        keys = _keys(head_name(words))
        if not keys or keys[0] in _UNRESOLVED:
            return None
        pattern = re.compile(r"\b(?:" + "|".join(keys) + r")\b")
        # "the aide" must be a person, "the company" must not: a wrong kind of name ("Thursday",
        # "Environmental Protection Agency") is worse than keeping the article's own words.
        personal = keys[0] not in _BODIES
        for m in _latest_first(self.speakers, self.mentions, at):
            if m.person == personal and not _dated(m.name) and pattern.search(m.about):
                return m.name
        return None

    def _expand(self, name: str, at: int) -> str:
        """Return the longest earlier name that this short name abbreviates."""
        tokens = name.replace("’s", "").split()
        if len(tokens) > 2 or not tokens:
            return name
        last = tokens[-1].strip(".,")
        given = {t for t in tokens[:-1] if t.lower() not in PERSON_TITLES}
        best = name
        for start, m, words in self.by_surname.get(last, ()):
            # "Eric Trump" is not Donald: the given name must be in the fuller name too.
            if start < at and len(m.name) > len(best) and given <= words:
                best = m.name
        return best


def _fuller(m: Mention, words: list[str]) -> bool:
    """Say whether a mention can be the full form of a short speaker name."""
    # "US Secretary of State Antony Blinken": only the name at its end must be a person's.
    return m.person or not any(w in _NOT_PERSON for w in words[-2:])


def _dated(name: str) -> bool:
    """Say whether a name is a weekday, a month or a lone place, which nothing can describe."""
    return all(t in _NOT_PERSON for t in name.split()) or name.lower() in PLACES


def _compatible(gender: str | None, wanted: str | None) -> bool:
    """Say whether a name's known gender (if any) fits the pronoun's (if any)."""
    return gender is None or wanted is None or gender == wanted


def _keys(words: str) -> tuple[str, ...]:
    """Return the words a description can be matched by, synonyms included."""
    content = [w for w in re.findall(r"[a-z]+", words.lower()) if w not in _STOP]
    if not content:
        return ()
    head = content[-1]
    return _SYNONYMS.get(head, (head,))


def _latest_first(speakers: list[Mention], mentions: list[Mention], at: int) -> list[Mention]:
    """Return the nearest speakers and mentions before `at`, nearest first."""
    # Bounded look-back keeps huge inputs linear; antecedents sit within a few paragraphs.
    k = bisect.bisect_left(mentions, at, key=lambda m: m.start)
    pool = [m for m in speakers[-_LOOKBACK:] if m.start < at] + mentions[max(0, k - _LOOKBACK) : k]
    return sorted(pool, key=lambda m: m.start, reverse=True)


def _mentions(text: str, quoted: list[tuple[int, int]]) -> list[Mention]:
    """Return the proper names outside quotations, surnames expanded to the full name."""
    found: list[tuple[int, str]] = []
    # Names in headings, bylines and credits are not the story's people (or are its reporters).
    furniture = furniture_spans(text)
    for m in _NAME_RE.finditer(text):
        name, start = m.group(), m.start()
        first = name.split()[0]
        if first in _SKIP_FIRST:
            rest = name[len(first) :].lstrip()
            if not rest or (" " not in rest and not rest[0].isupper()):
                continue
            start, name = start + len(name) - len(rest), rest
        if not _inside(quoted, start) and not inside(furniture, start):
            found.append((start, name))
    found += [f for f in _surnames(text, quoted, found) if not inside(furniture, f[0])]
    found.sort()
    votes = _pronoun_votes(text, found)
    talkers = {m.group(1) for m in _TALKER_RE.finditer(text)}
    titled = _titled(text, found)
    full: dict[str, str] = {}
    out = []
    for start, name in found:
        key = _surname(name)
        personal = looks_personal(name) or votes.get(key) or key in talkers or key in titled
        full_form = " " in name and _person(name) and personal
        single = key in talkers or key in titled
        if full_form or (single and key not in full and _person(name, min_tokens=1)):
            full[key] = name
        person = key in full and _person(name, min_tokens=1)
        shown = full[key] if person else name
        gender = gender_of(shown) or _vote_gender(votes.get(key, 0)) if person else None
        about = _about(text, start, name)
        out.append(Mention(start, shown, about, person, gender, _opens(text, start)))
    return out


def _titled(text: str, found: list[tuple[int, str]]) -> set[str]:
    """Return the surnames the article itself marks as people (spokesman Lu, Lu, who)."""
    keys = set()
    for start, name in found:
        before = text[max(0, start - 20) : start].split()[-1:]
        after = text[start + len(name) : start + len(name) + 16]
        if (before and before[0].lower() in PERSON_TITLES) or _PERSON_AFTER.match(after):
            keys.add(_surname(name))
    return keys


def _about(text: str, start: int, name: str) -> str:
    """Return the name with the title words before it and its apposition, lower-cased."""
    before = " ".join(text[max(0, start - 40) : start].split()[-2:])
    after = text[start + len(name) : start + len(name) + 70]
    apposition = after.split(",")[1] if after.startswith(",") and after.count(",") >= 2 else ""
    return f"{before} {name} {apposition}".lower()


def _opens(text: str, start: int) -> bool:
    """Say whether a mention opens its sentence, clause or paragraph (likely a subject)."""
    before = text[max(0, start - 3) : start]
    return (
        start == 0
        or before.endswith(("\n", ". ", "; ", ": ", "“", '"'))
        or _TALKER_RE.match(text, start) is not None
    )


def _surname(name: str) -> str:
    """Return the last word of a name, the key shared by its full and short forms."""
    return name.split()[-1].strip(".,’'")


def _surnames(
    text: str, quoted: list[tuple[int, int]], found: list[tuple[int, str]]
) -> list[tuple[int, str]]:
    """Return single-word mentions of surnames already seen in a multi-word person name."""
    keys = {_surname(n) for _, n in found if " " in n and _person(n) and looks_personal(n)}
    keys = {k for k in keys if len(k) > 2 and k.isalpha()}
    if not keys:
        return []
    taken = {s + len(n) - len(_surname(n)) for s, n in found}
    pattern = re.compile(r"\b(?:" + "|".join(sorted(keys)) + r")\b")
    return [
        (m.start(), m.group())
        for m in pattern.finditer(text)
        if m.start() not in taken and not _inside(quoted, m.start())
    ]


def _inside(quoted: list[tuple[int, int]], at: int) -> bool:
    """Say whether an offset lies inside one of the (sorted) quoted spans."""
    k = bisect.bisect_right(quoted, (at, 1 << 62)) - 1
    return k >= 0 and quoted[k][0] <= at < quoted[k][1]


def _pronoun_votes(text: str, found: list[tuple[int, str]]) -> dict[str, int]:
    """Count, per surname, male minus female pronouns right after its mentions."""
    votes: dict[str, int] = {}
    for k, (start, name) in enumerate(found):
        # A pronoun after the next name more likely refers to that one ("Kopp ... Clinton and her").
        stop = min(start + len(name) + 120, found[k + 1][0] if k + 1 < len(found) else len(text))
        m = _PRONOUN_RE.search(text, start + len(name), stop)
        if m:
            key = _surname(name)
            votes[key] = votes.get(key, 0) + (1 if m.group().lower() in _MALE else -1)
    return votes


def _vote_gender(vote: int) -> str | None:
    """Turn a pronoun vote into a gender."""
    return "m" if vote > 0 else "f" if vote < 0 else None


def _acronym(token: str) -> bool:
    """Say whether a token is an acronym (CNN, FBI), not an initial (D.) or a suffix (Jr.)."""
    # "Ernest D. Coursey" and "Harry B. Harris Jr." are people; "FULL TEXT" and "CNN" are not.
    return token.isupper() and len(token) > 1 and not (len(token) == 2 and token[1] == ".")


def _person(name: str, min_tokens: int = 2) -> bool:
    """Say whether a name looks like a person's rather than an organisation's or place's."""
    tokens = name.replace("’s", " ’s").replace("'s", " ’s").split()
    if any(t in _NOT_PERSON or _acronym(t) for t in tokens) or "’s" in tokens:
        return False
    return len(tokens) >= min_tokens
