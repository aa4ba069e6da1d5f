"""An article cut into fields, paragraphs and sentences, with every hit placed in them."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from monitor.models import Field, Hit
from monitor.rules.terms import RawHit

LEAD_PARAGRAPHS = 2

# A sentence ends at . ! ? (plus closing quotes) before whitespace, at a CJK full stop, or at a
# line break; a full stop right after an abbreviation ("U.S.", "Mr.", an initial) does not.
_STOP = re.compile("[.!?\n\u3002\uff01\uff1f]")
_CLOSERS = re.compile("[\"'\u201d\u2019\u00bb)\\]]*\\s*")
_ABBREVIATION = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|No|U\.[SNK])|\b[A-Z])$")
_PARAGRAPH_END = re.compile(r"\n\s*")
# Words for NEAR distances and densities: each CJK character counts as one word.
WORDS = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W_]+")


@dataclass(frozen=True, slots=True)
class Mention:
    """A hit placed in its sentence and paragraph (-1 for the title, its own unit)."""

    key: str
    hit: Hit
    sentence: int
    paragraph: int


@dataclass(slots=True)
class Doc:
    """One article ready for rule evaluation; mentions are grouped by term-set key."""

    title: str
    text: str
    lead_end: int
    sentence_starts: list[int]
    mentions: dict[str, list[Mention]]
    _words: dict[str, int] = field(default_factory=dict)

    def field_text(self, name: Field) -> str:
        """Return the string a hit of field `name` indexes into."""
        return self.title if name == "title" else self.text

    def sentence_span(self, mention: Mention) -> tuple[Field, int, int]:
        """Return (field, start, end) of the sentence holding `mention`."""
        if mention.sentence < 0:
            return "title", 0, len(self.title)
        starts = self.sentence_starts
        end = starts[mention.sentence + 1] if mention.sentence + 1 < len(starts) else len(self.text)
        return mention.hit.field, starts[mention.sentence], end

    def word_count(self, fields: frozenset[str]) -> int:
        """Count words in the given fields (cached; used for densities)."""
        key = ",".join(sorted(fields))
        if key not in self._words:
            total = len(WORDS.findall(self.title)) if "title" in fields else 0
            if "lead" in fields:
                total += len(WORDS.findall(self.text, 0, self.lead_end))
            if "body" in fields:
                total += len(WORDS.findall(self.text, self.lead_end))
            self._words[key] = total
        return self._words[key]


def _lead_end(text: str) -> int:
    """Return the offset where the lead (first LEAD_PARAGRAPHS paragraphs) stops."""
    seen = 0
    for match in _PARAGRAPH_END.finditer(text):
        if match.start() == 0:
            continue  # leading blank lines are not a paragraph
        seen += 1
        if seen == LEAD_PARAGRAPHS:
            return match.end()
    return len(text)


def _sentence_starts(text: str) -> list[int]:
    """Return the offsets where the second and later sentences of `text` start."""
    starts: list[int] = []
    size = len(text)
    for match in _STOP.finditer(text):
        at = match.start()
        after = _CLOSERS.match(text, at + 1).end()  # type: ignore[union-attr]
        if after >= size or (after == at + 1 and text[at] in ".!?"):
            continue  # end of text, or "3.5" / "U.S.-led": no space after the stop
        if text[at] == "." and _ABBREVIATION.search(text, max(0, at - 4), at):
            continue
        if not text[after - 1].isspace() and text[at] in ".!?":
            continue
        if not starts or starts[-1] != after:
            starts.append(after)
    return starts


def build_doc(title: str, text: str, title_hits: list[RawHit], text_hits: list[RawHit]) -> Doc:
    """Place title and text hits in fields, sentences and paragraphs."""
    lead_end = _lead_end(text) if text_hits else len(text)
    mentions: dict[str, list[Mention]] = {}
    for raw in title_hits:
        hit = Hit(raw.term, "title", raw.start, raw.end)
        mentions.setdefault(raw.key, []).append(Mention(raw.key, hit, -1, -1))
    starts: list[int] = [0]
    if text_hits:
        starts += _sentence_starts(text)
        paragraphs = [0] + [m.end() for m in _PARAGRAPH_END.finditer(text)]
        for raw in text_hits:
            name: Field = "lead" if raw.start < lead_end else "body"
            hit = Hit(raw.term, name, raw.start, raw.end)
            sentence = bisect_right(starts, raw.start) - 1
            paragraph = bisect_right(paragraphs, raw.start) - 1
            mentions.setdefault(raw.key, []).append(Mention(raw.key, hit, sentence, paragraph))
    return Doc(title, text, lead_end, starts, mentions)


def words_between(doc: Doc, first: Mention, second: Mention) -> int:
    """Count the words strictly between two mentions of the same field string."""
    a, b = (first, second) if first.hit.start <= second.hit.start else (second, first)
    if a.hit.end >= b.hit.start:
        return 0
    source = doc.field_text(a.hit.field)
    return len(WORDS.findall(source, a.hit.end, b.hit.start))
