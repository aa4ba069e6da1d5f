"""Speaker accuracy on hand-labelled quotations of real news (relevance/dev.jsonl).

bench/real_speakers.jsonl holds 3,312 quotations drawn at random from the real articles (from
the program's own quotation spans, scare quotes left out), in six rounds that never overlap:
500, then 599 (a 600th, a link headline with no speaker in the text, was left out), then 600,
then 600 twice (2026-12-07, seeds 20261207 and 202612075), then the 413 the program found that
no round had drawn (2026-12-07, at commit cc30188: the last 413 lines; the pool is now empty).
Each new round is first scored on its own, by code no rule was yet written from it for. Those
from articles whose sha1(id) first byte is even are S1 (rules may be written from its errors);
the others are S2 (held out, read only as a figure). Each was labelled from the
article text alone by a reader who did not see the program's speakers: who said it, and whether
that is a person, an organisation or a description, or null where the quoted words are no one's
speech (a title, a scare-quoted term, a hypothetical the writer invents). A labelled speaker is
matched much as PolNeAR is scored (bench_quotes.speaker_ok): the program's speaker or its person
must share a content word with it. That is generous where a shared word is not the same one
("Donald Trump" passes for "Donald Trump Jr.", "Barack Obama" for "an aide to Barack Obama").
A quotation the program no longer finds counts as a miss: none overlaps the labelled span by
half (IoU >= 0.5), nor opens where it does (a quotation whose end has since been put right is
still the labelled one; since 2026-12-07, 5 labels). Where the speaker is right and labelled a
person, the program's `person` is also checked to be that name or part of it (clean_person): a
title, a sentence's opening word or a relative's given name left in it ("Intelligence Dan
Coats", "Considering Trump", "Frederick Trump" for Donald Trump) is what the digest's "Who said
what" would group under.

bench/site_speakers.jsonl holds a second set, labelled the same way and blind: quotations of the
true article bodies of extraction/scrapinghub (181 pages of 126 sites, none of them seen by a
speaker rule before), at most 12 drawn per article (2026-12-07, seed 20261207, at commit
9f23d01). Its halves are X1 (rules may look at it) and X2 (held out), by the same sha1 rule.
bench/page_speakers.jsonl holds a third, of pages of many kinds: 328 quotations of the true
bodies of extraction/readability's English pages (news, blogs, reference, fiction; 47 pages, at
most 12 drawn per page, seed 202612072, at commit 0f589b2), halves Y1 and Y2.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from monitor.models import Quote

LABELS = Path(__file__).resolve().parent / "real_speakers.jsonl"
SITE_LABELS = LABELS.with_name("site_speakers.jsonl")
PAGE_LABELS = LABELS.with_name("page_speakers.jsonl")
# Each labelled set of pages: the extraction corpus its texts are the true bodies of, its labels.
PAGE_SETS = (
    ("scrapinghub", SITE_LABELS, "quotations of 126 other sites (bench/site_speakers.jsonl)"),
    ("readability", PAGE_LABELS, "quotations of 47 English pages (bench/page_speakers.jsonl)"),
)
_LOOKED_AT = {"S1", "X1", "Y1"}  # the halves rules may be written from


@dataclass(slots=True)
class Tally:
    """Right answers of one half: quotations with a speaker, and those that are no one's."""

    right: int = 0
    spoken: int = 0  # labelled with a speaker
    silent_right: int = 0  # labelled null and given no speaker
    silent: int = 0  # labelled null
    kind_right: int = 0  # speaker right and speaker_kind the labelled kind
    persons: int = 0  # speaker right and labelled a person
    person_clean: int = 0  # ... and the program's person holds no word the labelled name lacks

    @property
    def accuracy(self) -> float:
        return self.right / self.spoken if self.spoken else 0.0


def load_labels(path: Path = LABELS) -> list[dict]:
    """Read the labels: one {"id", "start", "end", "half", "speaker", "kind"} per line."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def tally(
    quotes_of: dict[str, Sequence[Quote]],
    labels: Iterable[dict],
    content: Callable[[str | None], set[str]],
) -> dict[str, Tally]:
    """Score the program's quotations of each article against the labels, per half.

    `content` is bench_quotes.content_words, so both data sets are scored by one rule.
    """
    out: dict[str, Tally] = {}
    for label in labels:
        t = out.setdefault(label["half"], Tally())
        found = _matching(quotes_of.get(label["id"], ()), label["start"], label["end"])
        given = (found.speaker, found.person) if found else (None, None)
        if label["speaker"] is None:
            t.silent += 1
            t.silent_right += given[0] is None
            continue
        t.spoken += 1
        said = content(given[0]) | content(given[1])
        right = bool(said & content(label["speaker"]))
        t.right += right
        t.kind_right += right and found is not None and found.speaker_kind == label["kind"]
        if right and found is not None and label["kind"] == "person":
            t.persons += 1
            t.person_clean += clean_person(found.person, label["speaker"])
    return out


def clean_person(person: str | None, labelled: str) -> bool:
    """Say whether a person is the labelled name or part of it ("Trump" of "Donald Trump"):
    no title, no opening word and no other person's given name ("Considering Trump",
    "Intelligence Dan Coats", "Frederick Trump" are not)."""
    return bool(person) and _words(person) <= _words(labelled)


def _words(name: str | None) -> set[str]:
    """Return a name's words, lower-cased and without accents ("Zelenskyy", "Erdoğan")."""
    folded = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode()
    return set(re.findall(r"[a-z0-9]+", folded.lower()))


def _matching(quotes: Sequence[Quote], start: int, end: int) -> Quote | None:
    """Return the quotation overlapping the labelled span most, at IoU >= 0.5, or else the one
    opening where the label does.

    The labelled spans are an earlier program's: where a quotation's end has since been put
    right (a run-on quotation now closes at ''), it still opens at the label's start and is the
    same quotation, though it overlaps the old span by less than half.
    """
    best, score = None, 0.5
    for q in quotes:
        inter = max(0, min(q.end, end) - max(q.start, start))
        union = max(q.end, end) - min(q.start, start)
        if union and inter / union >= score:
            best, score = q, inter / union
    return best or next((q for q in quotes if abs(q.start - start) <= _SAME_START), None)


_SAME_START = 2  # characters a quotation's start may move (a mark read as inside or outside)


def report(halves: dict[str, Tally], title: str) -> None:
    """Print the figure of each half under a title."""
    print(f"\nspeakers of hand-labelled {title}")
    for half, t in sorted(halves.items()):
        role = "rules may look at it" if half in _LOOKED_AT else "held out"
        print(
            f"  {half} ({role}): speaker right {t.right}/{t.spoken} = {t.accuracy:.3f}, "
            f"and of those its kind {t.kind_right}/{t.right}, "
            f"a person's name clean {t.person_clean}/{t.persons}; "
            f"no one's words given no speaker {t.silent_right}/{t.silent}"
        )
