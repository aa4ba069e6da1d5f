"""`monitor explain`: read pages or texts, run the pure stages, and say what matched and why."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import IO, Any

from monitor.analyse import analyse_article
from monitor.errors import MonitorError
from monitor.models import ArticleAnalysis, ArticleInput
from monitor.rules import RuleSet

# One input: its id, and the article or why it could not be read.
Input = tuple[str, ArticleInput | str]


def read_inputs(paths: list[str], stdin: IO[str]) -> Iterator[Input]:
    """Yield (id, article or error) for .html/.htm pages, .txt files, or JSON lines on stdin ("-").

    A bad input (missing file, line that is not JSON, page without text) yields its error and
    the next input is read all the same.
    """
    for name in paths:
        if name == "-":
            yield from _json_lines(stdin)
            continue
        path = Path(name)
        if not path.is_file():
            yield name, f"{name}: no such file; give .html, .htm or .txt files, or -"
        elif path.suffix.lower() in (".html", ".htm"):
            yield name, _html_input(path.read_bytes(), name, None)
        else:
            yield name, _from_text(path.read_text(encoding="utf-8", errors="replace"), name)


def _html_input(html: bytes | str, source: str, url: str | None) -> ArticleInput | str:
    try:
        return _from_html(html, source, url)
    except MonitorError as exc:  # "no article text found" and the like: this input only
        return str(exc)


def _from_text(raw: str, source: str) -> ArticleInput:
    """First line is the title, the rest the body (kept unchanged so offsets index into it)."""
    title, _, body = raw.partition("\n")
    return ArticleInput(url=source, title=title.strip(), text=body)


def _from_html(html: bytes | str, source: str, url: str | None) -> ArticleInput:
    from monitor.extract import extract_page  # trafilatura: loaded only when a page comes in

    page = extract_page(html, url or source)
    return ArticleInput(
        url=url or source,
        title=page.title or "",
        text=page.text,
        published=page.published,
        author=page.author,
        language=page.language,
    )


def _json_lines(stdin: IO[str]) -> Iterator[Input]:
    for number, line in enumerate(stdin, 1):
        if line.strip():
            yield _json_line(line, number)


def _json_line(line: str, number: int) -> Input:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return str(number), f"stdin line {number}: not JSON: {exc.msg}"
    if not isinstance(item, dict):
        return str(number), f"stdin line {number}: not a JSON object"
    ident = str(item.get("id", number))
    html, text = item.get("html"), item.get("text")
    if isinstance(html, str):
        return ident, _html_input(html, ident, item.get("url"))
    if isinstance(text, str):
        return ident, ArticleInput(url=ident, title=str(item.get("title") or ""), text=text)
    return ident, f'stdin line {number}: needs "text" or "html" (a string)'


def explain_all(
    paths: list[str], stdin: IO[str], rules: RuleSet
) -> Iterator[tuple[str, ArticleAnalysis | str]]:
    """Analyse each input; one that cannot be read or analysed yields its error message."""
    for ident, article in read_inputs(paths, stdin):
        if isinstance(article, str):
            yield ident, article
            continue
        try:
            yield ident, analyse_article(article, rules, every_topic=True).analysis
        except Exception as exc:  # noqa: BLE001 - one article's bug must not drop the others
            yield ident, f"{ident}: cannot analyse: {exc!r}"


def as_json(ident: str, analysis: ArticleAnalysis) -> dict[str, Any]:
    """Build the documented JSON object for one input."""
    art = analysis.article
    return {
        "id": ident,
        "title": art.title,
        "text": art.text,
        "published": art.published.isoformat() if art.published else None,
        "language": art.language,
        "topics": [
            {
                "id": m.topic_id,
                "matched": m.matched,
                "tier": m.tier,
                "score": round(m.score, 4),
                "why": m.why,
                "failed": m.failed,
                "evidence": list(m.evidence),
                "hits": [asdict(h) for h in m.hits],
            }
            for m in analysis.matches
        ],
        "quotes": [
            {
                "text": q.text,
                "speaker": q.speaker,
                "speaker_text": q.speaker_text,
                "person": q.person,
                "role": q.role,
                "speaker_kind": q.speaker_kind,
                "cue": q.cue,
                "kind": q.kind,
                "start": q.start,
                "end": q.end,
                "confidence": round(q.confidence, 3),
            }
            for q in analysis.quotes
        ],
    }


def as_text(ident: str, analysis: ArticleAnalysis, *, ansi: bool = False) -> str:
    """Describe one input for a terminal: topics with highlighted evidence, then quotes."""
    from monitor.rules.highlight import format_explanation

    art = analysis.article
    lines = [f"== {ident}: {art.title}"]
    for match in analysis.matches:
        lines.append(format_explanation(art.title, art.text, match, ansi=ansi))
    if analysis.quotes:
        lines.append("quotes:")
    for q in analysis.quotes:
        who = q.speaker or "(no speaker)"
        written = (
            f" [as written: {q.speaker_text}]"
            if q.speaker_text and q.speaker_text != q.speaker
            else ""
        )
        lines.append(f"  - {q.kind}: \u201c{q.text}\u201d — {who}{written} ({q.cue or 'no cue'})")
    return "\n".join(lines)
