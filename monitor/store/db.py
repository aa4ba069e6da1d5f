"""Engine, sessions, migrations and the single-instance lock for SQLite."""

from __future__ import annotations

import asyncio
import fcntl
import functools
import logging
import os
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, ParamSpec, TypeVar

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from monitor.errors import StoreError
from monitor.redact import redact_url, scrub

if TYPE_CHECKING:
    # Imported where a session is opened: a Core-only read (store.core) never loads SQLModel.
    from sqlmodel import Session

# Shipped inside the package (the wheel carries them), so an installed monitor can migrate.
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# Seconds between attempts of a store call whose connection died (PostgreSQL restarted, backend
# terminated) or whose transaction lost a deadlock; ~15 s in all covers a server restart.
RETRY_DELAYS = (0.1, 0.5, 1.0, 2.0, 4.0, 8.0)
# How long SQLite waits for another writer's lock before reporting "database is locked".
SQLITE_BUSY_TIMEOUT_MS = 30_000
log = logging.getLogger("monitor.store")
P = ParamSpec("P")
T = TypeVar("T")


def parse_url(url: str) -> URL:
    """Parse a database URL; raise StoreError (password masked) when it cannot be read."""
    try:
        parsed = make_url(url)
        parsed.port  # noqa: B018 - a malformed port raises only when read
    except (ArgumentError, ValueError) as exc:
        raise StoreError(
            f"cannot read the database URL {redact(url)}: {scrub(str(exc), url)}",
            hint="check database.url / $MONITOR_DATABASE_URL (see docs/configuration.md); "
            "several PostgreSQL hosts are written ?host=a:5432&host=b:5432",
        ) from None
    return parsed


def make_engine(url: str, *, pool_size: int = 5) -> Engine:
    """Create an engine: SQLite in WAL mode with a busy timeout, PostgreSQL with pre-ping."""
    parsed = parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        # pysqlite's own transaction handling defers BEGIN; emit it ourselves so that a claim
        # (read then update) is one write transaction and two processes cannot claim the same row.
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
        return engine
    # pre-ping: a pooled connection the server dropped (restart, pg_terminate_backend) is replaced
    # at checkout instead of failing the next query.
    return create_engine(url, pool_pre_ping=True, pool_size=pool_size, max_overflow=pool_size)


def retrying(call: Callable[P, T]) -> Callable[P, T]:
    """Re-run a one-transaction store call when the database connection or a deadlock broke it.

    The waits block the calling thread: the service calls the store through `offload`, which
    runs the undecorated call (`__wrapped__`) in a thread and waits between attempts without
    blocking the event loop.
    """

    @functools.wraps(call)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> T:
        for delay in RETRY_DELAYS:
            try:
                return call(*args, **kwargs)
            except DBAPIError as exc:
                if not _transient(exc):
                    raise
                _log_retry(call, exc, delay)
                time.sleep(delay)
        return call(*args, **kwargs)

    return wrapper


