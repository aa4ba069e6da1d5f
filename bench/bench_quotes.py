"""Score monitor.quotes on PolNeAR and on real news, and time it against trafilatura.extract.

Run from the repository root: `.venv/bin/python bench/bench_quotes.py [--split dev|train|both]`.
Reads ../shared/data (or $MONITOR_SHARED_DATA); exits 1 when a target is missed, 2 without data.
Figures: PolNeAR quotes and speakers on each split (speaker rules were tuned on train, dev is
reported beside it); broken speakers and person grouping on relevance/dev.jsonl (real articles
with bylines, live blogs and captions); cost per article as a ratio to trafilatura.extract.
Scoring follows ../shared/data/README.md: a prediction matches a gold quote at character IoU >= 0.5
(quotation marks stripped); precision counts matches to direct or mixed gold, recall is over
direct gold; speaker accuracy is over matched quotes and needs a content word shared with the gold
speaker or its resolved name. Scare quotes are the extractor saying "not a quotation": not scored.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import polnear_read, real_speakers  # noqa: E402
from monitor.models import Quote  # noqa: E402
from monitor.quotes import extract_quotes  # noqa: E402
from monitor.quotes.plausible import is_named  # noqa: E402
from monitor.quotes.tidy import is_when  # noqa: E402

_split = str.split  # word lists are written as text, one readable line each

TARGETS = {"precision": 0.95, "recall": 0.90, "speaker": 0.85, "ms": 5.0}
SPEAKER_TARGETS = {"dev": 0.85, "train": 0.84}
# Figures of commit 43eae64 (before issue 15), measured with this script's scoring.
BEFORE = {
    "dev": {"precision": 0.954, "recall": 0.965, "speaker": 0.802},
    "train": {"precision": 0.967, "recall": 0.968, "speaker": 0.792},
    "broken": 0.117,
    "ratio": 0.140,
}
# The budget, 2 ms per article where the code before it took 1.65 ms, as a ratio to
# trafilatura.extract: that code (commit 43eae64) measured 0.140 with time_ratio, so 2 ms is
# 0.140 * 2 / 1.65. The fastest of several rounds in CPU time keeps other load out of it.
RATIO_TARGET = 0.170
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
    """Return the lower-cased content words of a speaker string, accents folded ("Virág" is
    "Virag")."""
    letters = unicodedata.normalize("NFKD", text or "")
    plain = "".join(ch for ch in letters if not unicodedata.combining(ch))
    return {w for w in re.findall(r"[a-z0-9]+", plain.lower()) if w not in STOPWORDS}


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


def clear_caches() -> None:
    """Empty the quote finder's caches, so a round costs what articles never seen before do."""
    for name, module in list(sys.modules.items()):
        if name.startswith("monitor.quotes"):
            for value in vars(module).values():
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()
    re.purge()  # patterns built from an article's own words (descriptions) are compiled anew too


def time_ratio(articles: Sequence[dict], data: Path, rounds: int = 7) -> tuple[float, float]:
    """Return (ms per article, ratio to trafilatura.extract per page), both the fastest round.

    Rounds of each alternate, timed in CPU time; the fastest round of each is the one other
    load on the machine disturbed least, so their ratio moves far less than a mean would.
    """
    import trafilatura  # only here: the benchmark's baseline, not a dependency of monitor.quotes

    texts = [a["text"] for a in articles]
    files = sorted((data / "extraction" / "scrapinghub").glob("*.html.gz"))
    pages = [gzip.decompress(f.read_bytes()).decode("utf-8", "replace") for f in files]
    pages = [pages[k % len(pages)] for k in range(len(texts))]
    ours, theirs = float("inf"), float("inf")
    for _ in range(rounds):
        clear_caches()  # every round reads the texts as new: no answer is kept from the last
        began = time.process_time()
        for text in texts:
            extract_quotes(text)
        ours = min(ours, time.process_time() - began)
        began = time.process_time()
        for page in pages:
            trafilatura.extract(page)
        theirs = min(theirs, time.process_time() - began)
    return 1000 * ours / len(texts), ours / theirs


