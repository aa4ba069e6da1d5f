"""Rule edits learned from analysts' verdicts, each with its fitted and cross-validated effect.

Pure: texts and verdicts in, proposals out. An edit is proposed only when, chosen on the other
folds' verdicts, it helped on the held-out fold (more relevant stories caught or fewer
not-relevant ones let in) and never cost a relevant one there.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from monitor.rules.compiler import compile_rules
from monitor.rules.spec import TopicSpec

FOLDS = 5
MAX_PHRASES = 40  # exclusion phrases tried per fit, the most telling first
_WORD = re.compile(r"[^\W\d_]{2,}")
# Phrases that begin or end with one of these say nothing about a story.
_STOPWORDS = (
    "the a an of to in on and or for with by at from as is was are were be been has have had it "
    "its this that these those he she they his her their we our you your not but said says"
)
_STOP = frozenset(_STOPWORDS.split())
_KIND_ORDER = {"promote": 0, "threshold": 1, "scope": 2, "exclude": 3}


@dataclass(frozen=True, slots=True)
class Labelled:
    """One judged article: its text and whether it belongs to the topic."""

    key: str  # stable id (folds are drawn by its hash)
    title: str
    text: str
    relevant: bool


@dataclass(frozen=True, slots=True)
class Edit:
    """One concrete change to a topic: widen it with its near rule, exclude a phrase, ..."""

    kind: str  # promote | exclude | threshold | scope
    value: str  # the clause, phrase, threshold or group
    describe: str  # what an analyst reads

    def apply(self, rule: str, threshold: float) -> tuple[str, float]:
        """Return the rule and threshold with this edit made."""
        if self.kind == "promote":
            return f"({rule})\nOR ({self.value})", threshold
        if self.kind == "exclude":
            return f'({rule})\nAND NOT "{self.value}"', threshold
        if self.kind == "scope":
            return f"({rule})\nAND (title:{self.value} OR lead:{self.value})", threshold
        return rule, float(self.value)


@dataclass(frozen=True, slots=True)
class Effect:
    """How an edit changes the main list on a set of judged articles."""

    gained: int = 0  # relevant stories newly caught
    lost: int = 0  # relevant stories no longer caught
    removed: int = 0  # not-relevant stories no longer let in
    added: int = 0  # not-relevant stories newly let in

    @property
    def net(self) -> int:
        return self.gained + self.removed - self.lost - self.added

    def __add__(self, other: Effect) -> Effect:
        return Effect(
            self.gained + other.gained,
            self.lost + other.lost,
            self.removed + other.removed,
            self.added + other.added,
        )


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A proposed edit with its effect fitted on every verdict and held out across folds."""

    edit: Edit
    fitted: Effect
    held_out: Effect


@dataclass(frozen=True, slots=True)
class Report:
    """Every proposal, and what accepting them all together does (fitted and held out)."""

    topic: TopicSpec
    suggestions: tuple[Suggestion, ...]
    rule: str  # the topic's rule with every accepted edit
    threshold: float
    fitted: Effect  # accepted edits, fitted on every verdict
    held_out: Effect  # accepted edits, each fold scored with those its other folds chose too
    procedure: Effect  # the whole procedure, every fold scored with all its other folds chose
    baseline_recall: float  # relevant caught by the main tier before any edit
    held_out_recall: float  # relevant caught on held-out folds with the accepted edits


def fold_of(key: str, folds: int = FOLDS) -> int:
    """Assign an article to a fold by a hash of its id (stable across runs and machines)."""
    return int(hashlib.sha1(key.encode("utf-8")).hexdigest(), 16) % folds


def suggest(
    groups: Mapping[str, Sequence[str]],
    topic: TopicSpec,
    items: Sequence[Labelled],
    folds: int = FOLDS,
    progress: Callable[[str], None] | None = None,
) -> Report:
    """Propose edits for one topic from judged articles; cross-validate them over `folds`."""
    cache = _Predictions(groups, topic, items)
    everything = list(range(len(items)))
    held: dict[Edit, Effect] = {}
    procedure = Effect()
    splits: list[tuple[list[int], list[Edit]]] = []
    for fold in range(folds):
        if progress:
            progress(f"fold {fold + 1}/{folds}")
        test = [i for i in everything if fold_of(items[i].key, folds) == fold]
        train = [i for i in everything if fold_of(items[i].key, folds) != fold]
        if not test or not train:
            continue
        chosen = _chosen(topic, items, train, cache)
        splits.append((test, chosen))
        for edit in chosen:
            held[edit] = held.get(edit, Effect()) + cache.effect(edit, test)
        procedure += cache.effect_of_rule(*_combine(topic, chosen), test)
    proposals = [
        Suggestion(c, cache.effect(c, everything), held[c])
        for c in _chosen(topic, items, everything, cache)
        if c in held and held[c].net > 0 and held[c].lost == 0
    ]
    accepted = {p.edit for p in proposals}
    held_out, caught = Effect(), 0
    for test, chosen in splits:
        rule_f, threshold_f = _combine(topic, [e for e in chosen if e in accepted])
        held_out += cache.effect_of_rule(rule_f, threshold_f, test)
        caught += sum(1 for i in test if items[i].relevant and cache.caught(rule_f, threshold_f, i))
    rule, threshold = _combine(topic, list(accepted))
    relevant = [i for i in everything if items[i].relevant]
    base = sum(1 for i in relevant if cache.caught(topic.rule, topic.threshold, i))
    return Report(
        topic,
        tuple(proposals),
        rule,
        threshold,
        cache.effect_of_rule(rule, threshold, everything),
        held_out,
        procedure,
        base / max(1, len(relevant)),
        caught / max(1, len(relevant)),
    )


