"""Rank the earlier names a "he" or "she" can refer to: a linear score over cheap features.

The weights are fitted by `bench/tune_resolver.py` on half of PolNeAR train (a softmax over each
pronoun's candidates, labelled by the annotated name) and checked on the other half and on dev.
Every feature is something a reader uses: how recently the name came up, whether it was the
subject of its sentence or had just spoken, whether it is a person of the right gender.
"""

from __future__ import annotations

import bisect
import math
import operator
import re
from dataclasses import dataclass

FEATURES = (
    "rank",  # distinct names mentioned since, capped at 8
    "first",  # the nearest name of all
    "subject",  # opened a sentence or spoke within reach
    "latest_subject",  # its nearest mention opened a sentence or spoke
    "subjects_since",  # for a subject: nearer names that were subjects, capped at 5
    "person",  # looks like a person's name
    "agrees",  # known gender equals the pronoun's
    "unknown",  # gender not known
    "count",  # log of its mentions so far
    "here",  # mentioned in the pronoun's paragraph
    "previous",  # mentioned in the paragraph before
    "last_speaker",  # the speaker of the last attributed quotation
    "spoke",  # has spoken before in this article
    "same_sentence",  # mentioned earlier in the pronoun's own sentence
    "distance",  # log of the characters back to its nearest mention
    "second",  # the second nearest name
    "talks",  # its nearest mention is followed by a reporting verb
    "opens_here",  # the first name of the pronoun's paragraph
    "opens_previous",  # the first name of the paragraph before
    "subject_order",  # other names that opened a sentence since this one last did, capped at 4
    "recent_subject",  # the last name to open a sentence or speak
    "fresh_opener",  # opens the paragraph before, and the pronoun's paragraph names no one
    "fresh_recent",  # the last subject, and the pronoun's paragraph names no one
    "fresh_first",  # the nearest name, and the pronoun's paragraph names no one
)

# Fitted by bench/tune_resolver.py; rerun it after changing a feature.
WEIGHTS: dict[str, float] = {
    "rank": -0.34,
    "first": -0.71,
    "subject": 0.62,
    "latest_subject": 0.06,
    "subjects_since": -0.06,
    "person": 1.44,
    "agrees": 0.41,
    "unknown": -0.41,
    "count": -0.37,
    "here": 1.72,
    "previous": 0.78,
    "last_speaker": -0.33,
    "spoke": 0.38,
    "same_sentence": -0.49,
    "distance": 0.12,
    "second": 0.12,
    "talks": 0.50,
    "opens_here": 0.52,
    "opens_previous": 0.26,
    "subject_order": -0.14,
    "recent_subject": 0.47,
    "fresh_opener": 0.59,
    "fresh_recent": -0.10,
    "fresh_first": 0.01,
}


_WEIGHTS = tuple(WEIGHTS[k] for k in FEATURES)


@dataclass(slots=True)
class Candidate:
    """One earlier name that a pronoun could refer to, with what makes it likely."""

    name: str
    rank: int  # how many other names were mentioned since
    distance: int = 0  # characters back to the nearest mention
    count: int = 0
    person: bool = False
    gender: str | None = None
    here: bool = False
    previous: bool = False
    subject: bool = False
    latest_subject: bool = False
    subjects_since: int = 0
    last_speaker: bool = False
    spoke: bool = False
    same_sentence: bool = False
    place: bool = False  # a place or a weekday: never "he", so never weighed
    talks: bool = False
    opens_here: bool = False
    opens_previous: bool = False
    subject_order: int | None = None  # None: never a subject within reach
    fresh: bool = False  # the pronoun's paragraph names no one before it

    def features(self, want: str) -> tuple[float, ...]:
        """Return the feature values, in the order of FEATURES, for a pronoun of gender `want`."""
        return (
            min(self.rank, 8),  # rank
            float(self.rank == 0),  # first
            float(self.subject),  # subject
            float(self.latest_subject),  # latest_subject
            min(self.subjects_since, 5) * self.subject,  # subjects_since
            float(self.person),  # person
            float(self.gender == want),  # agrees
            float(self.gender is None),  # unknown
            math.log1p(self.count),  # count
            float(self.here),  # here
            float(self.previous),  # previous
            float(self.last_speaker),  # last_speaker
            float(self.spoke),  # spoke
            float(self.same_sentence),  # same_sentence
            math.log1p(self.distance),  # distance
            float(self.rank == 1),  # second
            float(self.talks),  # talks
            float(self.opens_here),  # opens_here
            float(self.opens_previous),  # opens_previous
            4 if self.subject_order is None else min(self.subject_order, 4),  # subject_order
            float(self.subject_order == 0),  # recent_subject
            float(self.fresh and self.opens_previous),  # fresh_opener
            float(self.fresh and self.subject_order == 0),  # fresh_recent
            float(self.fresh and self.rank == 0),  # fresh_first
        )

    def score(self, want: str, weights: tuple[float, ...] | None = None) -> float:
        """Return the weighted sum of the features (the fitted WEIGHTS unless given others)."""
        return float(sum(map(operator.mul, weights or _WEIGHTS, self.features(want))))


def ordered(found: dict[str, Candidate], openers: list[str | None]) -> list[Candidate]:
    """Finish the candidates' features that need all of them: paragraph openers, subject counts.

    `found` holds the candidates by key, nearest first; `openers` the keys of the first name of
    the pronoun's paragraph and of the one before (None: none)."""
    if openers[0]:
        found[openers[0]].opens_here = True
    if openers[1]:
        found[openers[1]].opens_previous = True
    subjects = 0
    for c in found.values():
        c.fresh = openers[0] is None
        c.subjects_since = subjects
        subjects += c.subject
    return list(found.values())


# A sentence opened by "he" or "she", after a linking word ("And he seemed", "But she").
_OPENS_WITH = {
    g: re.compile(r"(?:(?:and|but|so|then|yet|now|also)\s+)*" + w + r"\s", re.I)
    for g, w in (("m", "he"), ("f", "she"))
}
_CHAIN = 4  # sentences a run of "He …. He …." is followed back
# A sentence that opens with the bare pronoun: unlike _OPENS_WITH, "But he did say" is not one,
# which on real news keeps Zelensky the "he" of "He stopped short …. But he did say …".
_LEADS = {"m": "He ", "f": "She "}


def chain_head(text: str, stops: list[int], want: str, at: int) -> int:
    """Return where a run of sentences each opened by the same pronoun begins.

    "He lambasted the deal negotiated by President Obama, who …. He pledged to …": the
    sentences go on with one subject, so the second "he" is whoever the first one is,
    not the name the first sentence mentions in passing.
    """
    pattern, back = _OPENS_WITH[want], 3 if want == "m" else 4  # back: "he " or "she "
    k = bisect.bisect_right(stops, at) - 1
    opened = pattern.match(text, stops[k])
    if opened is None or opened.end() - back != at:
        return at  # the pronoun does not open its sentence
    for _ in range(_CHAIN):
        before = pattern.match(text, stops[k - 1]) if k >= 1 else None
        if before is None:
            break
        k -= 1
        at = before.end() - back
    return at


def led_by(text: str, stops: list[int], start: int, want: str) -> bool:
    """Say whether the sentence holding offset `start` opens with "He" (want "m") or "She"."""
    begins = stops[bisect.bisect_right(stops, start) - 1]
    return text.startswith(_LEADS[want], begins) and begins < start
