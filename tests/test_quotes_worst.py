"""Quotation extraction on hostile text: unbalanced marks, thousands of quotations or names.

Articles come from arbitrary web pages, so the finder must stay linear in the text. Work is
counted, not timed: the lines of monitor/ run while reading a text, which doubles when the text
doubles and quadruples where a walk is quadratic.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import FrameType
from typing import Any

import pytest

from monitor.quotes import extract_quotes
from monitor.quotes.marks import find_spans

NAMES = [f"{g} {s}" for g in ("John", "Mary", "Peter", "Anna") for s in ("Smith", "Jones", "Clark")]
_split = str.split  # word lists are written as text, one readable line each
WORDS = _split("the vote on the bill was delayed again because lawmakers could not agree")


def _words(k: int, n: int = 4) -> str:
    return " ".join(WORDS[(k + j) % len(WORDS)] for j in range(n))


# Each case is one repeated piece, numbered k; the texts have no line break: one paragraph.
CASES: dict[str, Callable[[int], str]] = {
    "unclosed double": lambda k: f"“{_words(k)} ",
    "unclosed single": lambda k: f"‘{_words(k)} ",
    "unclosed mixed": lambda k: f"{'“‘«„'[k % 4]}{_words(k)} ",
    "closing only": lambda k: f"{_words(k)}” ",
    "alternating straight": lambda k: f'"{_words(k)}" {_words(k + 1)} ',
    "nesting": lambda k: f"“{_words(k, 2)} ‘{_words(k + 1, 2)} ",
    "dense single": lambda k: "‘a ",
    "dense guillemets": lambda k: "«a ",
    "dense backticks": lambda k: "``a ",
    "marks only": lambda k: "“‘\"'”’«»„"[(k * 7) % 9],
    "stray apostrophes": lambda k: "“a " if k % 4 else "'a “b” ",
    "unattributed sentences": lambda k: "“A b. ",
    "he said": lambda k: f"“{_words(k)},” he said. ",
    "names": lambda k: f"{NAMES[k % len(NAMES)]} met {NAMES[(k * 5 + 1) % len(NAMES)]}. ",
    "long sentence": lambda k: f"{_words(k, 6)}, “{_words(k + 2)}” {NAMES[k % len(NAMES)]} said, ",
}


def _text(case: str, n: int) -> str:
    unit = CASES[case]
    return "“We will win,” he said.\n\n" + "".join(unit(k) for k in range(n))


def _work(read: Callable[[str], Any], text: str) -> int:
    """Count the lines of monitor/ run while reading text."""
    count = 0

    def trace(frame: FrameType, event: str, arg: object) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return trace

    def calls(frame: FrameType, event: str, arg: object) -> Any:
        return trace if "/monitor/" in frame.f_code.co_filename else None

    previous = sys.gettrace()
    sys.settrace(calls)
    try:
        read(text)
    finally:
        sys.settrace(previous)
    return count


@pytest.mark.parametrize("case", CASES)
def test_work_grows_linearly_with_hostile_text(case: str) -> None:
    small = _work(extract_quotes, _text(case, 300))
    large = _work(extract_quotes, _text(case, 1200))
    # Four times the text: about four times the work, sixteen where a walk is quadratic.
    assert large < 5 * small, (small, large)


def test_finding_marks_is_linear_in_a_paragraph_of_unclosed_marks() -> None:
    def spans(text: str) -> object:
        return find_spans(text)

    small = _work(spans, "‘a " * 500)
    large = _work(spans, "‘a " * 2000)
    assert large < 5 * small, (small, large)


@pytest.mark.parametrize("case", CASES)
def test_hostile_text_gives_sane_quotations(case: str) -> None:
    text = _text(case, 2000)
    quotes = extract_quotes(text)
    for q in quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert q.text == text[q.start : q.end]
        assert q.end - q.start <= 3000, (q.start, q.end)
        assert q.speaker_text is None or len(q.speaker_text) < 200
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)


def test_quotation_marks_alone_give_no_quotation() -> None:
    assert extract_quotes("“‘\"'”’«»„" * 3000) == ()
