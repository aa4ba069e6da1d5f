"""Tiny volume-trend charts: a PNG bar chart for HTML mail and a Unicode sparkline for text."""

from __future__ import annotations

import math
import struct
import zlib
from collections.abc import Sequence

_BLOCKS = "▂▃▄▅▆▇█"  # nonzero days; "▁" is kept for zero so a quiet day still shows
_ZERO_BLOCK = "▁"
_BAR = (74, 128, 214, 255)  # mid blue: legible on white and on dark-mode backgrounds
_TODAY = (230, 126, 34, 255)  # the digest's own day stands out
_BASELINE = (150, 150, 150, 160)
_CLEAR = (0, 0, 0, 0)  # transparent, so the client's light or dark background shows through

Pixel = tuple[int, int, int, int]


def sparkline(values: Sequence[int]) -> str:
    """Return one block character per value, scaled to the largest value."""
    top = max(values, default=0)
    if top <= 0:
        return _ZERO_BLOCK * len(values)
    steps = len(_BLOCKS)
    return "".join(
        _BLOCKS[math.ceil(v / top * steps) - 1] if v > 0 else _ZERO_BLOCK for v in values
    )


def _chunk(kind: bytes, data: bytes) -> bytes:
    """Frame one PNG chunk with its length and CRC."""
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def encode_png(rows: Sequence[Sequence[Pixel]]) -> bytes:
    """Encode RGBA pixel rows (all the same width) as a PNG file."""
    height, width = len(rows), len(rows[0]) if rows else 0
    if not width or any(len(row) != width for row in rows):
        raise ValueError("PNG rows must be non-empty and equally wide")
    raw = b"".join(b"\x00" + bytes(c for px in row for c in px) for row in rows)  # filter: none
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(raw, 9))
        + _chunk(b"IEND", b"")
    )


def bar_heights(values: Sequence[int], height: int) -> list[int]:
    """Scale values to bar heights in pixels; any nonzero day gets at least 2 px."""
    top = max(values, default=0)
    if top <= 0:
        return [0] * len(values)
    return [max(2, round(v / top * height)) if v > 0 else 0 for v in values]


def trend_png(values: Sequence[int], *, width: int = 224, height: int = 56) -> bytes:
    """Draw daily counts as a bar chart (oldest left, the last bar highlighted) as PNG bytes.

    The default size is twice the 112x28 display size so it stays sharp on phone screens.
    """
    values = list(values) or [0]
    slot = width / len(values)
    gap = max(1, round(slot * 0.2))
    plot = height - 2  # the bottom two rows are the baseline
    heights = bar_heights(values, plot)
    canvas = [[_CLEAR] * width for _ in range(height)]
    for x in range(width):
        canvas[height - 1][x] = canvas[height - 2][x] = _BASELINE
    for index, bar in enumerate(heights):
        colour = _TODAY if index == len(values) - 1 else _BAR
        left, right = round(index * slot), round((index + 1) * slot) - gap
        for y in range(plot - bar, plot):
            for x in range(left, max(left + 1, right)):
                canvas[y][x] = colour
    return encode_png(canvas)
