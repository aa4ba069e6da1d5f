"""Every setting and watch-list entry declared once (pydantic), with its default and help.

Reading the files, resolving paths and the checks that span entries live in monitor/config.py;
this module is the one place that imports pydantic.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping, Sequence
from datetime import time as dtime
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)

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


def _known_zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown IANA timezone {value!r}") from None
    return value


Zone = Annotated[str, AfterValidator(_known_zone)]  # an IANA timezone name


class Section(BaseModel):
    """A block of settings or watch-list entries."""

    # Unknown keys are errors: a misspelt key silently ignored is a setting that never applies.
    model_config = ConfigDict(extra="forbid", frozen=True)


class DatabaseSettings(Section):
    url: str = Field(
        "sqlite:///../var/monitor.db",
        description="SQLAlchemy URL; relative SQLite paths are relative to monitor.yaml. "
        "$MONITOR_DATABASE_URL overrides it (keep passwords out of the file).",
    )
    pool_size: int = Field(5, ge=1, description="Connections per instance (PostgreSQL).")


class SmtpSettings(Section):
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


class OutboxSettings(Section):
    directory: Path = Field(Path("../var/outbox"), description="Where .eml/.html digests go.")
    max_attempts: int = Field(10, ge=1, description="Temporary failures retried this often.")
    retry_base: Duration = Field(60.0, description="First retry delay; doubles each time.")


class PollingSettings(Section):
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


class HttpSettings(Section):
    enabled: bool = Field(False, description="Serve /health and /metrics.")
    host: str = Field("127.0.0.1", description="Bind address; keep it local.")
    port: int = Field(9108, ge=1, le=65535, description="Port of the endpoints.")


class WebSettings(Section):
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


class DigestSettings(Section):
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


class Settings(Section):
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
    timezone: Zone = Field("UTC", description="Default IANA timezone for digests and logs.")
    instance_id: str | None = Field(None, description="Name in leases; default host:pid.")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field("INFO", description="Logs.")


class FeedConfig(Section):
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


class TopicConfig(Section):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str
    rule: str
    near: str | None = None  # second tier: articles that fail `rule` but hold this are near misses
    threshold: float = Field(0.5, ge=0, le=1)
    description: str = ""


class DigestConfig(Section):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str
    topics: list[str] = Field(min_length=1)
    schedule: Literal["daily", "weekly"] = "daily"
    weekday: Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"] = "mon"
    time: str = Field("07:00", pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    timezone: Zone = "UTC"
    recipients: list[str] = Field(min_length=1)
    send_empty: bool = True
    empty_note: str = "Nothing matched your topics in this period."

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


class Watchlist(Section):
    feeds: list[FeedConfig] = []
    groups: dict[str, list[str]] = {}
    topics: list[TopicConfig] = []
    digests: list[DigestConfig] = []


_Model = TypeVar("_Model", bound=Section)


def validate(
    model: type[_Model], data: Mapping[str, Any]
) -> tuple[_Model | None, Sequence[Mapping[str, Any]]]:
    """Return the validated model and no errors, or None and one error mapping per problem."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        return None, exc.errors()
