"""Baseline: the schema of the release before migrations (commit df63d3e), frozen here.

A new database gets these tables. A database made before migrations existed gets what it
lacks: missing tables, and the nullable or defaulted columns that a later release added (their
rows take the default; a rebuild fills them), as that release's own start-up did.

Revision ID: 0001
Revises:
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

META = sa.MetaData()
TABLES = [
    sa.Table(
        "cases",
        META,
        sa.Column("case_number", sa.String(20), primary_key=True, nullable=False),
        sa.Column("subject", sa.String(), nullable=True),
    ),
    sa.Table(
        "ingest_log",
        META,
        sa.Column("id", sa.Integer(), primary_key=True, nullable=False),
        sa.Column("run_id", sa.String(40), nullable=False, index=True),
        sa.Column("path", sa.String(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=True),
        sa.Column("document_id", sa.String(80), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("message", sa.String(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    ),
    sa.Table(
        "ministries",
        META,
        sa.Column("name", sa.String(160), primary_key=True, nullable=False),
        sa.Column("abbreviation", sa.String(20), nullable=True),
    ),
    sa.Table(
        "parties",
        META,
        sa.Column("name", sa.String(80), primary_key=True, nullable=False),
    ),
    sa.Table(
        "source_files",
        META,
        sa.Column("path", sa.String(), primary_key=True, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("document_id", sa.String(80), nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("message", sa.String(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    ),
    sa.Table(
        "documents",
        META,
        sa.Column("id", sa.String(80), primary_key=True, nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False, index=True),
        sa.Column("kind", sa.String(20), nullable=False, index=True),
        sa.Column(
            "case_number", sa.String(20), sa.ForeignKey("cases.case_number"), nullable=True, index=True
        ),
        sa.Column("vergaderjaar", sa.String(9), nullable=True),
        sa.Column("aanhangsel_number", sa.Integer(), nullable=True),
        sa.Column("subject", sa.String(), nullable=True),
        sa.Column("submitted", sa.Date(), nullable=True, index=True),
        sa.Column("received", sa.Date(), nullable=True, index=True),
        sa.Column("delay_days", sa.Integer(), nullable=True),
        sa.Column("format", sa.String(10), nullable=True),
        sa.Column("notice", sa.String(), nullable=True),
        sa.Column("notice_type", sa.String(30), nullable=True),
        sa.Column("document_json", sa.String(), nullable=False),
        sa.Column("index_state", sa.String(10), nullable=False, index=True, server_default="pending"),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    ),
    sa.Table(
        "people",
        META,
        sa.Column("id", sa.Integer(), primary_key=True, nullable=False),
        sa.Column("name", sa.String(120), nullable=False, index=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("party", sa.String(80), sa.ForeignKey("parties.name"), nullable=True),
    ),
    sa.Table(
        "answers",
        META,
        sa.Column("id", sa.Integer(), primary_key=True, nullable=False),
        sa.Column("document_id", sa.String(80), sa.ForeignKey("documents.id"), nullable=False, index=True),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("numbers", sa.String(200), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
    ),
    sa.Table(
        "commitments",
        META,
        sa.Column("id", sa.Integer(), primary_key=True, nullable=False),
        sa.Column("document_id", sa.String(80), sa.ForeignKey("documents.id"), nullable=False, index=True),
        sa.Column("location", sa.String(20), nullable=False),
        sa.Column("who", sa.String(), nullable=True),
        sa.Column("topic", sa.String(), nullable=True),
        sa.Column("due", sa.Date(), nullable=True, index=True),
        sa.Column("vague", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("due_text", sa.String(), nullable=True),
        sa.Column("conditional", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("text", sa.String(), nullable=False),
    ),
    sa.Table(
        "document_people",
        META,
        sa.Column(
            "document_id", sa.String(80), sa.ForeignKey("documents.id"), primary_key=True, nullable=False
        ),
        sa.Column("person_id", sa.Integer(), sa.ForeignKey("people.id"), primary_key=True, nullable=False),
        sa.Column("relation", sa.String(20), primary_key=True, nullable=False),
        sa.Column("role", sa.String(40), nullable=True),
        sa.Column("ministry", sa.String(160), nullable=True),
    ),
    sa.Table(
        "figures",
        META,
        sa.Column("id", sa.Integer(), primary_key=True, nullable=False),
        sa.Column("document_id", sa.String(80), sa.ForeignKey("documents.id"), nullable=False, index=True),
        sa.Column("location", sa.String(20), nullable=False),
        sa.Column("value", sa.Float(), nullable=False),
        sa.Column("unit", sa.String(20), nullable=False),
        sa.Column("subject", sa.String(), nullable=True),
        sa.Column("qualifier", sa.String(), nullable=True),
        sa.Column("as_of", sa.String(20), nullable=True),
        sa.Column("source", sa.String(), nullable=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("confirmed", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("text", sa.String(), nullable=False),
    ),
    sa.Table(
        "footnotes",
        META,
        sa.Column("id", sa.Integer(), primary_key=True, nullable=False),
        sa.Column("document_id", sa.String(80), sa.ForeignKey("documents.id"), nullable=False, index=True),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("url", sa.String(), nullable=True),
    ),
    sa.Table(
        "pairs",
        META,
        sa.Column("id", sa.String(100), primary_key=True, nullable=False),
        sa.Column("document_id", sa.String(80), sa.ForeignKey("documents.id"), nullable=False, index=True),
        sa.Column("question_numbers", sa.String(200), nullable=False),
        sa.Column("question_text", sa.String(), nullable=False),
        sa.Column("answer_text", sa.String(), nullable=True),
    ),
    sa.Table(
        "questions",
        META,
        sa.Column("id", sa.Integer(), primary_key=True, nullable=False),
        sa.Column("document_id", sa.String(80), sa.ForeignKey("documents.id"), nullable=False, index=True),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
    ),
    sa.Table(
        "references",
        META,
        sa.Column("id", sa.Integer(), primary_key=True, nullable=False),
        sa.Column("document_id", sa.String(80), sa.ForeignKey("documents.id"), nullable=False, index=True),
        sa.Column("location", sa.String(20), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False, index=True),
        sa.Column("ref_id", sa.String(), nullable=True, index=True),
        sa.Column("url", sa.String(), nullable=True),
        sa.Column("text", sa.String(), nullable=False),
    ),
]


def upgrade() -> None:
    bind = op.get_bind()
    inspector = sa.inspect(bind)
    for table in META.sorted_tables:
        if not inspector.has_table(table.name):
            table.create(bind)
            continue
        present = {c["name"] for c in inspector.get_columns(table.name)}
        for column in table.columns:
            if column.name in present or column.primary_key:
                continue
            if not column.nullable and column.server_default is None:
                raise RuntimeError(
                    f"the knowledge base's table {table.name} lacks the required column {column.name}: "
                    "index into a new data folder, or run with --rebuild"
                )
            op.add_column(table.name, column._copy())


def downgrade() -> None:
    for table in reversed(META.sorted_tables):
        op.drop_table(table.name)
