"""Check and trim speaker words: one line, a name or a noun phrase, never a date or a fragment."""

from __future__ import annotations

import functools
import re

from monitor.quotes.eastasian import surname_he
from monitor.quotes.lexicon import ROLE_NOUNS, SAID_WORDS, SUBJECT_PRONOUNS, WRITTEN_WORDS
from monitor.quotes.names import adverb_or_participle, lone_given_name

_split = str.split  # word lists are written as text, one readable line each
# What answers someone, beside what they said or wrote (lexicon.SAID_WORDS, WRITTEN_WORDS).
_ANSWERS = "critique retort explanation response reply answer speech testimony account rebuttal"

MAX_WORDS = 8  # longer speakers are cut to their name or head noun phrase
WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?"
)
# A weekday, a month, a date or a clock time, possibly with its part of the day.
_WHEN = re.compile(
    rf"^(?:(?:on|last|this|next|early|late|one|that|every)\s+)?(?:(?:{WEEKDAYS})(?:\s+(?:morning|afternoon|"
    rf"evening|night))?|(?:{MONTHS})(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?(?:,?\s+\d{{4}})?|"
    rf"\d{{1,2}}\s+(?:{MONTHS})(?:\s+\d{{4}})?|\d{{1,2}}[:.]\d{{2}}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{{2,4}})?"
    r"|today|yesterday|tonight|tomorrow|now)[.,]?$",
    re.I,
)
# Lower-case words that are verbs in the past tense: the speaker ends before them
# ("Jen Psaki issued a troubling warning", "the candidate gave an interview").
_VERBS = frozenset(
    _split(
        "made gave took sent sought held kept met went came got put set led ran saw spoke wrote "
        "told said says thought felt brought bought fought caught taught struck stood began "
        "became won lost left paid sat would will could should can may might must did does do "
        "dug read drew threw knew grew flew chose rose fell broke stole swore tore drove hid "
        "shot found bound hung sang rang sank drank swam dealt meant slept swept spent built "
        "bent lent quit bid let hit cut beat shut spread took sent cast wound "
        "has had have is was are were been"
    )
)
_PAST = re.compile(r"^[a-z]{3,}ed$")
_ADJECTIVE_ED = frozenset(
    _split(
        "retired united armed elected appointed named unnamed detained jailed exiled indicted "
        "embattled beleaguered respected renowned disgraced decorated wounded injured concerned "
        "unidentified identified alleged accused acclaimed celebrated talented dedicated "
        "experienced seasoned designated speed"
    )
)
_CUT = re.compile(r"\s(?:with|who|whose|which|that|at|from|in|on|during|after|for|of)\s", re.I)
_TRAILING_LINK = re.compile(r"(?:\s+(?:who|whose|which|that|and|or|of|for|to|the|a|an))+$", re.I)
# "Lewandowski earlier", "Russians now": when, not who.
_TRAILING_WHEN = re.compile(
    r"(?:\s+(?:now|earlier|later|today|yesterday|again|also|too|then|meanwhile|never|however|still))+$"
)
# The end of a sentence inside speaker words: a question or an exclamation mark, or a full
# stop after a lower-case word (never a title's "Sen." or an initial's "J.").
_SENTENCE_END = re.compile(r"(?:[?!]|\b[^\W\d_A-ZА-Я]{3,}\.)[\"”’']?\s+(?=[^\W\d_])")
# "8 a.m. Michael Garrity": a time the sentence splitter left before the name.
_CLOCK = re.compile(r"^\d{1,2}(?:[:.]\d{2})?\s*[ap]\.?m\.?(?:\s+[A-Z]{2,3}\b)?\s*")
# "another tweet President Trump": a determiner and a common noun, then the speaker's name.
_LEAD_NOUN = re.compile(r"^(?:a|an|another|the|this|that|his|her|its|their|one)\s+(?:[a-z]+\s+)+")
_DETERMINERS = frozenset(
    _split("a an the this that these those his her its their our my your some many most all both")
)
# "A front page commentary from the Communist Party’s propaganda department", "a complaint filed
# by the Justice Department": a writing speaks for whoever it is from.
_WRITING_FROM = re.compile(
    r"(?i:a|an|the)\s+(?:[\w\-]+\s+){0,3}(?:"
    + "|".join((*WRITTEN_WORDS, "complaint", "lawsuit", "filing", "indictment"))
    + r")\s+(?:(?:filed|issued|released|published|written|brought)\s+)?(?:from|by)\s+(.+)"
)
# "tweet from Rikkie Wells who", "More from Jones", a headline's "A lesson from Loretta Lynch":
# words or a writing from a named one are that one's, article or none.
_SAID_FROM = re.compile(
    r"(?:(?i:a|an|the|this|that|another)\s+)?(?:[\w\-]+\s+){0,3}?(?i:"
    + "|".join((*SAID_WORDS, *WRITTEN_WORDS, "lessons?", "advice", "more"))
    + r")\s+from\s+([A-Z].*)"
)
# "The ad uses footage of Hillary Clinton asking": who is shown speaking speaks.
# Its words are split by spaces only: "(?:[A-Z]\w*\s?)+" could split a run of capitals in 2^n
# ways, each tried before "$" fails.
_SHOWN = re.compile(
    r"\b(?:footage|video|videos|audio|clip|clips|recording|tape|images|photos?) of "
    r"([A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*)*)\s*$"
)
# "Cohen’s book", "Misercola’s retort", "Tillerson’s explanation": a person's own words or
# writing speaks for its owner ("Trump’s campaign", "Gowdy’s office" are bodies of their own).
_OWN_WORDS = re.compile(
    r"([A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,3})[’']s\s+(?:[a-z\-]+\s+)?(?:"
    + "|".join((*SAID_WORDS, *WRITTEN_WORDS, *_split(_ANSWERS)))
    + ")"
)
_LINK_WORDS = frozenset(_split("of for to at in on from with"))
_LONE = frozenset(_split("speaking writing asked reached according said says told"))
# Participles that open a sentence before its speaker ("Citing…, Lin said").
_PARTICIPLE = re.compile(
    r"(?:say|add|not|cit|refer|respond|explain|acknowledg|follow|describ|call|point|argu|insist|"
    r"warn|speak|writ|tweet|post|comment|react|reflect|recall|address|answer|ask|continu|"
    r"conclud|declar|accord|look|turn|speculat|testify|claim|quot|read|report)ing"
)


