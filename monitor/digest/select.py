"""Choose what a digest shows: new matches only, each story once, within the caps."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from monitor.digest.rank import informative, named
from monitor.models import DigestContent, DigestStory, Quote, SpeakerLine, TopicSection
from monitor.quotes.persons import person_key

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Caps:
    """How much one email shows: per topic, in all, and how many top stories lead it."""

    per_topic: int = 8
    budget: int = 30
    top: int = 5
    near: int = 10  # near misses per topic ("Also mentioned")


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def is_backlog(published: datetime | None, first_seen: datetime | None, max_age: timedelta) -> bool:
    """Say whether an entry was already older than `max_age` when the monitor first saw it.

    Such entries (a new feed's archive, a republished old story) are stored and searchable but
    never digested. An undated entry is taken as new.
    """
    if published is None or first_seen is None:
        return False
    return _utc(first_seen) - _utc(published) > max_age


def best_topics(scores: Iterable[tuple[int, str, float]], order: Sequence[str]) -> dict[int, str]:
    """Map each article to its best topic: highest score, then the digest's topic order."""
    rank = {topic: i for i, topic in enumerate(order)}
    best: dict[int, tuple[float, int, str]] = {}
    for article_id, topic, score in scores:
        key = (-score, rank.get(topic, len(rank)), topic)
        if article_id not in best or key < best[article_id]:
            best[article_id] = key
    return {article_id: key[2] for article_id, key in best.items()}


def period_counts(
    times: Iterable[tuple[str, datetime]], window_start: datetime, due_at: datetime, days: int
) -> dict[str, tuple[int, ...]]:
    """Count matches per topic per period, oldest first; the last bucket is [window_start, due_at).

    Earlier buckets are as long as the period (due_at - window_start, at most a week).
    """
    length = min(_utc(due_at) - _utc(window_start), timedelta(days=7)) or timedelta(days=1)
    counts: Counter[tuple[str, int]] = Counter()
    for topic, at in times:
        at = _utc(at)
        if at >= _utc(due_at):
            continue
        back = 0 if at >= _utc(window_start) else 1 + int((_utc(window_start) - at) / length)
        if back < days:
            counts[(topic, back)] += 1
    topics = {topic for topic, _ in counts}
    return {t: tuple(counts[(t, back)] for back in range(days - 1, -1, -1)) for t in topics}


def apply_caps(
    sections: Sequence[TopicSection], caps: Caps
) -> tuple[tuple[TopicSection, ...], tuple[DigestStory, ...]]:
    """Keep each topic's best stories within the per-topic cap and the total budget.

    Stories are taken in order of importance across topics; what does not fit is counted in
    each section's `more`. Returns the capped sections and the top stories across topics.
    """
    every = [(s.rank, i, n, s) for n, sec in enumerate(sections) for i, s in enumerate(sec.stories)]
    ranked = sorted(every, key=lambda item: (-item[0], item[1], item[2]))
    kept: dict[int, set[int]] = {n: set() for n in range(len(sections))}
    total = 0
    for _, _, n, story in ranked:
        if len(kept[n]) < caps.per_topic and total < caps.budget:
            kept[n].add(id(story))
            total += 1
    capped = tuple(
        replace(
            section,
            stories=tuple(s for s in section.stories if id(s) in kept[n]),
            more=len(section.stories) - len(kept[n]),
            near=section.near[: caps.near],
            near_more=section.near_more + max(0, len(section.near) - caps.near),
        )
        for n, section in enumerate(sections)
    )
    top = tuple(story for _, _, _, story in ranked[: caps.top]) if total > caps.top else ()
    return capped, top


def capped(content: DigestContent, caps: Caps) -> DigestContent:
    """Return the content as the email shows it: within the caps, top stories first."""
    sections, top = apply_caps(content.sections, caps)
    return replace(content, sections=sections, top=top, full_list=False)


def speaker_key(speaker: str) -> str:
    """Return the key a speaker without a resolved person groups under (its last word)."""
    words = _WORD.findall(speaker.casefold())
    return words[-1] if words else ""


def _person(quote: Quote, key: Callable[[str], str]) -> str:
    """Return the quote's person key: the resolved person (Zelensky = Zelenskyy), else `key`."""
    return person_key(quote.person) or key(quote.speaker or "")


def _merge_surnames(
    best: dict[str, tuple[Quote, DigestStory]],
    forms: dict[str, Counter[str]],
    quoted_in: Counter[str],
) -> None:
    """Fold a surname-only person ("Pence") into the one full name the digest has for it."""
    for short in [p for p in best if " " not in p]:
        full = [p for p in best if " " in p and short in p.split()]
        if len(full) != 1:
            continue  # none, or two people with that name (Eric and Donald Trump): keep apart
        (target,) = full
        forms[target].update(forms.pop(short))
        quoted_in[target] += quoted_in.pop(short)  # an overcount only if both in one story
        quote, story = best.pop(short)
        if informative(quote) > informative(best[target][0]):
            best[target] = (quote, story)


def who_said_what(
    stories: Iterable[tuple[DigestStory, Sequence[Quote]]],
    limit: int,
    key: Callable[[str], str] = speaker_key,
) -> tuple[SpeakerLine, ...]:
    """Return one line per person: their best direct quote and how many stories quoted them.

    `stories` pairs each story with every quote of its cluster; the `limit` most quoted people
    are kept, most quoted first.
    """
    best: dict[str, tuple[Quote, DigestStory]] = {}
    forms: dict[str, Counter[str]] = {}
    quoted_in: Counter[str] = Counter()
    for story, quotes in stories:
        people: set[str] = set()
        for quote in quotes:
            if quote.kind != "direct" or not named(quote.speaker):
                continue
            person = _person(quote, key)
            people.add(person)
            forms.setdefault(person, Counter())[quote.speaker or ""] += 1
            if person not in best or informative(quote) > informative(best[person][0]):
                best[person] = (quote, story)
        quoted_in.update(people)
    _merge_surnames(best, forms, quoted_in)
    # The form written most often names the person; among equals the fuller one.
    names = {p: max(f, key=lambda form: (f[form], len(form))) for p, f in forms.items()}
    order = sorted(best, key=lambda p: (-quoted_in[p], names[p].casefold()))[:limit]
    return tuple(
        SpeakerLine(
            names[p],
            best[p][0].text,
            quoted_in[p],
            best[p][1].headline,
            best[p][1].url,
            best[p][1].outlet,
        )
        for p in order
    )
