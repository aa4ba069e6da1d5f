"""Load monitor.yaml and its watch-list once: read, validate, resolve paths, check across entries.

The settings themselves are declared in monitor/settings.py; every problem found here is reported
as `file:line:column: key: problem; fix: ...`, all of them at once.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from monitor.configsafety import resolve_password_file, safety_problems
from monitor.errors import ConfigError, RuleError
from monitor.settings import Section, Settings, Watchlist, validate
from monitor.yamlsource import Located, load_yaml

if TYPE_CHECKING:
    from monitor.rules import RuleSet, TopicSpec

DEFAULT_CONFIG = Path("config/monitor.yaml")


@dataclass(frozen=True)
class Config:
    """Validated settings and watch-list, with where they came from."""

    settings: Settings
    watchlist: Watchlist
    settings_path: Path
    watchlist_path: Path
    database_url: str = field(repr=False)  # may hold a password; repr shows up in tracebacks
    outbox_dir: Path
    source: Located  # the watch-list's line map, for rule error positions
    settings_source: Located | None = None  # monitor.yaml's line map, for warnings

    def web_secret(self) -> bytes | None:
        """Return the link-signing secret from `web.secret_file` or its environment variable."""
        web = self.settings.web
        if web.secret_file is not None:
            path = self.settings_path.parent / web.secret_file
            try:
                text = path.read_text(encoding="utf-8").strip()
            except OSError as exc:
                raise ConfigError(
                    f"web.secret_file: cannot read {path}: {exc.strerror}",
                    hint="create it with e.g. `openssl rand -hex 32 > FILE` (mode 600)",
                ) from None
        else:
            text = os.environ.get(web.secret_env, "").strip()
        return text.encode() if text else None

    def topic_specs(self) -> list[TopicSpec]:
        """Return the topics as rule-compiler inputs, each knowing its file position."""
        return [
            _topic_spec(
                self.source,
                index,
                topic.id,
                topic.name,
                topic.rule,
                topic.threshold,
                near=topic.near,
            )
            for index, topic in enumerate(self.watchlist.topics)
        ]

    def ruleset(self) -> RuleSet:
        """Compile the watch-list's topics into one matcher (raises RuleError)."""
        return _compile(self.source, self.watchlist.groups, self.topic_specs())


def _compile(source: Located, groups: dict[str, Any], specs: list[TopicSpec]) -> RuleSet:
    """Compile groups and topics, each problem pointing at its place in the watch-list."""
    from monitor.rules import compile_rules

    return compile_rules(
        groups,
        specs,
        groups_file=str(source.path),
        group_lines=_group_lines(source, groups),
        alias_lines=_alias_lines(source, groups),
    )


def _topic_spec(
    source: Located,
    index: int,
    topic_id: str,
    name: str,
    rule: str,
    threshold: float,
    *,
    near: str | None = None,
) -> TopicSpec:
    """Build one rule-compiler input that knows where its rule texts sit in the file."""
    from monitor.rules import TopicSpec

    line, column = _text_position(source, ("topics", index, "rule"))
    near_line, near_column = _text_position(source, ("topics", index, "near"))
    return TopicSpec(
        id=topic_id,
        name=name,
        rule=rule,
        threshold=threshold,
        file=str(source.path),
        line=line,
        column=column,
        near=near,
        near_line=near_line,
        near_column=near_column,
    )


def _text_position(source: Located, loc: tuple[Any, ...]) -> tuple[int | None, int | None]:
    line, column = source.position(loc) or (None, None)
    # A block scalar's text starts after its `|`: TopicSpec counts lines from the `|`.
    return source.block_lines.get(loc, line), column


def _group_lines(source: Located, groups: dict[str, Any]) -> dict[str, int]:
    return {name: pos[0] for name in groups if (pos := source.position(("groups", name)))}


def _alias_lines(source: Located, groups: dict[str, Any]) -> dict[tuple[str, int], int]:
    return {
        (name, index): pos[0]
        for name, entries in groups.items()
        for index in range(len(entries))
        if (pos := source.position(("groups", name, index)))
    }


def config_path(explicit: str | os.PathLike[str] | None) -> Path:
    """Pick --config, else $MONITOR_CONFIG, else ./config/monitor.yaml."""
    if explicit:
        return Path(explicit)
    return Path(os.environ.get("MONITOR_CONFIG") or DEFAULT_CONFIG)


def load_config(path: Path, *, compile_rules: bool = True) -> Config:
    """Load and validate monitor.yaml and its watch-list; raise ConfigError listing all problems."""
    path = path.resolve()
    located = load_yaml(path)
    problems = list(located.duplicates)
    settings = _validate(Settings, located, problems)
    if settings is not None:
        settings = resolve_password_file(settings, path.parent)
        problems.extend(safety_problems(settings, located))
    # Check the watch-list even when the settings are wrong: report every problem in one go.
    watchlist_path = (path.parent / _watchlist_name(settings, located)).resolve()
    try:
        wl_source = load_yaml(watchlist_path)
    except ConfigError as exc:
        raise ConfigError("invalid configuration", problems + exc.problems) from None
    problems.extend(wl_source.duplicates)
    watchlist = _validate(Watchlist, wl_source, problems)
    if watchlist is not None:
        problems.extend(_cross_checks(watchlist, wl_source))
    if compile_rules:
        # Rules are checked as written even when other keys are wrong: every mistake at once.
        problems.extend(_rule_problems(wl_source))
    config = None
    if watchlist is not None and settings is not None:
        config = Config(
            settings=settings,
            watchlist=watchlist,
            settings_path=path,
            watchlist_path=watchlist_path,
            database_url=_database_url(settings.database.url, path.parent),
            outbox_dir=(path.parent / settings.outbox.directory).resolve(),
            source=wl_source,
            settings_source=located,
        )
        problems.extend(_web_checks(config, located))
    if problems or config is None:
        raise ConfigError("invalid configuration", _ordered(problems, [path, watchlist_path]))
    return config