def is_when(words: str) -> bool:
    """Say whether words are only a weekday, a month, a date or a time of day."""
    return bool(_WHEN.match(words.strip()))


@functools.lru_cache(maxsize=4096)  # the same speaker words recur within and across articles
def tidy_speaker(words: str | None) -> str | None:
    """Return speaker words cut to one line and one noun phrase, or None when none is left."""
    if not words:
        return None
    words = _without_stray_marks(words.strip())
    if "\n" in words:
        return None  # a speaker never crosses a line: what spans one is page furniture
    if "? " in words or "! " in words or ". " in words:
        # "Google Stadia the future? That's really two": a speaker never crosses a sentence.
        words = _SENTENCE_END.split(words)[-1]
    words = _WHY.sub("", _CLOCK.sub("", words))  # "that’s why the Russians": the Russians
    words = _TRAILING_LINK.sub("", _before_verb(words)).strip(" ,;:—–-")
    words = _TRAILING_WHEN.sub("", words)
    words = without_trailing_adverb(words)
    # _SHOWN needs " of ": tested first, as the pattern's \b start is tried at every offset.
    source = _WRITING_FROM.fullmatch(words) or (" of " in words and _SHOWN.search(words))
    source = source or (" from " in words and _SAID_FROM.fullmatch(words))
    source = source or (("’s " in words or "'s " in words) and _OWN_WORDS.fullmatch(words))
    words = _named_after_determiner(source.group(1) if source else words)
    words = _after_headline(_named_after_link(words))
    tokens = words.split()
    if not tokens:
        return None
    pronoun = tokens[0].lower() in SUBJECT_PRONOUNS and len(tokens) > 1
    if pronoun and "," not in words and not surname_he(tokens[0], tokens[1]):
        words = tokens[0]  # "I often say": the pronoun is the speaker
    words = re.sub(r"[’']s?$", "", words) if words.endswith(("’s", "'s", "s’", "s'")) else words
    if _rejected(words):
        return None
    if len(words.split()) > MAX_WORDS:
        return _shorten(words)
    return words


