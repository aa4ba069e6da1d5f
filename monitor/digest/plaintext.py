"""Render a digest as plain text that reads well in a terminal mail client (72 columns)."""

from __future__ import annotations

import textwrap

from monitor.digest.formatting import plural
from monitor.digest.view import DigestView, SectionView, SpeakerView, StoryView

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


def url_lines(url: str, indent: str) -> list[str]:
    """Return a URL on one line, or in <...> split over lines when it is wider than WIDTH.

    Angle brackets mark where a wrapped URL starts and ends (RFC 3986, appendix C).
    """
    if len(indent) + len(url) <= WIDTH:
        return [indent + url]
    room = WIDTH - len(indent)
    wrapped = f"<{url}>"
    return [indent + wrapped[i : i + room] for i in range(0, len(wrapped), room)]


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
    byline = " · ".join(p for p in (story.outlet, story.labels, story.when) if p)
    lines += _wrap(byline, pad)
    if story.lede:
        lines += _wrap(story.lede, pad)
    also = " · ".join(
        p
        for p in (
            f"also in: {story.also_in}" if story.also_in else "",
            f"also: {story.also_topics}" if story.also_topics else "",
        )
        if p
    )
    if also:
        lines += _wrap(also, pad)
    for quote in story.quotes:
        source = f" ({quote.provenance})" if quote.provenance else ""
        lines += _wrap(f"“{quote.text}” — {quote.speaker}{source}", pad + "  ", pad + "> ")
    if story.why:
        matched = f" (matched: {', '.join(story.terms)})" if story.terms else ""
        lines += _wrap("Why: " + story.why + matched, pad)
    for link in story.links:
        lines += _wrap(f"{link.label}:", pad) + url_lines(link.href, pad + "  ")
    if story.href:
        lines += url_lines(story.url, pad)
    else:
        lines += _wrap(f"(link withheld: {story.url[:60]})", pad)
    return lines


def _section(section: SectionView, view: DigestView) -> list[str]:
    """Return the lines of one topic section, ending with what did not fit."""
    shown = len(section.stories)
    count = f"{shown} of {shown + section.more}" if section.more else str(shown)
    lines = _heading(
        f"{section.name} ({count} {'story' if shown + section.more == 1 else 'stories'})", "="
    )
    for number, story in enumerate(section.stories, 1):
        lines += ["", *_story(number, story)]
    if section.more:
        where = "see the full list:" if view.full_list_url else "in the attached full list."
        lines += ["", *_wrap(f"{section.more_note}, {where}")]
        if view.full_list_url:
            lines += url_lines(view.full_list_url, "")
    if section.near:
        lines += ["", *_near(section)]
    return lines


def _near(section: SectionView) -> list[str]:
    """Return the compact "Also mentioned" list: headline, outlet, the joining sentence."""
    lines = _wrap("Also mentioned (near misses, not in the counts):")
    for item in section.near:
        lines += _wrap(f"{item.headline} ({item.outlet})", "    ", "  - ")
        if item.sentence:
            lines += _wrap(f"“{item.sentence}”", "    ")
        for link in item.links:
            lines += _wrap(f"{link.label}:", "    ") + url_lines(link.href, "      ")
        lines += url_lines(item.url, "    ") if item.href else []
    if section.near_more_note:
        lines += _wrap(section.near_more_note, "  ")
    return lines


def _speakers(lines_in: tuple[SpeakerView, ...]) -> list[str]:
    """Return the 'who said what' lines: one entry per person."""
    lines = _heading("Who said what", "-")
    for line in lines_in:
        head = f"{line.speaker} ({plural(line.stories, 'story')}): "
        lines += _wrap(f"{head}“{line.quote}” — {line.outlet}", "    ", "  - ")
    return lines


def _header(view: DigestView) -> list[str]:
    """Return the title, period, feed health, top stories and per-topic counts with bars."""
    kicker = "Full list: " if view.full_list else ""
    lines = [*_heading(kicker + view.title, "="), *_wrap(view.period), *_wrap(view.health)]
    if view.late:
        lines += _wrap("Sent late: the monitor was not running at the scheduled time.")
    if view.top:
        lines += ["", *_heading("Top stories", "-")]
        for number, item in enumerate(view.top, 1):
            lines += _wrap(f"{item.headline} ({item.outlet}; {item.topic})", "   ", f"{number}. ")
    if not view.sections:
        return lines
    lines.append("")
    name_width = min(32, max(len(s.name) for s in view.sections))
    for section in view.sections:
        name = section.name[:name_width].ljust(name_width)
        count = plural(section.articles, "article").rjust(12)
        trend = f"  {section.sparkline}" if section.trend else ""
        lines.append(f"{name}  {count}{trend}")
    lines += _wrap(view.legend)
    return lines


def _footer(view: DigestView) -> list[str]:
    """Return the provenance lines."""
    return [
        "",
        "-- ",
        *_wrap(
            f"News monitor digest {view.digest_id}. Topics, feeds and "
            "recipients are set in the watch-list file."
        ),
    ]


def render_text(view: DigestView) -> str:
    """Render the whole digest as plain text."""
    lines = _header(view)
    if view.story_count == 0:
        lines += ["", *_wrap(view.empty_note)]
    for section in view.sections:
        if section.stories or section.near:
            lines += ["", "", *_section(section, view)]
    if view.speakers:
        lines += ["", "", *_speakers(view.speakers)]
    lines += _footer(view)
    # "-- " keeps its trailing space: it is the signature separator mail clients recognise.
    return "\n".join(line if line == "-- " else line.rstrip() for line in lines) + "\n"
