"""Alembic's environment for the knowledge base. `indexer.migrate.upgrade` runs it inside the
caller's transaction (passed as the `connection` attribute); the `alembic` command line can use
it too, with the database URL in KAMERVRAGEN_DB (see README, "Schema migrations")."""

from __future__ import annotations

import os

from alembic import context
from sqlalchemy import create_engine
from sqlmodel import SQLModel

from indexer import models  # noqa: F401 - registers the tables for autogenerate
from indexer.migrate import ignored_by_autogenerate

config = context.config
connection = config.attributes.get("connection")


def _run(conn) -> None:
    context.configure(
        connection=conn,
        target_metadata=SQLModel.metadata,
        render_as_batch=conn.dialect.name == "sqlite",  # SQLite alters a table by copying it
        include_object=ignored_by_autogenerate,
    )
    with context.begin_transaction():
        context.run_migrations()


if connection is not None:
    _run(connection)
else:  # the alembic command line
    from indexer.store import database_url

    url = database_url(None, os.environ["KAMERVRAGEN_DB"])  # type: ignore[arg-type]
    with create_engine(url).begin() as conn:
        _run(conn)
