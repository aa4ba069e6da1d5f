"""Compile groups and topic rules once into a RuleSet that matches all topics in one pass."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from difflib import get_close_matches

from monitor.errors import RuleError
from monitor.models import TopicMatch
from monitor.rules.document import Doc, build_doc
from monitor.rules.evaluate import Outcome, evaluate
from monitor.rules.score import placement, why_line
from monitor.rules.spec import TopicSpec, group_problem, rule_problem
from monitor.rules.syntax import (
    And,
    CoOccur,
    Count,
    Near,
    Node,
    Not,
    Or,
    Ref,
    RuleSyntaxError,
    Scoped,
    parse_rule,
)
from monitor.rules.terms import Alias, AliasSyntaxError, Scanner, parse_alias


@dataclass(frozen=True, slots=True)
class CompiledTopic:
    """A topic's parsed rule, the term sets it scores on and its no-mention answer."""

    spec: TopicSpec
    tree: Node
    refs: tuple[Ref, ...]  # positive term sets, in rule order, for score and `why`
    keys: frozenset[str]  # every term set the rule looks at
    absent: TopicMatch | None  # shared answer when none of `keys` is mentioned
    required: tuple[Ref, ...] = ()  # term sets without which the rule cannot hold
    unmet: Mapping[str, TopicMatch] = field(default_factory=dict)  # answer per missing one
    near: CompiledTopic | None = None  # the second tier, tried when the rule fails
    near_needs: frozenset[str] = frozenset()  # the near rule's required term sets


class RuleSet:
    """Compiled watch-list rules; each evaluation is pure and scans each string once for all topics.

    `evaluate_all` explains every topic (explain, backtest); `matched_topics` returns the matched
    ones only (the service); `evaluate_all_reference` is the unoptimised path tests compare with.
    """

    def __init__(self, topics: Sequence[CompiledTopic], scanner: Scanner) -> None:
        self._topics = tuple(topics)
        self._scanner = scanner
        # Which topics look at each term set: an article only wakes the topics of the term
        # sets it mentions; every other topic gets its shared no-mention answer.
        self._by_key: dict[str, list[int]] = {}
        for i, t in enumerate(self._topics):
            for key in t.keys | (t.near.keys if t.near else frozenset()):
                self._by_key.setdefault(key, []).append(i)
        self._always = [
            i
            for i, t in enumerate(self._topics)
            if t.absent is None or (t.near is not None and t.near.absent is None)
        ]
        self._absent = [t.absent for t in self._topics]
        # Most woken topics stop at a missing required term set: plain key tuples and the
        # answers bound per topic keep that test free of attribute look-ups.
        self._gates = [(tuple(r.key for r in t.required), t.unmet, t) for t in self._topics]
        self._needs = [frozenset(r.key for r in t.required) for t in self._topics]

    @property
    def topic_ids(self) -> tuple[str, ...]:
        return tuple(t.spec.id for t in self._topics)

    def evaluate_all(self, title: str, text: str) -> tuple[TopicMatch, ...]:
        """Return one TopicMatch per topic, in watch-list order, matched or not."""
        return self._match(title, text, shortcut=True)

    def evaluate_all_reference(self, title: str, text: str) -> tuple[TopicMatch, ...]:
        """Like `evaluate_all`, but evaluate every mentioned topic's whole rule (reference path)."""
        return self._match(title, text, shortcut=False)

    def matched_topics(self, title: str, text: str) -> tuple[TopicMatch, ...]:
        """Return only the topics the article matches, as `evaluate_all` describes them, in order.

        The service's path: it stores matches only, so a non-match's score, explanation and
        hits (a fifth of `evaluate_all`'s time) are not worked out.
        """
        doc, woken = self._wake(title, text)
        present, needs, topics = doc.present, self._needs, self._topics
        found: list[TopicMatch] = []
        for i in sorted(woken):
            topic = topics[i]
            if present >= needs[i]:  # a set test in C: every required term set is mentioned
                outcome = evaluate(topic.tree, doc)
                if outcome.ok:  # a failed rule needs no placement: it cannot match
                    result = _described(topic, doc, outcome)
                    if result.matched:
                        found.append(result)
                        continue
            if topic.near is not None and present >= topic.near_needs:
                near = _near_miss(topic, doc, None)
                if near is not None:
                    found.append(near)
        return tuple(found)

    def _wake(self, title: str, text: str) -> tuple[Doc, set[int]]:
        """Scan both strings once; return the article and the topics its term sets concern."""
        scan = self._scanner.scan
        doc = build_doc(title, text, scan(title), scan(text))
        by_key = self._by_key
        woken = set(self._always)
        for key in doc.present:
            topics = by_key.get(key)
            if topics is not None:
                woken.update(topics)
        return doc, woken

    def _match(self, title: str, text: str, *, shortcut: bool) -> tuple[TopicMatch, ...]:
        doc, woken = self._wake(title, text)
        present = doc.present
        results = list(self._absent)
        gates = self._gates
        for i in woken:
            required, unmet, t = gates[i]
            result: TopicMatch | None = None
            if shortcut:
                for key in required:
                    if key not in present:
                        result = unmet[key]
                        break
            if result is None:
                result = _match_topic(t, doc)
            near_ok = t.near is not None and (not shortcut or present >= t.near_needs)
            if near_ok and not result.matched:
                result = _near_miss(t, doc, result) or result
            results[i] = result
        return tuple(results)  # type: ignore[arg-type]  # every None was replaced


