"""Carry a named speaker along one paragraph's chain of quotations."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from monitor.models import Quote
from monitor.quotes.names import gender_of, looks_personal
from monitor.quotes.plausible import is_named

_DESCRIBED = re.compile(r"(?:the|a|an|both|all|some)\b", re.I)
_REACH = 30  # quotations of the same paragraph looked back at


def same_voice(
    quote: Quote,
    earlier: list[Quote],
    paras: list[int],
    someone_else: Callable[[str, int, int, str], bool] | None = None,
) -> Quote:
    """Give "he said" the named speaker of the quotation just before it in the same paragraph.

    `paras[k]` is the paragraph of the k-th quotation; `quote` is the one after `earlier`.
    `someone_else(name, lo, hi, want)` says whether another person opens a sentence between
    offsets lo and hi ("“…,” said Scott. Analyst David Bositis agreed … “…,” he said"): then
    the voice may have changed, and the pronoun keeps the resolver's reading.
    """
    # Inside one paragraph, "…,” Lin said. “…,” he said. is nearly always the same voice;
    # article-wide salience would prefer whoever was mentioned in between.
    if not quote.speaker_text or quote.speaker_text.lower() not in ("he", "she"):
        return quote
    want = "m" if quote.speaker_text.lower() == "he" else "f"
    here = paras[len(earlier)]
    # At most _REACH quotations back: a paragraph of thousands of "he said" with no name made the
    # walk quadratic; real paragraphs hold a handful (at most 4 before a "he" in the test data).
    for k in range(len(earlier) - 1, max(-1, len(earlier) - 1 - _REACH), -1):
        if paras[k] != here:
            break
        prev = earlier[k]
        if prev.speaker and prev.speaker_text and _personal(prev.speaker, prev.speaker_text, want):
            if someone_else and someone_else(prev.speaker, prev.end, quote.start, want):
                return quote
            return replace(quote, speaker=prev.speaker)
    return quote


def _personal(name: str, words: str, want: str) -> bool:
    """Say whether a named speaker can be the "he" or "she" that follows (not Friday, not Both)."""
    gender = gender_of(name)
    return (
        is_named(words)
        and not _DESCRIBED.match(words)
        and gender in (None, want)
        and (gender is not None or looks_personal(name) or " " in name.strip())
    )
