"""Schema migrations with Alembic (revisions in indexer/migrations/versions/).

Every process that opens the knowledge base brings its schema to the newest revision, inside one
transaction and under the store's schema lock (store.make_engine), so an upgrade happens once
even when a server and an indexing run start together. A database made before migrations
existed has no version yet: the baseline revision then fills in what it lacks (tables, and the
nullable or defaulted columns a release added) instead of creating it, so it upgrades in place.

A change to the tables in indexer/models.py needs a revision (README, "Schema migrations");
tests/test_migrations.py fails while the models and the newest revision disagree."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# tables that are no SQLModel model: the migration state, and the PostgreSQL search backend's
# (made by its own revision)
UNMODELLED = {"alembic_version", "search_pairs", "search_values", "search_words", "search_lexemes"}


def config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def upgrade(connection: Connection) -> None:
    """Bring the schema to the newest revision within the caller's transaction."""
    command.upgrade(config(connection), "head")


def head() -> str:
    """The newest revision."""
    return ScriptDirectory.from_config(config()).get_current_head() or ""


def ignored_by_autogenerate(obj, name, type_, reflected, compare_to) -> bool:
    """Autogenerate compares only the modelled tables (and their indexes)."""
    table = name if type_ == "table" else getattr(getattr(obj, "table", None), "name", None)
    return table not in UNMODELLED


def new_revision(message: str, autogenerate: bool = False) -> None:
    """Write the next numbered revision file (autogenerate compares the models with the database
    named by KAMERVRAGEN_DB, which must be at the newest revision)."""
    command.revision(config(), message=message, autogenerate=autogenerate, rev_id=f"{int(head()) + 1:04d}")


if __name__ == "__main__":  # python -m indexer.migrate "what changes" [--autogenerate]
    import sys

    args = [a for a in sys.argv[1:] if a != "--autogenerate"]
    if len(args) != 1:
        sys.exit('usage: python -m indexer.migrate "what the revision changes" [--autogenerate]')
    new_revision(args[0], autogenerate="--autogenerate" in sys.argv)
