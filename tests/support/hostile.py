"""Hostile one-paragraph texts for the quote finder, shared by its tests and bench/bench_worst.py.

Each case is a piece repeated with its number k: unclosed or stray quotation marks, thousands of
quotations or names, the kind of page an attacker or a broken site could serve.
"""

from __future__ import annotations

from collections.abc import Callable

from monitor.quotes.lexicon import MALE

NAMES = [f"{g} {s}" for g in ("John", "Mary", "Peter", "Anna") for s in ("Smith", "Jones", "Clark")]
_split = str.split  # word lists are written as text, one readable line each
WORDS = _split("the vote on the bill was delayed again because lawmakers could not agree")


def _words(k: int, n: int = 4) -> str:
    return " ".join(WORDS[(k + j) % len(WORDS)] for j in range(n))


# No piece holds a line break, so a page of them is one paragraph.
CASES: dict[str, Callable[[int], str]] = {
    "unclosed “": lambda k: f"“{_words(k)} ",
    'unclosed "': lambda k: f'"{_words(k)} ',
    "unclosed ‘": lambda k: f"‘{_words(k)} ",
    "unclosed “ ‘ « „ in turn": lambda k: f"{'“‘«„'[k % 4]}{_words(k)} ",
    "closing marks only": lambda k: f"{_words(k)}” ",
    "alternating straight": lambda k: f'"{_words(k)}" {_words(k + 1)} ',
    "nesting “ ‘": lambda k: f"“{_words(k, 2)} ‘{_words(k + 1, 2)} ",
    "dense ‘a": lambda k: "‘a ",
    "dense «a": lambda k: "«a ",
    "dense ``a": lambda k: "``a ",
    "marks only": lambda k: "“‘\"'”’«»„"[(k * 7) % 9],
    "stray apostrophes": lambda k: "“a " if k % 4 else "'a “b” ",
    "unattributed sentences": lambda k: "“A b. ",
    "he said": lambda k: f"“{_words(k)},” he said. ",
    "names": lambda k: f"{NAMES[k % 12]} met {NAMES[(k * 5 + 1) % 12]}. ",
    "names, a few speaking": lambda k: (
        (f"“{_words(k)},” {NAMES[k % 12]} said. " if k % 50 == 0 else "")
        + f"{NAMES[k % 12]} met {NAMES[(k * 5 + 1) % 12]}. "
    ),
    "long sentence": lambda k: f"{_words(k, 6)}, “{_words(k + 2)}” {NAMES[k % 12]} said, ",
}


def pieces(case: str, n: int) -> str:
    """Return n pieces of a case."""
    unit = CASES[case]
    return "".join(unit(k) for k in range(n))


def filled(case: str, size: int) -> str:
    """Return pieces of a case up to at least `size` characters."""
    unit, out, n, k = CASES[case], [], 0, 0
    while n < size:
        out.append(unit(k))
        n += len(out[-1])
        k += 1
    return "".join(out)


def _given(k: int) -> str:
    return GIVEN[k % len(GIVEN)].title()


GIVEN = sorted(MALE)  # a different known given name in each piece: as many people as pieces
CASES.update(
    {
        # One stray opening, then an ordinary page of closed quotations.
        "a stray “ before closed quotations": lambda k: (
            ("Protesters carried signs saying “No more. " if k == 0 else "")
            + f"Senator {NAMES[k % 12]} called the plan “a disgrace” on Monday. "
        ),
        # Hundreds of people sharing one surname, each speaking by it.
        "one surname, many people": lambda k: (
            f"{_given(k)} Smith met officials. “We will win,” Smith said. "
        ),
    }
)
# How many quotations a page of n pieces holds, where a reader can count them.
QUOTATIONS: dict[str, Callable[[int], int]] = {
    "alternating straight": lambda n: n,
    "unattributed sentences": lambda n: n,
    "he said": lambda n: n,
    "names, a few speaking": lambda n: (n + 49) // 50,
    "long sentence": lambda n: n,
    "a stray “ before closed quotations": lambda n: n,
    "one surname, many people": lambda n: n,
}
