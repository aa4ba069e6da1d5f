"""The subject that opens a sentence, after its opening phrases ("On Friday, ", "As he has
before, ", a dateline): a name, a description of a person ("The retired neurosurgeon"), or a
pronoun. speakers.py cuts speakers out around a cue; these read a sentence from its start."""

from __future__ import annotations

import re

from monitor.quotes.eastasian import surname_he
from monitor.quotes.lexicon import DEMONYMS, PLACES, ROLE_NOUNS
from monitor.quotes.names import adverb_or_participle
from monitor.quotes.plausible import FULL_NAME, PRONOUNS, SPEAKER_NOUNS, is_named, people_plural
from monitor.quotes.tidy import MONTHS, WEEKDAYS

_split = str.split  # word lists are written as text, one readable line each


OWNERS = frozenset(["his", "her", "its", "their"])


# "Ohio", "Calif.", "D.C." after a city; "D-MA", "R-Tex." after a lawmaker: never the speaker.
_STATE_ABBREVIATION = re.compile(
    r"^(?:[A-Z][a-z]{1,4}\.|[A-Z]\.[A-Z]\.|D\.C\.|[DRI]-[A-Z][A-Za-z]{1,4}\.?)$"
)


def place_after_city(segment: str) -> bool:
    """Say whether a comma-set segment is a state or country after a city (Columbus, Ohio)."""
    return segment.lower().rstrip(".") in PLACES or bool(_STATE_ABBREVIATION.match(segment))


_INTRO = re.compile(
    r"^(?:(?:at|in|on|during|after|before|when|while|earlier|later|last|this|speaking|asked|"
    r"since|following|as|with|for|from|early|late|despite|amid|amidst|although|though|because|"
    r"if|unless|until|by|under|among|across|through|over|within|without|like|unlike|once|"
    # "When told Perez was in … a potential Clinton White House, Bush": a clause may run long.
    r"whether|upon|throughout|beyond|alongside|besides|beside|against|toward|towards)\b[^,]{0,160}"
    # "About five minutes after the briefing concluded,", "Two days later,": a span of time.
    r"|(?:(?:about|some|nearly|roughly|just|only|barely)\s+)?(?:[a-z]+\s+|\d+\s+)?"
    r"(?:seconds|minutes|hours|days|weeks|months|years|moments)\s+"
    r"(?:after|before|later|earlier|into|ago)\b[^,]{0,160}"
    # "But in 2008,", "Here in Columbia,": a conjunction or an adverb opens a phrase only with
    # a preposition; "And then Trump went on the attack, saying" is the main clause itself.
    r"|(?:but|and|yet|still|meanwhile|however|instead|then|now|also|again|finally|moreover|"
    # "Back in 1999, Mr. Trump expressed": "back" before a time, like "earlier".
    r"indeed|specifically|besides|here|there|back)(?:\s+(?:then|now|again|also|so))?"
    r"(?:\s+(?:at|in|on|during|after|before|when|while|since|as|with|for|from|by|under|amid|"
    r"earlier|later|last|this)\b[^,]{0,70})?),\s*",
    re.I,
)


# "And then Trump went on the attack", "So Cruz said": linking words join the sentence to the
# one before; the subject follows them.
_CONJUNCTION = re.compile(
    r"^(?:and|but|so|yet|then)\s+(?:(?:and|but|so|yet|then|now|also)\s+)*(?=\w)", re.I
)


# "WASHINGTON, Dec. 8 (UPI) — ": the place a story was filed from, never its subject; with a
# hyphen, only a place of three words at most ("MANCHESTER, N.H. - "), as a roundup's heading
# in capitals is set off by one too ("IOWA POLLS NOT NECESSARILY WRONG - Mark Blumenthal:").
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.’' ]+\b(?:,[^—–\n]{0,40})?\s*(?:\([^)]{1,20}\))?\s*[—–]"
    r"|[A-Z][A-Z.’']+(?: [A-Z][A-Z.’']+){0,2}(?:,[^—–\n-]{0,40}?)?\s*(?:\([^)]{1,20}\))?\s*-(?=\s))"
    r"\s*"
)


OPENERS = frozenset(
    _split(
        "As Then There Here Hours Days Weeks Months Years From To Reached Citing Given Despite "
        "Like Unlike Among Although Though If Once Now So Even Only Just Still Yet Many Some Most "
        "All Both Each Few Several Such What Why How Where Who When Asked It This That Those "
        "These Other Another Instead Today Yesterday Tonight After Before During Since Until "
        "Following Despite Without Upon Much Not Never Nobody Everyone Everybody Amid Early Late "
        "Over Under Through Across Within Throughout Beyond While Because Unless Whether Whatever "
        "Whoever Whichever Whenever Wherever "
        # Imperatives open a sentence whose subject is the reader ("Leave DC or New York, …
        # find a random guy … and ask").
        "Leave Imagine Consider Remember Ask Tell Think Try Forget"
    )
)


