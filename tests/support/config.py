"""Write a test's monitor.yaml and watch-list into a folder; where the repository is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]
SHIPPED_WATCHLIST = REPO / "config" / "watchlist.yaml"


def write_config(
    directory: Path,
    *,
    feeds: list[dict[str, Any]] | None = None,
    settings: dict[str, Any] | None = None,
    digests: list[dict[str, Any]] | None = None,
    database_url: str | None = None,
) -> Path:
    """Write monitor.yaml + watchlist.yaml (shipped groups and topics) into a folder."""
    shipped = yaml.safe_load(SHIPPED_WATCHLIST.read_text(encoding="utf-8"))
    watch = {
        "feeds": feeds or [],
        "groups": shipped.get("groups", {}),
        "topics": shipped["topics"],
        "digests": digests if digests is not None else shipped["digests"],
    }
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "watchlist.yaml").write_text(yaml.safe_dump(watch, allow_unicode=True), "utf-8")
    base: dict[str, Any] = {
        "watchlist": "watchlist.yaml",
        "database": {"url": database_url or "sqlite:///monitor.db"},
        "outbox": {"directory": "outbox"},
        "polling": {
            "allowed_hosts": ["127.0.0.1"],
            "extract_workers": 0,
            "per_host_interval": 0,
            "respect_robots": False,
        },
    }
    for key, value in (settings or {}).items():
        if isinstance(value, dict):
            base.setdefault(key, {}).update(value)
        else:
            base[key] = value
    path = directory / "monitor.yaml"
    path.write_text(yaml.safe_dump(base, allow_unicode=True), "utf-8")
    return path
