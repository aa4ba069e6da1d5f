"""Shared fixtures: real SQLite files, the real PostgreSQL, the shared evaluation data."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
SHIPPED_WATCHLIST = REPO / "config" / "watchlist.yaml"
PG_HELP = (
    "PostgreSQL tests need MONITOR_TEST_PG_URL, e.g. "
    "MONITOR_TEST_PG_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test make test"
)


def _require(flag: str, reason: str) -> None:
    """Skip on a laptop without the dependency; fail in CI, where it must be present."""
    if os.environ.get(flag):
        pytest.fail(f"{reason} (required here because {flag} is set)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """Create a fresh database for this test run on the PostgreSQL server; drop it after."""
    base = os.environ.get("MONITOR_TEST_PG_URL")
    if not base:
        _require("MONITOR_REQUIRE_PG", PG_HELP)
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(base)
    name = f"monitor_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)
    try:
        conn = psycopg.connect(admin, autocommit=True)
    except psycopg.OperationalError as exc:
        _require("MONITOR_REQUIRE_PG", f"PostgreSQL at {url.host}:{url.port} unreachable: {exc}")
    with conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield url.set(database=name).render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_url(pg_server_url: str) -> Iterator[str]:
    """Give each test an empty schema in the run's database."""
    from sqlalchemy import create_engine, text

    engine = create_engine(pg_server_url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()
    yield pg_server_url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Run a storage test on a real SQLite file and on the real PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'monitor.db'}"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """Locate ../shared/data (or $MONITOR_SHARED_DATA); skip when this checkout has none."""
    path = Path(os.environ.get("MONITOR_SHARED_DATA") or REPO.parent / "shared" / "data")
    if not path.is_dir():
        _require("MONITOR_REQUIRE_SHARED_DATA", f"shared evaluation data not found at {path}")
    return path


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
