"""One article for rule evaluation: its hits placed in fields, sentences, paragraphs on demand."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from itertools import repeat
from operator import itemgetter
from types import MemberDescriptorType
from typing import Any, NamedTuple

from monitor.models import Field, Hit
from monitor.rules.segment import WORDS, count_words, lead_end, paragraph_starts, sentence_starts
from monitor.rules.terms import ScanHit

Span = tuple[int, int, int]


class Mention(NamedTuple):
    """A hit placed in its sentence and paragraph (-1 for the title, its own unit)."""

    hit: Hit
    sentence: int
    paragraph: int


_second = itemgetter(1)


def _slot_setter(cls: type, name: str) -> Callable[[Any, Any], None]:
    """Return the __set__ of a slotted class's member descriptor (bypasses a frozen __setattr__)."""
    descriptor: MemberDescriptorType = vars(cls)[name]
    return descriptor.__set__


_object_new = object.__new__
_set_term, _set_field = _slot_setter(Hit, "term"), _slot_setter(Hit, "field")
_set_start, _set_end = _slot_setter(Hit, "start"), _slot_setter(Hit, "end")
_MENTION, _mention = Mention, tuple.__new__  # tuple.__new__ skips the Python-level __new__


class Doc:
    """One article ready for rule evaluation; hits become per-term-set mentions on demand.

    The scan yields one key tuple per alias variant, shared by all its occurrences, so hits
    are indexed per tuple ("entry") and a word listed in ten groups is placed once. Sentences,
    paragraphs, word counts and Hit/Mention objects are computed the first time a clause
    asks, so topics whose term sets are absent cost nothing beyond the scan.
    """

    __slots__ = (
        "title",
        "text",
        "present",
        "_by_key",
        "_lead_end",
        "_sentences",
        "_paragraphs",
        "_bounds",
        "_merged",
        "_hits",
        "_mentions",
        "_words",
        "_units",
        "memo",
    )

    def __init__(
        self, title: str, text: str, title_hits: list[ScanHit], text_hits: list[ScanHit]
    ) -> None:
        self.title = title
        self.text = text
        # A span is (0 for the title or 1 for the text, start, -end): plain tuple order is then
        # title first, by start, longer first, which is the order every list here keeps.
        # This loop runs once per hit: its look-ups are bound to locals.
        entries: dict[int, list[Span]] = {}
        tuples: dict[int, tuple[str, ...]] = {}
        get, ident = entries.get, id
        for part, found in ((0, title_hits), (1, text_hits)):
            for s, minus_e, keys in found:
                spans = get(ident(keys))
                if spans is None:
                    entries[ident(keys)] = [(part, s, minus_e)]
                    tuples[ident(keys)] = keys
                else:
                    spans.append((part, s, minus_e))
        by_key: dict[str, list[list[Span]]] = {}
        for entry, spans in entries.items():
            for key in tuples[entry]:
                by_key.setdefault(key, []).append(spans)
        self._by_key = by_key
        self.present = by_key.keys()
        self._lead_end = -1 if text_hits else len(text)
        self._sentences: list[int] | None = None
        self._paragraphs: list[int] | None = None
        self._bounds: list[list[int] | None] = [None, None]  # paragraphs, sentences
        self._merged: dict[str, list[Span]] = {}
        self._hits: dict[int | str, tuple[Hit, ...]] = {}  # per entry (id) or merged term set
        self._mentions: dict[int | str, list[Mention]] = {}
        self._words: dict[frozenset[str], int] = {}
        self.memo: dict[object, Any] = {}  # per-article results shared by clauses of all topics
        self._units: tuple[dict[int | str, frozenset[int]], dict[int | str, frozenset[int]]] = (
            {},
            {},
        )

    @property
    def lead_end(self) -> int:
        """Return the offset where the lead (first two paragraphs) stops."""
        if self._lead_end < 0:
            self._lead_end = lead_end(self.text)
        return self._lead_end

    @property
    def sentence_starts(self) -> list[int]:
        if self._sentences is None:
            self._sentences = sentence_starts(self.text)
        return self._sentences

    @property
    def paragraph_starts(self) -> list[int]:
        if self._paragraphs is None:
            self._paragraphs = paragraph_starts(self.text)
        return self._paragraphs

    def bounds(self, unit: str) -> list[int]:
        """Return sentence or paragraph starts but the first 0: bisect_right gives the index.

        Each is split only when asked for: most articles never need their paragraphs.
        """
        index = unit == "sentence"
        found = self._bounds[index]
        if found is None:
            starts = self.sentence_starts if index else self.paragraph_starts
            found = self._bounds[index] = starts[1:]
        return found

    def _spans(self, key: str) -> tuple[int | str, list[Span]]:
        """Return a cache id and the spans of one term set, title first, each once."""
        lists = self._by_key.get(key)
        if not lists:
            return key, []
        if len(lists) == 1:
            return id(lists[0]), lists[0]
        merged = self._merged.get(key)
        if merged is None:
            merged = self._merged[key] = sorted({span for spans in lists for span in spans})
        return key, merged

    def count(self, key: str) -> int:
        """Return how often one term set is mentioned (title and text)."""
        return len(self._spans(key)[1])  # one hit per span

    def hits_of(self, key: str) -> tuple[Hit, ...]:
        """Return the hits of one term set (title first), without placing them in sentences."""
        found = self._hits.get(key)
        if found is not None:
            return found
        cache, spans = self._spans(key)  # an entry shared by several term sets is done once
        found = self._hits.get(cache)
        if found is None:
            title, text = self.title, self.text
            lead_end = self.lead_end if spans else 0
            # _new_hit inlined with the setters bound to locals: this runs once per hit.
            made: list[Hit] = []
            add, new, hit_type = made.append, _object_new, Hit
            set_term, set_field, set_start, set_end = _set_term, _set_field, _set_start, _set_end
            for part, s, e in spans:
                hit = new(hit_type)
                if part == 0:
                    set_term(hit, title[s:-e])
                    set_field(hit, "title")
                else:
                    set_term(hit, text[s:-e])
                    set_field(hit, "lead" if s < lead_end else "body")
                set_start(hit, s)
                set_end(hit, -e)
                add(hit)
            found = tuple(made)
            self._hits[cache] = found
        self._hits[key] = found
        return found

    def hits_in(self, keys: Iterable[str]) -> tuple[Hit, ...]:
        """Return the hits of several term sets, title first then by position, each once."""
        found = [key for key in keys if key in self._by_key]
        if len(found) == 1:
            return self.hits_of(found[0])
        by_span: dict[Span, Hit] = {}  # one hit per span
        for key in found:
            by_span.update(zip(self._spans(key)[1], self.hits_of(key), strict=True))
        return tuple(map(by_span.__getitem__, sorted(by_span)))

    def mentions_of(self, key: str) -> list[Mention]:
        """Return the mentions of one term set placed in sentences and paragraphs."""
        found = self._mentions.get(key)
        if found is not None:
            return found
        cache, spans = self._spans(key)
        found = self._mentions.get(cache)
        if found is None:
            hits = self.hits_of(key)
            n = _title_count(spans)  # title hits come first, in unit -1
            found = [_mention(_MENTION, (h, -1, -1)) for h in hits[:n]] if n else []
            if n < len(hits):
                # bisect_right over the unit starts after the first (always 0) is the unit's
                # index, so every text hit is placed by C-level maps, without a Python loop.
                sentences, paragraphs = self.bounds("sentence"), self.bounds("paragraph")
                text_hits = hits[n:] if n else hits
                starts = list(map(_second, spans[n:] if n else spans))
                found += map(
                    _mention,
                    repeat(_MENTION),
                    zip(
                        text_hits,
                        map(bisect_right, repeat(sentences), starts),
                        map(bisect_right, repeat(paragraphs), starts),
                        strict=True,
                    ),
                )
            self._mentions[cache] = found
        self._mentions[key] = found
        return found

    def units_of(self, key: str, unit: str) -> frozenset[int]:
        """Return the sentences or paragraphs (not the title) where a term set is mentioned.

        Worked out from the spans' starts, without making hits or mentions: most
        co-occurrence clauses fail, and their term sets' hits are then never needed.
        """
        memo = self._units[unit == "sentence"]  # two plain dicts: no key tuple per call
        found = memo.get(key)
        if found is None:
            cache, spans = self._spans(key)
            found = memo.get(cache)
            if found is None:
                n = _title_count(spans)  # title spans come first and are no unit here
                bounds = self.bounds(unit)
                starts = map(_second, spans[n:] if n else spans)
                found = frozenset(map(bisect_right, repeat(bounds), starts))
                memo[cache] = found
            memo[key] = found
        return found

    def in_title(self, key: str) -> bool:
        """Say whether a term set is mentioned in the title (title spans sort first)."""
        spans = self._spans(key)[1]
        return bool(spans) and spans[0][0] == 0

    def unit_field(self, unit: str, index: int) -> Field:
        """Return the field a sentence or paragraph (-1: the title) lies in."""
        if index < 0:
            return "title"
        starts = self.sentence_starts if unit == "sentence" else self.paragraph_starts
        return "lead" if starts[index] < self.lead_end else "body"

    def unit_span(self, unit: str, index: int, keys: Iterable[str]) -> tuple[Field, int, int]:
        """Return the sentences from the first to the last mention of `keys` in one unit.

        Worked out from the spans, as `sentence_span` of the first and last mention would.
        """
        if index < 0:
            return "title", 0, len(self.title)
        if unit == "sentence":
            first = last = self.sentence_starts[index]
        else:
            starts = self.paragraph_starts
            low = (1, starts[index])
            high = (1, starts[index + 1] if index + 1 < len(starts) else len(self.text) + 1)
            first, last = len(self.text), -1
            for key in keys:
                spans = self._spans(key)[1]
                lo, hi = bisect_left(spans, low), bisect_left(spans, high)
                if lo < hi:
                    first, last = min(first, spans[lo][1]), max(last, spans[hi - 1][1])
        sentences = self.sentence_starts
        begin = sentences[bisect_right(sentences, first) - 1]
        after = bisect_right(sentences, last)
        end = sentences[after] if after < len(sentences) else len(self.text)
        return ("lead" if begin < self.lead_end else "body"), begin, end

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

    def unit_count(self, unit: str, fields: frozenset[str]) -> int:
        """Count the sentences or paragraphs in `fields` (a non-empty title is one of each)."""
        total = 1 if "title" in fields and self.title.strip() else 0
        if not self.text.strip() or fields.isdisjoint(("lead", "body")):
            return total
        starts = self.sentence_starts if unit == "sentence" else self.paragraph_starts
        in_lead = bisect_right(starts, self.lead_end - 1) if self.lead_end else 0
        if "lead" in fields:
            total += in_lead
        if "body" in fields:
            total += len(starts) - in_lead
        return total

    def word_count(self, fields: frozenset[str]) -> int:
        """Count words in the given fields (cached; used for densities)."""
        total = self._words.get(fields)
        if total is None:
            total = count_words(self.title) if "title" in fields else 0
            if "lead" in fields and "body" in fields:
                total += count_words(self.text)
            elif "lead" in fields:
                total += count_words(self.text, 0, self.lead_end)
            elif "body" in fields:
                total += count_words(self.text, self.lead_end)
            self._words[fields] = total
        return total


def _title_count(spans: list[Span]) -> int:
    """Count the title spans, which sort before the text ones (part 0 before 1)."""
    return bisect_left(spans, (1,)) if spans and spans[0][0] == 0 else 0


def build_doc(title: str, text: str, title_hits: list[ScanHit], text_hits: list[ScanHit]) -> Doc:
    """Index title and text hits by term set; placement happens on demand."""
    return Doc(title, text, title_hits, text_hits)


def words_between(doc: Doc, first: Mention, second: Mention) -> int:
    """Count the words strictly between two mentions of the same field string."""
    a, b = (first, second) if first.hit.start <= second.hit.start else (second, first)
    if a.hit.end >= b.hit.start:
        return 0
    source = doc.field_text(a.hit.field)
    return len(WORDS.findall(source, a.hit.end, b.hit.start))