# Words a sentence opens with that are no name ("The", "Amid", "Hours"): the openers the speaker
# rules know, and those only a name list meets ("He", "Said", "Former").
SKIP_FIRST = OPENERS | frozenset(
    _split(
        "The A An But And In On At He She They We I His Her Their Our Meanwhile However "
        "Also For With Said According Last Next Would Will Could Should Can Does Did Is Are Was "
        "Were Has Have Had Former Acting Deputy Retired Senior Top Veteran Longtime Of One "
        "Against Into About Around Between Every No Any Nor Neither Either More "
        "Less Little Part Half Minutes First Second Third Finally Earlier Later Two Three Four "
        "Five Six Seven Eight Nine Ten Dozens Hundreds Thousands Millions Near Be Let Take Look "
        "Watch See Please Eleven Twelve Thirteen Fourteen Fifteen Twenty Thirty Forty Fifty "
        "Outside Inside Beside Behind Beneath Below Above Along Alongside Toward Towards Via"
    )
)
# Adverbs of doubt, "By" and interjections open a sentence, never a name ("Maybe Trump is", "By
# Sanders's own argument", a transcript's "ALLAN NAIRN: Oh, and he attacks the press"); unlike
# "The" or "Former", no speaker's words hold them either.
NEVER_SPEAKS = frozenset(
    _split(
        "Maybe Perhaps Probably Possibly Surely Certainly By Oh Ah Yes Yeah Well Okay Wow Hey "
        "Alas Um Uh"
    )
)
SKIP_FIRST |= NEVER_SPEAKS


_OWNED = ("’s", "'s")  # a possessive's ending, two characters either way
_ACRONYM_VERB = re.compile(r"[A-Z]{2,}(?:ed|ing|'d|’d)")  # "DMed", "OK'd": a verb, no name
_NP_STOP = frozenset(
    [
        f"{w}{a}t"
        for w in _split(
            "didn doesn don wasn isn won can couldn wouldn hasn haven hadn weren aren shouldn"
        )
        for a in "’'"
    ]
    + _split(
        "is was are were has had have will would could should can may might did does do not also "
        "then who which that and but or to of in on at for by with as from said says told never "
        "meanwhile however"
    )
)


# "In May 2011 Walesa declined", "On Tuesday Trump said": a date opening a sentence with no
# comma after it, then the capitalised subject.
_TIME_NO_COMMA = re.compile(
    rf"^(?:In|On|By|Since|During|Last|Early|Until)\s+(?:(?:early|late|mid)\s+)?"
    rf"(?:(?:{MONTHS}|{WEEKDAYS}|\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?),?\s+){{1,3}}(?=[A-Z])"
)


# The rest of a list the opening phrase's comma cut: "In pieces for the Jewish News Syndicate,
# Asia Times, Politcalite, and Middle East Online, the network cast": the subject follows its
# "and" item.
_LIST_REST = re.compile(r"(?:[^,\n]{1,60},\s+){0,5}(?:and|or)\s+[^,\n]{1,60},\s+")


# The date after an opening phrase's weekday, set off by its own commas: "On Friday, Aug. 15,
# Meloni joined", "on Tuesday, Nov. 3, 2020, Trump said".
_DATE_REST = re.compile(
    rf"(?:(?:{MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{4}})(?:,\s+\d{{4}})?,\s+"
)


def without_intro(sentence: str) -> str:
    """Return a sentence without its opening phrases ("As he has before, ", "On Friday, ")."""
    # Both patterns are anchored at the start and never match nothing: a match is cut off the
    # front, and a sentence with no opening phrase is not copied or split.
    if sentence[:1] in "AaBbSsYyTt":  # a cheap look before the pattern: most open otherwise
        linked = _CONJUNCTION.match(sentence)
        sentence = sentence[linked.end() :] if linked else sentence
    for _ in range(3):  # "In Ames, Iowa, on Sunday, Mrs. Clinton": each phrase, then the state
        opening = _INTRO.match(sentence)
        if opening is None:
            break
        sentence = sentence[opening.end() :]
        dated = _DATE_REST.match(sentence)  # "On Friday, Aug. 15, Meloni joined"
        sentence = sentence[dated.end() :] if dated else sentence
        listed = _LIST_REST.match(sentence)
        sentence = sentence[listed.end() :] if listed else sentence
        head, comma, after = sentence.partition(", ")
        if comma and place_after_city(head):
            sentence = after  # the state after a city the opening phrase named
    return sentence


