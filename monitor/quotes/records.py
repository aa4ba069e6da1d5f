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


class Attrs(list[Attr | None]):
    """The attributions of the quotations so far, in order; filled by append only.

    It remembers the last one that names a speaker: the rules ask for it at every quotation, and
    walking back over thousands of unattributed ones made hostile text quadratic.
    """

    last: int = -1  # index of the last attribution that is not None

    def append(self, attr: Attr | None) -> None:
        if attr is not None:
            self.last = len(self)
        super().append(attr)
