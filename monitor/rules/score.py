"""Score a topic 0..1 from where and how often its term sets occur together."""

from __future__ import annotations

from dataclasses import dataclass

from monitor.rules.evaluate import ALL_FIELDS, Span, mentions_of
from monitor.rules.syntax import Ref
from monitor.rules.text import Doc, Mention

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
    label, weight, group = _closest(found)
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


def _closest(found: list[list[Mention]]) -> tuple[str, float, list[Mention]]:
    """Return the tightest unit shared by every term set, with the mentions in it."""
    titles = [[m for m in f if m.sentence < 0] for f in found]
    if all(titles):
        return TITLE[0], TITLE[1], [t[0] for t in titles]
    for level, attr in ((SENTENCE, "sentence"), (PARAGRAPH, "paragraph")):
        shared = _shared_units(found, attr)
        if shared:
            unit = min(shared)
            group = [next(m for m in f if getattr(m, attr) == unit) for f in found]
            if level is SENTENCE and all(m.hit.field != "body" for m in group):
                return SENTENCE_LEAD[0], SENTENCE_LEAD[1], group
            return level[0], level[1], group
    heads = [[m for m in f if m.hit.field != "body"] for f in found]
    if all(heads):
        return LEAD[0], LEAD[1], [h[0] for h in heads]
    return ARTICLE[0], ARTICLE[1], [f[0] for f in found]


def _shared_units(found: list[list[Mention]], attr: str) -> set[int]:
    """Return the sentence or paragraph numbers (not the title) that hold every term set."""
    sets = [{getattr(m, attr) for m in f if m.sentence >= 0} for f in found]
    return set.intersection(*sets) if sets else set()


def why_line(refs: tuple[Ref, ...], place: Placement, doc: Doc) -> str:
    """Write the one-line reason shown in the digest."""
    names = "+".join(r.name for r in refs)
    if not place.terms:
        missing = [r.name for r in refs if not doc.mentions.get(r.key)]
        return f"{names}: {', '.join(missing)} not mentioned" if missing else names
    counts = ", ".join(f"{r.name}×{len(doc.mentions.get(r.key, ()))}" for r in refs)
    return f"{names} {place.label}: {', '.join(place.terms)} (mentions {counts})"
