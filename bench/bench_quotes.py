"""Score monitor.quotes on the PolNeAR split and time it against bare trafilatura.extract.

Run from the repository root: `.venv/bin/python bench/bench_quotes.py [--split dev|train]`.
Reads ../shared/data (or $MONITOR_SHARED_DATA); exits 1 when a target is missed, 2 without data.
Scoring follows ../shared/data/README.md: a prediction matches a gold quote at character IoU >= 0.5
(quotation marks stripped); precision counts matches to direct or mixed gold, recall is over
direct gold; speaker accuracy is over matched quotes and needs a content word shared with the gold
speaker or its resolved name. Scare quotes are the extractor saying "not a quotation": not scored.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from monitor.models import Quote  # noqa: E402
from monitor.quotes import extract_quotes  # noqa: E402

_split = str.split  # word lists are written as text, one readable line each

TARGETS = {"precision": 0.95, "recall": 0.90, "speaker": 0.80, "ms": 5.0}
TEXTACY = {"precision": 0.969, "recall": 0.804, "f1": 0.878, "speaker": 0.637, "ms": 300.0}
MARKS = "\"'“”‘’«»„‚‹›「」『』` \n\t"
STOPWORDS = frozenset(
    _split(
        "a an the and or but of in on at to for by with from as is was are were be been he she it "
        "they them his her its their i we you me us our my your who whom which that this these "
        "those him himself herself itself themselves said says"
    )
)


@dataclass(frozen=True, slots=True)
class Scores:
    """Figures for one split."""

    precision: float
    recall: float
    f1: float
    speaker: float
    gold_speaker: float
    predicted: int
    direct: int
    matched: int


def shared_data() -> Path:
    """Return the shared data folder, $MONITOR_SHARED_DATA first."""
    return Path(os.environ.get("MONITOR_SHARED_DATA", ROOT.parent / "shared" / "data"))


def load_articles(split: str, data: Path | None = None) -> list[dict]:
    """Read one PolNeAR split."""
    path = (data or shared_data()) / "quotes" / f"polnear-{split}.jsonl"
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span past quotation marks and whitespace at either end."""
    while start < end and text[start] in MARKS:
        start += 1
    while end > start and text[end - 1] in MARKS:
        end -= 1
    return start, end


def _iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Return the intersection over union of two character spans."""
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union > 0 else 0.0


def match(text: str, preds: Sequence[Quote], gold: Sequence[dict]) -> list[tuple[int, int]]:
    """Pair predictions with gold quotes one-to-one, best overlap first, IoU >= 0.5."""
    p_spans = [_strip(text, q.start, q.end) for q in preds]
    g_spans = [_strip(text, g["quote_start"], g["quote_end"]) for g in gold]
    pairs = [
        (_iou(p, g), i, j)
        for i, p in enumerate(p_spans)
        for j, g in enumerate(g_spans)
        if _iou(p, g) >= 0.5
    ]
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            out.append((i, j))
    return out


def content_words(text: str | None) -> set[str]:
    """Return the lower-cased content words of a speaker string."""
    return {w for w in re.findall(r"[a-z0-9]+", (text or "").lower()) if w not in STOPWORDS}


def speaker_ok(predicted: str | None, gold: dict) -> bool:
    """Say whether a predicted speaker name shares a content word with the gold speaker."""
    wanted = content_words(gold.get("speaker")) | content_words(gold.get("speaker_resolved"))
    return bool(content_words(predicted) & wanted)


def score(articles: Iterable[dict]) -> Scores:
    """Run the extractor over articles and score it."""
    predicted = matched = direct = direct_hit = speaker_hit = gold_total = gold_hit = 0
    for article in articles:
        text, gold = article["text"], article["quotes"]
        preds = [q for q in extract_quotes(text) if q.kind != "scare"]
        pairs = match(text, preds, gold)
        predicted += len(preds)
        matched += len(pairs)
        direct += sum(1 for g in gold if g["type"] == "direct")
        direct_hit += sum(1 for _, j in pairs if gold[j]["type"] == "direct")
        speaker_hit += sum(1 for i, j in pairs if speaker_ok(preds[i].speaker, gold[j]))
        gold_total += len(gold)
        gold_hit += sum(1 for g in gold if speaker_ok(g.get("speaker_resolved") or g["speaker"], g))
    precision = matched / predicted if predicted else 0.0
    recall = direct_hit / direct if direct else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(
        precision,
        recall,
        f1,
        speaker_hit / matched if matched else 0.0,
        gold_hit / gold_total if gold_total else 0.0,
        predicted,
        direct,
        matched,
    )


def time_quotes(articles: Sequence[dict], repeats: int = 3) -> float:
    """Return the best-of-`repeats` seconds to extract quotes from every article."""
    texts = [a["text"] for a in articles]
    best = float("inf")
    for _ in range(repeats):
        began = time.perf_counter()
        for text in texts:
            extract_quotes(text)
        best = min(best, time.perf_counter() - began)
    return best


def time_trafilatura(count: int, data: Path) -> float:
    """Return the seconds bare trafilatura.extract takes on `count` pages (cycling the set)."""
    import trafilatura  # only here: the benchmark's baseline, not a dependency of monitor.quotes

    files = sorted((data / "extraction" / "scrapinghub").glob("*.html.gz"))
    pages = [gzip.decompress(f.read_bytes()).decode("utf-8", "replace") for f in files]
    began = time.perf_counter()
    for k in range(count):
        trafilatura.extract(pages[k % len(pages)])
    return time.perf_counter() - began


def report(split: str, s: Scores, ms: float, ratio: float) -> list[str]:
    """Print the figures beside the targets and textacy; return the targets missed."""
    rows = [
        ("quote precision", s.precision, TARGETS["precision"], TEXTACY["precision"], True),
        ("direct recall", s.recall, TARGETS["recall"], TEXTACY["recall"], True),
        ("F1", s.f1, None, TEXTACY["f1"], True),
        ("speaker (name) accuracy", s.speaker, TARGETS["speaker"], TEXTACY["speaker"], True),
        ("ms per article", ms, TARGETS["ms"], TEXTACY["ms"], False),
    ]
    print(
        f"monitor.quotes on polnear-{split}: {s.predicted} predicted, {s.matched} matched, "
        f"{s.direct} direct gold; gold speakers reach {s.gold_speaker:.3f} under this scoring"
    )
    print(f"{'figure':<26}{'measured':>10}{'target':>10}{'textacy':>10}")
    missed = []
    for name, value, target, ref, higher in rows:
        ok = target is None or (value >= target if higher else value <= target)
        mark = "" if ok else "  MISSED"
        shown = "" if target is None else f"{target:.3f}" if higher else f"<= {target:.1f}"
        print(f"{name:<26}{value:>10.3f}{shown:>10}{ref:>10.3f}{mark}")
        if not ok:
            missed.append(name)
    print(f"{'time / trafilatura.extract':<26}{ratio:>10.3f}   (same number of pages)")
    return missed


def main(argv: Sequence[str] | None = None) -> int:
    """Score a split, time it, print the table, and return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    args = parser.parse_args(argv)
    data = shared_data()
    if not (data / "quotes").is_dir():
        print(f"bench_quotes: no shared data at {data}", file=sys.stderr)
        return 2
    articles = load_articles(args.split, data)
    scores = score(articles)
    seconds = time_quotes(articles)
    baseline = time_trafilatura(len(articles), data)
    ms = 1000 * seconds / len(articles)
    missed = report(args.split, scores, ms, seconds / baseline if baseline else 0.0)
    if missed:
        print("missed: " + ", ".join(missed), file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
