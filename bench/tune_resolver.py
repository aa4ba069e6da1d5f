"""Fit the weights of monitor/quotes/salience.py: which earlier name a "he" or "she" speaker is.

Run from the repository root: `.venv/bin/python bench/tune_resolver.py`. It reads PolNeAR train
from ../shared/data, runs the quote finder on every article, and for each matched quotation whose
speaker is written "he" or "she" and whose annotated speaker is a name, records the candidates the
resolver weighed, labelled by whether each shares a word with the annotated name (the same test as
bench/bench_quotes.py). A softmax over each pronoun's candidates is fitted on half A of train (sha1
of the article id, first byte even) at a few strengths of L2; the fit (or the weights in use) that
is right most often on half A is kept, and scored on half B and on dev, which it never sees. It
prints the pronoun-level accuracy of the current and the kept weights, and the WEIGHTS to paste.
"""

from __future__ import annotations

import math
import random
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_quotes import content_words, load_articles, match, speaker_ok  # noqa: E402
from bench.polnear_read import half  # noqa: E402
from monitor.quotes import finder, resolve, salience  # noqa: E402
from monitor.quotes.plausible import is_pronoun  # noqa: E402

Features = tuple[float, ...]
Example = list[tuple[Features, bool]]
L2S, EPOCHS, RATE = (0.003, 0.01, 0.03), 40, 0.05


def collect(articles: list[dict[str, Any]]) -> list[Example]:
    """Return, per matched pronoun quotation, its candidates' features and labels."""
    calls: dict[int, tuple[str, list[salience.Candidate]]] = {}
    speaker_at: dict[int, int] = {}
    original_weighed = resolve.Resolver.weighed
    original_quote = finder._quote

    def weighed(self: resolve.Resolver, want: str, at: int) -> list[salience.Candidate]:
        calls[at] = (want, original_weighed(self, want, at))
        return calls[at][1]

    def quote(text: str, c: Any, kind: Any, attr: Any, res: Any) -> Any:
        made = original_quote(text, c, kind, attr, res)
        if attr is not None:
            speaker_at[made.start] = attr.at
        return made

    resolve.Resolver.weighed = weighed  # type: ignore[method-assign]
    finder._quote = quote
    examples: list[Example] = []
    try:
        for article in articles:
            calls.clear()
            speaker_at.clear()
            text, gold = article["text"], article["quotes"]
            preds = [q for q in finder.extract_quotes(text) if q.kind != "scare"]
            for i, j in match(text, preds, gold):
                p, g = preds[i], gold[j]
                at = speaker_at.get(p.start)
                if at is None or at not in calls or not is_pronoun(p.speaker_text or ""):
                    continue
                if not (content_words(g["speaker"]) | content_words(g.get("speaker_resolved"))):
                    continue
                want, cands = calls[at]
                examples.append([(c.features(want), speaker_ok(c.name, g)) for c in cands])
    finally:
        resolve.Resolver.weighed = original_weighed  # type: ignore[method-assign]
        finder._quote = original_quote
    return examples


def _dot(w: list[float], f: Features) -> float:
    return sum(a * b for a, b in zip(w, f, strict=True))


def accuracy(examples: list[Example], weights: list[float]) -> float:
    """Return the share of pronouns whose top-scored candidate is labelled right."""
    hits = sum(max(ex, key=lambda fl: _dot(weights, fl[0]))[1] for ex in examples if ex)
    return hits / len(examples) if examples else 0.0


def fit(examples: list[Example], start: list[float], l2: float) -> list[float]:
    """Fit weights by stochastic gradient descent on the softmax over each pronoun's candidates."""
    w = list(start)
    usable = [ex for ex in examples if any(label for _, label in ex)]
    rng = random.Random(1)
    for epoch in range(EPOCHS):
        rng.shuffle(usable)
        rate = RATE / (1 + epoch / 10)
        for ex in usable:
            scores = [_dot(w, f) for f, _ in ex]
            top = max(scores)
            exp = [math.exp(s - top) for s in scores]
            total = sum(exp)
            gold_total = sum(e for e, (_, label) in zip(exp, ex, strict=True) if label)
            grad = [l2 * x for x in w]
            for e, (f, label) in zip(exp, ex, strict=True):
                # d(-log P(gold))/dw = E_model[f] - E_gold[f]
                coef = e / total - (e / gold_total if label else 0.0)
                for k, v in enumerate(f):
                    grad[k] += coef * v
            w = [x - rate * g for x, g in zip(w, grad, strict=True)]
    return w


def main() -> int:
    train = load_articles("train")
    dev = load_articles("dev")
    sets = {
        "train A (fitted)": collect([a for a in train if half(a["id"]) == "A"]),
        "train B (held out)": collect([a for a in train if half(a["id"]) == "B"]),
        "dev (held out)": collect(dev),
    }
    current = [salience.WEIGHTS[k] for k in salience.FEATURES]
    tuned = sets["train A (fitted)"]
    # The softmax fits the likelihood; of the fits (and the weights in use) keep the one that
    # picks the right name most often on half A. Half B and dev only report.
    fits = [fit(tuned, current, l2) for l2 in L2S] + [current]
    fitted = max(fits, key=lambda w: accuracy(tuned, w))
    print(f"{'pronoun speakers':<22}{'n':>6}{'current':>10}{'fitted':>10}")
    for name, examples in sets.items():
        now, new = accuracy(examples, current), accuracy(examples, fitted)
        print(f"{name:<22}{len(examples):>6}{now:>10.3f}{new:>10.3f}")
    print("WEIGHTS = {")
    for k, value in zip(salience.FEATURES, fitted, strict=True):
        print(f'    "{k}": {value:.2f},')
    print("}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
