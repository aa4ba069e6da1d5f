"""Resolve pronouns, descriptions and short names to the fullest compatible name in the article."""

from __future__ import annotations

import bisect
import operator
import re
from dataclasses import dataclass, field

from monitor.quotes import fullnames
from monitor.quotes.antecedents import (
    compatible,
    speaks_as_it,
    speaks_as_they,
    surely_personal,
    turn_label,
)
from monitor.quotes.context import FEMALE_PRONOUNS, MALE_PRONOUNS, PREPOSITIONS
from monitor.quotes.described import (
    acronym,
    channel_owner,
    describable,
    evidence,
    named_later,
    spelt_out,
    title_words,
    titled,
    wanted,
    written_as,
)
from monitor.quotes.glued import opener_cut
from monitor.quotes.lexicon import NAME_PARTICLES, PERSON_TITLES
from monitor.quotes.mentions import Mention, about_name, mentions, outermost, sentence_stops
from monitor.quotes.names import (
    dated,
    gender_of,
    given_name_gender,
    looks_personal,
    organisation,
    person_key,
    person_like,
    suffixed,
    surname,
    written_short,
)
from monitor.quotes.persons import fold
from monitor.quotes.plausible import head_name, is_named, is_pronoun
from monitor.quotes.salience import Candidate, chain_head, led_by, ordered
from monitor.quotes.tidy import tidy_speaker

_split = str.split  # word lists are written as text, one readable line each

# "the State Department spokesman", "the Kremlin's spokesman": "the", capitalised words,
# and a lower-case head noun ending the words.
_DEFINITE_ROLE = re.compile(
    r"(?i:the)\s+(?:[A-Z][\w’'\-.]*\s+)+(?:[a-z][a-z\-]*|Republican|Democrat)$"
)  # "the Wisconsin Republican": a party's member is a role
# Not \n+: a pattern that starts with a literal character is found at C speed.
_BREAK_RE = re.compile(r"\n\s*")  # blank lines holding spaces or "\r" are no paragraph
_LOOKBACK = 200  # names considered when resolving one speaker
_CANDIDATES = 10  # distinct names weighed for one "he"; a farther one never won on train
_SALIENT_BACK = 60  # mentions scanned for them: their counts and subjecthood
_SUBJECT_REACH = 2000  # characters over which a sentence subject stays salient
_WINDOW = 4  # how many nearer names a sentence subject may skip over
_OBJECT = {"m": re.compile(r"\bhim\b"), "f": re.compile(r"\bher\b")}  # "met him", "told her"


