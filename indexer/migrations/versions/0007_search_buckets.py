"""Document buckets for the PostgreSQL search backend's facets (nothing on SQLite): an index on
`hashtext(document_id) & 1023`, so facets over a very large match set are counted in a fixed
sample of documents (the buckets below a bound) instead of every matching pair
(indexer/search/postgres_facets.py). Building it reads search_pairs once: seconds per 100,000
documents (and ANALYZE, for the planner's statistics of the expression); nothing is
rewritten.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

from alembic import op

from indexer.search.postgres_schema import BUCKET

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"CREATE INDEX IF NOT EXISTS search_pairs_bucket ON search_pairs ({BUCKET})")
        op.execute("ANALYZE search_pairs")  # the planner's statistics of the new expression


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS search_pairs_bucket")
