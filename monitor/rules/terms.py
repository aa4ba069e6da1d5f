"""Aliases -> one Aho-Corasick automaton; text -> term hits with word-boundary checks."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

# Scripts written without spaces between words: an alias in them matches anywhere, and a
# neighbouring character from them never counts as "the same word" as a Latin/Cyrillic alias.
_SPACELESS = "\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_word_char = re.compile(f"[^\\W{_SPACELESS}]").match
_word_tail = re.compile(f"[^\\W{_SPACELESS}]*").match
# Characters that lower() alone does not fold: odd spaces, ligatures, full-width forms.
_COMPAT = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\ufb00-\ufb4f\uff00-\uffef]")


class AliasSyntaxError(ValueError):
    """An alias string does not follow the alias syntax."""


@dataclass(frozen=True, slots=True)
class Alias:
    """One parsed alias: what to look for and how strictly."""

    key: str  # the term set it belongs to ("g:china" or a literal's key)
    source: str  # as written by the analyst
    needles: tuple[str, ...]  # lower-cased forms fed to the automaton, with and without accents
    exact: str | None  # NFKC text the original must equal (case-sensitive aliases)
    stem: bool  # trailing *: match any word that starts with the needle
    negative: bool  # leading -: a phrase whose span cancels the group's hits inside it


def fold(text: str) -> str:
    """Normalise one string for matching: NFKD, drop combining marks, casefold."""
    return "".join(_fold_char(c) for c in text)


@lru_cache(maxsize=65536)
def _fold_char(c: str) -> str:
    """Fold one character to one character, or to "" for a combining mark.

    Keeping one character per character lets offsets in the folded text index the original;
    a fold that would expand (ß -> ss, … -> ...) keeps the lower-cased character instead.
    """
    decomposed = unicodedata.normalize("NFKD", c)
    kept = "".join(d for d in decomposed if not unicodedata.combining(d)).casefold()
    if len(kept) == 1 or (not kept and unicodedata.combining(c)):
        return kept
    lower = c.lower()
    return lower if len(lower) == 1 else c


def parse_alias(key: str, source: str) -> Alias:
    """Parse alias syntax: `=` case-sensitive, `-` exclusion phrase, trailing `*` stem."""
    text = source.strip()
    negative = text.startswith("-")
    text = text[1:].strip() if negative else text
    exact = text.startswith("=")
    text = text[1:].strip() if exact else text
    stem = text.endswith("*")
    text = text[:-1] if stem else text
    if "*" in text:
        raise AliasSyntaxError(f"alias {source!r}: '*' is allowed only at the end of an alias")
    needle = " ".join(fold(text).split())
    lowered = " ".join(unicodedata.normalize("NFC", text).lower().split())
    if not needle:
        raise AliasSyntaxError(f"alias {source!r} has no letters to look for")
    if stem and len(needle) < 3:
        raise AliasSyntaxError(f"alias {source!r}: a stem needs at least 3 letters before '*'")
    nfkc = " ".join(unicodedata.normalize("NFKC", text).split())
    needles = tuple(dict.fromkeys((lowered, needle)))
    return Alias(key, source, needles, nfkc if exact else None, stem, negative)


@dataclass(frozen=True, slots=True)
class RawHit:
    """A checked occurrence of an alias in one string."""

    key: str
    start: int
    end: int
    term: str  # the words as they appear in the text


def fold_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """Lower-case `text` for the automaton; return folded->original offsets if they moved.

    Ordinary text (NFC, no odd spaces or full-width forms) is only lower-cased, which keeps
    accents: every alias is in the automaton both with and without its accents. Other text is
    folded one character at a time (accents and compatibility forms removed).
    """
    if text.isascii():
        return text.lower(), None
    if _COMPAT.search(text) is None and unicodedata.is_normalized("NFC", text):
        lowered = text.lower()
        if len(lowered) == len(text):
            return lowered, None
    pieces: list[str] = []
    origin: list[int] = []
    for i, c in enumerate(text):
        f = _fold_char(c)
        pieces.append(f)
        origin.extend([i] * len(f))
    origin.append(len(text))
    return "".join(pieces), origin


class Scanner:
    """One automaton for every alias of every topic; `scan` is a single pass over a string."""

    def __init__(self, aliases: Iterable[Alias]) -> None:
        self._automaton = ahocorasick.Automaton()
        table: dict[str, list[Alias]] = {}
        for alias in aliases:
            for needle in alias.needles:
                table.setdefault(needle, []).append(alias)
        for needle, group in table.items():
            left = _word_char(needle[0]) is not None
            right = _word_char(needle[-1]) is not None
            self._automaton.add_word(needle, (len(needle), left, right, tuple(group)))
        self._empty = not table
        if not self._empty:
            self._automaton.make_automaton()

    def scan(self, text: str) -> list[RawHit]:
        """Return boundary-checked hits in `text`, exclusions applied, ordered by start."""
        if self._empty or not text:
            return []
        folded, origin = fold_with_offsets(text)
        found: dict[tuple[str, int, int], RawHit] = {}
        vetoes: list[tuple[str, int, int]] = []
        for last, (length, left, right, aliases) in self._automaton.iter(folded):
            start, end = last - length + 1, last + 1
            if left and start and _word_char(folded, start - 1):
                continue
            glued = right and _word_char(folded, end) is not None
            for alias in aliases:
                if alias.stem:
                    stop = _word_tail(folded, end).end()
                elif glued:
                    continue
                else:
                    stop = end
                s, e = (start, stop) if origin is None else (origin[start], origin[stop])
                if alias.exact is not None and not _same_case(text[s:e], alias.exact):
                    continue
                if alias.negative:
                    vetoes.append((alias.key, s, e))
                else:
                    # Two aliases of one set can find the same words ("=NATO", "Nato"): keep one.
                    found[(alias.key, s, e)] = RawHit(alias.key, s, e, text[s:e])
        hits = list(found.values())
        if vetoes:
            hits = [h for h in hits if not _vetoed(h, vetoes)]
        hits.sort(key=lambda h: (h.start, -h.end))
        return hits


def _same_case(original: str, exact: str) -> bool:
    """Compare a case-sensitive alias with the words found, ignoring inner spacing."""
    return " ".join(unicodedata.normalize("NFKC", original).split()) == exact


def _vetoed(hit: RawHit, vetoes: list[tuple[str, int, int]]) -> bool:
    """Say whether an exclusion phrase of the same term set covers `hit`."""
    return any(k == hit.key and s <= hit.start and hit.end <= e for k, s, e in vetoes)
