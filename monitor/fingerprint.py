"""An article's 64-bit SimHash: near-identical texts get fingerprints a few bits apart."""

from __future__ import annotations

import hashlib
import re

_WORD = re.compile(r"\w+")
_SHINGLE = 3
_BITS = 64
_MASK = (1 << _BITS) - 1

# _BIT_OF[i] maps a byte to its bit i (0 or 1), so bytes.translate + count tallies one bit
# column of every shingle hash in C.
_BIT_OF = [bytes((value >> i) & 1 for value in range(256)) for i in range(8)]


def _shingle_hashes(words: list[str]) -> bytes:
    """Return the 8-byte big-endian blake2b hash of each shingle, concatenated."""
    size = min(_SHINGLE, len(words))
    shingles = [" ".join(s) for s in zip(*(words[k:] for k in range(size)), strict=False)]
    # blake2b, not hash(): the same text must give the same fingerprint in every process.
    return b"".join([hashlib.blake2b(s.encode(), digest_size=8).digest() for s in shingles])


def fingerprint(text: str) -> int:
    """Return the 64-bit SimHash of `text` over 3-word shingles; 0 for text without words."""
    words = _WORD.findall(text.casefold())
    if not words:
        return 0
    hashes = _shingle_hashes(words)
    count = len(hashes) // 8
    result = 0
    # Count each of the 64 bit columns over all shingles with C-level bytes operations: a
    # Python loop per shingle (an adder over bit planes) cost twice as much per article.
    for byte in range(8):
        column = hashes[byte::8]  # byte `byte` of every hash: bits 63-8*byte down to 56-8*byte
        for bit in range(8):
            if 2 * column.translate(_BIT_OF[bit]).count(1) > count:  # a majority set the bit
                result |= 1 << (8 * (7 - byte) + bit)
    return result


def hamming(a: int, b: int) -> int:
    """Return how many of the 64 bits differ between two fingerprints."""
    return ((a ^ b) & _MASK).bit_count()


def to_signed(value: int) -> int:
    """Fold a 64-bit fingerprint into a signed BIGINT, which is what databases store."""
    return value - (1 << _BITS) if value >= (1 << (_BITS - 1)) else value


def from_signed(value: int | None) -> int:
    """Return the 64-bit fingerprint a stored signed BIGINT (or NULL, as 0) stands for."""
    return int(value or 0) & _MASK