_WHY = re.compile(r"^(?:(?:and|but|so)\s+)?(?:that[’']s\s+|that\s+is\s+|this\s+is\s+)?why\s+", re.I)


def _without_stray_marks(words: str) -> str:
    """Drop a quotation mark at either end that closes or opens nothing inside ("“Lin Nguyen”
    placed a … piece" gave "Lin Nguyen”"); 'the so-called “experts”' keeps its pair."""
    if words.endswith("”") and words.count("”") > words.count("“"):
        words = words[:-1]
    if words.startswith("“") and words.count("“") > words.count("”"):
        words = words[1:]
    if words.count('"') % 2:
        words = words.strip('"')
    return words


def without_trailing_adverb(words: str) -> str:
    """Drop an adverb or a reflexive left after a name when the verb after it was cut
    ("Clinton repeatedly invoked", "Putin himself said", "Trump even"): how it was said, not
    who."""
    tokens = words.split()
    while len(tokens) > 1 and tokens[-2][:1].isupper() and _aside(tokens[-1]):
        tokens.pop()
    return " ".join(tokens) if len(tokens) < len(words.split()) else words


def _aside(word: str) -> bool:
    """Say whether a word after a name only stresses or qualifies it ("himself", "even",
    "repeatedly")."""
    if word in _STRESS:
        return True
    return word.endswith("ly") and word.islower() and adverb_or_participle(word)


_STRESS = frozenset(_split("himself herself themselves itself even too also alone"))


def _named_after_determiner(words: str) -> str:
    """Return the name that follows "another tweet" or "a statement", else the words."""
    m = _LEAD_NOUN.match(words)
    if not m or "," in words:
        return words
    rest = words[m.end() :]
    # Only a name stands alone: "a senior American official" keeps its article.
    named = all(t[:1].isupper() or t.lower() in _LINK_WORDS for t in rest.split())
    if m.group().split()[-1].lower() in _LINK_WORDS | {"by"}:
        return words  # "a court document filed by Dave Aronberg": the name completes it
    if not named or not rest[:1].isupper():
        return words
    if " " in rest:
        return rest
    # "an honor Donald said he hoped": a thing's noun, then a given name that speaks of it; a
    # word of any other kind may be the description's own ("one senior Democrat") or a body's
    # name cut short ("the event organizer Alliance to Reclaim Our Schools").
    return rest if lone_given_name(rest) else words


# "a significant victory for Christopher Steele", "an account by Vatican Radio": a thing's noun
# linked to a name; the name is who speaks ("a spokesman for Trump" keeps its job's noun).
_THING_FOR = re.compile(r"(?i:a|an|the)\s+(?:[a-z\-]+\s+){0,3}?([a-z]+)\s+(?:for|by)\s+([A-Z].*)")


def _named_after_link(words: str) -> str:
    """Return the name a thing is for or by ("a victory for Christopher Steele"), else words."""
    m = _THING_FOR.fullmatch(words)
    if m is None:
        return words
    noun = m.group(1)
    # "a court document filed by Dave Aronberg": a participle's agent completes the phrase.
    if noun in ROLE_NOUNS or noun in _PEOPLE_NOUNS or noun.endswith("ed"):
        return words
    named = all(t[:1].isupper() or t in _LINK_WORDS for t in m.group(2).split())
    return m.group(2) if named else words


_PEOPLE_NOUNS = frozenset(_split("source sources official officials people group team staff"))
# Words of a headline in title case, never of a name or a title: a verb, a contraction, a
# preposition ("Estonia’s PM: NATO Troop Training in Ukraine Won't Trigger War With Russia Kallas
# said": a related story's headline glued to the paragraph it stands before).
_HEADLINE_WORDS = frozenset(_split("With Won't Can't Don't Will Is Are Was Says Said Into Against"))


