"""The records the quotation finder hands to the attribution rules, and what they hand back."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Cand:
    """A quotation span with the sentence and neighbours that bound its context."""

    start: int
    end: int
    open_at: int  # offset of the opening mark
    close_end: int  # offset just past the closing mark
    para: int
    sent_start: int
    sent_end: int
    left_lo: int  # context before the quote starts here (sentence start or previous quote)
    right_hi: int  # context after the quote ends here
    unclosed: bool


@dataclass(frozen=True, slots=True)
class Attr:
    """Who a quotation was attributed to, by which cue, and how sure the rule is."""

    words: str
    at: int
    cue: str | None
    confidence: float


class Attrs:
    """The attributions of the quotations so far, in order, and the last that names a speaker.

    The rules ask for that last one at every quotation: walking back over thousands of
    unattributed quotations made hostile text quadratic.
    """

    __slots__ = ("_items", "last")

    def __init__(self) -> None:
        self._items: list[Attr | None] = []
        self.last = -1  # index of the last attribution that is not None

    def append(self, attr: Attr | None) -> None:
        if attr is not None:
            self.last = len(self._items)
        self._items.append(attr)

    def __getitem__(self, i: int) -> Attr | None:
        return self._items[i]

    def __len__(self) -> int:
        return len(self._items)
