"""Render digest content as an email body: subject, plain text, inlined HTML and trend charts."""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import css_inline
from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError
from markupsafe import Markup

from monitor.digest.chart import trend_png
from monitor.digest.formatting import clean_text, plural
from monitor.digest.plaintext import render_text
from monitor.digest.select import Caps, capped
from monitor.digest.view import DigestView, build_view
from monitor.errors import DigestError
from monitor.models import Attachment, DigestContent, InlineImage, RenderedDigest

__all__ = [
    "fit_digest",
    "full_list_attachment",
    "full_list_page",
    "preview_html",
    "render_digest",
    "subject_line",
]

TEMPLATES = Path(__file__).with_name("templates")
# Gmail clips a body past 102 KB; a recipient's full-list link adds a few hundred bytes.
MAX_HTML_BYTES = 96_000
_CID_SRC = re.compile(r"""(["'])cid:([^"']+)\1""")


def _finalize(value: object) -> object:
    """Clean every printed value; our own markup (macro output) passes untouched."""
    if isinstance(value, Markup):
        return value
    return clean_text(value)


@lru_cache(maxsize=1)
def _environment() -> Environment:
    """Build the Jinja2 environment once: autoescape everything, fail on undefined names."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["plural"] = plural
    return env


@lru_cache(maxsize=1)
def _inliner() -> css_inline.CSSInliner:
    """Build the CSS inliner: keep media queries (dark mode, phone) and never fetch anything."""
    return css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False)


def subject_line(view: DigestView) -> str:
    """Return e.g. 'China–NATO–Russia daily brief — 3 stories — 28 Nov 2026'."""
    total = view.story_count + view.more
    middle = plural(total, "story") if total else "nothing matched"
    return f"{view.title} — {middle} — {view.day}"


def _preheader(view: DigestView) -> str:
    """Return the inbox preview line: the top headlines, else counts per topic."""
    if not view.story_count:
        return view.empty_note
    if view.top:
        return " · ".join(t.headline for t in view.top[:3])
    return "; ".join(f"{s.name}: {len(s.stories)}" for s in view.sections if s.stories)


def _html(view: DigestView, subject: str) -> str:
    """Render the HTML template and inline its CSS."""
    trend_days = max((len(s.trend) for s in view.sections), default=0)
    try:
        html = (
            _environment()
            .get_template("digest.html")
            .render(
                view=view,
                subject=subject,
                preheader=_preheader(view),
                count_label=plural(view.story_count + view.more, "story"),
                trend_days=trend_days,
            )
        )
        return str(_inliner().inline(html))
    except (TemplateError, ValueError) as exc:
        raise DigestError(f"cannot render digest {view.digest_id}: {exc}") from exc


def render_digest(content: DigestContent) -> RenderedDigest:
    """Render a digest: subject, text part with sparklines, HTML part with cid: trend charts."""
    view = build_view(content)
    subject = subject_line(view)
    images = tuple(
        InlineImage(cid=section.cid, data=trend_png(section.trend))
        for section in view.sections
        if section.trend
    )
    return RenderedDigest(
        subject=subject, text=render_text(view), html=_html(view, subject), images=images
    )


def fit_digest(
    full: DigestContent,
    caps: Caps,
    decorate: Callable[[DigestContent], DigestContent] | None = None,
) -> tuple[DigestContent, RenderedDigest]:
    """Cap the content and render it, showing fewer stories until the HTML fits MAX_HTML_BYTES.

    `decorate` adds what one recipient's copy carries (their links) before it is measured.
    """
    while True:
        content = capped(full, caps)
        if decorate is not None:
            content = decorate(content)
        rendered = render_digest(content)
        shown = sum(len(s.stories) for s in content.sections)
        if len(rendered.html.encode("utf-8")) <= MAX_HTML_BYTES or shown <= 1:
            return content, rendered
        caps = replace(caps, budget=max(1, shown * 4 // 5), near=max(0, caps.near * 4 // 5))


def full_list_page(content: DigestContent) -> str:
    """Render every story of a period as one standalone HTML page (charts as data: URIs)."""
    return preview_html(render_digest(replace(content, full_list=True, top=())))


def full_list_attachment(content: DigestContent) -> Attachment:
    """Return the period's full list as an HTML file to attach when there is no web page."""
    day = build_view(content).day.replace(" ", "-")
    name = f"{content.digest_id}-{day}-full-list.html"
    return Attachment(name, full_list_page(content).encode("utf-8"))


def preview_html(rendered: RenderedDigest) -> str:
    """Return the HTML part with cid: images replaced by data: URIs, for opening in a browser."""
    sources = {
        image.cid: f"data:{image.mime_type};base64,{base64.b64encode(image.data).decode()}"
        for image in rendered.images
    }

    def swap(match: re.Match[str]) -> str:
        quote, cid = match[1], match[2]
        return f"{quote}{sources.get(cid, 'cid:' + cid)}{quote}"

    return _CID_SRC.sub(swap, rendered.html)