def _after_headline(words: str) -> str:
    """Return the last word of capitalised words that hold a headline's word: the name the
    headline is glued to ends them, and only its surname is surely the name's."""
    tokens = words.split()
    if _HEADLINE_WORDS.isdisjoint(tokens):
        return words  # most speakers: one set test
    heads = [i for i, t in enumerate(tokens) if t in _HEADLINE_WORDS]
    if not heads or heads[0] == 0 or not all(t[:1].isupper() for t in tokens):
        return words
    return tokens[-1] if heads[-1] < len(tokens) - 2 else words


def _before_verb(words: str) -> str:
    """Return the words before a finite verb that follows the speaker's noun phrase."""
    tokens = words.split()
    for i in range(1, len(tokens)):
        low = tokens[i].strip(",.")
        if not (low in _VERBS or (_PAST.match(low) and low not in _ADJECTIVE_ED)):
            continue
        # "a flabbergasted Noah", "those surveyed": after a determiner it is an adjective;
        # "a court document filed by X": a participle that names its agent.
        after = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
        if tokens[i - 1].lower() in _DETERMINERS or after == "by":
            continue
        return " ".join(tokens[:i])
    return _before_present_verb(tokens) or words


_OWNERS = frozenset(_split("his her their its"))


def _before_present_verb(tokens: list[str]) -> str:
    """Return the name before a verb in the present tense that an object with an owner follows
    ("Reed winds up his statement"), or "" when there is none; a plural noun after a name
    ("Trump supporters in his state") has a preposition, not an owner, after it."""
    if _OWNERS.isdisjoint(tokens):
        return ""  # no owner's word, no object with an owner: most speakers
    for i in range(1, len(tokens) - 1):
        verb = tokens[i]
        if not (tokens[i - 1][:1].isupper() and verb.islower() and verb.endswith("s")):
            continue
        after = tokens[i + 1 : i + 3]
        if after and after[-1] in _OWNERS and not (len(after) == 2 and after[0] in _LINK_WORDS):
            return " ".join(tokens[:i])
    return ""


def _rejected(words: str) -> bool:
    """Say whether words cannot be a speaker: a date, a place alone, a lone participle."""
    low = words.lower().strip(".,")
    if is_when(words) or low in _LONE:
        return True
    first, _, rest = low.partition(" ")
    if first in _DETERMINERS and rest in SUBJECT_PRONOUNS:
        return True  # "according to the they": a typo's words, no one
    if " " in low:
        return False
    # "Speaking", "Adding": a participle left alone ("King", "Boreing" are surnames); "Variously":
    # an adverb ("Carly", "Connolly" are names).
    adverb = not low.endswith(("ing", "ed")) and adverb_or_participle(low)
    return _PARTICIPLE.fullmatch(low) is not None or adverb


def _shorten(words: str) -> str | None:
    """Cut a long speaker to the name at its end or to its head noun phrase."""
    from monitor.quotes.persons import speaker_kind, split_name  # persons builds on this module

    head = words.split(",", 1)[0].strip()
    m = _CUT.search(head)
    cut = head[: m.start()].split() if m else []
    person, role = split_name(head)
    before = head[: head.rfind(person)].split()[-1:] if person and person in head else []
    # "Stephen Vladeck of the University of Texas School of Law": the name opens the phrase;
    # "Chairman of the Joint Chiefs of Staff Gen. Mark Milley": the name ends it.
    personal = person is not None and speaker_kind(person, None) == "person"
    if person and personal and not (before and before[0].lower() in _LINK_WORDS):
        last_title = role.split()[-1] if role else ""
        short = f"{last_title} {person}".strip()
        return short if len(short.split()) <= MAX_WORDS else person
    if cut:
        return " ".join(cut[:MAX_WORDS])
    tokens = head.split()
    return " ".join(tokens[:MAX_WORDS]) if tokens else None