class _Predictions:
    """Which articles a rule lets into the main list; each distinct rule is run once."""

    def __init__(
        self, groups: Mapping[str, Sequence[str]], topic: TopicSpec, items: Sequence[Labelled]
    ) -> None:
        self.groups, self.topic, self.items = groups, topic, items
        self._runs: dict[tuple[str, float], tuple[bool, ...]] = {}
        self.before = self.run(topic.rule, topic.threshold)

    def run(self, rule: str, threshold: float) -> tuple[bool, ...]:
        key = (rule, threshold)
        if key not in self._runs:
            spec = replace(self.topic, rule=rule, threshold=threshold, near=None)
            rules = compile_rules(self.groups, [spec])
            self._runs[key] = tuple(
                bool(rules.matched_topics(item.title, item.text)) for item in self.items
            )
        return self._runs[key]

    def caught(self, rule: str, threshold: float, index: int) -> bool:
        return self.run(rule, threshold)[index]

    def effect_of_rule(self, rule: str, threshold: float, on: Sequence[int]) -> Effect:
        after = self.run(rule, threshold)
        gained = lost = removed = added = 0
        for i in on:
            was, now = self.before[i], after[i]
            if was == now:
                continue
            if self.items[i].relevant:
                gained, lost = gained + now, lost + was
            else:
                added, removed = added + now, removed + was
        return Effect(gained, lost, removed, added)

    def effect(self, edit: Edit, on: Sequence[int]) -> Effect:
        return self.effect_of_rule(*edit.apply(self.topic.rule, self.topic.threshold), on)


def _chosen(
    topic: TopicSpec, items: Sequence[Labelled], train: Sequence[int], cache: _Predictions
) -> list[Edit]:
    """Fit on `train`: the candidates that help there without losing a relevant story."""
    good = []
    for edit in _candidates(topic, items, train, cache):
        effect = cache.effect(edit, train)
        if effect.net > 0 and effect.lost == 0:
            good.append((effect.net, edit))
    good.sort(key=lambda pair: (-pair[0], _KIND_ORDER[pair[1].kind], pair[1].value))
    # One edit per kind and value; several exclusions may add up, one threshold at most.
    chosen: list[Edit] = []
    for _, edit in good:
        if edit.kind in ("threshold", "promote") and any(c.kind == edit.kind for c in chosen):
            continue
        chosen.append(edit)
    return chosen


def _combine(topic: TopicSpec, edits: Sequence[Edit]) -> tuple[str, float]:
    """Apply edits in a fixed order: widen first, then narrow what the wider rule lets in."""
    rule, threshold = topic.rule, topic.threshold
    for edit in sorted(edits, key=lambda e: (_KIND_ORDER[e.kind], e.value)):
        rule, threshold = edit.apply(rule, threshold)
    return rule, threshold


def _candidates(
    topic: TopicSpec, items: Sequence[Labelled], on: Sequence[int], cache: _Predictions
) -> list[Edit]:
    """Every edit worth trying, drawn only from the articles in `on`."""
    edits: list[Edit] = []
    if topic.near:
        edits.append(Edit("promote", topic.near, "treat near misses as matches"))
        for ref in _group_names(topic.near):
            for count in (4, 5, 6, 8):
                clause = f"({topic.near}) AND {ref} >= {count}"
                why = f"treat near misses naming {ref} {count}+ times as matches"
                edits.append(Edit("promote", clause, why))
            for field in ("title", "lead"):
                clause = f"({topic.near}) AND {field}:{ref}"
                why = f"treat near misses with {ref} in the {field} as matches"
                edits.append(Edit("promote", clause, why))
    for value in (0.3, 0.4, 0.5, 0.6, 0.7):
        if abs(value - topic.threshold) > 1e-9:
            edits.append(Edit("threshold", f"{value:.2f}", f"threshold {value:.2f}"))
    for ref in _group_names(topic.rule):
        edits.append(Edit("scope", ref, f"require {ref} in the headline or lead"))
    for phrase in _phrases(items, on, cache):
        edits.append(Edit("exclude", phrase, f'exclude stories saying "{phrase}"'))
    return edits


def _group_names(rule: str) -> list[str]:
    """The group names a rule mentions (bare words that are not operators or fields)."""
    words = re.findall(r'"[^"]*"|[^\W\d][\w-]*', rule)
    skip = {"AND", "OR", "NOT", "NEAR", "SENTENCE", "PARAGRAPH", "title", "lead", "body", "text"}
    return list(dict.fromkeys(w for w in words if not w.startswith('"') and w not in skip))


def _phrases(items: Sequence[Labelled], on: Sequence[int], cache: _Predictions) -> list[str]:
    """Two- and three-word phrases common to not-relevant matches and absent from relevant ones."""
    wrong = [i for i in on if cache.before[i] and not items[i].relevant]
    right = [i for i in on if items[i].relevant]
    if len(wrong) < 2:
        return []
    seen_right: set[str] = set()
    for i in right:
        seen_right |= _grams(items[i])
    counts: Counter[str] = Counter()
    for i in wrong:
        counts.update(_grams(items[i]) - seen_right)
    common = [(n, g) for g, n in counts.items() if n >= 2]
    common.sort(key=lambda pair: (-pair[0], pair[1]))
    return [g for _, g in common[:MAX_PHRASES]]


def _grams(item: Labelled) -> set[str]:
    words = _WORD.findall(f"{item.title}\n{item.text}".lower())
    grams = set()
    for n in (2, 3):
        for k in range(len(words) - n + 1):
            gram = words[k : k + n]
            if gram[0] in _STOP or gram[-1] in _STOP:
                continue
            grams.add(" ".join(gram))
    return grams
