"""Document frequencies for the PostgreSQL search backend (nothing on SQLite): the table
search_lexemes, counted from the pairs already indexed, so ranking and similar questions look
a word's rarity up instead of counting the pairs that hold it (indexer/search/
postgres_frequencies.py). Counting takes a pass over the index: about 20 s per 100,000
documents.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from alembic import op

from indexer.search.postgres_frequencies import recount

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("CREATE TABLE IF NOT EXISTS search_lexemes (lexeme text NOT NULL, pairs integer NOT NULL)")
        op.execute(
            "CREATE INDEX IF NOT EXISTS search_lexemes_lexeme ON search_lexemes (lexeme) INCLUDE (pairs)"
        )
        recount(bind)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TABLE IF EXISTS search_lexemes")
