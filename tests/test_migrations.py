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
