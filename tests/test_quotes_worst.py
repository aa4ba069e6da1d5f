"""Quotation extraction on hostile text: unbalanced marks, thousands of quotations or names.

Articles come from arbitrary web pages, so the finder must stay linear in the text. Work is
counted, not timed: the lines of monitor/ run while reading a text, which doubles when the text
doubles and quadruples where a walk is quadratic. Work done inside C (a str.find or a regex
scan over the whole page) is invisible to that count: bench/bench_worst.py times the same
texts against a real article (`make bench`).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from monitor.quotes import extract_quotes
from monitor.quotes.marks import find_spans
from tests.support.hostile import CASES, QUOTATIONS, pieces

PACKAGE = str(Path(extract_quotes.__code__.co_filename).resolve().parents[1])  # monitor/


def _text(case: str, n: int) -> str:
    return "“We will win,” he said.\n\n" + pieces(case, n)


def _work(read: Callable[[str], Any], text: str) -> int:
    """Count the lines of monitor/ run while reading text."""
    count = 0

    def trace(frame: FrameType, event: str, arg: object) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return trace

    def calls(frame: FrameType, event: str, arg: object) -> Any:
        return trace if frame.f_code.co_filename.startswith(PACKAGE) else None

    previous = sys.gettrace()
    sys.settrace(calls)
    try:
        read(text)
    finally:
        sys.settrace(previous)
    return count


@pytest.mark.parametrize("case", CASES)
def test_work_grows_linearly_with_hostile_text(case: str) -> None:
    # The large text first: caches it fills can only make the small one cheaper.
    large = _work(extract_quotes, _text(case, 1200))
    small = _work(extract_quotes, _text(case, 300))
    # Four times the text: about four times the work, sixteen where a walk is quadratic.
    assert large < 5 * small, (small, large)


def test_finding_marks_is_linear_in_a_paragraph_of_unclosed_marks() -> None:
    def spans(text: str) -> object:
        return find_spans(text)

    large = _work(spans, "‘a " * 2000)
    small = _work(spans, "‘a " * 500)
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
    if case in QUOTATIONS:  # the opening "We will win" line, and what the pieces hold
        assert len(quotes) == 1 + QUOTATIONS[case](2000)


def test_quotation_marks_alone_give_no_quotation() -> None:
    assert extract_quotes("“‘\"'”’«»„" * 3000) == ()
