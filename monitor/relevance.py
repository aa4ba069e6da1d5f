"""Analysts' verdicts from the command line: record, import, score the rules, suggest edits."""

from __future__ import annotations

import getpass
import json
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Engine

from monitor.config import Config
from monitor.errors import ConfigError, MonitorError
from monitor.rules import RuleSet, TopicSpec
from monitor.rules.suggest import Labelled, Report, suggest
from monitor.store import verdicts as verdict_store
from monitor.store.verdicts import VERDICTS, JudgedArticle, Verdict

log = logging.getLogger("monitor.relevance")


@dataclass(frozen=True, slots=True)
class VerdictScore:
    """How the topic's current rules fare against the stored verdicts."""

    relevant: int
    caught_main: int
    caught_near: int
    not_relevant: int
    not_relevant_main: int
    not_relevant_near: int


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What `monitor feedback import` did, line by line problems included."""

    recorded: int
    stored: int  # articles analysed and stored first
    problems: tuple[str, ...]


def topic_spec(config: Config, topic_id: str) -> TopicSpec:
    """Return the topic's spec, or say which topics exist."""
    for spec in config.topic_specs():
        if spec.id == topic_id:
            return spec
    known = ", ".join(t.id for t in config.watchlist.topics) or "none defined"
    raise MonitorError(f"unknown topic {topic_id}", hint=f"topics: {known}")


def cli_recipient() -> str:
    """Name verdicts given on the command line after the user who gave them."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def record_from_cli(
    engine: Engine, config: Config, ident: str, topic_id: str, verdict: Verdict, now: datetime
) -> int:
    """Record one verdict for a stored article given by id or URL; return the article id."""
    topic_spec(config, topic_id)
    article_id = verdict_store.find_article(engine, ident)
    if article_id is None:
        raise MonitorError(
            f"no stored article {ident}", hint="give an article id or URL from `monitor export`"
        )
    verdict_store.record_verdict(
        engine,
        recipient=cli_recipient(),
        article_id=article_id,
        topic_id=topic_id,
        verdict=verdict,
        source="cli",
        now=now,
    )
    return article_id


def import_verdicts(
    engine: Engine,
    config: Config,
    lines: IO[str],
    name: str,
    now: datetime,
    analyse: Callable[[str, str, str], Any],
) -> ImportSummary:
    """Record verdicts from JSON lines; analyse and store articles given with their text.

    `analyse(ident, title, text)` returns the store's AnalysisRecord for a new article. A bad
    line is reported with its number and skipped; the others are recorded.
    """
    from monitor.store.articles import store_analysed

    topics = {t.id for t in config.watchlist.topics}
    recorded = stored = 0
    problems: list[str] = []
    for number, item in _json_lines(lines, name, problems):
        where = f"{name}:{number}"
        topic, verdict = item.get("topic"), item.get("verdict")
        if topic not in topics:
            problems.append(f"{where}: unknown topic {topic} (topics: {', '.join(sorted(topics))})")
            continue
        if verdict not in VERDICTS:
            problems.append(f"{where}: verdict must be relevant or not_relevant, not {verdict}")
            continue
        if "text" in item:
            ident = str(item.get("id") or item.get("url") or number)
            record = analyse(ident, str(item.get("title") or ""), str(item["text"]))
            article_id, new = store_analysed(engine, record, outlet=item.get("publisher"))
            stored += new
        else:
            ident = str(item.get("url") or item.get("id") or "")
            found = verdict_store.find_article(engine, ident) if ident else None
            if found is None:
                problems.append(f"{where}: no stored article {ident or '(no url or id)'}")
                continue
            article_id = found
        verdict_store.record_verdict(
            engine,
            recipient="import",
            article_id=article_id,
            topic_id=topic,
            verdict=verdict,
            source="import",
            now=now,
        )
        recorded += 1
    return ImportSummary(recorded, stored, tuple(problems))


def _json_lines(lines: IO[str], name: str, problems: list[str]) -> Iterator[tuple[int, Any]]:
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{name}:{number}: not JSON ({exc.msg})")
            continue
        if not isinstance(item, dict):
            problems.append(f"{name}:{number}: expected an object")
            continue
        yield number, item


def score(rules: RuleSet, topic_id: str, judged: list[JudgedArticle]) -> VerdictScore:
    """Re-run the topic's rules over judged articles: what each tier catches and lets in."""
    counts = dict.fromkeys(("rel", "rel_match", "rel_near", "not", "not_match", "not_near"), 0)
    for article in judged:
        tier = next(
            (
                m.tier
                for m in rules.matched_topics(article.title, article.text)
                if m.topic_id == topic_id
            ),
            None,
        )
        prefix = "rel" if article.verdict == "relevant" else "not"
        counts[prefix] += 1
        if tier is not None:
            counts[f"{prefix}_{tier}"] += 1
    return VerdictScore(
        counts["rel"],
        counts["rel_match"],
        counts["rel_near"],
        counts["not"],
        counts["not_match"],
        counts["not_near"],
    )