async def offload(call: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Run a store call in a worker thread; retry transient errors, waiting asynchronously."""
    # A retrying call would sleep in its thread between attempts; run its undecorated body and
    # wait here instead, so the thread is free and cancellation (a stop) is not held up.
    once: Callable[P, T] = getattr(call, "__wrapped__", call)
    for delay in RETRY_DELAYS:
        try:
            return await asyncio.to_thread(once, *args, **kwargs)
        except DBAPIError as exc:
            if not _transient(exc):
                raise
            _log_retry(once, exc, delay)
            await asyncio.sleep(delay)
    return await asyncio.to_thread(once, *args, **kwargs)


def _log_retry(call: Callable[..., object], exc: DBAPIError, delay: float) -> None:
    log.warning(
        "database call retried",
        extra={
            "stage": "store",
            "call": getattr(call, "__name__", repr(call)),
            "retry_in": delay,
            "reason": str(getattr(exc, "orig", exc)).splitlines()[0],
        },
    )


# SQLite raises OperationalError for a locked file, but also for a missing table or column and
# a syntax error, which no retry mends: those are reported at once. Transient are only these
# result codes (extended codes such as SQLITE_BUSY_SNAPSHOT start with them).
_SQLITE_TRANSIENT = ("SQLITE_BUSY", "SQLITE_LOCKED", "SQLITE_IOERR", "SQLITE_PROTOCOL")


def _transient(exc: DBAPIError) -> bool:
    """Say whether running the transaction again may succeed (it was rolled back as a whole)."""
    if exc.connection_invalidated:
        return True
    if not isinstance(exc, OperationalError):
        return False  # constraint (IntegrityError), syntax and undefined names (ProgrammingError)
    code = getattr(exc.orig, "sqlite_errorname", None)
    if code is not None:
        return str(code).startswith(_SQLITE_TRANSIENT)
    # PostgreSQL's OperationalError: lost connection, admin shutdown, deadlock, serialization.
    return True


def cluster_lock(session: Session, name: str) -> None:
    """Serialise this transaction with every instance's transaction taking the same lock."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _lock_key(name)})


def _lock_key(name: str) -> int:
    return zlib.crc32(f"news-monitor:{name}".encode())


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # let the "begin" listener issue BEGIN IMMEDIATE
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def is_sqlite(engine: Engine) -> bool:
    """Say whether the engine talks to SQLite (single-instance mode)."""
    return engine.dialect.name == "sqlite"


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """Yield a session that commits on success and rolls back on any error."""
    from sqlmodel import Session

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
        with _migration_lock(url):
            command.upgrade(cfg, "head")
    except SQLAlchemyError as exc:
        raise StoreError(
            f"cannot migrate {redact(url)}: {scrub(str(getattr(exc, 'orig', exc)), url)}",
            hint="check database.url in monitor.yaml and that the server is running",
        ) from None


@contextmanager
def _migration_lock(url: str) -> Iterator[None]:
    # Instances started together would otherwise race to create the same tables.
    if parse_url(url).get_backend_name() != "postgresql":
        yield
        return
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _lock_key("migrate")})
            conn.commit()
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _lock_key("migrate")})
                conn.commit()
    finally:
        engine.dispose()


def check_connection(engine: Engine) -> None:
    """Open one connection now so a wrong URL fails at start-up with a clear message."""
    try:
        with engine.connect():
            pass
    except SQLAlchemyError as exc:
        raise StoreError(
            f"cannot connect to {redact(_plain(engine))}: "
            f"{scrub(str(getattr(exc, 'orig', exc)), _plain(engine))}",
            hint="check database.url / $MONITOR_DATABASE_URL and that the server is running",
        ) from None


def _plain(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def redact(url: str) -> str:
    """Hide the password of a database URL, in every spelling (userinfo, query, raw @)."""
    return redact_url(url)


class InstanceLock:
    """An exclusive lock beside a SQLite file: a second `monitor run` on it is refused."""

    def __init__(self, url: str) -> None:
        parsed = parse_url(url)
        database = parsed.database or "" if parsed.get_backend_name() == "sqlite" else ""
        self.database = Path(database) if database and database != ":memory:" else None
        self.path = Path(database + ".lock") if self.database else None
        self._handle: IO[str] | None = None
        self._inode: tuple[int, int] | None = None

    def check(self) -> None:
        """Raise StoreError if the database file was deleted or replaced since it was opened."""
        if self.database is None or self._handle is None:
            return
        try:
            stat = self.database.stat()
            inode: tuple[int, int] | None = (stat.st_dev, stat.st_ino)
        except FileNotFoundError:
            inode = None
        if self._inode is None:
            self._inode = inode  # first look, once the migration has made the file
            return
        if inode != self._inode:
            raise StoreError(
                f"the database file {self.database} was deleted or replaced while running; "
                "stopping instead of writing to a file no one will read",
                hint="restore the file from a backup (or start again on a new one) and restart",
            )

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
