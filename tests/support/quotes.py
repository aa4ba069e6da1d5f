"""Find the quotation a table test of real texts is about, by the sentence it quotes."""

from __future__ import annotations

from monitor.models import Quote
from monitor.quotes import extract_quotes


def quote_near(text: str, sentence: str, starts: str, *, back: int = 0, reach: int = 600) -> Quote:
    """Return the first quotation beginning with `starts` from `back` characters before the quoted
    sentence to `reach` after it (a quotation may follow the sentence that attributes it)."""
    at = text.index(sentence)
    found = [
        q
        for q in extract_quotes(text)
        if q.text.startswith(starts) and at - back <= q.start <= at + len(sentence) + reach
    ]
    assert found, f"no quotation starting {starts!r} near {sentence!r}"
    return found[0]
