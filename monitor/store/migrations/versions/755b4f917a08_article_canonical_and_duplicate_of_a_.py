"""article canonical and duplicate_of: what a page declares as its canonical URL

Revision ID: 755b4f917a08
Revises: 04453051faef
Create Date: 2026-11-28 12:47:24.238223
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = "755b4f917a08"
down_revision = "04453051faef"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable, no default: articles stored before this knew no declared canonical URL.
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("canonical", sqlmodel.sql.sqltypes.AutoString(length=2048), nullable=True)
        )
        batch_op.add_column(sa.Column("duplicate_of", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_article_canonical"), ["canonical"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_article_canonical"))
        batch_op.drop_column("duplicate_of")
        batch_op.drop_column("canonical")
