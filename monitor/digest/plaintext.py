"""Render a digest as plain text that reads well in a terminal mail client (72 columns)."""

from __future__ import annotations

import textwrap

from monitor.digest.formatting import plural, shorten
from monitor.digest.view import DigestView, SectionView, SpeakerGroup, StoryView

WIDTH = 72


def _wrap(text: str, indent: str = "", first: str | None = None) -> list[str]:
    """Wrap `text` to WIDTH, breaking words too long for a line."""
    return textwrap.wrap(
        text,
        width=WIDTH,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_long_words=True,
        break_on_hyphens=False,
    ) or [(indent if first is None else first).rstrip()]


def _heading(text: str, rule: str) -> list[str]:
    """Return a heading underlined with `rule`, both cut to WIDTH."""
    lines = _wrap(text)
    return [*lines, rule * min(WIDTH, max(len(line) for line in lines))]


def _story(number: int, story: StoryView) -> list[str]:
    """Return the lines of one numbered story."""
    prefix = f"{number}. "
    pad = " " * len(prefix)
    flag = " [updated]" if story.updated else ""
    lines = _wrap(story.headline + flag, pad, prefix)
    byline = " · ".join(p for p in (story.outlet, story.when) if p)
    if story.also_in:
        byline += " · also in: " + ", ".join(story.also_in)
    lines += _wrap(byline, pad)
    if story.why:
        lines += _wrap("Why: " + story.why, pad)
    for quote in story.quotes:
        lines += _wrap(f"“{quote.text}” — {quote.speaker}", pad + "  ", pad + "> ")
    # URLs stay on one unbroken line so terminal clients can open them.
    lines.append(pad + (story.url if story.href else f"(link withheld: {story.url[:60]})"))
    return lines


def _section(section: SectionView) -> list[str]:
    """Return the lines of one topic section."""
    lines = _heading(f"{section.name} ({plural(len(section.stories), 'story')})", "=")
    for number, story in enumerate(section.stories, 1):
        lines += ["", *_story(number, story)]
    return lines


def _speakers(groups: tuple[SpeakerGroup, ...]) -> list[str]:
    """Return the 'who said what' lines."""
    lines = _heading("Who said what", "-")
    for group in groups:
        lines += ["", *_wrap(group.speaker)]
        for quote in group.quotes:
            source = f"{quote.outlet}: {shorten(quote.headline, 90)}"
            lines += _wrap(f"“{quote.text}” ({source})", "    ", "  - ")
    return lines


def _header(view: DigestView) -> list[str]:
    """Return the title, period, and per-topic counts with sparklines."""
    lines = [*_heading(view.title, "="), *_wrap(view.period)]
    if view.late:
        lines += _wrap("Sent late: the monitor was not running at the scheduled time.")
    if not view.sections:
        return lines
    lines.append("")
    name_width = min(32, max(len(s.name) for s in view.sections))
    for section in view.sections:
        name = section.name[:name_width].ljust(name_width)
        count = plural(len(section.stories), "story").rjust(11)
        trend = f"  {section.sparkline} {len(section.trend)} d" if section.trend else ""
        lines.append(f"{name}  {count}{trend}")
    return lines


def _footer(view: DigestView) -> list[str]:
    """Return the feed-health and provenance lines."""
    lines: list[str] = []
    if view.feeds:
        lines += ["", *_heading("Feeds failing for more than a day", "-")]
        for feed in view.feeds:
            lines += _wrap(
                f"{feed.name} — since {feed.since}, {plural(feed.errors, 'error')}", "    ", "  - "
            )
            lines += ["    " + feed.url, *_wrap("last error: " + feed.last_error, "    ")]
    lines += [
        "",
        "-- ",
        *_wrap(
            f"News monitor digest {view.digest_id}. Topics, feeds and "
            "recipients are set in the watch-list file."
        ),
    ]
    return lines


def render_text(view: DigestView) -> str:
    """Render the whole digest as plain text."""
    lines = _header(view)
    if view.story_count == 0:
        lines += ["", *_wrap(view.empty_note)]
    for section in view.sections:
        if section.stories:
            lines += ["", "", *_section(section)]
    if view.speakers:
        lines += ["", "", *_speakers(view.speakers)]
    lines += _footer(view)
    # "-- " keeps its trailing space: it is the signature separator mail clients recognise.
    return "\n".join(line if line == "-- " else line.rstrip() for line in lines) + "\n"
