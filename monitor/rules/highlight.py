"""Render a TopicMatch for a terminal: matched words highlighted, the failed clause named."""

from __future__ import annotations

import textwrap

from monitor.models import Hit, TopicMatch

BOLD, RESET = "\033[1m", "\033[0m"
MAX_LEAD_CHARS = 600


def highlight(text: str, hits: list[Hit], *, ansi: bool = False) -> str:
    """Wrap each hit's words in [[...]] (or ANSI bold); overlapping hits merge."""
    spans: list[list[int]] = []
    for hit in sorted(hits, key=lambda h: h.start):
        if spans and hit.start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], hit.end)
        else:
            spans.append([hit.start, hit.end])
    opener, closer = (BOLD, RESET) if ansi else ("[[", "]]")
    out, at = [], 0
    for start, end in spans:
        out += [text[at:start], opener, text[start:end], closer]
        at = end
    out.append(text[at:])
    return "".join(out)


def _sentence_hits(text: str, sentence: str, hits: list[Hit]) -> tuple[int, list[Hit]]:
    """Locate an evidence sentence in `text` and the hits inside it, shifted to it."""
    start = text.find(sentence)
    if start < 0:
        return -1, []
    end = start + len(sentence)
    inside = [
        Hit(h.term, h.field, h.start - start, h.end - start)
        for h in hits
        if start <= h.start and h.end <= end
    ]
    return start, inside


def format_explanation(title: str, text: str, match: TopicMatch, *, ansi: bool = False) -> str:
    """Explain one topic's verdict on an article as plain text for a terminal."""
    verdict = "MATCHED" if match.matched else "not matched"
    lines = [f"topic {match.topic_id}: {verdict} (score {match.score:.2f})"]
    if match.why:
        lines.append(f"  why: {match.why}")
    if not match.matched:
        lines.append(f"  failed clause: {match.failed or 'no clause held'}")
    title_hits = [h for h in match.hits if h.field == "title"]
    text_hits = [h for h in match.hits if h.field != "title"]
    if title:
        lines.append(f"  title: {highlight(title, title_hits, ansi=ansi)}")
    terms: dict[str, dict[str, int]] = {}
    for hit in match.hits:
        terms.setdefault(hit.term, {}).setdefault(hit.field, 0)
        terms[hit.term][hit.field] += 1
    if terms:
        shown = "; ".join(
            f"{term} ({', '.join(f'{f}×{n}' for f, n in fields.items())})"
            for term, fields in terms.items()
        )
        lines.append(f"  terms: {shown}")
    elif match.failed and match.failed.endswith(": not mentioned"):
        # a topic short-cut because a term set its rule needs is absent: not looked further
        needed = match.failed.removesuffix(": not mentioned")
        lines.append(f"  terms: not looked up, the rule needs {needed}, which never appears")
    else:
        lines.append("  terms: none of the topic's terms appear")
    label = "evidence" if match.matched else "closest sentence"
    for sentence in match.evidence:
        start, inside = _sentence_hits(text, sentence, text_hits)
        if start < 0:  # the title is evidence too (all the term sets in the headline)
            start, inside = _sentence_hits(title, sentence, title_hits)
        shown = highlight(sentence, inside, ansi=ansi) if start >= 0 else sentence
        lines.append(f"  {label}:")
        lines += textwrap.wrap(shown, width=96, initial_indent="    ", subsequent_indent="    ")
    if not match.evidence and text_hits:
        lead = text[:MAX_LEAD_CHARS]
        shown = highlight(lead, [h for h in text_hits if h.end <= len(lead)], ansi=ansi)
        lines.append("  start of text:")
        lines += textwrap.wrap(shown, width=96, initial_indent="    ", subsequent_indent="    ")
    return "\n".join(lines)
