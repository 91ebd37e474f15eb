"""Schema migrations (issue 15): a knowledge base made by the release before migrations
(its DDL frozen in tests/data/) upgrades in place on SQLite and PostgreSQL, keeping its rows;
an older one gains the columns it lacks; and the models never drift from the newest revision."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from conftest import DATABASES, fresh_database
from sqlalchemy import create_engine, text
from sqlmodel import Session, SQLModel, select

from indexer import models as m
from indexer.migrate import head, ignored_by_autogenerate
from indexer.pipeline import Indexer
from indexer.search.backend import SearchRequest
from indexer.store import database_url, make_engine
from kamervragen.parser import parse

OLD_SCHEMA = Path(__file__).resolve().parent / "data"


def _database(kind: str, tmp_path: Path, name: str) -> str | None:
    """None for SQLite in the data folder, else the URL of a fresh PostgreSQL database."""
    return None if kind == "sqlite" else fresh_database(name)


def _old_knowledge_base(url: str, seed_path: Path) -> str:
    """The previous release's schema with one stored document in it; returns its id."""
    engine = create_engine(url)
    dialect = engine.dialect.name
    ddl = (OLD_SCHEMA / f"schema_df63d3e.{dialect}.sql").read_text(encoding="utf-8")
    doc = parse(seed_path)
    with engine.begin() as conn:
        for statement in ddl.split(";"):
            if "CREATE" in statement:
                conn.exec_driver_sql(statement)
        conn.execute(
            text(
                "INSERT INTO documents (id, source, content_hash, kind, subject, document_json, "
                "index_state, updated_at) VALUES ('old-1', 'old.txt', 'abc', :kind, :subject, :json, 'done', "
                "CURRENT_TIMESTAMP)"
            ),
            {
                "kind": str(doc.kind),
                "subject": doc.subject,
                "json": json.dumps({**doc.to_json_dict(), "id": "old-1"}),
            },
        )
        conn.execute(
            text(
                "INSERT INTO commitments (document_id, location, vague, conditional, text) "
                "VALUES ('old-1', 'a1', false, false, 'Ik zal de Kamer informeren.')"
            )
        )
    engine.dispose()
    return "old-1"


@pytest.mark.parametrize("kind", DATABASES)
def test_previous_release_upgrades_in_place(kind, tmp_path, seed_path):
    data = tmp_path / "data"
    data.mkdir()
    db = _database(kind, tmp_path, "migrations")
    url = database_url(data, db)
    doc_id = _old_knowledge_base(url, seed_path)
    engine = make_engine(url)  # what every process does on start: upgrade to the newest revision
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == head()
    with Session(engine) as session:
        row = session.get(m.DocumentRow, doc_id)
        assert row is not None and row.subject and row.source == "old.txt"
        assert [c.text for c in session.exec(select(m.CommitmentRow))] == ["Ik zal de Kamer informeren."]
    engine.dispose()
    kb = Indexer(data, db)
    summary = kb.run([])  # the next run indexes what the upgrade left pending
    if kind == "postgresql":  # the new search tables are filled from the stored documents
        assert summary.reindexed == 1
        assert doc_id in set(kb.backend.document_ids())
        hits = kb.backend.search(SearchRequest(query="inburgeringsexamen")).results
        assert hits and hits[0].document_id == doc_id
    assert kb.run([seed_path]).added == 1  # and it keeps working as a knowledge base


@pytest.mark.parametrize("kind", DATABASES)
def test_models_agree_with_the_newest_revision(kind, tmp_path):
    """A change to indexer/models.py without a revision fails here (README, "Schema migrations")."""
    data = tmp_path / "data"
    data.mkdir()
    engine = make_engine(database_url(data, _database(kind, tmp_path, "models")))
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": ignored_by_autogenerate})
        assert compare_metadata(context, SQLModel.metadata) == []
    engine.dispose()


def test_upgrading_twice_changes_nothing(tmp_path):
    url = database_url(tmp_path, None)
    make_engine(url).dispose()
    engine = make_engine(url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1
    engine.dispose()
