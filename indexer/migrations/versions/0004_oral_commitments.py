"""Oral commitments (the Kamer's Toezegging register) as commitments without a document: the
document_id becomes nullable, their own columns (role, ministry, TK status, Kamerbrief) are
added, and the register index covers the columns the status reads so counting stays index-only.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.alter_column("document_id", existing_type=TEXT(length=80), nullable=True)
        batch_op.add_column(sa.Column("role", TEXT(length=80), nullable=True))
        batch_op.add_column(sa.Column("ministry", TEXT(length=160), nullable=True))
        batch_op.add_column(sa.Column("tk_status", TEXT(length=40), nullable=True))
        batch_op.add_column(sa.Column("tk_letter", TEXT(), nullable=True))
        batch_op.drop_index("ix_commitments_register")
        batch_op.create_index(
            "ix_commitments_register", ["due", "answered", "key", "tk_status", "document_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("commitments", schema=None) as batch_op:
        batch_op.drop_index("ix_commitments_register")
        batch_op.create_index("ix_commitments_register", ["due", "answered", "key"], unique=False)
        batch_op.drop_column("tk_letter")
        batch_op.drop_column("tk_status")
        batch_op.drop_column("ministry")
        batch_op.drop_column("role")
        batch_op.alter_column("document_id", existing_type=TEXT(length=80), nullable=False)
