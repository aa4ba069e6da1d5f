"""Recognise one quotation carried by several outlets: normalised text, edits and truncation."""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[a-z0-9]+")
ANCHOR_WORDS = 6  # words of the head and tail keys used to find candidates
MIN_WORDS = 4  # shorter quotations ("fake news") repeat without being the same quotation
_SHINGLE = 3
_CONTAINED = 0.7  # share of the shorter quotation's word triples found in the longer one


def normalise(text: str) -> str:
    """Return the quotation's words: lower case, accents, punctuation and quote marks dropped."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(_WORD.findall(plain.replace("'", "").replace("’", "")))


def anchor_keys(norm: str) -> tuple[str, str]:
    """Return the first and the last few words: a truncated copy keeps one of them."""
    words = norm.split()
    return " ".join(words[:ANCHOR_WORDS]), " ".join(words[-ANCHOR_WORDS:])


def worth_tracing(norm: str) -> bool:
    """Say whether a quotation is long enough for a repeat to mean the same quotation."""
    return len(norm.split()) >= MIN_WORDS


def same_quotation(a: str, b: str) -> bool:
    """Say whether two normalised quotations are one (small edits, one cut short)."""
    return same_shingled(a, shingles(a), b, shingles(b))


def same_shingled(
    a: str, a_sh: frozenset[tuple[str, ...]], b: str, b_sh: frozenset[tuple[str, ...]]
) -> bool:
    """Say what same_quotation says, given each quotation's word triples (from `shingles`)."""
    if a == b:
        return True
    (short, mine), (long_, theirs) = sorted(((a, a_sh), (b, b_sh)), key=lambda p: len(p[0]))
    if short in long_:
        return worth_tracing(short)
    return contained(short, mine, theirs)


def contained(
    short: str, mine: frozenset[tuple[str, ...]], theirs: frozenset[tuple[str, ...]]
) -> bool:
    """Say whether the shorter of two normalised quotations is in the longer but for small
    edits, given the word triples of each: both its ends and most of its triples are there."""
    if not mine:
        return False
    # Both ends must be found: an edit changes the middle, a cut drops whole words at an end,
    # but a different quotation that opens the same way ends differently.
    words = short.split()
    ends = tuple(words[:_SHINGLE]) in theirs and tuple(words[-_SHINGLE:]) in theirs
    return ends and len(mine & theirs) / len(mine) >= _CONTAINED


def shingles(norm: str) -> frozenset[tuple[str, ...]]:
    """Return the word triples of a normalised quotation."""
    words = norm.split()
    return frozenset(tuple(words[i : i + _SHINGLE]) for i in range(len(words) - _SHINGLE + 1))


def could_be_same(
    shared: int, a_sh: frozenset[tuple[str, ...]], b_sh: frozenset[tuple[str, ...]]
) -> bool:
    """Say whether `shared` common triples are enough for same_shingled to be worth asking."""
    return shared >= _CONTAINED * min(len(a_sh), len(b_sh))