def _rule_problems(source: Located) -> list[str]:
    """Compile the groups and topic rules found in the raw watch-list; return their problems."""
    data = source.data if isinstance(source.data, dict) else {}
    raw_groups = data.get("groups")
    groups = {
        str(name): aliases
        for name, aliases in (raw_groups.items() if isinstance(raw_groups, dict) else [])
        if isinstance(aliases, list)  # any other shape is a field error already
    }
    raw_topics = data.get("topics")
    specs = [
        _topic_spec(
            source,
            i,
            str(t.get("id", f"#{i}")),
            str(t.get("name", "")),
            t["rule"],
            0.5,
            near=t["near"] if isinstance(t.get("near"), str) else None,
        )
        for i, t in enumerate(raw_topics if isinstance(raw_topics, list) else [])
        if isinstance(t, dict) and isinstance(t.get("rule"), str)
    ]
    try:
        _compile(source, groups, specs)
    except RuleError as exc:
        return exc.problems
    return []


def _ordered(problems: list[str], files: list[Path]) -> list[str]:
    """Sort problems by file (monitor.yaml first), then line and column."""

    def key(problem: str) -> tuple[int, int, int]:
        for rank, file in enumerate(files):
            prefix = f"{file}:"
            if problem.startswith(prefix):
                found = re.match(r"(\d+)(?::(\d+))?", problem[len(prefix) :])
                if found:
                    return rank, int(found.group(1)), int(found.group(2) or 0)
                return rank, 0, 0
        return len(files), 0, 0

    return sorted(problems, key=key)


def _watchlist_name(settings: Settings | None, located: Located) -> Path:
    if settings is not None:
        return settings.watchlist
    raw = located.data.get("watchlist") if isinstance(located.data, dict) else None
    return Path(raw) if isinstance(raw, str) else Path("watchlist.yaml")


_Model = TypeVar("_Model", bound=Section)


def _validate(model: type[_Model], located: Located, problems: list[str]) -> _Model | None:
    """Validate one file's data; add each problem, in plain words, to `problems`."""
    data = located.data if located.data is not None else {}
    if not isinstance(data, dict):
        problems.append(
            f"{located.path}:1:1: expected a mapping of keys at the top level; "
            "fix: start the file with key: value lines (see docs/configuration.md)"
        )
        return None
    valid, errors = validate(model, data)
    if errors:
        from monitor.configcheck import describe

        problems.extend(describe(error, located, model) for error in errors)
    return valid


def _cross_checks(watchlist: Watchlist, located: Located) -> list[str]:
    """Find mistakes that span entries: duplicates and dangling references."""
    problems = []
    seen: dict[str, int] = {}
    for index, feed in enumerate(watchlist.feeds):
        key = feed.url.rstrip("/").lower()
        if key in seen:
            problems.append(
                f"{located.where(('feeds', index, 'url'))}: feeds.{index}.url: {feed.url} is "
                f"already listed as feeds.{seen[key]}; fix: remove one of them"
            )
        seen.setdefault(key, index)
    topic_ids = [t.id for t in watchlist.topics]  # a topic id used twice is a rule problem
    digest_ids = [d.id for d in watchlist.digests]
    for index, digest in enumerate(watchlist.digests):
        if digest_ids.index(digest.id) != index:
            where = located.where(("digests", index, "id"))
            problems.append(
                f"{where}: digests.{index}.id: {digest.id} is used twice; "
                "fix: give each digest its own id"
            )
        for t_index, topic in enumerate(digest.topics):
            if topic not in topic_ids:
                where = located.where(("digests", index, "topics", t_index))
                problems.append(
                    f"{where}: digests.{index}.topics: unknown topic {topic!r}; "
                    f"fix: use one of {', '.join(topic_ids) or 'the topics (none defined yet)'}"
                )
    return problems


_MIN_SECRET = 16  # bytes; shorter secrets make links guessable


def _web_checks(config: Config, located: Located) -> list[str]:
    """Signed links need a secret of real length whenever a public base URL is configured."""
    web = config.settings.web
    if web.public_base_url is None and not web.enabled:
        return []
    where = located.where(("web",))
    try:
        secret = config.web_secret()
    except ConfigError as exc:
        return [f"{located.where(('web', 'secret_file'))}: {exc.message}; fix: {exc.hint}"]
    if secret is None:
        return [
            f"{where}: web: signed links need a secret and none is configured; fix: set "
            f"${web.secret_env} or web.secret_file to a random value (openssl rand -hex 32)"
        ]
    if len(secret) < _MIN_SECRET:
        return [
            f"{where}: the web link secret has {len(secret)} characters; fix: use at least "
            f"{_MIN_SECRET} random ones (openssl rand -hex 32)"
        ]
    return []


def _database_url(url: str, base: Path) -> str:
    """Apply $MONITOR_DATABASE_URL and make relative SQLite paths relative to monitor.yaml."""
    url = os.environ.get("MONITOR_DATABASE_URL") or url
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/") and ":memory:" not in url:
        return prefix + str((base / url[len(prefix) :]).resolve())
    return url