def sentence_subject(sentence: str) -> str:
    """Return the noun phrase that opens a sentence, after any introductory phrase."""
    sentence = without_intro(_DATELINE.sub("", sentence.lstrip(" “\"'‘(—–-"), count=1))
    if sentence[:1] in "IOBSDLEU":  # a cheap look before the pattern
        sentence = _TIME_NO_COMMA.sub("", sentence, count=1)
    words: list[str] = []
    for word in sentence.split()[:10]:
        clean = word.strip(",;:")
        low = clean.lower()
        if not clean or not clean[0].isalnum():
            break
        if words and _ACRONYM_VERB.fullmatch(clean):
            break  # "WikiLeaks DMed Don Jr. again": an acronym made a verb ends the subject
        if words and clean[0].islower() and low.endswith(_OWNED) and len(low) > 4:
            # "The Florida senator’s answer was that “…”": the owner of what was said speaks;
            # the possessive is not a verb's -s ("The Florida" was left).
            words.append(clean[:-2])
            break
        if clean[0].islower() and (
            low in _NP_STOP
            or low.endswith(("ed", "ing"))
            or words
            and low.endswith("s")
            and not low.endswith("ss")
        ):
            break
        words.append(clean)
        if clean != word:
            break
    head = words[-1].lower() if words and words[-1][:1].islower() else ""
    if head in _TITLE_HEADS or head in SPEAKER_NOUNS:
        # "Obama’s secretary of state, John Kerry, blasted": the name set off after a role is
        # who the role is, and the one who speaks.
        end = len(" ".join(sentence.split()[: len(words)]).rstrip(","))
        named = _NAME_SET_OFF.match(sentence, end)
        if named:
            return named.group(1)
    if words and words[0].lower() in OWNERS and words[-1].lower() in SPEAKER_NOUNS:
        return " ".join(words)  # "His chief aide doubled down": the aide speaks, not "his"
    if (
        words
        and words[0].lower() in PRONOUNS
        and not surname_he(words[0], words[1] if len(words) > 1 else "")
    ):
        return words[0]
    if words and (words[0] in OPENERS or adverb_or_participle(words[0])):
        return ""  # "Variously called “principled realism”": an adverb opens, no one speaks
    if len(words) == 1 and words[0].lower() in DEMONYMS and not words[0].isupper():
        return _people(sentence)
    phrase = " ".join(words)
    if words and words[-1].lower() in _TITLE_HEADS:
        # "Former US secretary of state Madeleine Albright": the title runs on to the name.
        rest = _TITLE_RUN_RE.match(sentence, len(" ".join(sentence.split()[: len(words)])))
        if rest:
            phrase += rest.group()
    return phrase if is_named(phrase) else ""


def _people(sentence: str) -> str:
    """Return a people's word and the plural noun of persons after it that open a sentence
    ("Russian diplomats now call"), or nothing: the word alone is an adjective ("American
    negotiators are left with … purchases “…”" gave the speaker "American")."""
    words = sentence.split()[:2]
    plural = words[-1].strip(",;:") if len(words) == 2 else ""
    singular = plural[:-1].lower()
    persons = singular in ROLE_NOUNS or singular in SPEAKER_NOUNS or people_plural(plural.lower())
    return f"{words[0]} {plural}" if plural.endswith("s") and persons else ""


_TITLE_HEADS = frozenset(
    _split(
        "secretary president minister director chairman chairwoman chair head chief spokesman "
        "spokeswoman spokesperson ambassador adviser advisor governor senator leader officer"
    )
)


# The rest of a role ("of state") and a full name set off by commas after it.
_NAME_SET_OFF = re.compile(rf"(?:\s+(?:of|for)\s+[^,]{{1,40}})?,\s+({FULL_NAME}),")

# The rest of a title ("of state", "for news and talk", "to the UN") and the name after it.
_TITLE_RUN_RE = re.compile(rf"\s+(?:of|for|to)\s+(?:[a-z]+\s+){{0,3}}?{FULL_NAME}")


# An article, a few lowercase words and a person's noun (a role; a trade in -ist, -ian, -surgeon).
_DESCRIBED = re.compile(r"(?:The|the|A|a|An|an)(?: [a-z][a-z\-]+){1,4}(?=[ ,])")


def described_subject(sentence: str) -> str:
    """Return a description of a person opening a sentence ("The retired neurosurgeon")."""
    m = _DESCRIBED.match(without_intro(sentence.lstrip()))
    words = m.group().split() if m else []
    for k in range(1, len(words)):
        head = words[k].lower()
        if head in _NP_STOP:
            return ""
        singular = head[:-1] if head.endswith("s") and not head.endswith("ss") else head
        if singular in ROLE_NOUNS or singular.endswith(("ist", "ian", "surgeon")):
            return " ".join(words[: k + 1])
    return ""


def opens_clause(text: str, start: int) -> bool:
    """Say whether a mention opens its sentence, clause or paragraph (likely a subject)."""
    # Read in place: a slice of the three characters before would be built for every name.
    # A negative start would count from the end: the first characters are read from 0.
    begin = start - 3 if start > 3 else 0
    # "\n— Continue fracking": an item of a list opens like a sentence.
    return start == 0 or text.endswith(_CLAUSE_ENDS, begin, start)


_CLAUSE_ENDS: tuple[str, ...] = ("\n", ". ", "; ", ": ", "“", '"', "\n— ", "\n- ", "\n• ")
# A sentence after a quotation's full stop, a question or an exclamation ("…counted.” Fortunately").
_CLAUSE_ENDS += (".” ", '." ', "? ", "! ", "?” ", "!” ")
