"""Shared fixtures: real SQLite files, the real PostgreSQL, the shared evaluation data."""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.config import REPO
from tests.support.require import require

PG_HELP = (
    "PostgreSQL tests need MONITOR_TEST_PG_URL, e.g. "
    "MONITOR_TEST_PG_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test make test"
)


@pytest.fixture(autouse=True)
def _root_logger_restored() -> Iterator[None]:
    """Undo a command's setup_logging after each test.

    `monitor` commands point the root logger at sys.stderr, which under pytest is the test's
    capture file; left there, a later log line (aiosmtpd's server thread logs after its client
    hangs up) hits the closed file and prints "--- Logging error --- ValueError".
    """
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """Create a fresh database for this test run on the PostgreSQL server; drop it after."""
    base = os.environ.get("MONITOR_TEST_PG_URL")
    if not base:
        require("MONITOR_REQUIRE_PG", PG_HELP)
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(base)
    name = f"monitor_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)
    try:
        conn = psycopg.connect(admin, autocommit=True)
    except psycopg.OperationalError as exc:
        require("MONITOR_REQUIRE_PG", f"PostgreSQL at {url.host}:{url.port} unreachable: {exc}")
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


@pytest.fixture
def engine(db_url: str) -> Iterator[Any]:
    """A migrated store on `db_url` (both databases), disposed of after the test."""
    from monitor.store import make_engine, upgrade

    upgrade(db_url)
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """Locate ../shared/data (or $MONITOR_SHARED_DATA); skip when this checkout has none."""
    path = Path(os.environ.get("MONITOR_SHARED_DATA") or REPO.parent / "shared" / "data")
    if not path.is_dir():
        require("MONITOR_REQUIRE_SHARED_DATA", f"shared evaluation data not found at {path}")
    return path
