"""Whether the schema is at the newest migration, answered without loading Alembic."""

from __future__ import annotations

import re

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from monitor.store.db import MIGRATIONS

_REVISION = re.compile(r"""^revision(?:\s*:\s*str)?\s*=\s*["']([0-9a-zA-Z_]+)["']""", re.M)
_DOWN = re.compile(r"""^down_revision\b[^=]*=\s*(.+)$""", re.M)
_MISSING = ("no such table", "does not exist", "undefinedtable")


def head_revisions() -> set[str]:
    """Return the revisions no other migration builds on (normally one)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        found = _REVISION.search(source)
        if found is None:
            continue
        revisions.add(found.group(1))
        down = _DOWN.search(source)
        if down:
            parents.update(re.findall(r"""["']([0-9a-zA-Z_]+)["']""", down.group(1)))
    return revisions - parents


def is_current(engine: Engine) -> bool:
    """Say whether the database's recorded revisions are exactly the newest ones."""
    heads = head_revisions()
    if not heads:
        return False
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT version_num FROM alembic_version"))
            stored = {row[0] for row in rows}
    except SQLAlchemyError:
        return False  # no version table yet: a new database
    return stored == heads


def is_missing_schema(exc: BaseException) -> bool:
    """Say whether a database error means the tables were never created."""
    return isinstance(exc, SQLAlchemyError) and any(m in str(exc).lower() for m in _MISSING)