def _row(name: str, value: float, target: float | None, before: float | None, ref: float) -> str:
    """Format one figure with its target, the figure before issue 15, and textacy's."""
    shown = "" if target is None else f"{target:.3f}"
    was = "" if before is None else f"{before:.3f}"
    mark = "" if target is None or value >= target else "  MISSED"
    return f"{name:<26}{value:>10.3f}{shown:>10}{was:>10}{ref:>10.3f}{mark}"


def report(split: str, s: Scores) -> list[str]:
    """Print one PolNeAR split's figures; return the targets missed."""
    before = BEFORE[split]
    rows = [
        ("quote precision", s.precision, TARGETS["precision"], before["precision"],
         TEXTACY["precision"]),
        ("direct recall", s.recall, TARGETS["recall"], before["recall"], TEXTACY["recall"]),
        ("F1", s.f1, None, None, TEXTACY["f1"]),
        ("speaker (name) accuracy", s.speaker, SPEAKER_TARGETS[split], before["speaker"],
         TEXTACY["speaker"]),
    ]  # fmt: skip
    print(
        f"monitor.quotes on polnear-{split}: {s.predicted} predicted, {s.matched} matched, "
        f"{s.direct} direct gold; gold speakers reach {s.gold_speaker:.3f} under this scoring"
    )
    print(f"{'figure':<26}{'measured':>10}{'target':>10}{'before':>10}{'textacy':>10}")
    missed = []
    for name, value, target, was, ref in rows:
        print(_row(name, value, target, was, ref))
        if target is not None and value < target:
            missed.append(f"{name} ({split})")
    return missed


@dataclass(frozen=True, slots=True)
class RealNews:
    """Speaker figures on real articles."""

    named: int
    broken: tuple[str, ...]
    top: list[tuple[str, int]]
    speaker_forms: int  # distinct speaker strings of people, summed over articles
    persons: int  # distinct persons, summed over articles
    lone_surnames: int  # a surname kept alone although the article has a full name with it


def broken(speaker: str) -> bool:
    """Say whether a speaker is broken: a line break, a weekday/month/date, or > 8 words."""
    return "\n" in speaker or is_when(speaker) or len(speaker.split()) > 8


def real_news(data: Path) -> RealNews:
    """Score speakers and person grouping on relevance/dev.jsonl."""
    path = data / "relevance" / "dev.jsonl"
    with path.open(encoding="utf-8") as handle:
        articles = [json.loads(line) for line in handle if line.strip()]
    named, bad, counts = 0, [], Counter()
    forms = persons = lone = 0
    for article in articles:
        quotes = extract_quotes(article["text"])
        for q in quotes:
            if q.speaker and is_named(q.speaker):
                named += 1
                counts[q.speaker] += 1
                if broken(q.speaker):
                    bad.append(q.speaker)
        people = [q for q in quotes if q.person]
        forms += len({q.speaker for q in people})
        found = {q.person for q in people if q.person}
        persons += len(found)
        full = {p.split()[-1] for p in found if " " in p}
        lone += sum(1 for p in found if " " not in p and p in full)
    return RealNews(named, tuple(bad), counts.most_common(30), forms, persons, lone)


def report_real(r: RealNews) -> list[str]:
    """Print the real-news figures and the 30 most frequent speakers; return targets missed."""
    rate = len(r.broken) / r.named if r.named else 0.0
    print(f"\nspeakers on relevance/dev.jsonl (234 real articles): {r.named} named speakers")
    print(f"{'figure':<26}{'measured':>10}{'target':>10}{'before':>10}")
    print(f"{'broken-speaker rate':<26}{rate:>10.4f}{'<= 0.01':>10}{BEFORE['broken']:>10.3f}")
    print(
        f"{'persons per article':<26}{r.persons:>10d}{'<= forms':>10}   "
        f"(distinct speaker forms of people: {r.speaker_forms}; surnames left alone beside "
        f"a full name: {r.lone_surnames})"
    )
    for speaker in r.broken[:10]:
        print(f"  broken: {speaker!r}")
    print("30 most frequent speakers:")
    for speaker, count in r.top:
        print(f"  {count:4d}  {speaker}")
    missed = ["broken-speaker rate"] if rate > 0.01 else []
    if r.persons > r.speaker_forms or r.lone_surnames:
        missed.append("person grouping")
    return missed


