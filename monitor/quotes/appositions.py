"""Read a speaker's name past what is set off between it and the verb: appositions ("Lael
Brainard, a Fed governor, said"), jobs ("Rob Goldman, President Ascom North America, says"),
relative clauses and opening phrases. speakers.py splits the words before a cue into the
segments read here and passes its own noun-phrase reader (`tail`)."""

from __future__ import annotations

import re
from collections.abc import Callable

from monitor.quotes.lexicon import PLACES, ROLE_NOUNS
from monitor.quotes.opening import place_after_city
from monitor.quotes.plausible import FULL_NAME

Tail = Callable[[str], str]  # the noun phrase ending a segment (speakers._tail_words)

_CAPITALISED = re.compile(r"[A-Z]")
ARTICLE_START = re.compile(r"^(?:a|an|the)\s", re.I)
# "Coan, Santilli's attorney, argues", "Wang Yi, China’s foreign minister, has decried", "Haley,
# Trump's ambassador to the United Nations, said", "Jessica Caldwell, Edmunds' executive
# director, said": someone's role, set off after the name like a description, whatever words
# follow its head.
_ROLE_OF = r"[A-Z][\w.\-]*(?:['’]s|s['’])\s+[a-z][\w\-]*\b"
_DESCRIPTIVE_START = re.compile(
    rf"^(?:(?:a|an|the|who|whose|which|one|another)\b|[a-z0-9]|{_ROLE_OF})"
)
# Phrases set off by commas between a speaker and the verb: relative clauses, appositions,
# circumstances ("Lin, during a visit to Ohio, said").
_INSERTED = re.compile(
    r"^(?:(?:a|an|the|who|whose|which|one|another|in|at|on|during|after|before|while|when|"
    r"speaking|writing|asked|according|like|along|with|without|for|from|under|as|also|too|"
    rf"however|though|then|now|citing|referring)\b|[a-z0-9]|{_ROLE_OF})"
)
RELATIVE = re.compile(r"^(?:who|whose|which)\b")
# A sentence's opening phrase of circumstance, set off before its subject.
_CIRCUMSTANCE = re.compile(
    r"(?:In|On|At|After|Before|During|While|When|Amid|Despite|Following|Under|Since|According) "
)


def relative_of_apposition(segments: list[str], last: str, tail: Tail) -> str:
    """ "Braynard, a South Carolina native who writes": the relative clause is the apposition's,
    and the apposition the name's before it."""
    described = last.rpartition(" ")
    if described[2].lower() == "who" and ARTICLE_START.match(last) and len(segments) >= 2:
        head = tail(segments[-2])
        if _CAPITALISED.match(head):
            return f"{head}, {described[0]}"
    return ""


def before_inserted(segments: list[str], last: str, tail: Tail) -> str:
    """ "Lael Brainard, a Fed governor, said", "Lin, who spoke in Ohio, said": the name comes
    before the phrases set off between it and the verb."""
    j = len(segments) - 1
    while j >= 1 and (
        not segments[j]  # between ")" and ",": "Sen. Ted Cruz (R-Tex.), a Republican, said"
        or _INSERTED.match(segments[j])
        or _place_set_off(segments[j])
        or _within_relative(segments, j)
    ):
        j -= 1
    if j == 0 and len(segments) > 2 and _CIRCUMSTANCE.match(segments[0]):
        j = 1  # "In a reflection of the confusion, the Electoral Commission, which …, issued"
    if j == len(segments) - 1 or not (
        not last or _DESCRIPTIVE_START.match(segments[-1]) or _place_set_off(segments[-1])
    ):
        return ""
    head = tail(segments[j])
    if not head or not (_CAPITALISED.search(head) or RELATIVE.match(segments[j + 1])):
        return ""
    apposition = segments[j + 1]
    return f"{head}, {apposition}" if ARTICLE_START.match(apposition) else head


def name_before_role(segments: list[str], tail: Tail) -> str:
    """ "John Kehoe, Washington correspondent for the Australian Financial Review, said": a job
    set off after a name without an article is the name's, and the name speaks; so is a job in
    a press release's capitals ("Rob Goldman, President Ascom North America, says").

    A company's suffix set off by its own comma ("… for Dräger, Inc., says") is the job's."""
    if len(segments) >= 3 and segments[-1].rstrip(".").lower() in _COMPANY_SUFFIXES:
        segments = segments[:-1]
    job = _ROLE_SET_OFF.match(segments[-1])
    role = job is not None and job.group(1).lower() in ROLE_NOUNS
    if len(segments) < 2 or not (role or _capitalised_role(segments[-1])):
        return ""
    head = tail(segments[-2])
    return head if _FULL_NAME.fullmatch(head) and not head.startswith("The ") else ""


