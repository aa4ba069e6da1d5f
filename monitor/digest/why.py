"""Say in plain words why a story matched, from the rule engine's one-line reason."""

from __future__ import annotations

import re
from collections.abc import Sequence

# The rule engine's line: "china+nato+russia in one sentence: NATO, China (mentions china×12, ...)"
_WHY = re.compile(r"^(?P<sets>[\w+-]+) (?P<place>in [^:]+): (?P<terms>.*?) \(mentions (?P<n>.*)\)$")
_COUNT = re.compile(r"([\w-]+)×(\d+)")
_PLACES = {
    "in the title": "together in the headline",
    "in one sentence of the lead": "together in the opening sentences",
    "in one sentence": "together in one sentence",
    "in one paragraph": "together in one paragraph",
    "in the title and lead": "in the headline and opening",
    "in the article": "in the same article",
}


def set_name(name: str) -> str:
    """Return a term set's display name: 'nato' -> 'NATO', 'china' -> 'China'."""
    return name.upper() if len(name) <= 4 else name.replace("-", " ").capitalize()


def _and(names: Sequence[str]) -> str:
    """Join names as 'A', 'A and B', 'A, B and C'."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def plain_why(why: str, sentences: int = 0, headline_terms: Sequence[str] = ()) -> str:
    """Return e.g. 'NATO and Russia together in 5 sentences; China in the headline'.

    `sentences` is how many sentences held the co-occurrence (the rule's evidence) and
    `headline_terms` the matched words in the headline; an unknown reason is returned as is.
    """
    found = _WHY.match(why.strip())
    if not found:
        return why.strip()
    names = [set_name(n) for n in found["sets"].split("+") if n]
    place = _PLACES.get(found["place"], found["place"])
    if place == "together in one sentence" and sentences > 1:
        place = f"together in {sentences} sentences"
    parts = [f"{_and(names)} {place}" if len(names) > 1 else f"{names[0]} {place}"]
    if headline_terms and found["place"] != "in the title":
        parts.append(f"{_and(list(dict.fromkeys(headline_terms)))} in the headline")
    counts = [(set_name(n), int(c)) for n, c in _COUNT.findall(found["n"])]
    if counts:
        parts.append("named " + _and([f"{n} {c}×" for n, c in counts]))
    return "; ".join(parts)