@dataclass(slots=True)
class Resolver:
    """Resolve speaker words against the names seen so far in one article."""

    text: str
    mentions: list[Mention] = field(default_factory=list)
    speakers: list[Mention] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)

    persons: frozenset[str] = frozenset()
    families: frozenset[str] = frozenset()  # surnames two people share ("Trump": Donald, Ivanka)
    sons: frozenset[str] = frozenset()  # surnames also written short with a suffix ("Trump Jr.")

    by_surname: dict[str, list[fullnames.FullName]] = field(default_factory=dict)
    by_spelling: dict[str, list[fullnames.FullName]] | None = None  # by folded surname
    genders: dict[str, str] = field(default_factory=dict)  # per name, its first mention's known one
    breaks: list[int] = field(default_factory=list)  # offsets of line breaks, when first needed
    stops: list[int] = field(default_factory=lambda: [0])  # offsets where sentences start
    described: dict[str, str] | None = None  # per key, what the article says of it, when needed
    by_key: dict[str, list[Mention]] | None = None  # a person's mentions in order, when needed

    def __post_init__(self) -> None:
        self.starts = [m.start for m in self.mentions]
        self.families = frozenset(surname(m.name) for m in self.mentions if " " in m.key)
        self.persons = frozenset(surname(m.name) for m in self.mentions if m.person)
        self.sons = frozenset(
            m.name.split()[-2]
            for m in self.mentions
            if suffixed(m.name) and written_short(self.text, m.name)
        )
        for m in self.mentions:
            if m.gender:
                self.genders.setdefault(m.name, m.gender)
        self.by_surname = fullnames.index(self.text, self.mentions)

    @classmethod
    def for_text(cls, text: str, quoted: list[tuple[int, int]]) -> Resolver:
        """Collect the article's proper names once, ignoring those inside quotations."""
        stops = sentence_stops(text)
        return cls(text, outermost(mentions(text, sorted(quoted), stops)), stops=stops)

    def resolve(self, words: str, at: int) -> str | None:
        """Return the best name for speaker words written at offset `at`."""
        if is_pronoun(words):
            return self._pronoun(words.lower(), at)
        if later := named_later(self.text, words, at):
            return later  # "a lawyer for Altoona's Adventureland Park …. the attorney, Guy Cook,"
        if not is_named(words):
            owner = channel_owner(words)  # "according to his campaign website": the candidate
            found = self._pronoun(owner, at) if owner else self._description(words, at)
            return found if found and (not owner or surname(found) in self.persons) else words
        if _DEFINITE_ROLE.match(role := tidy_speaker(words) or words):  # "… senator sought"
            # "the State Department spokesman": a description with a name in it, not a name;
            # the name must be around the one described ("The Florida senator" is not Sanders).
            named = tuple(w.lower() for w in role.split()[1:] if w[:1].isupper())
            return self._description(role, at, named) or words
        if short := acronym(words):
            k = bisect.bisect_left(self.starts, at)
            earlier = reversed(self.mentions[max(0, k - _LOOKBACK) : k])
            return spelt_out(short, (m.name for m in earlier)) or words
        name = head_name(words)
        cut = opener_cut(self.text, at, name, self.persons) if self.text.startswith(name, at) else 0
        return self._expand(name[cut:], at)

    def remember(self, name: str, words: str, at: int) -> None:
        """Record a resolved speaker so later pronouns can find them."""
        if is_pronoun(name):
            return  # "said I hurriedly": the writer, never the "he" of the next paragraph
        # Only a name the article also uses as a person's counts as one ("Any decision" is not).
        person = person_like(name, min_tokens=1) and (
            looks_personal(name) or surname(name) in self.persons
        )
        gender = gender_of(name) or self.genders.get(name)
        if words.lower() in MALE_PRONOUNS:
            gender = "m"
        elif words.lower() in FEMALE_PRONOUNS:
            gender = "f"
        never_he = dated(name) or (not person and organisation(name))  # "Wall Street Journal"
        family = surname(name) in self.families
        key = person_key(name) if person and family else surname(name)
        self.speakers.append(
            Mention(at, name, words.lower(), person, gender, place=never_he, key=key)
        )

    def _pronoun(self, word: str, at: int) -> str | None:
        """Return the nearest earlier name compatible with a pronoun."""
        want = "m" if word in MALE_PRONOUNS else "f" if word in FEMALE_PRONOUNS else None
        if word in ("i", "we", "you"):
            return None
        if want:
            return self._salient(want, at)
        persons = word not in ("it", "they", "which", "its", "their", "them")
        pool = [
            m
            for m in _latest_first(self.speakers, self.mentions, at)
            if (surely_personal(m) == persons or word == "who") and compatible(m.gender, want)
        ]
        near = [m for m in pool[:_WINDOW] if m.subject]
        best = near[0] if near else pool[0] if pool else None
        if best and word == "it" and not speaks_as_it(best.name):
            return None  # "it" is the nearest thing, and that thing says nothing
        if best and word in ("they", "them", "their") and not speaks_as_they(best.name):
            return None  # "They held banners" after "on Lubyanka Square": not the square
        return best.name if best else None

    def _salient(self, want: str, at: int) -> str | None:
        """Return the most salient earlier person of the wanted gender for "he" or "she"."""
        named = (
            self._named_before(want, at)
            or self._relative_of(want, at)
            or self._talker_before(want, at)
        )
        if named:
            return named
        at = chain_head(self.text, self.stops, want, at)
        weighed = self.weighed(want, at)
        # "…, Kennedy said.⏎⏎“…,” he wrote.": when the pronoun's paragraph names no one, the
        # name that has just been reported as speaking is the one who goes on.
        if weighed and weighed[0].rank == 0 and weighed[0].talks and weighed[0].fresh:
            return weighed[0].name
        best = max(weighed, key=lambda c: c.score(want), default=None)
        return best.name if best else None

    def someone_else(self, name: str, lo: int, hi: int, want: str) -> bool:
        """Say whether a person other than `name`, of the wanted gender or none known, opens a
        sentence between offsets `lo` and `hi`, and does not act on the earlier speaker there
        ("Mark Rutte met him on Monday": "him" keeps the earlier speaker in view)."""
        key = surname(name)
        k = bisect.bisect_left(self.starts, lo)
        for m in self.mentions[k : bisect.bisect_left(self.starts, hi)]:
            other = m.subject and m.person and not m.possessive and surname(m.name) != key
            if other and m.gender in (None, want):
                return _OBJECT[want].search(self.text, m.start, hi) is None
        return False

    def _named_before(self, want: str, at: int) -> str | None:
        """Return the person named just before a pronoun ("and Ms. Warren, she said, …")."""
        k = bisect.bisect_left(self.starts, at) - 1
        if k < 0:
            return None
        m = self.mentions[k]
        between = self.text[m.start + m.length : at]
        before = self.text[max(0, m.start - 12) : m.start].split()[-1:]
        if between.strip() != "," or not m.person or m.gender not in (None, want):
            return None
        if before and before[0].lower() in PREPOSITIONS:
            return None  # "with Bloomberg Politics, he said": not who speaks
        return self._expand(head_name(m.name), at)

    def _relative_of(self, want: str, at: int) -> str | None:
        """Return the person a relative clause holding the pronoun is about ("Eric Kingson, who
        is running for Congress and who worked the crowd, praising “…” as he promised")."""
        begins = self.stops[bisect.bisect_right(self.stops, at) - 1]
        who = self.text.rfind(", who ", begins, at)
        # "President Obama, who he noted was": a pronoun right after "who" is another subject.
        if who < 0 or who + 6 == at:
            return None
        k = bisect.bisect_left(self.starts, who) - 1
        if k < 0:
            return None
        m = self.mentions[k]
        # "his son Beau, who died": a relative named in passing is not who goes on speaking.
        if m.start + m.length != who or not m.person or m.possessive or m.gender != want:
            return None
        return m.name

    def _talker_before(self, want: str, at: int) -> str | None:
        """Return the person who last spoke in the pronoun's paragraph, when no other person of
        that gender (or of none known) has opened a sentence since ("Murphy said Trump
        continued … “…,” he said")."""
        here = self._paragraphs(at)[0]
        k = bisect.bisect_left(self.starts, at)
        for m in reversed(self.mentions[max(0, k - 12) : k]):
            if m.start <= here:
                return None
            if not m.subject or not m.person or m.possessive or m.gender not in (None, want):
                continue
            return self._expand(head_name(m.name), at) if m.talks else None
        return None

    def _paragraphs(self, at: int) -> tuple[int, int]:
        """Return the offsets of the line breaks before the paragraph holding `at` and before the
        one before it (-1: none)."""
        if not self.breaks:  # found once, for the article's first pronoun
            self.breaks = [-1, -1] + [m.start() for m in _BREAK_RE.finditer(self.text)]
        k = bisect.bisect_left(self.breaks, at)
        return self.breaks[k - 1], self.breaks[k - 2]

    def weighed(self, want: str, at: int) -> list[Candidate]:
        """Return the candidates a "he" (want "m") or "she" ("f") at `at` may refer to."""
        # A place or a weekday is never "he", whatever else speaks for it.
        return [c for c in self.candidates(at, want) if not c.place and c.gender in (None, want)]

    def candidates(self, at: int, want: str | None = None) -> list[Candidate]:
        """Return the distinct earlier names before offset `at`, nearest first, with features."""
        here, before = self._paragraphs(at)
        sentence = self.stops[bisect.bisect_left(self.stops, at) - 1]
        spoke = [m for m in self.speakers if m.start < at]
        spoken = {m.key for m in spoke}
        last = spoke[-1].key if spoke else None
        found: dict[str, Candidate] = {}
        openers: list[str | None] = [None, None]  # first name of this paragraph, of the one before
        subjects = 0  # distinct names seen as subjects so far, nearest first
        weighable = 0  # candidates first seen as a name of their own, not as an owner
        for m in _latest_first(self.speakers, self.mentions, at, _SALIENT_BACK):
            key = m.key
            c = found.get(key)
            # An owner opening its sentence ("Francis' message is to call on … He has challenged
            # his own bishops") is what the next "he" is about, though not a subject itself; an
            # owner in passing ("a rally for Trump's campaign") is not.
            if (m.possessive and not m.subject) or (c is None and weighable >= _CANDIDATES):
                continue
            # "He nodded to his second place behind Ted Cruz. “…,” he said": a name in a
            # sentence that the same pronoun opens is its object, not whom the pronoun goes on to.
            if want and m.start < sentence and led_by(self.text, self.stops, m.start, want):
                continue
            if m.start > here and turn_label(self.text, m, here):
                continue  # "AMY GOODMAN: “…,” he said": who speaks the turn is "I", not "he"
            if c is None:
                weighable += not m.possessive  # an owner takes no nearer name's place
                c = found[key] = Candidate(m.name, len(found), at - m.start)
                c.latest_subject = m.subject and not m.possessive
                c.last_speaker, c.spoke = key == last, key in spoken
                c.same_sentence = m.start >= sentence
                c.talks = m.talks
            c.count += 1
            c.person |= m.person
            c.gender = c.gender or m.gender
            c.place |= m.place
            if m.start > here:
                c.here, openers[0] = True, key
            elif m.start > before:
                c.previous, openers[1] = True, key
            if m.possessive:
                continue
            if m.subject and at - m.start < _SUBJECT_REACH and c.subject_order is None:
                c.subject_order, c.subject = subjects, True
                subjects += 1
            if len(m.name) > len(c.name) and m.person:
                c.name = m.name
        return ordered(found, openers)

    def _description(self, words: str, at: int, named: tuple[str, ...] = ()) -> str | None:
        """Return the nearest earlier name described by the same head noun ("the spokesman"),
        with the `named` words ("state", "department") written around it too."""
        found = wanted(head_name(words))
        if found is None:
            return None
        pattern, personal = found
        # "the aide" must be a person, "the company" must not: a wrong kind of name ("Thursday",
        # "Environmental Protection Agency") is worse than keeping the article's own words.
        if named and self.described is None:
            self.described = evidence(self.text, self.mentions)
        written: dict[str, str | None] = {}  # how each person was written before, once asked
        for m in _latest_first(self.speakers, self.mentions, at):
            about = m.about or titled(about_name(self.text, m.start, m.length))
            about += self.described.get(m.key, "") if named and self.described else ""
            fits = m.person == personal and describable(m) and pattern.search(about)
            if fits and all(word in title_words(self.text, m.start) + about for word in named):
                return m.name
            if personal and m.person and not named:
                # "President Trump’s decision … Mr. Trump … The president pulled": the nearest
                # person is the one described, if written so before; named as written then.
                if m.key not in written:
                    written[m.key] = self._written_as(m.key, pattern, at)
                if written[m.key]:
                    return written[m.key]
        return None

    def _written_as(self, key: str, pattern: re.Pattern[str], at: int) -> str | None:
        """Return how the article first wrote a person with a description's words before `at`,
        as far back as the resolver looks for a description at all, or None."""
        if self.by_key is None:
            self.by_key = {}
            for m in self.mentions:
                if m.person:
                    self.by_key.setdefault(m.key, []).append(m)
        k = bisect.bisect_left(self.starts, at)
        since = self.starts[k - _LOOKBACK] if k > _LOOKBACK else -1
        return written_as(self.text, self.by_key.get(key, []), pattern, since, at)

    def _respelt(self, surname_: str) -> list[fullnames.FullName]:
        """Return the full names whose surname is this one spelt otherwise ("Zelensky" for
        "Volodymyr Zelenskyy"); the index by spelling is built when first needed."""
        if self.by_spelling is None:
            self.by_spelling = fullnames.by_spelling(self.by_surname)
        return self.by_spelling.get(fold(surname_), [])

    def _expand(self, name: str, at: int) -> str:
        """Return the longest earlier name that this short name abbreviates."""
        tokens = name.replace("’s", "").split()
        if tokens[:1] and tokens[0].lower() in NAME_PARTICLES:
            tokens = tokens[-1:]  # "von der Leyen": the surname that follows its particles
        if len(tokens) > 2 or not tokens:
            return name
        last = tokens[-1].strip(".,")
        given = {t for t in tokens[:-1] if t.lower() not in PERSON_TITLES}
        # "Mrs. Clinton" is not Bill Clinton: a title's gender must not contradict the name's.
        gender = gender_of(name) if len(tokens) == 2 and not given else None
        fuller = [
            n
            for n in self.by_surname.get(last) or self._respelt(last)
            # "Eric Trump" is not Donald: the given name must be in the fuller name too.
            if n.first.start < at
            and given <= n.words
            and (gender is None or given_name_gender(n.first.name) in (None, gender))
        ]
        longer = [n for n in fuller if len(n.first.name) > len(name)]
        if last in self.sons:
            # "Trump" is Donald Trump where Donald Trump Jr. is written "Trump Jr.": the writer
            # tells the son from his father by the suffix ("Biden" is Joseph R. Biden Jr.).
            longer = [n for n in longer if not suffixed(n.first.name)] or longer
        # Which person is meant is only asked when several full names have the surname.
        meant = fullnames.one_person(longer, at, *self._paragraphs(at)) if longer[1:] else longer
        return max((n.first.name for n in meant), key=len, default=name)


_START = operator.attrgetter("start")  # a mention's offset, read in C (a lambda is a call each)


def _latest_first(
    speakers: list[Mention], mentions: list[Mention], at: int, back: int = _LOOKBACK
) -> list[Mention]:
    """Return the nearest `back` speakers and mentions before `at`, nearest first."""
    # Bounded look-back keeps huge inputs linear; antecedents sit within a few paragraphs.
    k = bisect.bisect_left(mentions, at, key=_START)
    pool = [m for m in speakers[-back:] if m.start < at] + mentions[max(0, k - back) : k]
    return sorted(pool, key=_START, reverse=True)