def labelled(data: Path) -> None:
    """Print speaker accuracy on the hand-labelled real-news quotations, each half apart."""
    labels = real_speakers.load_labels()
    wanted = {label["id"] for label in labels}
    with (data / "relevance" / "dev.jsonl").open(encoding="utf-8") as handle:
        texts = {a["id"]: a["text"] for a in map(json.loads, handle) if a["id"] in wanted}
    quotes_of = {ident: extract_quotes(text) for ident, text in texts.items()}
    title = "real-news quotations (bench/real_speakers.jsonl)"
    real_speakers.report(real_speakers.tally(quotes_of, labels, content_words), title)


def labelled_pages(data: Path) -> None:
    """Print speaker accuracy on the hand-labelled quotations of other sites' pages (the true
    bodies of extraction/scrapinghub and extraction/readability), each half apart."""
    for source, labels_path, title in real_speakers.PAGE_SETS:
        truth = data / "extraction" / source / "ground_truth.json"
        if not truth.is_file():
            continue
        with truth.open(encoding="utf-8") as handle:
            bodies = {ident: page["articleBody"] for ident, page in json.load(handle).items()}
        labels = real_speakers.load_labels(labels_path)
        quotes_of = {label["id"]: extract_quotes(bodies[label["id"]]) for label in labels}
        real_speakers.report(real_speakers.tally(quotes_of, labels, content_words), title)


def hand_checked(data: Path) -> None:
    """Print polnear-dev scored against careful readers: how far its speakers can be trusted."""
    quotes_of = functools.lru_cache(maxsize=None)(extract_quotes)
    dev = {a["id"]: a for a in load_articles("dev", data)}
    polnear_read.report(*polnear_read.agreement(dev, quotes_of, match, content_words))
    train = {a["id"]: a for a in load_articles("train", data)}
    read = polnear_read.agreement(train, quotes_of, match, content_words, polnear_read.TRAIN_LABELS)
    polnear_read.report_train(read[1])
    halves = {
        half: {ident: a for ident, a in train.items() if polnear_read.half(ident) == half}
        for half in ("A", "B")
    }
    misses = polnear_read.MISSES_LABELS
    polnear_read.report_misses(
        {
            half: polnear_read.agreement(articles, quotes_of, match, content_words, misses)[0]
            for half, articles in halves.items()
        }
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Score the splits and the real news, time it, print the tables, return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "train", "both"), default="both")
    args = parser.parse_args(argv)
    data = shared_data()
    if not (data / "quotes").is_dir():
        print(f"bench_quotes: no shared data at {data}", file=sys.stderr)
        return 2
    missed: list[str] = []
    splits = ("dev", "train") if args.split == "both" else (args.split,)
    for split in splits:
        missed += report(split, score(load_articles(split, data)))
        print()
    if "dev" in splits:
        hand_checked(data)
    if (data / "relevance").is_dir():
        missed += report_real(real_news(data))
        labelled(data)
    if (data / "extraction").is_dir():
        labelled_pages(data)
    ms, ratio = time_ratio(load_articles("dev", data), data)
    # The milliseconds: the code before it took 1.65 ms at BEFORE["ratio"].
    equivalent = 1.65 * ratio / BEFORE["ratio"]
    print(
        f"\ncost on polnear-dev: {ms:.2f} ms per article here, {ratio:.3f} x trafilatura.extract "
        f"per page (fastest of 7 alternating rounds, CPU time; before: {BEFORE['ratio']:.3f}); "
        f"{equivalent:.2f} ms in the issue's terms (before 1.65, target <= 2: ratio <= "
        f"{RATIO_TARGET:.3f})"
    )
    if ratio > RATIO_TARGET:
        missed.append("cost")
    if missed:
        print("missed: " + ", ".join(missed), file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
