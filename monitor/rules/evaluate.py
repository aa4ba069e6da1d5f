"""Evaluate a rule's syntax tree over one placed article, keeping evidence and failures."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Literal, NamedTuple

from monitor.models import Field
from monitor.rules.document import Doc, Mention, words_between
from monitor.rules.syntax import And, CoOccur, Count, Near, Node, Not, Or, Ref, Scoped

ALL_FIELDS: frozenset[str] = frozenset({"title", "lead", "body"})
SCOPES: dict[str, frozenset[str]] = {
    "title": frozenset({"title"}),
    "lead": frozenset({"lead"}),
    "body": frozenset({"body"}),
    "text": frozenset({"lead", "body"}),
}
MAX_EVIDENCE = 3
Span = tuple[Field, int, int]


class Outcome(NamedTuple):
    """What one clause found: whether it held, the mentions and sentences behind that.

    `mentions` holds mentions (sequences shared with the article's cache, never copied, or
    InUnits), or the key of a term set whose mentions anywhere in the article are meant: only
    NOT looks inside them, to name what excluded an article, so most clauses place none.
    """

    ok: bool
    mentions: tuple[Iterable[Mention] | str, ...] = ()
    evidence: tuple[Span, ...] = ()
    failed: str | None = None


def evaluate(node: Node, doc: Doc, fields: frozenset[str] = ALL_FIELDS) -> Outcome:
    """Evaluate `node` over `doc`, looking only at mentions in `fields`."""
    handler = _HANDLERS.get(type(node))
    if handler is None:
        raise TypeError(f"unknown rule node {type(node).__name__}")
    return handler(node, doc, fields)


def _scoped(node: Scoped, doc: Doc, fields: frozenset[str]) -> Outcome:
    inner = evaluate(node.item, doc, fields & SCOPES[node.field])
    if inner.ok or inner.failed is None:
        return inner
    return Outcome(False, inner.mentions, inner.evidence, _in(node.field, inner.failed))


def mentions_of(ref: Ref, doc: Doc, fields: frozenset[str]) -> list[Mention]:
    """Return the mentions of a term set inside `fields`."""
    found = doc.mentions_of(ref.key)
    if fields is ALL_FIELDS or fields == ALL_FIELDS:  # identity first: the usual case
        return found
    return [m for m in found if m.hit.field in fields]


def _in(field: str, failed: str) -> str:
    """Say in which field a clause failed."""
    return failed if failed.endswith(f"in {field}") else f"{failed} in {field}"


def _ref(node: Ref, doc: Doc, fields: frozenset[str]) -> Outcome:
    if fields is ALL_FIELDS:
        found: Sequence[Mention] | str | None = node.key if node.key in doc.present else None
    else:
        found = mentions_of(node, doc, fields)
    if found:
        return Outcome(True, (found,))
    return Outcome(False, failed=f"{node.src}: not mentioned")


def _and(node: And, doc: Doc, fields: frozenset[str]) -> Outcome:
    mentions: list[Iterable[Mention] | str] = []
    evidence: list[Span] = []
    for item in node.items:
        result = evaluate(item, doc, fields)
        if not result.ok:
            return Outcome(False, tuple(mentions), tuple(evidence), result.failed)
        mentions += result.mentions
        evidence += result.evidence
    return Outcome(True, tuple(mentions), tuple(evidence))


def _or(node: Or, doc: Doc, fields: frozenset[str]) -> Outcome:
    reasons: list[str] = []
    for item in node.items:
        result = evaluate(item, doc, fields)
        if result.ok:
            return result
        reasons.append(result.failed or item.src)
    return Outcome(False, failed="none of: " + "; ".join(reasons))


def _not(node: Not, doc: Doc, fields: frozenset[str]) -> Outcome:
    inner = evaluate(node.item, doc, fields)
    if not inner.ok:
        return Outcome(True)
    found = (
        hit.term
        for chunk in inner.mentions
        for hit in (doc.hits_of(chunk) if isinstance(chunk, str) else (m.hit for m in chunk))
    )
    terms = ", ".join(dict.fromkeys(found)) or "it holds"
    return Outcome(False, inner.mentions, inner.evidence, f"{node.src}: excluded ({terms})")


def _near(node: Near, doc: Doc, fields: frozenset[str]) -> Outcome:
    lefts = mentions_of(node.left, doc, fields)
    rights = mentions_of(node.right, doc, fields)
    pairs: list[tuple[Mention, Mention]] = []
    for a in lefts:
        for b in rights:
            if (a.hit.field == "title") != (b.hit.field == "title") or a.hit == b.hit:
                continue
            if words_between(doc, a, b) <= node.distance:
                pairs.append((a, b))
                break
        if len(pairs) >= MAX_EVIDENCE:
            break
    if not pairs:
        why = "one side not mentioned" if not (lefts and rights) else "never that close"
        return Outcome(False, failed=f"{node.src}: {why}")
    mentions = [m for pair in pairs for m in pair]
    evidence = tuple(dict.fromkeys(_pair_span(doc, a, b) for a, b in pairs))
    return Outcome(True, (mentions,), evidence)


def _pair_span(doc: Doc, a: Mention, b: Mention) -> Span:
    """Return the sentence (or run of sentences) holding both mentions."""
    first, second = (a, b) if a.hit.start <= b.hit.start else (b, a)
    name, start, _ = doc.sentence_span(first)
    _, _, end = doc.sentence_span(second)
    return name, start, end


def units_with_all(node: CoOccur, doc: Doc, fields: frozenset[str]) -> list[int]:
    """Return the sentences/paragraphs (-1: the title) in `fields` holding every term set.

    Topics often share a co-occurrence (SENTENCE(nato, russia)); it is worked out once per
    article from the term sets' spans, before any mention is placed: most are never found.
    """
    keys = tuple(r.key for r in node.refs)
    memo_key = (node.unit, keys)
    shared = doc.memo.get(memo_key)
    if shared is None:
        shared = doc.memo[memo_key] = _shared_units(doc, node.unit, keys)
    if fields is ALL_FIELDS or not shared:
        return shared
    # Every sentence and paragraph lies wholly in the lead or the body (the lead ends at a
    # line break), so a scope keeps or drops whole units.
    return [u for u in shared if doc.unit_field(node.unit, u) in fields]


def _shared_units(doc: Doc, unit: str, keys: tuple[str, ...]) -> list[int]:
    if not all(key in doc.present for key in keys):
        return []
    first, *rest = [doc.units_of(key, unit) for key in keys]
    shared = sorted(first.intersection(*rest))
    if all(map(doc.in_title, keys)):
        shared.insert(0, -1)
    return shared


class InUnits:
    """The mentions of some term sets inside some units, placed only when NOT names them."""

    __slots__ = ("_doc", "_index", "_keys", "_units")

    def __init__(self, doc: Doc, unit: str, keys: tuple[str, ...], units: list[int]) -> None:
        self._doc, self._keys, self._units = doc, keys, units
        self._index: Literal[1, 2] = 1 if unit == "sentence" else 2

    def __iter__(self) -> Iterator[Mention]:
        groups: dict[int, list[Mention]] = {u: [] for u in self._units}
        for key in self._keys:
            for m in self._doc.mentions_of(key):
                group = groups.get(m[self._index])
                if group is not None:
                    group.append(m)
        return (m for group in groups.values() for m in group)


def _cooc(
    node: CoOccur, doc: Doc, fields: frozenset[str], minimum: float, percent: bool = False
) -> Outcome:
    units = units_with_all(node, doc, fields)
    if percent:  # share of the sentences (paragraphs) in `fields` that hold them all
        total = doc.unit_count(node.unit, fields)
        share = 100.0 * len(units) / total if total else 0.0
        if share < minimum:
            return Outcome(False, failed=f"{node.src}: in {len(units)} of {total} ({share:.1f}%)")
    elif len(units) < minimum:
        found = f"found in {len(units)}" if units else "never together"
        need = f", needs {int(minimum)}" if minimum > 1 else ""
        return Outcome(False, failed=f"{node.src}: {found}{need}")
    keys = tuple(r.key for r in node.refs)
    evidence: dict[Span, None] = {}
    for u in units:  # the first few distinct units are shown
        evidence[doc.unit_span(node.unit, u, keys)] = None
        if len(evidence) == MAX_EVIDENCE:
            break
    return Outcome(True, (InUnits(doc, node.unit, keys, units),), tuple(evidence))


def _count(node: Count, doc: Doc, fields: frozenset[str]) -> Outcome:
    if isinstance(node.target, CoOccur):
        return _cooc(node.target, doc, fields, node.minimum, node.percent)
    found: Sequence[Mention] | str
    if fields is ALL_FIELDS:  # counted without placing a mention
        found, count = node.target.key, doc.count(node.target.key)
    else:
        found = mentions_of(node.target, doc, fields)
        count = len(found)
    if node.percent:
        words = doc.word_count(fields) if count else 0
        value = 100.0 * count / words if words else 0.0
        shown = f"{value:.2f}%"
    else:
        value, shown = float(count), str(count)
    if value >= node.minimum:
        return Outcome(True, (found,))
    return Outcome(False, failed=f"{node.src}: only {shown}")


_HANDLERS: dict[type, Callable[[Any, Doc, frozenset[str]], Outcome]] = {
    Ref: _ref,
    And: _and,
    Or: _or,
    Not: _not,
    Near: _near,
    CoOccur: lambda node, doc, fields: _cooc(node, doc, fields, 1),
    Count: _count,
    Scoped: _scoped,
}
