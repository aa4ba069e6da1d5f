"""Compose accents written as a letter and a combining mark ("Acun\u0303a") into one character,
so a name reads whole ("Acuña"), and map offsets in the composed text back to the original."""

from __future__ import annotations

import bisect
import re
import unicodedata

# A letter followed by combining diacritical marks: what NFC may join into one character.
_CLUSTER = re.compile(r".[\u0300-\u036f]+", re.S)


class Composed:
    """A text with its accents composed, and the way back to the original's offsets."""

    __slots__ = ("ends", "removed", "text")

    def __init__(self, original: str) -> None:
        pieces: list[str] = []
        self.ends: list[int] = []  # composed offset just past each cluster that got shorter
        self.removed: list[int] = []  # characters removed up to and including that cluster
        last = gone = 0
        for m in _CLUSTER.finditer(original):
            joined = unicodedata.normalize("NFC", m.group())
            pieces.append(original[last : m.start()])
            pieces.append(joined)
            last = m.end()
            if len(joined) < len(m.group()):
                gone += len(m.group()) - len(joined)
                self.ends.append(m.end() - gone)
                self.removed.append(gone)
        pieces.append(original[last:])
        self.text = "".join(pieces)

    def original(self, at: int) -> int:
        """Return the original offset of composed offset `at` (a cluster's end maps past it)."""
        k = bisect.bisect_right(self.ends, at)
        return at + (self.removed[k - 1] if k else 0)


_MARK = re.compile(r"[\u0300-\u036f]")


def composed(text: str) -> Composed | None:
    """Return the text with its accents composed, or None when it has no combining mark."""
    # isascii reads a flag of the string: a third of all texts are answered without a search.
    if text.isascii() or _MARK.search(text) is None:
        return None
    return Composed(text)
