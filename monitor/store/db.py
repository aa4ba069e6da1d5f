"""Engine, sessions, migrations and the single-instance lock for SQLite."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlmodel import Session

from monitor.errors import StoreError

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


def make_engine(url: str, *, pool_size: int = 5) -> Engine:
    """Create an engine: SQLite in WAL mode with a busy timeout, PostgreSQL with pre-ping."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        # pysqlite's own transaction handling defers BEGIN; emit it ourselves so that a claim
        # (read then update) is one write transaction and two processes cannot claim the same row.
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=pool_size, max_overflow=pool_size)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # let the "begin" listener issue BEGIN IMMEDIATE
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def is_sqlite(engine: Engine) -> bool:
    """Say whether the engine talks to SQLite (single-instance mode)."""
    return engine.dialect.name == "sqlite"


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """Yield a session that commits on success and rolls back on any error."""
    session = Session(engine, expire_on_commit=False)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def upgrade(url: str) -> None:
    """Bring the schema to the newest Alembic revision (each migration in one transaction)."""
    from alembic import command
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["url"] = url
    try:
        command.upgrade(cfg, "head")
    except OperationalError as exc:
        raise StoreError(
            f"cannot migrate {redact(url)}: {exc.orig}",
            hint="check database.url in monitor.yaml and that the server is running",
        ) from None


def check_connection(engine: Engine) -> None:
    """Open one connection now so a wrong URL fails at start-up with a clear message."""
    try:
        with engine.connect():
            pass
    except SQLAlchemyError as exc:
        raise StoreError(
            f"cannot connect to {redact(str(engine.url))}: {getattr(exc, 'orig', exc)}",
            hint="check database.url / $MONITOR_DATABASE_URL and that the server is running",
        ) from None


def redact(url: str) -> str:
    """Hide the password of a database URL."""
    return make_url(url).render_as_string(hide_password=True)


class InstanceLock:
    """An exclusive lock beside a SQLite file: a second `monitor run` on it is refused."""

    def __init__(self, url: str) -> None:
        database = make_url(url).database or ""
        self.path = Path(database + ".lock") if database and database != ":memory:" else None
        self._handle: IO[str] | None = None

    def acquire(self) -> None:
        """Take the lock or raise StoreError naming the holder."""
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held until release
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise StoreError(
                f"{self.path.with_suffix('')} is already used by {holder}",
                hint="SQLite serves one instance; stop the other one or use PostgreSQL "
                "(database.url) to run several",
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.uname().nodename}:{os.getpid()}\n")
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        """Drop the lock (also dropped by the OS if the process dies)."""
        if self._handle is not None:
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None
