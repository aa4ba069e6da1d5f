"""quote person, role, speaker kind and origin; quote_origin table

Revision ID: 8d39f5752156
Revises: b7e1c2d3a4f5
Create Date: 2026-12-06 15:59:41.618366
"""

from alembic import op
import sqlalchemy as sa
import sqlmodel

from monitor.store.tables import UTCDateTime


revision = "8d39f5752156"
down_revision = "b7e1c2d3a4f5"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable columns: quotes stored before this have no person or origin until re-processed.
    op.create_table("quote_origin",
    sa.Column("id", sa.Integer(), nullable=False),
    sa.Column("norm", sa.Text(), nullable=False),
    sa.Column("head_key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column("tail_key", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column("person_key", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column("first_article_id", sa.Integer(), nullable=True),
    sa.Column("first_outlet", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column("first_url", sqlmodel.sql.sqltypes.AutoString(length=2048), nullable=True),
    sa.Column("first_seen_at", UTCDateTime(), nullable=True),
    sa.Column("outlets_json", sa.Text(), nullable=False),
    sa.Column("outlet_count", sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint("id")
    )
    with op.batch_alter_table("quote_origin", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_quote_origin_first_seen_at"), ["first_seen_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_quote_origin_head_key"), ["head_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_quote_origin_person_key"), ["person_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_quote_origin_tail_key"), ["tail_key"], unique=False)

    with op.batch_alter_table("quote", schema=None) as batch_op:
        batch_op.add_column(sa.Column("person", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.add_column(sa.Column("person_key", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.add_column(sa.Column("role", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.add_column(sa.Column("speaker_kind", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.add_column(sa.Column("origin_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_quote_origin_id"), ["origin_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_quote_person"), ["person"], unique=False)
        batch_op.create_index(batch_op.f("ix_quote_person_key"), ["person_key"], unique=False)



def downgrade() -> None:
    with op.batch_alter_table("quote", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quote_person_key"))
        batch_op.drop_index(batch_op.f("ix_quote_person"))
        batch_op.drop_index(batch_op.f("ix_quote_origin_id"))
        batch_op.drop_column("origin_id")
        batch_op.drop_column("speaker_kind")
        batch_op.drop_column("role")
        batch_op.drop_column("person_key")
        batch_op.drop_column("person")

    with op.batch_alter_table("quote_origin", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quote_origin_tail_key"))
        batch_op.drop_index(batch_op.f("ix_quote_origin_person_key"))
        batch_op.drop_index(batch_op.f("ix_quote_origin_head_key"))
        batch_op.drop_index(batch_op.f("ix_quote_origin_first_seen_at"))

    op.drop_table("quote_origin")
