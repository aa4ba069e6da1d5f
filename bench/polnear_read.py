"""How far PolNeAR's own speakers can be trusted: PolNeAR as careful readers label it.

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
Where the program's speaker is right and the readers say a person, the bench also prints whether
its `person` is clean (real_speakers.clean_person): the held-out check of that figure, as no
rule for persons was written from these labels.
The same three figures are given where PolNeAR names no one (a bare "he" it left unresolved,
which its own scoring can never credit): there only the readers can say who is meant.
Rules must not be written from these labels: they are dev's, and dev is held out.

bench/polnear_train_read.jsonl holds, labelled the same way, every quotation of train half A
(sha1 of the article id, first byte even) that the program matched at commit a03f6d0 and whose
PolNeAR speaker names no one (360): the pronouns PolNeAR could not resolve, where rules for
the resolver may be written from the readers' labels and checked on dev's.

bench/polnear_misses_read.jsonl holds, labelled the same way, every quotation of train that
PolNeAR's scoring counted as a program error although PolNeAR names someone: half A's 230 at
commit 5ee8bb1, half B's 303 at commit 48765fa. Where the program's speaker and PolNeAR's named
one disagree, which of the two does a careful reader side with? The bench prints both counts per
half: on the tuned half the program's own errors are few, on the held-out half they are what
the rules did not carry over. Rules may be written from half A's labels, never from half B's or
dev's.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.real_speakers import clean_person
from monitor.models import Quote

HERE = Path(__file__).resolve().parent
LABELS = HERE / "polnear_dev_read.jsonl"
TRAIN_LABELS = HERE / "polnear_train_read.jsonl"
MISSES_LABELS = HERE / "polnear_misses_read.jsonl"


def half(article_id: str) -> str:
    """Return 'A' (rules are fitted on it) or 'B' (held out) by the first byte of sha1 of the id."""
    return "A" if hashlib.sha1(article_id.encode()).digest()[0] % 2 == 0 else "B"


@dataclass(slots=True)
class Agreement:
    """Counts over labelled quotations that have a speaker."""

    spoken: int = 0
    program_polnear: int = 0
    program_reader: int = 0
    reader_polnear: int = 0
    persons: int = 0  # labelled a person, and the program's speaker or person is right
    person_clean: int = 0  # ... and the program's person holds no word the label lacks
    disputed: int = 0  # PolNeAR names someone and the program someone else
    disputed_program: int = 0  # ... and the readers side with the program
    disputed_polnear: int = 0  # ... and the readers side with PolNeAR

    def add(self, program_polnear: bool, program_reader: bool, reader_polnear: bool) -> None:
        self.spoken += 1
        self.program_polnear += program_polnear
        self.program_reader += program_reader
        self.reader_polnear += reader_polnear


def agreement(
    articles: dict[str, dict],
    quotes_of: Callable[[str], Sequence[Quote]],
    match: Callable[[str, Sequence[Quote], Sequence[dict]], list[tuple[int, int]]],
    content: Callable[[str | None], set[str]],
    path: Path = LABELS,
) -> tuple[Agreement, Agreement]:
    """Score the program, PolNeAR and the readers against one another on the labelled
    quotations: over all of them, and over those whose PolNeAR speaker names no one.

    `match` and `content` are bench_quotes' own, so this scores as the issue's figure does.
    """
    with path.open(encoding="utf-8") as handle:
        labels = [json.loads(line) for line in handle if line.strip()]
    every, unnamed = Agreement(), Agreement()
    for label in labels:
        if label["speaker"] is None or label["id"] not in articles:
            continue
        found, gold = _paired(articles[label["id"]], label, quotes_of, match)
        annotated = content(gold["speaker"]) | content(gold.get("speaker_resolved"))
        reader = content(label["speaker"])
        said = content(found.speaker) if found else set()
        # The speaker string alone, as the issue scores (speaker_ok), against both.
        counts = (bool(said & annotated), bool(said & reader), bool(reader & annotated))
        every.add(*counts)
        if found and label.get("kind") == "person" and (said | content(found.person)) & reader:
            every.persons += 1
            every.person_clean += clean_person(found.person, label["speaker"])
        if not annotated:
            unnamed.add(*counts)
        elif not counts[0]:
            every.disputed += 1
            every.disputed_program += counts[1]
            every.disputed_polnear += counts[2] and not counts[1]
    return every, unnamed


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


def report(every: Agreement, unnamed: Agreement) -> None:
    """Print the three figures over dev, and the program's where PolNeAR names no one."""
    print(f"\npolnear-dev as readers label it ({LABELS.name}, {every.spoken} with a speaker)")
    for name, hits in (
        ("program vs PolNeAR (the issue's figure)", every.program_polnear),
        ("program vs the readers", every.program_reader),
        ("the readers vs PolNeAR (a perfect finder's score)", every.reader_polnear),
    ):
        print(f"  {name:<50}{hits:>4}/{every.spoken} = {hits / every.spoken:.3f}")
    if every.persons:
        # No rule for persons was written from these labels: the held-out check of that figure.
        clean = every.person_clean / every.persons
        name = "a right person's name clean (clean_person)"
        print(f"  {name:<50}{every.person_clean:>4}/{every.persons} = {clean:.3f}")
    _unnamed("dev (held out)", unnamed)
    print(
        f"  where PolNeAR names someone the program does not, dev (held out, {every.disputed}): "
        f"the readers side with the program {every.disputed_program}, with PolNeAR "
        f"{every.disputed_polnear} (the issue's figure if every one of those were fixed: "
        f"{(every.program_polnear + every.disputed_polnear) / every.spoken:.3f})"
    )


def report_train(unnamed: Agreement) -> None:
    """Print the program's figure on train half A where PolNeAR names no one."""
    _unnamed(f"train half A ({TRAIN_LABELS.name})", unnamed)


def report_misses(halves: dict[str, Agreement]) -> None:
    """Print, per train half, where PolNeAR and the program disagreed on a named speaker, whom
    the readers side with now."""
    for half, every in sorted(halves.items()):
        print(
            f"  where PolNeAR named someone else, train half {half} ({MISSES_LABELS.name}, "
            f"{every.spoken} with a speaker): the readers side with the program "
            f"{every.program_reader}, with PolNeAR {every.reader_polnear}"
        )


def _unnamed(where: str, a: Agreement) -> None:
    share = a.program_reader / a.spoken if a.spoken else 0.0
    print(
        f"  where PolNeAR names no one, {where}: program vs the readers "
        f"{a.program_reader}/{a.spoken} = {share:.3f}"
    )
