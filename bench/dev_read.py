"""How far PolNeAR's own speakers can be trusted: polnear-dev as careful readers label it.

bench/polnear_dev_read.jsonl gives, by its gold span, every dev quotation the program matched at
commit 53f7d90 (836): who said it, labelled from the article text alone by readers who saw
neither PolNeAR's annotation nor the program's speakers. Round 1 is 240 drawn at random (seed
20261207), round 2 the other 596, labelled the same way by three readers. Each label is the
fullest name the article gives, an organisation, or a description when the article names no one;
null where the words are no one's (5 of 836).

PolNeAR's `speaker` is often a pronoun whose `speaker_resolved` is empty or another person, so
the issue's speaker figure partly measures the annotation. Three figures tell them apart, each
with the shared-content-word rule of bench_quotes.speaker_ok:
- program vs PolNeAR (the issue's figure, on these quotations);
- program vs the readers;
- the readers vs PolNeAR: what a speaker finder that always agreed with a careful reader would
  score on the issue's figure.
Rules must not be written from these labels: they are dev's, and dev is held out.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from monitor.models import Quote

LABELS = Path(__file__).resolve().parent / "polnear_dev_read.jsonl"


@dataclass(frozen=True, slots=True)
class Agreement:
    """Counts over the sample's quotations that have a speaker."""

    spoken: int
    program_polnear: int
    program_reader: int
    reader_polnear: int


def agreement(
    articles: dict[str, dict],
    quotes_of: Callable[[str], Sequence[Quote]],
    match: Callable[[str, Sequence[Quote], Sequence[dict]], list[tuple[int, int]]],
    content: Callable[[str | None], set[str]],
) -> Agreement:
    """Score the program, PolNeAR and the readers against one another on the labelled quotations.

    `match` and `content` are bench_quotes' own, so this scores as the issue's figure does.
    """
    with LABELS.open(encoding="utf-8") as handle:
        labels = [json.loads(line) for line in handle if line.strip()]
    spoken = pp = pr = rp = 0
    for label in labels:
        if label["speaker"] is None:
            continue
        found, gold = _paired(articles[label["id"]], label, quotes_of, match)
        annotated = content(gold["speaker"]) | content(gold.get("speaker_resolved"))
        reader = content(label["speaker"])
        said = content(found.speaker) if found else set()
        spoken += 1
        pp += bool(said & annotated)  # speaker_ok: the speaker string alone, as the issue scores
        pr += bool((said | content(found.person if found else None)) & reader)
        rp += bool(reader & annotated)
    return Agreement(spoken, pp, pr, rp)


def _paired(
    article: dict,
    label: dict,
    quotes_of: Callable[[str], Sequence[Quote]],
    match: Callable[[str, Sequence[Quote], Sequence[dict]], list[tuple[int, int]]],
) -> tuple[Quote | None, dict]:
    """Return the program's quotation paired with the labelled gold one (None if unmatched)."""
    text, gold = article["text"], article["quotes"]
    j = next(
        k
        for k, g in enumerate(gold)
        if (g["quote_start"], g["quote_end"]) == (label["start"], label["end"])
    )
    preds = [q for q in quotes_of(text) if q.kind != "scare"]
    paired = {g: p for p, g in match(text, preds, gold)}
    return (preds[paired[j]] if j in paired else None), gold[j]


def report(a: Agreement) -> None:
    """Print the three figures."""
    print(f"\npolnear-dev as readers label it ({LABELS.name}, {a.spoken} with a speaker)")
    for name, hits in (
        ("program vs PolNeAR (the issue's figure)", a.program_polnear),
        ("program vs the readers", a.program_reader),
        ("the readers vs PolNeAR (a perfect finder's score)", a.reader_polnear),
    ):
        print(f"  {name:<50}{hits:>4}/{a.spoken} = {hits / a.spoken:.3f}")
