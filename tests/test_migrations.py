"""Migrations are transactional: one that fails half-way leaves the previous schema intact."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import create_engine, inspect, text

from monitor.store.db import MIGRATIONS, upgrade

BROKEN = '''
"""a migration that dies half-way"""
from alembic import op
import sqlalchemy as sa

revision = "ffff00000000"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))
    op.add_column("feed", sa.Column("half_done_flag", sa.Boolean()))
    raise RuntimeError("power cut during migration")


def downgrade() -> None:
    pass
'''


def test_a_failing_migration_leaves_the_old_schema(db_url: str, tmp_path: Path) -> None:
    upgrade(db_url)
    engine = create_engine(db_url)
    with engine.connect() as conn:
        head = conn.execute(text("select version_num from alembic_version")).scalar_one()
    scripts = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, scripts, ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "ffff_broken.py").write_text(BROKEN.format(head=head), "utf-8")
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(scripts))
    cfg.attributes["url"] = db_url
    with pytest.raises(RuntimeError, match="power cut"):
        command.upgrade(cfg, "head")
    inspector = inspect(engine)
    assert "half_done" not in inspector.get_table_names()
    assert "half_done_flag" not in {c["name"] for c in inspector.get_columns("feed")}
    with engine.connect() as conn:
        assert conn.execute(text("select version_num from alembic_version")).scalar_one() == head
    engine.dispose()


def test_the_moved_to_migration_upgrades_an_existing_database(db_url: str) -> None:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["url"] = db_url
    command.upgrade(cfg, "020284bd6c88")  # a database made before feeds could move
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "insert into feed (url, enabled, state, error_count) "
                "values ('https://a.example/rss', true, 'ok', 0)"
            )
        )
    upgrade(db_url)
    assert "moved_to" in {c["name"] for c in inspect(engine).get_columns("feed")}
    with engine.connect() as conn:
        row = conn.execute(text("select url, moved_to from feed")).one()
    assert tuple(row) == ("https://a.example/rss", None)
    command.downgrade(cfg, "020284bd6c88")  # and back, keeping the feed
    inspector = inspect(engine)
    assert "moved_to" not in {c["name"] for c in inspector.get_columns("feed")}
    with engine.connect() as conn:
        assert conn.execute(text("select url from feed")).scalar_one() == "https://a.example/rss"
    engine.dispose()
