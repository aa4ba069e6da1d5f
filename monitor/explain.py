"""`monitor explain`: read pages or texts, run the pure stages, and say what matched and why."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import IO, Any

from monitor.analyse import analyse_article
from monitor.errors import ExtractError, MonitorError
from monitor.models import ArticleAnalysis, ArticleInput


def read_inputs(paths: list[str], stdin: IO[str]) -> Iterator[tuple[str, ArticleInput]]:
    """Yield (id, article) for .html/.htm pages, .txt files, or JSON lines on stdin ("-")."""
    for name in paths:
        if name == "-":
            yield from _json_lines(stdin)
            continue
        path = Path(name)
        if not path.is_file():
            raise MonitorError(f"{name}: no such file", hint="give .html, .htm or .txt files, or -")
        if path.suffix.lower() in (".html", ".htm"):
            yield name, _from_html(path.read_bytes(), name, None)
        else:
            yield name, _from_text(path.read_text(encoding="utf-8", errors="replace"), name)


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


def _json_lines(stdin: IO[str]) -> Iterator[tuple[str, ArticleInput]]:
    for number, line in enumerate(stdin, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise MonitorError(f"stdin line {number}: not JSON: {exc.msg}") from None
        ident = str(item.get("id", number))
        if "html" in item:
            yield ident, _from_html(item["html"], ident, item.get("url"))
        elif "text" in item:
            yield ident, ArticleInput(url=ident, title=item.get("title") or "", text=item["text"])
        else:
            raise MonitorError(f'stdin line {number}: needs "text" or "html"')


def explain_all(
    paths: list[str], stdin: IO[str], rules: Any
) -> Iterator[tuple[str, ArticleAnalysis | str]]:
    """Analyse each input; a page that cannot be extracted yields its error message instead."""
    inputs = read_inputs(paths, stdin)
    while True:
        try:
            ident, article = next(inputs)
        except StopIteration:
            return
        except ExtractError as exc:
            yield "?", str(exc)
            continue
        yield ident, analyse_article(article, rules, every_topic=True).analysis


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
    from monitor.rules.explain import format_explanation

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