def _unmet(topic: CompiledTopic, missing: Ref) -> TopicMatch:
    """Answer for a topic whose rule needs a term set the article never mentions.

    Such a topic is not evaluated, placed or scored (score 0: a scored term set is absent)
    and carries no hits; the answer is made once per topic and missing term set.
    """
    names = "+".join(r.name for r in topic.refs)
    return TopicMatch(
        topic.spec.id,
        False,
        0.0,
        why=f"{names}: {missing.name} not mentioned",
        failed=f"{missing.src}: not mentioned",
    )


def _near_miss(topic: CompiledTopic, doc: Doc, main: TopicMatch | None) -> TopicMatch | None:
    """Return the topic as a near miss when its near rule holds, else None.

    The near rule's score, terms and evidence describe it (they are why it is close); `failed`
    keeps the main rule's failure (why it is not a match).
    """
    assert topic.near is not None
    near = _match_topic(topic.near, doc)
    if not near.matched:
        return None
    failed = main.failed if main is not None else evaluate(topic.tree, doc).failed
    return TopicMatch(
        topic.spec.id,
        False,
        near.score,
        near.hits,
        f"near miss: {near.why}",
        failed or "the rule did not hold",
        near.evidence,
        near=True,
    )


def _match_topic(topic: CompiledTopic, doc: Doc) -> TopicMatch:
    """Evaluate one topic and turn the outcome into a TopicMatch with its evidence."""
    return _described(topic, doc, evaluate(topic.tree, doc))


def _described(topic: CompiledTopic, doc: Doc, outcome: Outcome) -> TopicMatch:
    """Place and score a topic's evaluated rule; return the TopicMatch with its evidence."""
    place = placement(topic.refs, doc)
    spans = list(dict.fromkeys(outcome.evidence))  # two clauses may cite the same sentence
    if place.span is not None and place.span not in spans:
        spans.append(place.span)
    if not outcome.ok:
        spans = spans[:1]  # a failed rule's best co-occurrence, to show what was close
    evidence = tuple(doc.field_text(f)[s:e].strip() for f, s, e in spans)
    failed = outcome.failed
    if outcome.ok and place.score < topic.spec.threshold:
        failed = f"score {place.score:.2f} is below the threshold {topic.spec.threshold:.2f}"
    matched = outcome.ok and failed is None
    # Filled through the slot descriptors: the frozen dataclass __init__ (one
    # object.__setattr__ per field) cost more than the rest of this function's bookkeeping.
    found = _object_new(TopicMatch)
    _set_id(found, topic.spec.id)
    _set_matched(found, matched)
    _set_score(found, place.score)
    _set_hits(found, doc.hits_in(topic.keys))
    _set_why(found, why_line(topic.refs, place, doc))
    _set_failed(found, None if matched else failed)
    _set_evidence(found, evidence)
    _set_near(found, False)
    return found


_object_new = object.__new__
_set_id, _set_matched, _set_score, _set_hits, _set_why, _set_failed, _set_evidence, _set_near = (
    vars(TopicMatch)[name].__set__
    for name in ("topic_id", "matched", "score", "hits", "why", "failed", "evidence", "near")
)


