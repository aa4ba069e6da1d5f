"""Every setting declared once (pydantic), loaded and validated once, with file:line errors."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import time as dtime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator

from monitor.configsafety import resolve_password_file, safety_problems
from monitor.errors import ConfigError, RuleError
from monitor.redact import redact_url as redact_url  # re-exported for the CLI
from monitor.yamlsource import Located, load_yaml

if TYPE_CHECKING:
    from monitor.rules import RuleSet, TopicSpec

DEFAULT_CONFIG = Path("config/monitor.yaml")
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)?\s*$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, None: 1}


def _duration(value: Any) -> Any:
    """Accept 90, "90s", "15m", "1h", "1d" and return seconds."""
    if isinstance(value, str):
        found = _DURATION.match(value)
        if not found:
            raise ValueError("expected a duration such as 90s, 15m, 1h or 1d")
        return float(found.group(1)) * _UNITS[found.group(2)]
    return value


Duration = Annotated[float, BeforeValidator(_duration), Field(gt=0)]
Pause = Annotated[float, BeforeValidator(_duration), Field(ge=0)]  # a duration that may be 0


class _Section(BaseModel):
    # Unknown keys are errors: a misspelt key silently ignored is a setting that never applies.
    model_config = ConfigDict(extra="forbid", frozen=True)


class DatabaseSettings(_Section):
    url: str = Field(
        "sqlite:///../var/monitor.db",
        description="SQLAlchemy URL; relative SQLite paths are relative to monitor.yaml. "
        "$MONITOR_DATABASE_URL overrides it (keep passwords out of the file).",
    )
    pool_size: int = Field(5, ge=1, description="Connections per instance (PostgreSQL).")


class SmtpSettings(_Section):
    host: str | None = Field(None, description="SMTP server; empty writes digests to the outbox.")
    port: int = Field(587, ge=1, le=65535, description="SMTP port (587 STARTTLS, 465 TLS).")
    security: Literal["none", "starttls", "tls"] = Field("starttls", description="Transport.")
    username: str | None = Field(None, description="Login name; none means no AUTH.")
    password_env: str = Field("MONITOR_SMTP_PASSWORD", description="Env var with the password.")
    password_file: Path | None = Field(None, description="File holding the password instead.")
    sender: str = Field("News monitor <monitor@localhost>", description="From: address.")
    timeout: Duration = Field(30.0, description="Seconds before a stalled server is given up.")

    def password(self) -> str | None:
        """Return the SMTP password from the environment or the password file."""
        if self.password_file is not None:
            return self.password_file.read_text(encoding="utf-8").strip()
        return os.environ.get(self.password_env) or None


class OutboxSettings(_Section):
    directory: Path = Field(Path("../var/outbox"), description="Where .eml/.html digests go.")
    max_attempts: int = Field(10, ge=1, description="Temporary failures retried this often.")
    retry_base: Duration = Field(60.0, description="First retry delay; doubles each time.")


class PollingSettings(_Section):
    default_interval: Duration = Field(900.0, description="Poll interval of a feed without one.")
    min_interval: Duration = Field(300.0, description="Never poll a feed more often than this.")
    max_interval: Duration = Field(86400.0, description="Never wait longer than this.")
    tick: Duration = Field(30.0, description="How often the scheduler looks for due feeds.")
    batch_size: int = Field(
        100, ge=1, description="Feeds polled at once (a sliding window refilled by new claims)."
    )
    lease: Duration = Field(600.0, description="How long a claimed feed stays ours.")
    concurrency: int = Field(64, ge=1, description="Requests in flight at once, all hosts.")
    per_host_concurrency: int = Field(2, ge=1, description="Requests in flight per host.")
    per_host_interval: Pause = Field(0.2, description="Seconds between requests to a host.")
    connect_timeout: Duration = Field(10.0, description="Seconds to connect.")
    read_timeout: Duration = Field(20.0, description="Seconds between bytes.")
    deadline: Duration = Field(60.0, description="Seconds for a whole request.")
    max_feed_bytes: int = Field(10 * 2**20, ge=1024, description="Largest feed accepted.")
    max_page_bytes: int = Field(5 * 2**20, ge=1024, description="Largest article page accepted.")
    max_redirects: int = Field(5, ge=0, description="Redirects followed per request.")
    allow_private: bool = Field(False, description="Allow private/loopback article addresses.")
    allowed_hosts: list[str] = Field([], description="Hosts/CIDRs exempt from the address guard.")
    respect_robots: bool = Field(True, description="Honour robots.txt for article pages.")
    fetch_pages: bool = Field(True, description="Fetch article pages (else use feed text).")
    extract_workers: int = Field(2, ge=0, description="Extraction processes (0 = in-process).")
    extract_timeout: Duration = Field(30.0, description="Seconds one page's extraction may take.")
    extract_memory: int = Field(
        512, ge=0, description="Address space of an extraction process, MB (0 = no limit)."
    )
    extract_max_tags: int = Field(
        50_000, ge=0, description="Pages with more HTML tags are not extracted (0 = no limit)."
    )
    max_new_per_feed: int = Field(
        100, ge=1, description="Article pages analysed per feed poll; the rest wait."
    )


class HttpSettings(_Section):
    enabled: bool = Field(False, description="Serve /health and /metrics.")
    host: str = Field("127.0.0.1", description="Bind address; keep it local.")
    port: int = Field(9108, ge=1, le=65535, description="Port of the endpoints.")


class WebSettings(_Section):
    # The one public endpoint: the digest's full-period page and the feedback links. Separate from
    # `http` (health, metrics), which stays on loopback.
    enabled: bool = Field(False, description="Serve digest pages and feedback links.")
    host: str = Field("127.0.0.1", description="Bind address (0.0.0.0 behind a reverse proxy).")
    port: int = Field(8090, ge=1, le=65535, description="Port of the web endpoint.")
    public_base_url: str | None = Field(
        None, description="URL readers reach the endpoint at; empty: no links in digests."
    )
    secret_env: str = Field("MONITOR_WEB_SECRET", description="Env var with the link secret.")
    secret_file: Path | None = Field(None, description="File with the link secret instead.")
    link_ttl: Duration = Field(30 * 86400.0, description="How long a digest link stays valid.")

    @field_validator("public_base_url")
    @classmethod
    def _base_url(cls, value: str | None) -> str | None:
        if value in (None, ""):
            return None
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc or parts.query:
            raise ValueError("expected an http(s) URL such as https://monitor.example.org/")
        return value.rstrip("/") + "/"


class DigestSettings(_Section):
    # What one email may hold: Gmail clips a body past 102 KB, so the brief keeps to a budget
    # and counts what did not fit.
    max_age: Duration = Field(
        2 * 86400.0, description="Entries older than this at first poll are stored, not digested."
    )
    per_topic: int = Field(8, ge=1, description="Stories shown per topic; the rest are counted.")
    budget: int = Field(30, ge=1, description="Stories shown in one email across all topics.")
    top: int = Field(5, ge=0, le=10, description="Top stories listed first, across topics.")
    speakers: int = Field(10, ge=0, description="People listed in 'Who said what'.")
    near_per_topic: int = Field(
        10, ge=0, description="Near misses listed per topic under 'Also mentioned'."
    )


class Settings(_Section):
    watchlist: Path = Field(Path("watchlist.yaml"), description="Relative to monitor.yaml.")
    database: DatabaseSettings = DatabaseSettings()
    smtp: SmtpSettings = SmtpSettings()
    outbox: OutboxSettings = OutboxSettings()
    polling: PollingSettings = PollingSettings()
    http: HttpSettings = HttpSettings()
    web: WebSettings = WebSettings()
    digest: DigestSettings = DigestSettings()
    user_agent: str = Field(
        "news-monitor/0.1 (+https://example.org/news-monitor)",
        description="User-Agent; include a contact URL so publishers can reach you.",
    )
    timezone: str = Field("UTC", description="Default IANA timezone for digests and logs.")
    instance_id: str | None = Field(None, description="Name in leases; default host:pid.")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field("INFO", description="Logs.")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        return _check_zone(value)


def _check_zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown IANA timezone {value!r}") from None
    return value


class FeedConfig(_Section):
    url: str
    name: str | None = None
    interval: Duration | None = None
    enabled: bool = True
    labels: list[str] = []  # shown beside the outlet: "state media", "wire", "CN"

    @field_validator("url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        parts = urlsplit(value.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"{value.strip() or 'an empty value'} is not an http(s) URL")
        return value.strip()


class TopicConfig(_Section):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str
    rule: str
    near: str | None = None  # second tier: articles that fail `rule` but hold this are near misses
    threshold: float = Field(0.5, ge=0, le=1)
    description: str = ""


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class DigestConfig(_Section):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str
    topics: list[str] = Field(min_length=1)
    schedule: Literal["daily", "weekly"] = "daily"
    weekday: Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"] = "mon"
    time: str = Field("07:00", pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    timezone: str = "UTC"
    recipients: list[str] = Field(min_length=1)
    send_empty: bool = True
    empty_note: str = "Nothing matched your topics in this period."

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        return _check_zone(value)

    @field_validator("recipients")
    @classmethod
    def _addresses(cls, value: list[str]) -> list[str]:
        for address in value:
            # `Name <address>` is accepted as mail clients write it; the bare address is checked.
            named = re.fullmatch(r"[^<>@,\n]*<([^<>]+)>\s*", address)
            bare = (named.group(1) if named else address).strip()
            if not re.fullmatch(r"[^@\s<>,]+@[^@\s<>,]+\.[^@\s<>,]+", bare):
                raise ValueError(f"{address or 'an empty value'} is not an email address")
            if len(bare) > 254 or len(bare.rpartition("@")[0]) > 64:
                # Mail servers refuse longer paths (RFC 5321): it could never be delivered.
                raise ValueError(
                    f"{bare[:60]}... is longer than mail allows (254 characters, 64 "
                    "before the @); fix: use the recipient's real, shorter address"
                )
        return value

    def local_time(self) -> dtime:
        """Return the send time as a time of day in the digest's timezone."""
        hour, minute = self.time.split(":")
        return dtime(int(hour), int(minute))


class Watchlist(_Section):
    feeds: list[FeedConfig] = []
    groups: dict[str, list[str]] = {}
    topics: list[TopicConfig] = []
    digests: list[DigestConfig] = []


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
        from monitor.rules import compile_rules

        return compile_rules(
            self.watchlist.groups,
            self.topic_specs(),
            groups_file=str(self.watchlist_path),
            group_lines=_group_lines(self.source, self.watchlist.groups),
            alias_lines=_alias_lines(self.source, self.watchlist.groups),
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
    from monitor.rules import compile_rules

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
        compile_rules(
            groups,
            specs,
            groups_file=str(source.path),
            group_lines=_group_lines(source, groups),
            alias_lines=_alias_lines(source, groups),
        )
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


def _validate(model: type[BaseModel], located: Located, problems: list[str]) -> Any:
    data = located.data if located.data is not None else {}
    if not isinstance(data, dict):
        problems.append(
            f"{located.path}:1:1: expected a mapping of keys at the top level; "
            "fix: start the file with key: value lines (see docs/configuration.md)"
        )
        return None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        from monitor.configcheck import describe

        problems.extend(describe(error, located, model) for error in exc.errors())
        return None


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
