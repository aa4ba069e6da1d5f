"""Undo Content-Encoding within a byte budget, and find a body's character set.

Decoding is done here rather than by the HTTP client so that every decompression step is told
how much output it may produce: a 10 kB gzip or brotli bomb must stop at the cap, not after it
has filled memory with gigabytes.
"""

from __future__ import annotations

import codecs
import re
import zlib
from collections.abc import Callable

import brotli

__all__ = ["BodyTooLarge", "BoundedDecoder", "detect_charset"]

_CHUNK_OUT = 256 * 1024  # largest single decompression step, bounding transient memory


class BodyTooLarge(Exception):
    """The decoded body passed its byte limit."""


class BodyCorrupt(Exception):
    """The body could not be decompressed."""


Step = Callable[[bytes, int], bytes]


class _ZlibStep:
    """Inflate gzip/zlib data, producing at most `room` + 1 bytes per call."""

    def __init__(self, wbits: int) -> None:
        self._d = zlib.decompressobj(wbits)
        self._raw_fallback = wbits == zlib.MAX_WBITS

    def __call__(self, data: bytes, room: int) -> bytes:
        try:
            out = self._d.decompress(data, room + 1)
        except zlib.error:
            if not self._raw_fallback:
                raise
            # Some servers send raw deflate under "deflate"; retry once without the zlib header.
            self._d = zlib.decompressobj(-zlib.MAX_WBITS)
            out = self._d.decompress(data, room + 1)
        self._raw_fallback = False
        pieces, total = [out], len(out)
        while self._d.unconsumed_tail and total <= room:
            more = self._d.decompress(self._d.unconsumed_tail, room - total + 1)
            pieces.append(more)
            total += len(more)
        return b"".join(pieces)


def _brotli_step() -> Step:
    d = brotli.Decompressor()

    def step(data: bytes, room: int) -> bytes:
        pieces = [d.process(data, output_buffer_limit=min(room + 1, _CHUNK_OUT))]
        total = len(pieces[0])
        while not d.can_accept_more_data() and total <= room:
            more = d.process(b"", output_buffer_limit=min(room - total + 1, _CHUNK_OUT))
            if not more:
                break
            pieces.append(more)
            total += len(more)
        return b"".join(pieces)

    return step


def _identity_step(data: bytes, room: int) -> bytes:
    return data


def _step_for(coding: str) -> Step:
    if coding in ("gzip", "x-gzip"):
        return _ZlibStep(zlib.MAX_WBITS | 16)
    if coding == "deflate":
        return _ZlibStep(zlib.MAX_WBITS)
    if coding == "br":
        return _brotli_step()
    return _identity_step  # identity, or a coding we did not ask for: pass it on untouched


class BoundedDecoder:
    """Decode a Content-Encoding chain incrementally; raise BodyTooLarge past `limit` bytes."""

    def __init__(self, content_encoding: str | None, limit: int) -> None:
        codings = [c.strip().lower() for c in (content_encoding or "").split(",") if c.strip()]
        # Codings are listed in the order they were applied, so undo them in reverse.
        self._steps = [_step_for(c) for c in reversed(codings)]
        self._limit = limit
        self.size = 0

    def feed(self, data: bytes) -> bytes:
        """Return the decoded bytes for `data`; raise BodyTooLarge or BodyCorrupt."""
        room = self._limit - self.size
        try:
            for step in self._steps:
                data = step(data, room)
                if len(data) > room:
                    break
        except (zlib.error, brotli.error) as exc:
            raise BodyCorrupt(str(exc) or type(exc).__name__) from None
        self.size += len(data)
        if self.size > self._limit:
            raise BodyTooLarge(self._limit)
        return data


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_META = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.IGNORECASE)
# WHATWG: labels for Latin-1 and ASCII really mean windows-1252 on the web.
_WEB_ALIASES = {"latin-1": "cp1252", "iso8859-1": "cp1252", "ascii": "cp1252"}


def _codec(label: str | bytes | None) -> str | None:
    """Return Python's name for a charset label, or None when it is unknown or unsafe."""
    if not label:
        return None
    text = label.decode("ascii", "ignore") if isinstance(label, bytes) else label
    try:
        name = codecs.lookup(text.strip().lower()).name
    except LookupError:
        return None
    if name in ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"):
        return None  # without a BOM an ASCII-readable declaration of UTF-16 is a lie
    return _WEB_ALIASES.get(name, name)


def detect_charset(body: bytes, content_type: str | None) -> str:
    """Return the body's charset: BOM, then header, then XML/meta declaration, then a guess."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return name
    header = _HEADER_CHARSET.search(content_type or "")
    found = _codec(header.group(1)) if header else None
    if found:
        return found
    head = body[:4096]
    declared = _XML_DECL.match(head) or _META.search(head)
    found = _codec(declared.group(1)) if declared else None
    if found:
        return found
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252"  # decodes nearly any byte, so text() stays readable
    return "utf-8"