_COMPANY_SUFFIXES = frozenset(("inc", "ltd", "llc", "corp", "co", "plc"))


def _capitalised_role(segment: str) -> bool:
    """Say whether a segment is a job written in capitals, its noun among its first words, and
    the company after it ("President Ascom North America", "Chief Executive Officer")."""
    words = segment.split()
    capitalised = all(w[:1].isupper() or w in ("of", "for", "at", "and", "&") for w in words)
    return capitalised and any(w.lower() in ROLE_NOUNS for w in words[:4])


# A job after a name, up to what it is of: capitalised words, then the job's noun ("Washington
# correspondent for", "CEO of", "Senior Fellow at").
_ROLE_SET_OFF = re.compile(
    r"(?:[A-Z][\w.&’'-]*\s+){0,3}([A-Za-z]+)(?:\s+(?:of|for|at|to|with)\s|$)"
)


def _place_set_off(segment: str) -> bool:
    """Say whether a comma-set segment places the name before it: a state after a city
    ("Columbus, Ohio"), or a lawmaker's state and party ("James M. Inhofe, Oklahoma Republican,
    said", the Washington Times' style; "R-S.C."), which is no speaker of its own."""
    place, _, party = segment.rpartition(" ")
    return (
        place_after_city(segment)
        or (party in _PARTIES and place.lower() in PLACES)
        or _PARTY_STATE.fullmatch(segment) is not None  # "Sen. Lindsey Graham, R-S.C., said"
    )


_PARTIES = frozenset(("Republican", "Democrat"))
_PARTY_STATE = re.compile(r"[DRI]-\s?[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?")


def unclosed_apposition(segments: list[str], tail: Tail) -> str:
    """ "Andrew Farnsworth, a senior researcher at the Cornell Lab of Ornithology told The New
    York Times": an apposition whose closing comma the writer left out."""
    if (
        len(segments) >= 3
        and _UNCLOSED_APPOSITION.match(segments[-2])
        and _LIST_END.match(segments[-1])
    ):
        # "Kurinji Selvaraj, a research analyst at the … Council on Energy, Environment and
        # Water think tank told": the comma is one of a name's list, the apposition goes on.
        segments = [*segments[:-2], f"{segments[-2]}, {segments[-1]}"]
    if len(segments) < 2 or not _UNCLOSED_APPOSITION.match(segments[-1]):
        return ""
    if len(segments[-1].split()) < _APPOSITION_WORDS:
        return ""
    head = tail(segments[-2])
    before = segments[-2][: -len(head)].rstrip() if head else ""
    # Only a name opening its sentence: "Led by X, the rally denounced" and "In an email
    # provided to The Post, the officer said" name no speaker before the description.
    opens = not before or before.endswith((".", "!", "?", "”", '"'))
    if opens and _FULL_NAME.fullmatch(head) and not head.startswith("The "):
        return f"{head}, {segments[-1]}"
    return ""


# An apposition after a name: an article and a lower-case word ("a senior researcher at …").
_UNCLOSED_APPOSITION = re.compile(r"(?:a|an|the) [a-z]")
# "Environment and Water think tank": the last items of a list in a name, then its noun.
_LIST_END = re.compile(r"[A-Z]\w* and [A-Z]\w*(?: [A-Z]\w*)* [a-z]")
_APPOSITION_WORDS = 4  # "Joe Biden, a spokeswoman said, “…”": two words are the speaker
_FULL_NAME = re.compile(FULL_NAME)


def names_the_description(segments: list[str], tail: Tail) -> bool:
    """Say whether the last segment names what the description before it ends with: a name,
    then a description opening with an article, then another name."""
    return (
        len(segments) >= 3
        # "Vladimir Solovyev, editor of Russia’s only independent TV channel, Rain, told": a
        # job written without its article describes as one with it does.
        and (ARTICLE_START.match(segments[-2]) is not None or segments[-2][:1].islower())
        and segments[-1][:1].isupper()
        and not ARTICLE_START.match(segments[-1])
        and bool(_CAPITALISED.match(tail(segments[-3])))
    )


def _within_relative(segments: list[str], j: int) -> bool:
    """Say whether segment j is set off inside a relative clause ("Marco Rubio, whose hometown,
    Miami, is projected to be underwater, argues"): the name there is not the speaker."""
    return j >= 2 and RELATIVE.match(segments[j - 1]) is not None
