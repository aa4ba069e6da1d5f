"""The benchmarks' own scoring: which of the program's quotations a hand label is about, and
when a speaker's words match the label's.

The labels of bench/*_speakers.jsonl were drawn on an earlier program's quotation spans; these
tests pin how a label finds the program's quotation now and how names are compared, so a figure
cannot move by a change of scoring that nobody meant.
"""

from __future__ import annotations

from bench.bench_quotes import content_words
from bench.real_speakers import _matching
from monitor.models import Quote


def _quote(start: int, end: int) -> Quote:
    return Quote(text="x" * (end - start), start=start, end=end, kind="direct")


def test_a_label_takes_the_quotation_overlapping_it_most() -> None:
    near, best = _quote(95, 160), _quote(100, 200)
    assert _matching([near, best], 100, 190) is best


def test_a_quotation_whose_end_was_put_right_is_still_the_labelled_one() -> None:
    # The label spans a run-on quotation (100..400); the program now closes it at 150.
    closed = _quote(101, 150)
    assert _matching([closed], 100, 400) is closed


def test_a_quotation_elsewhere_is_no_match() -> None:
    assert _matching([_quote(120, 150), _quote(500, 900)], 100, 400) is None


def test_a_name_matches_its_spelling_without_accents() -> None:
    # "Andrea Virág" is the labelled "Virag" (relevance/dev.jsonl rtqa:16883a86af45); a
    # curly apostrophe still splits words as a straight one does ("O’Neill", "O'Neill").
    assert content_words("Andrea Virág") & content_words("Virag")
    assert content_words("NYPD Commissioner James O’Neill") & content_words("O'Neill")
    assert content_words("The Kremlin’s summary") & content_words("the Kremlin")