def describe_score(topic_id: str, s: VerdictScore) -> str:
    """One paragraph for `monitor backtest`: the topic against the analysts' verdicts."""
    if not s.relevant and not s.not_relevant:
        return f"no verdicts for {topic_id} yet (give some with `monitor feedback`)"
    return (
        f"against {s.relevant + s.not_relevant} verdict(s): relevant caught "
        f"{s.caught_main}/{s.relevant} in the main list, {s.caught_near} more as near misses; "
        f"not relevant let into the main list {s.not_relevant_main}/{s.not_relevant} "
        f"({s.not_relevant_near} as near misses)"
    )


def suggestions(
    config: Config,
    engine: Engine,
    topic_id: str,
    progress: Callable[[str], None] | None = None,
) -> Report:
    """Suggest edits for a topic from every stored verdict."""
    spec = topic_spec(config, topic_id)
    judged = verdict_store.judged_articles(engine, topic_id)
    if not judged:
        raise MonitorError(
            f"no verdicts for {topic_id} yet",
            hint="give some from the digest's links or with `monitor feedback`",
        )
    items = [Labelled(str(a.article_id), a.title, a.text, a.verdict == "relevant") for a in judged]
    return suggest(config.watchlist.groups, spec, items, progress=progress)


def write_watchlist(config: Config, report: Report, target: Path) -> None:
    """Write the watch-list with the topic's rule and threshold replaced, comments kept."""
    source = config.watchlist_path.read_text(encoding="utf-8")
    text = rewrite_topic(source, report.topic.id, report.rule, report.threshold)
    target.write_text(text, encoding="utf-8")
    _check_watchlist(config, target)


def rewrite_topic(source: str, topic_id: str, rule: str, threshold: float) -> str:
    """Replace one topic's `rule:` block and `threshold:` in watch-list text; keep the rest."""
    lines = source.split("\n")
    start, end = _topic_lines(lines, topic_id)
    item = lines[start:end]
    indent = " " * (len(item[0]) - len(item[0].lstrip(" -")))
    body = [f"{indent}rule: |"] + [f"{indent}  {line}" for line in rule.split("\n")]
    k = _key_line(item, indent, "rule")
    # A block scalar, or a plain or quoted one folded over lines: both continue on the lines
    # indented deeper than the key.
    stop = k + 1
    while stop < len(item) and (not item[stop].strip() or _deeper(item[stop], indent)):
        stop += 1
    while stop > k + 1 and not item[stop - 1].strip():
        stop -= 1
    item[k:stop] = body
    t = _key_line(item, indent, "threshold", missing_ok=True)
    if t is None:
        item.insert(_key_line(item, indent, "rule"), f"{indent}threshold: {threshold:.2f}")
    else:
        item[t] = f"{indent}threshold: {threshold:.2f}"
    return "\n".join(lines[:start] + item + lines[end:])


def _topic_lines(lines: list[str], topic_id: str) -> tuple[int, int]:
    """Return the [start, end) lines of the topic's list item (any key order)."""
    import re

    pattern = re.compile(rf"^(\s*)(- )?id:\s*[\"']?{re.escape(topic_id)}[\"']?\s*(#.*)?$")
    for i, line in enumerate(lines):
        found = pattern.match(line)
        if not found:
            continue
        dash = len(found.group(1)) if found.group(2) else len(found.group(1)) - 2
        start = i
        while not lines[start][dash:].startswith("- "):
            start -= 1
        end = i + 1
        while end < len(lines):
            nxt = lines[end]
            if nxt.strip() and not _blank_or_comment(nxt) and len(nxt) - len(nxt.lstrip()) <= dash:
                break
            end += 1
        while end > i + 1 and _blank_or_comment(lines[end - 1]):
            end -= 1
        return start, end
    raise MonitorError(f"topic {topic_id} not found as `id: {topic_id}` in the watch-list")


def _blank_or_comment(line: str) -> bool:
    return not line.strip() or line.lstrip().startswith("#")


def _key_line(item: list[str], indent: str, key: str, *, missing_ok: bool = False) -> Any:
    for k, line in enumerate(item):
        stripped = line.lstrip(" -")
        if stripped.startswith(f"{key}:") and len(line) - len(stripped) == len(indent):
            return k
    if missing_ok:
        return None
    raise MonitorError(f"no `{key}:` found in the topic")


def _deeper(line: str, indent: str) -> bool:
    return len(line) - len(line.lstrip()) > len(indent)


def _check_watchlist(config: Config, path: Path) -> None:
    """Load the written watch-list as check-config would; raise ConfigError if it is wrong."""
    from monitor.settings import Watchlist
    from monitor.yamlsource import load_yaml

    located = load_yaml(path)
    try:
        watchlist = Watchlist.model_validate(located.data)
    except Exception as exc:  # noqa: BLE001 - report any validation failure as a config error
        raise ConfigError(f"{path}: the written watch-list is not valid: {exc}") from None
    from monitor.rules import compile_rules

    specs = [
        TopicSpec(t.id, t.name, t.rule, t.threshold, str(path), near=t.near)
        for t in watchlist.topics
    ]
    compile_rules(watchlist.groups, specs)
