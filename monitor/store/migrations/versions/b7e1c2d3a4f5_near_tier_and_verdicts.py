"""near-miss tier on topic matches; analysts' verdicts and used feedback links

Revision ID: b7e1c2d3a4f5
Revises: 755b4f917a08
Create Date: 2026-12-06 16:00:00
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel

from monitor.store.tables import UTCDateTime

revision = "b7e1c2d3a4f5"
down_revision = "755b4f917a08"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing rows are matches: near misses did not exist before this revision.
    with op.batch_alter_table("topic_match", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "tier",
                sqlmodel.sql.sqltypes.AutoString(),
                nullable=False,
                server_default="match",
            )
        )
    op.create_table(
        "verdict",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recipient", sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("topic_id", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("verdict", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("source", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("decided_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["article_id"], ["article.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("recipient", "article_id", "topic_id"),
    )
    op.create_index("ix_verdict_article_id", "verdict", ["article_id"])
    op.create_index("ix_verdict_topic_id", "verdict", ["topic_id"])
    op.create_table(
        "used_link",
        sa.Column("token_hash", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("used_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("token_hash"),
    )


def downgrade() -> None:
    op.drop_table("used_link")
    op.drop_index("ix_verdict_topic_id", table_name="verdict")
    op.drop_index("ix_verdict_article_id", table_name="verdict")
    op.drop_table("verdict")
    with op.batch_alter_table("topic_match", schema=None) as batch_op:
        batch_op.drop_column("tier")
