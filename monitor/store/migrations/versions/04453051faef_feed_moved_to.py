"""feed moved_to: the address a permanently redirected feed is polled at

Revision ID: 04453051faef
Revises: 020284bd6c88
Create Date: 2026-11-28 12:37:15.057190
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel


revision = "04453051faef"
down_revision = "020284bd6c88"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable, no default: existing feeds have not moved. batch_alter_table is a plain
    # ALTER TABLE on PostgreSQL and on SQLite (which can add a nullable column in place).
    with op.batch_alter_table("feed", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("moved_to", sqlmodel.sql.sqltypes.AutoString(length=2048), nullable=True)
        )


def downgrade() -> None:
    # SQLite before 3.35 cannot drop a column: batch mode copies the table there.
    with op.batch_alter_table("feed", schema=None) as batch_op:
        batch_op.drop_column("moved_to")
