"""Aliases -> one Aho-Corasick automaton; text -> term hits with word-boundary checks."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick_rs

# Scripts written without spaces between words: an alias in them matches anywhere, and a
# neighbouring character from them never counts as "the same word" as a Latin/Cyrillic alias.
_SPACELESS = "\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_word_char = re.compile(f"[^\\W{_SPACELESS}]").match
_ASCII_WORD = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
_PLAIN = (False, None, False)  # (stem, exact, negative) of an ordinary alias
# One way a needle is found: (stem, exact, negative, keys it stands for).
Variant = tuple[bool, str | None, bool, tuple[str, ...]]
_word_tail = re.compile(f"[^\\W{_SPACELESS}]*").match
# Characters that lower() alone does not fold: odd spaces, ligatures, full-width forms.
_NON_ASCII = re.compile("[^\x00-\x7f]+")
_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_COMPAT = "\u00a0\u2000-\u200a\u202f\u205f\u3000\ufb00-\ufb4f\uff00-\uffef"
_NEEDS_FOLD = re.compile(f"[{_COMPAT}{_COMBINING}]")
_ASCII_BYTES = bytes(range(128))
_SURROGATE = re.compile("[\ud800-\udfff]")


MAX_ALIAS_CHARS = 200  # a 100,000-character alias made `explain` take over a minute


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
    if len(text) > MAX_ALIAS_CHARS:
        raise AliasSyntaxError(
            f"alias {text[:40]!r}... is {len(text)} characters long, the limit is "
            f"{MAX_ALIAS_CHARS}; fix: keep the distinctive words of the phrase"
        )
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
    if not any(c.isalnum() for c in needle):
        raise AliasSyntaxError(
            f"alias {source!r} has no letter or digit, so it would match almost any text; "
            "fix: remove it, or write the word it stands for"
        )
    if stem and len(needle) < 3:
        raise AliasSyntaxError(f"alias {source!r}: a stem needs at least 3 letters before '*'")
    nfkc = " ".join(unicodedata.normalize("NFKC", text).split())
    needles = tuple(dict.fromkeys((lowered, needle)))
    return Alias(key, source, needles, nfkc if exact else None, stem, negative)


# Up to this many needles the automaton is a DFA: three times faster to scan than an NFA, and
# a few MB (1,100 needles: 3 MB, 8 ms to build); a huge watch-list gets the compact NFA.
_DFA_MAX_NEEDLES = 5000


# A scan result: (start, -end, term-set keys) per checked occurrence, so that plain tuple order
# is by start, longest first. One tuple per span however many groups share the words: groups
# are looked up lazily.
ScanHit = tuple[int, int, tuple[str, ...]]


class Origin:
    """Map offsets in folded text back to the original, given where characters were dropped.

    Folding keeps one character per character or drops it (a combining accent), so the
    original offset of folded offset i is i plus the number of drops at or before i.
    """

    __slots__ = ("_drops",)

    def __init__(self, drops: list[int]) -> None:
        self._drops = drops  # folded offsets at which a character was dropped, ascending

    def __getitem__(self, i: int) -> int:
        return i + bisect_right(self._drops, i)


def fold_with_offsets(text: str) -> tuple[str, Origin | None]:
    """Lower-case `text` for the automaton; return folded->original offsets if they moved.

    Ordinary text (no combining accents, odd spaces or full-width forms) is only lower-cased,
    which keeps accents: every alias is in the automaton both with and without its accents.
    Other text has its non-ASCII characters folded one at a time (accents and odd forms go).
    """
    if text.isascii():
        return text.lower(), None
    # News text is mostly ASCII with a few quotes and dashes, where str.lower() and a regex
    # pass over every character are slow. In UTF-8, dropping the ASCII bytes leaves just the
    # non-ASCII characters: if none of them changes under lower() or needs folding, lowering
    # the ASCII bytes gives exactly text.lower() at a third of the cost.
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: take the general path
        data = None
    if data is not None:
        rest = data.translate(None, _ASCII_BYTES).decode("utf-8")
        if rest.lower() == rest and _NEEDS_FOLD.search(rest) is None:
            return data.lower().decode("utf-8"), None
    # One search for odd forms or combining accents (the cases lower() alone gets wrong);
    # is_normalized() would be as quick on clean text but slow on the rest.
    if _NEEDS_FOLD.search(text) is None:
        lowered = text.lower()
        if len(lowered) == len(text):
            return lowered, None
    pieces: list[str] = []
    drops: list[int] = []
    last = kept = 0
    for match in _NON_ASCII.finditer(text):
        start, end = match.span()
        pieces.append(text[last:start].lower())
        kept += start - last
        for i in range(start, end):
            f = _fold_char(text[i])
            if f:
                pieces.append(f)
                kept += 1
            else:
                drops.append(kept)
        last = end
    pieces.append(text[last:].lower())
    return "".join(pieces), Origin(drops) if drops else None


class Scanner:
    """One automaton for every alias of every topic; `scan` is a single pass over a string."""

    def __init__(self, aliases: Iterable[Alias]) -> None:
        table: dict[str, list[Alias]] = {}
        for alias in aliases:
            for needle in alias.needles:
                table.setdefault(needle, []).append(alias)
        needles = sorted(table)
        # What each needle (by index) means: (boundary left, boundary right, plain keys, variants).
        self._values: list[tuple[bool, bool, tuple[str, ...] | None, tuple[Variant, ...]]] = []
        for needle in needles:
            group = table[needle]
            left = _word_char(needle[0]) is not None
            right = _word_char(needle[-1]) is not None
            # Aliases that find the same words the same way share one key tuple, so a word
            # listed in ten groups costs one check and one tuple per occurrence.
            variants: dict[tuple[bool, str | None, bool], list[str]] = {}
            for alias in group:
                variants.setdefault((alias.stem, alias.exact, alias.negative), []).append(alias.key)
            packed = tuple((*how, tuple(dict.fromkeys(keys))) for how, keys in variants.items())
            # Most needles have one plain variant (no stem, case or exclusion): scan takes a
            # short path for them, decided here once instead of per occurrence.
            plain = packed[0][3] if len(packed) == 1 and packed[0][:3] == _PLAIN else None
            self._values.append((left, right, plain, packed))
        self._automaton = None
        if needles:
            kind = (
                ahocorasick_rs.Implementation.DFA
                if len(needles) <= _DFA_MAX_NEEDLES
                else ahocorasick_rs.Implementation.ContiguousNFA
            )
            # Standard semantics with overlapping=True report every needle at every place it
            # ends, as the rule language needs (a phrase and its first word are both hits).
            self._automaton = ahocorasick_rs.AhoCorasick(
                needles, matchkind=ahocorasick_rs.MatchKind.Standard, implementation=kind
            )

    def scan(self, text: str) -> list[ScanHit]:
        """Return boundary-checked hits in `text`, exclusions applied, ordered by start."""
        if self._automaton is None or not text:
            return []
        folded, origin = fold_with_offsets(text)
        hits: list[ScanHit] = []
        vetoes: list[ScanHit] = []
        append, word_tail, size = hits.append, _word_tail, len(folded)
        ascii_word, word_char = _ASCII_WORD, _word_char
        # Inlined boundary test (runs for most occurrences): does a neighbouring character
        # belong to the same word as a Latin/Cyrillic alias? ASCII by set, the rest by regex.
        values = self._values
        for index, start, end in self._find(folded):
            left, right, plain, variants = values[index]
            if left and start:
                c = folded[start - 1]
                if c in ascii_word if c < "\x80" else word_char(c) is not None:
                    continue
            if right and end < size:
                c = folded[end]
                glued = c in ascii_word if c < "\x80" else word_char(c) is not None
            else:
                glued = False
            if plain is not None:
                if not glued:
                    if origin is None:
                        append((start, -end, plain))
                    else:
                        append((origin[start], -origin[end], plain))
                continue
            for stem, exact, negative, keys in variants:
                if stem:
                    tail = word_tail(folded, end)  # `...*` always matches, if only emptily
                    stop = tail.end() if tail is not None else end
                elif glued:
                    continue
                else:
                    stop = end
                s, e = (start, stop) if origin is None else (origin[start], origin[stop])
                if exact is not None and not _same_case(text[s:e], exact):
                    continue
                if negative:
                    vetoes.append((s, e, keys))
                else:
                    append((s, -e, keys))
        if vetoes:
            hits = _apply_vetoes(hits, vetoes)
        hits.sort()
        return hits

    def _find(self, folded: str) -> list[tuple[int, int, int]]:
        """Return (needle index, start, end) of every occurrence of every needle."""
        assert self._automaton is not None
        try:
            return self._automaton.find_matches_as_indexes(folded, overlapping=True)
        except UnicodeEncodeError:
            # A lone surrogate (from undecodable input) cannot cross into the automaton as
            # UTF-8; U+FFFD in its place keeps every offset.
            clean = _SURROGATE.sub("\ufffd", folded)
            return self._automaton.find_matches_as_indexes(clean, overlapping=True)


def _same_case(original: str, exact: str) -> bool:
    """Compare a case-sensitive alias with the words found, ignoring inner spacing."""
    return " ".join(unicodedata.normalize("NFKC", original).split()) == exact


def _apply_vetoes(hits: list[ScanHit], vetoes: list[ScanHit]) -> list[ScanHit]:
    """Drop the keys of each hit that an exclusion phrase of the same term set covers."""
    kept: list[ScanHit] = []
    for s, minus_e, keys in hits:
        banned = {k for vs, ve, vk in vetoes if vs <= s and -minus_e <= ve for k in vk}
        left = tuple(k for k in keys if k not in banned) if banned else keys
        if left:
            kept.append((s, minus_e, left))
    return kept
