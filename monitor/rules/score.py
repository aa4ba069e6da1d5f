"""Score a topic 0..1 from where and how often its term sets occur together."""

from __future__ import annotations

from dataclasses import dataclass

from monitor.rules.document import Doc, Mention
from monitor.rules.evaluate import ALL_FIELDS, Span, mentions_of
from monitor.rules.syntax import Ref

# Closeness of the topic's term sets, best first: (label, weight). Title and lead count more
# because that is where an editor puts what the story is about.
TITLE, SENTENCE_LEAD, SENTENCE, PARAGRAPH, LEAD, ARTICLE = (
    ("in the title", 1.0),
    ("in one sentence of the lead", 0.9),
    ("in one sentence", 0.75),
    ("in one paragraph", 0.6),
    ("in the title and lead", 0.5),
    ("in the article", 0.3),
)
PLACE_WEIGHT = 0.75  # the rest of the score rewards repeated mentions
FULL_COUNT = 5  # mentions of a term set that earn the full frequency share


@dataclass(frozen=True, slots=True)
class Placement:
    """The best place the term sets met, the score, and the sentence that showed it."""

    label: str
    score: float
    span: Span | None
    terms: tuple[str, ...]


def placement(refs: tuple[Ref, ...], doc: Doc) -> Placement:
    """Find the closest co-occurrence of all `refs` and score it with mention counts."""
    found = [mentions_of(r, doc, ALL_FIELDS) for r in refs]
    if not refs or not all(found):
        return Placement("not all mentioned", 0.0, None, ())
    label, weight, group = _closest(refs, found, doc)
    frequency = sum(min(1.0, len(f) / FULL_COUNT) for f in found) / len(found)
    score = round(PLACE_WEIGHT * weight + (1 - PLACE_WEIGHT) * frequency, 3)
    span = None
    if group and label in (SENTENCE_LEAD[0], SENTENCE[0], PARAGRAPH[0]):
        first = min(group, key=lambda m: m.hit.start)
        last = max(group, key=lambda m: m.hit.start)
        name, start, _ = doc.sentence_span(first)
        end = doc.sentence_span(last)[2]
        span = (name, start, end)
    terms = tuple(dict.fromkeys(m.hit.term for m in group)) if group else ()
    return Placement(label, score, span, terms)


def _closest(
    refs: tuple[Ref, ...], found: list[list[Mention]], doc: Doc
) -> tuple[str, float, list[Mention]]:
    """Return the tightest unit shared by every term set, with the mentions in it.

    Mentions come title first, then in text order, so a term set's first mention tells
    whether it is in the title (or in the title or lead).
    """
    firsts = [f[0] for f in found]
    if all(m.sentence < 0 for m in firsts):
        return TITLE[0], TITLE[1], firsts
    for level, attr in ((SENTENCE, "sentence"), (PARAGRAPH, "paragraph")):
        sets = [doc.units_of(r.key, attr) for r in refs]
        shared = sets[0].intersection(*sets[1:])
        if shared:
            unit = min(shared)
            group = [next(m for m in f if getattr(m, attr) == unit) for f in found]
            if level is SENTENCE and all(m.hit.field != "body" for m in group):
                return SENTENCE_LEAD[0], SENTENCE_LEAD[1], group
            return level[0], level[1], group
    if all(m.hit.field != "body" for m in firsts):
        return LEAD[0], LEAD[1], firsts
    return ARTICLE[0], ARTICLE[1], firsts


def why_line(refs: tuple[Ref, ...], place: Placement, doc: Doc) -> str:
    """Write the one-line reason shown in the digest."""
    names = "+".join(r.name for r in refs)
    if not place.terms:
        missing = [r.name for r in refs if r.key not in doc.present]
        return f"{names}: {', '.join(missing)} not mentioned" if missing else names
    counts = ", ".join(f"{r.name}×{doc.count(r.key)}" for r in refs)
    return f"{names} {place.label}: {', '.join(place.terms)} (mentions {counts})"
