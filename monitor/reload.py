"""Live reload: notice edits of monitor.yaml and the watch-list, and say what an edit changes."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from typing import Any

from monitor.config import Config

# Settings the running service reads once at start-up (its engine, listening sockets, HTTP
# client, worker processes, lease name): an edit of these is logged and waits for a restart.
NEEDS_RESTART = (
    "watchlist",
    "database",
    "http",
    "web",
    "user_agent",
    "instance_id",
    "log_level",
    "polling.connect_timeout",
    "polling.read_timeout",
    "polling.deadline",
    "polling.max_feed_bytes",
    "polling.max_page_bytes",
    "polling.max_redirects",
    "polling.concurrency",
    "polling.per_host_concurrency",
    "polling.per_host_interval",
    "polling.allow_private",
    "polling.allowed_hosts",
    "polling.respect_robots",
    "polling.extract_workers",
    "polling.tick",
)


def config_files_hash(config: Config) -> str:
    """Hash the bytes of monitor.yaml and the watch-list (a missing file hashes as empty)."""
    digest = hashlib.sha256()
    for path in (config.settings_path, config.watchlist_path):
        with contextlib.suppress(OSError):  # mid-rename or deleted: the next look sees the new one
            digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


@dataclass(frozen=True)
class Changes:
    """What a reload changes; feeds by URL, topics, groups and digests by id or name."""

    feeds_added: tuple[str, ...] = ()
    feeds_removed: tuple[str, ...] = ()
    feeds_edited: tuple[str, ...] = ()  # name, interval or enabled
    topics_added: tuple[str, ...] = ()
    topics_removed: tuple[str, ...] = ()
    topics_changed: tuple[str, ...] = ()  # rule, threshold, name or description
    groups_changed: tuple[str, ...] = ()
    digests_added: tuple[str, ...] = ()
    digests_removed: tuple[str, ...] = ()
    digests_changed: tuple[str, ...] = ()
    settings_changed: tuple[str, ...] = ()  # applied now
    needs_restart: tuple[str, ...] = ()  # logged; applied at the next start

    @property
    def empty(self) -> bool:
        """Say whether nothing at all changed."""
        return not any(getattr(self, f.name) for f in fields(self))

    @property
    def feeds(self) -> bool:
        """Say whether the feed table must be brought in line with the watch-list."""
        return bool(self.feeds_added or self.feeds_removed or self.feeds_edited)

    @property
    def rules(self) -> bool:
        """Say whether the topic rules must be compiled again."""
        return bool(
            self.topics_added or self.topics_removed or self.topics_changed or self.groups_changed
        )

    def as_log(self) -> dict[str, str]:
        """Return the non-empty fields as log keys, each a comma-separated list."""
        return {
            f.name: ",".join(getattr(self, f.name)) for f in fields(self) if getattr(self, f.name)
        }


def diff(old: Config, new: Config) -> Changes:
    """Compare two validated configurations."""
    before, after = old.watchlist, new.watchlist
    feeds = _by_key(before.feeds, "url"), _by_key(after.feeds, "url")
    topics = _by_key(before.topics, "id"), _by_key(after.topics, "id")
    digests = _by_key(before.digests, "id"), _by_key(after.digests, "id")
    settings = _settings_changed(old.settings.model_dump(), new.settings.model_dump())
    return Changes(
        *_added_removed_changed(*feeds),
        *_added_removed_changed(*topics),
        _changed_keys(before.groups, after.groups),
        *_added_removed_changed(*digests),
        tuple(s for s in settings if not _needs_restart(s)),
        tuple(s for s in settings if _needs_restart(s)),
    )


def _by_key(items: Iterable[Any], key: str) -> dict[str, dict[str, Any]]:
    return {getattr(item, key): item.model_dump() for item in items}


def _added_removed_changed(
    old: Mapping[str, object], new: Mapping[str, object]
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    added = tuple(k for k in new if k not in old)
    removed = tuple(k for k in old if k not in new)
    return added, removed, _changed_keys(old, new)


def _changed_keys(old: Mapping[str, object], new: Mapping[str, object]) -> tuple[str, ...]:
    return tuple(k for k in new if k in old and old[k] != new[k])


def _settings_changed(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """Return dotted names of the settings that differ (sections compared key by key)."""
    changed = []
    for key in new:
        if old.get(key) == new[key]:
            continue
        if isinstance(new[key], dict) and isinstance(old.get(key), dict):
            changed += [f"{key}.{k}" for k in new[key] if old[key].get(k) != new[key][k]]
        else:
            changed.append(key)
    return changed


def _needs_restart(setting: str) -> bool:
    return setting in NEEDS_RESTART or setting.split(".")[0] in NEEDS_RESTART
