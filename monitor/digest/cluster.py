"""Group a topic's matched articles into stories: syndicated copies and rewrites become one."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from monitor.fingerprint import hamming
from monitor.models import Quote

_WORD = re.compile(r"\w+")
# Wire copies arrive as "UPDATE 2-Title", "EXCLUSIVE: Title" or "Title - Reuters"; the
# decorations differ per outlet while the story does not.
_TITLE_PREFIX = re.compile(
    r"^\s*(?:(?:update|corrected|refile)\s*\d*|exclusive|breaking|"
    r"analysis|live|wrapup\s*\d*)\s*[-:–—|]\s*",
    re.IGNORECASE,
)
_TITLE_SUFFIX = re.compile(r"\s+[-|–—]\s+[^-|–—]{1,40}$")
_TITLE_JACCARD = 0.8
_TITLE_MIN_WORDS = 4


@dataclass(frozen=True)
class Candidate:
    """A matched article as the digest sees it, before clustering."""

    article_id: int
    url: str
    title: str
    outlet: str
    published: datetime | None
    fingerprint: int
    topic_id: str
    score: float
    why: str
    terms: tuple[str, ...]
    quotes: tuple[Quote, ...]
    updated: bool = False
    summary: str = ""  # the feed's summary, a lede candidate
    opening: str = ""  # the article's first characters, the other lede candidate
    labels: tuple[str, ...] = ()  # the outlet's watch-list labels
    sentences: int = 0  # sentences holding the rule's co-occurrence
    headline_terms: tuple[str, ...] = ()
    also_topics: tuple[str, ...] = ()  # other topics this article matched (names)


def title_words(title: str) -> tuple[str, ...]:
    """Return a title's words without outlet suffixes, wire prefixes, case or punctuation."""
    stripped = _TITLE_PREFIX.sub("", title)
    stripped = _TITLE_SUFFIX.sub("", stripped) or stripped
    return tuple(_WORD.findall(stripped.casefold()))


def _same_title(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Say whether two normalised titles are near-identical."""
    if a == b:
        return bool(a)
    if min(len(a), len(b)) < _TITLE_MIN_WORDS:
        return False  # short titles ("Live updates") share too much by chance
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) >= _TITLE_JACCARD


def _related(a: Candidate, b: Candidate, words: dict[int, tuple[str, ...]], limit: int) -> bool:
    """Say whether two candidates of one topic report the same story."""
    # A zero fingerprint means "no text"; it must not pull every empty article together.
    if a.fingerprint and b.fingerprint and hamming(a.fingerprint, b.fingerprint) <= limit:
        return True
    return _same_title(words[id(a)], words[id(b)])


def _find(parent: list[int], i: int) -> int:
    """Return the root of `i`, halving the path on the way."""
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def cluster_stories(
    candidates: Sequence[Candidate], *, max_distance: int = 6
) -> list[list[Candidate]]:
    """Group candidates of the same topic whose fingerprints or titles say they are one story.

    Clusters and their members keep the order of `candidates`, so output is deterministic.
    """
    words = {id(c): title_words(c.title) for c in candidates}
    parent = list(range(len(candidates)))
    by_topic: dict[str, list[int]] = {}
    for index, candidate in enumerate(candidates):
        by_topic.setdefault(candidate.topic_id, []).append(index)
    for members in by_topic.values():
        # Quadratic per topic: a day's matches for one topic are hundreds, not millions.
        for pos, i in enumerate(members):
            for j in members[pos + 1 :]:
                if _related(candidates[i], candidates[j], words, max_distance):
                    parent[_find(parent, j)] = _find(parent, i)
    groups: dict[int, list[Candidate]] = {}
    for index, candidate in enumerate(candidates):
        groups.setdefault(_find(parent, index), []).append(candidate)
    return list(groups.values())
