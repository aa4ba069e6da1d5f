"""Find quotations in article text and attribute each to the speaker the article names."""

from __future__ import annotations

import bisect
import dataclasses
import re

from monitor.models import Quote, QuoteKind
from monitor.quotes.accents import composed
from monitor.quotes.agents import reread
from monitor.quotes.attribution import around, attribute
from monitor.quotes.chain import same_voice
from monitor.quotes.furniture import without_cards, without_galleries
from monitor.quotes.headings import from_headings
from monitor.quotes.kinds import classify
from monitor.quotes.marks import find_spans, sentence_starts
from monitor.quotes.persons import with_persons
from monitor.quotes.plausible import is_named
from monitor.quotes.records import Attr, Attrs, Cand
from monitor.quotes.resolve import Resolver
from monitor.quotes.setoff import LABEL_RE
from monitor.quotes.tidy import tidy_speaker
from monitor.rules.segment import paragraph_spans

_WORD = re.compile(r"\w+")
_WRITING = re.compile(
    r"the (?:report|study|survey|poll|statement|letter|memo|editorial|paper|complaint|lawsuit)"
)


def extract_quotes(text: str) -> tuple[Quote, ...]:
    """Return the quotations in `text`, in order, each with kind, speaker and cue."""
    # "Santana-Acuña": a name whose accent is a combining mark reads as one word only
    # once composed; the quotations' offsets are the original text's all the same.
    accented = composed(text)
    if accented is None:
        return _extract(text)
    back = accented.original
    return tuple(
        dataclasses.replace(q, text=text[back(q.start) : back(q.end)], start=back(q.start),
                            end=back(q.end))
        for q in _extract(accented.text)
    )  # fmt: skip


def _extract(text: str) -> tuple[Quote, ...]:
    """Find and attribute the quotations of a text with its accents composed."""
    text = without_galleries(without_cards(text))
    cands = _candidates(text)
    # The article's names are collected for its first attributed quotation: none for an
    # article of scare quotes only.
    resolver: Resolver | None = None
    quotes: list[Quote] = []
    attrs = Attrs()
    guessed: list[bool] = []  # the speaker came from the sentences around, not its own
    paras = [c.para for c in cands]
    for i, cand in enumerate(cands):
        k = attrs.last  # the last quotation with a speaker, which a document may have issued
        last = (cands[k], attrs[k]) if k >= 0 else None
        attr = reread(text, cand, attribute(text, cands, i, attrs), last)
        kind = _kind(text, cand, attr)
        guess = False
        if kind == "scare":
            attr = None
        elif attr is None:
            # No evidence in its own sentence: the voice around it, without changing its kind.
            attr = around(text, cands, i, attrs)
            guess = attr is not None
        guessed.append(guess)
        attrs.append(attr)
        if attr is not None and resolver is None:
            resolver = Resolver.for_text(text, [(c.open_at, c.close_end) for c in cands])
        quote = _quote(text, cand, kind, attr, resolver)
        if attr and resolver:
            quote = same_voice(quote, quotes, paras, resolver.someone_else)
        quotes.append(quote)
    quotes = _share_forward(quotes, cands, guessed)
    return with_persons(from_headings(text, quotes, cands, attrs))


def _share_forward(quotes: list[Quote], cands: list[Cand], guessed: list[bool]) -> list[Quote]:
    """Give a quotation with no speaker the speaker of the next one in its sentence.

    "… carry “a great deal of weight” and bring the “grass-roots firepower” they need, Neil
    Sroka said": the cue after the last quotation attributes the whole sentence, before any
    voice guessed from the sentences around it.
    """
    out, guessed = list(quotes), list(guessed)
    for i in range(len(out) - 2, -1, -1):
        q, nxt = out[i], out[i + 1]
        if (q.speaker_text and not guessed[i]) or q.kind == "scare" or not nxt.speaker_text:
            continue
        if cands[i].sent_start != cands[i + 1].sent_start or guessed[i + 1]:
            continue
        out[i] = Quote(
            q.text, q.start, q.end, q.kind, nxt.speaker, nxt.speaker_text, nxt.cue,
            round(min(nxt.confidence, 0.7), 2),
        )  # fmt: skip
        guessed[i] = False  # attributed now by its own sentence's cue
    return out


def _quote(text: str, c: Cand, kind: QuoteKind, attr: Attr | None, res: Resolver | None) -> Quote:
    """Build the Quote record, resolving the speaker's words to a name."""
    if attr is None or res is None:
        confidence = 0.6 if kind == "scare" else 0.3
        return Quote(text[c.start : c.end], c.start, c.end, kind, confidence=confidence)
    speaker = tidy_speaker(res.resolve(attr.words, attr.at))
    confidence = attr.confidence
    if speaker and (is_named(attr.words) or _WRITING.fullmatch(speaker)):
        # "the report says …. It also points out": a writing is the "it" that speaks next.
        res.remember(speaker, attr.words, attr.at)
    if speaker and not is_named(attr.words):
        confidence *= 0.85
    return Quote(
        text[c.start : c.end],
        c.start,
        c.end,
        kind,
        speaker or None,
        attr.words,
        attr.cue,
        round(confidence, 2),
    )


def _candidates(text: str) -> list[Cand]:
    """Return every outermost quotation with its sentence bounds, paragraph by paragraph."""
    out: list[Cand] = []
    for p, (ps, pe) in enumerate(paragraph_spans(text)):
        spans = find_spans(text, ps, pe)
        if not spans:
            continue  # most paragraphs quote no one: their sentences are never asked for
        starts = sentence_starts(text, ps, pe, spans)
        bounds = [(s.start - len(s.open_mark), s.end + len(s.close_mark or "")) for s in spans]
        for k, span in enumerate(spans):
            start, end = _trim(text, span.start, span.end)
            # Only a turn opening its paragraph has a speaker label (“PENCE: …”).
            label = LABEL_RE.match(text, start, end) if bounds[k][0] == ps else None
            start = label.end() if label else start
            if not _WORD.search(text, start, end):
                continue
            open_at, close_end = bounds[k]
            sent_start = starts[bisect.bisect_right(starts, open_at) - 1]
            j = bisect.bisect_left(starts, close_end)
            sent_end = starts[j] if j < len(starts) else pe
            left_lo = max(sent_start, bounds[k - 1][1] if k else ps)
            right_hi = min(sent_end, bounds[k + 1][0] if k + 1 < len(spans) else pe)
            out.append(
                Cand(
                    start,
                    end,
                    open_at,
                    close_end,
                    p,
                    sent_start,
                    sent_end,
                    left_lo,
                    max(right_hi, close_end),
                    span.close_mark is None,
                )
            )
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _kind(text: str, c: Cand, attr: Attr | None) -> QuoteKind:
    """Tell a direct quotation from a quoted fragment or a scare quote."""
    return classify(
        text, c.start, c.end, c.open_at, c.close_end, c.left_lo, c.sent_start,
        has_cue=attr is not None and attr.cue is not None,
    )  # fmt: skip
