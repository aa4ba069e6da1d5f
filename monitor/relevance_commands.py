"""`monitor feedback` and `monitor suggest`: what they print and where their inputs come from."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from monitor.clock import utcnow
from monitor.config import Config
from monitor.errors import MonitorError
from monitor.relevance import (
    cli_recipient,
    import_verdicts,
    record_from_cli,
    suggestions,
    topic_spec,
    write_watchlist,
)
from monitor.rules.suggest import Effect, Report
from monitor.store.articles import AnalysisRecord

if TYPE_CHECKING:
    from sqlalchemy import Engine


def feedback_command(
    config: Config, target: list[str], topic: str | None, verdict: str | None
) -> int:
    """Record one verdict, or import a file of them; print what was done."""
    from monitor.service import open_database

    engine = open_database(config)
    if target[0] == "import":
        if len(target) != 2:
            raise MonitorError("usage: monitor feedback import FILE.jsonl")
        return _import(config, engine, Path(target[1]))
    if len(target) != 1 or topic is None or verdict is None:
        raise MonitorError(
            "usage: monitor feedback ARTICLE --topic ID --relevant|--not-relevant",
            hint="ARTICLE is a stored article's id or URL",
        )
    article_id = record_from_cli(
        engine,
        config,
        target[0],
        topic,
        "relevant" if verdict == "relevant" else "not_relevant",
        utcnow(),
    )
    words = verdict.replace("_", " ")
    print(f"recorded: article {article_id} is {words} to {topic} (by {cli_recipient()})")
    return 0


def _import(config: Config, engine: Engine, path: Path) -> int:
    from monitor.analyse import analyse_article
    from monitor.models import ArticleInput

    rules = config.ruleset()
    now = utcnow()

    def analyse(ident: str, title: str, text: str) -> AnalysisRecord:
        article = ArticleInput(url=f"import:{ident}", title=title, text=text)
        done = analyse_article(article, rules)
        return AnalysisRecord(0, done.analysis, done.content_hash, done.fingerprint, now)

    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise MonitorError(f"{path}: cannot read ({exc.strerror})") from None
    with handle:
        summary = import_verdicts(engine, config, handle, str(path), now, analyse)
    for problem in summary.problems:
        print(f"skipped {problem}", file=sys.stderr)
    print(
        f"{summary.recorded} verdict(s) recorded, {summary.stored} article(s) analysed and "
        f"stored first, {len(summary.problems)} line(s) skipped"
    )
    return 0 if summary.recorded or not summary.problems else 1


def suggest_command(config: Config, topic: str, write: Path | None) -> int:
    """Print the proposed edits with their effects; optionally write the edited watch-list."""
    from monitor.service import open_database

    topic_spec(config, topic)
    engine = open_database(config)
    report = suggestions(
        config, engine, topic, progress=lambda s: print(f"  cross-validating: {s}", file=sys.stderr)
    )
    print(render_report(report))
    if write is not None:
        if write.resolve() == config.watchlist_path.resolve():
            raise MonitorError("--write names the watch-list itself", hint="write to a new file")
        if not report.suggestions:
            print(f"nothing to write: no edit helps {topic} on held-out verdicts")
            return 0
        write_watchlist(config, report, write)
        print(f"wrote {write}: review it, then point monitor.yaml's `watchlist` at it")
    return 0


def _effect(e: Effect) -> str:
    return (
        f"relevant +{e.gained}/-{e.lost}, not relevant removed {e.removed}/added {e.added}"
        f" (net {e.net:+d})"
    )


def render_report(report: Report) -> str:
    """The suggestions as an analyst reads them: each edit, fitted and held-out effects."""
    lines = [f"suggestions for {report.topic.id} ({report.topic.name}):"]
    if not report.suggestions:
        lines.append("  none: no edit helps on held-out verdicts without losing a relevant story")
    for s in report.suggestions:
        lines.append(f"  - {s.edit.describe}")
        lines.append(f"      fitted on all verdicts:   {_effect(s.fitted)}")
        lines.append(f"      held out (k-fold):        {_effect(s.held_out)}")
    lines.append(
        f"  all accepted together: fitted {_effect(report.fitted)}; "
        f"held out {_effect(report.held_out)}"
    )
    lines.append(
        f"  main-list recall of relevant verdicts: {report.baseline_recall:.3f} now, "
        f"{report.held_out_recall:.3f} held out with the edits"
    )
    if report.suggestions:
        lines.append("  the rule with every accepted edit:")
        lines.extend(f"    {line}" for line in report.rule.split("\n"))
    return "\n".join(lines)
