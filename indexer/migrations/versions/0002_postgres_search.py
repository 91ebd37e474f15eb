"""PostgreSQL full-text search tables of the postgres search backend (nothing on SQLite).

The text search configurations kamervragen_dutch and kamervragen_exact (Dutch Snowball with
unaccent; unstemmed with unaccent), the table search_pairs with its weighted tsvector columns
and GIN indexes, and the word and value tables behind "did you mean" and name filters. A later
change to these tables gets a revision of its own.

Documents stored before are marked pending: the next indexing run (`kamervragen index`, which
first indexes whatever is pending) writes them into the new tables.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30
"""

from __future__ import annotations

from alembic import op

from indexer.search.postgres_schema import SEARCH_TABLES, create_search_schema

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        create_search_schema(bind)
        op.execute("UPDATE documents SET index_state = 'pending'")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for table in SEARCH_TABLES:
            op.execute(f"DROP TABLE IF EXISTS {table}")
        op.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS kamervragen_dutch")
        op.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS kamervragen_exact")