def compile_rules(
    groups: Mapping[str, Sequence[str]],
    topics: Sequence[TopicSpec],
    *,
    groups_file: str | None = None,
    group_lines: Mapping[str, int] | None = None,
    alias_lines: Mapping[tuple[str, int], int] | None = None,
) -> RuleSet:
    """Parse and check every group and rule; raise one RuleError listing every problem.

    `group_lines` and `alias_lines` ((group, index) -> line) place problems in groups_file.
    """
    problems: list[str] = []
    aliases: dict[str, list[Alias]] = {}
    for name, entries in groups.items():
        line = (group_lines or {}).get(name)
        if isinstance(entries, str) or not entries:
            problems.append(group_problem(groups_file, line, name, "needs a list of aliases"))
            continue
        for index, entry in enumerate(entries):
            try:
                aliases.setdefault(f"g:{name}", []).append(parse_alias(f"g:{name}", str(entry)))
            except AliasSyntaxError as exc:
                at = (alias_lines or {}).get((name, index), line)
                problems.append(group_problem(groups_file, at, name, str(exc)))
    compiled: list[CompiledTopic] = []
    used: dict[str, list[Alias]] = {}
    seen_ids: set[str] = set()
    for spec in topics:
        if spec.id in seen_ids:
            problems.append(rule_problem(spec, 0, f"topic id {spec.id!r} is used twice"))
        seen_ids.add(spec.id)
        topic = _compile_topic(spec, aliases, used, problems)
        near_spec = spec.near_spec()
        near = _compile_topic(near_spec, aliases, used, problems) if near_spec else None
        if topic is not None and near is not None:
            needs = frozenset(r.key for r in near.required)
            topic = replace(topic, near=near, near_needs=needs)
        if topic is not None:
            compiled.append(topic)
    if problems:
        count = f"{len(problems)} problem{'s' if len(problems) > 1 else ''} in the watch-list"
        raise RuleError(f"{count}:\n" + "\n".join(problems), problems)
    return RuleSet(compiled, Scanner(a for group in used.values() for a in group))


def _compile_topic(
    spec: TopicSpec,
    aliases: Mapping[str, list[Alias]],
    used: dict[str, list[Alias]],
    problems: list[str],
) -> CompiledTopic | None:
    """Parse one topic, resolve its term sets into `used`, or add its problems."""
    if not 0.0 <= spec.threshold <= 1.0:
        problems.append(rule_problem(spec, 0, f"threshold {spec.threshold} is not in 0..1"))
    try:
        tree = parse_rule(spec.rule)
    except RuleSyntaxError as exc:
        problems.append(rule_problem(spec, exc.offset, exc.reason))
        return None
    ok = True
    for ref in all_refs(tree):
        if ref.literal:
            try:
                used.setdefault(ref.key, [parse_alias(ref.key, ref.name)])
            except AliasSyntaxError as exc:
                problems.append(rule_problem(spec, ref.offset, str(exc)))
                ok = False
        elif ref.key in aliases:
            used.setdefault(ref.key, aliases[ref.key])
        else:
            names = sorted(k[2:] for k in aliases)
            close = get_close_matches(ref.name, names, n=1)
            guess = f"; did you mean {close[0]!r}?" if close else ""
            reason = f"unknown group {ref.name!r}{guess} (groups: {', '.join(names) or 'none'})"
            problems.append(rule_problem(spec, ref.offset, reason))
            ok = False
    if not ok:
        return None
    refs = tuple({r.key: r for r in positive_refs(tree)}.values())
    absent = None
    if not evaluate(tree, build_doc("", "", [], [])).ok:  # NOT-only rules hold on nothing
        absent = TopicMatch(spec.id, False, 0.0, failed=_first_failure(tree))
    keys = frozenset(r.key for r in all_refs(tree))
    required = required_refs(tree)
    topic = CompiledTopic(spec, tree, refs, keys, absent, required)
    return replace(topic, unmet={r.key: _unmet(topic, r) for r in required})


def _first_failure(tree: Node) -> str:
    """Describe why a rule fails on an article that mentions none of its terms."""
    return f"none of the terms of {tree.src!r} is mentioned"


def _children(node: Node) -> tuple[Node, ...]:
    """Return the direct sub-clauses of a node."""
    if isinstance(node, And | Or):
        return node.items
    if isinstance(node, Not | Scoped):
        return (node.item,)
    if isinstance(node, Near):
        return (node.left, node.right)
    if isinstance(node, CoOccur):
        return node.refs
    if isinstance(node, Count):
        return (node.target,)
    return ()


def all_refs(node: Node) -> list[Ref]:
    """Return every term set a rule mentions, in order."""
    if isinstance(node, Ref):
        return [node]
    return [r for child in _children(node) for r in all_refs(child)]


def required_refs(node: Node) -> tuple[Ref, ...]:
    """Return the term sets that must be mentioned (anywhere) for the rule to hold."""
    if isinstance(node, Ref):
        return (node,)
    if isinstance(node, Not):
        return ()
    if isinstance(node, Or):
        options = [{r.key: r for r in required_refs(item)} for item in node.items]
        shared = set(options[0]).intersection(*options[1:])
        return tuple(r for k, r in options[0].items() if k in shared)
    found = {r.key: r for child in _children(node) for r in required_refs(child)}
    return tuple(found.values())


def positive_refs(node: Node) -> list[Ref]:
    """Return the term sets a rule asks for (not those under NOT), in order."""
    if isinstance(node, Ref):
        return [node]
    if isinstance(node, Not):
        return []
    return [r for child in _children(node) for r in positive_refs(child)]
