"""The store's generation (indexer.store.store_generation): the key of every cache computed from
the stored documents. It must move on with every committed change of a document or the search
index, never before the change is visible, and not on an index run that changes nothing (the
caches of every worker would be emptied for nothing after each daily sync)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlmodel import Session

from indexer.pipeline import Indexer
from indexer.search.backend import SearchRequest
from indexer.search.result_cache import CachedBackend
from indexer.store import database_url, delete_document, make_engine, save_document, store_generation
from kamervragen.model import Document


def _generation(engine) -> int:
    with Session(engine) as session:
        return store_generation(session)


def test_a_change_moves_the_generation_when_it_commits(tmp_path, db_url):
    engine = make_engine(database_url(tmp_path, db_url))
    start = _generation(engine)
    with Session(engine) as writing:
        save_document(writing, Document(id="kv-1", subject="Zonnepanelen"), "kv-1", "kv-1.txt", "1" * 64)
        assert _generation(engine) == start, "another session sees the new number before the data"
        writing.commit()
    saved = _generation(engine)
    assert saved > start
    with Session(engine) as reading:
        assert store_generation(reading) == saved, "reading moves nothing"
    with Session(engine) as writing:
        save_document(writing, Document(id="kv-1", subject="Windmolens"), "kv-1", "kv-1.txt", "2" * 64)
        writing.rollback()
    assert _generation(engine) == saved, "a change rolled back leaves it"
    with Session(engine) as writing:
        delete_document(writing, "kv-1")
        writing.commit()
    assert _generation(engine) > saved


@pytest.fixture
def seeded(tmp_path, seed_path, db_url) -> tuple[Path, Indexer]:
    """(A folder holding the founding document, a knowledge base that has indexed it.)"""
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(seed_path, docs / "azmani.txt")
    kb = Indexer(tmp_path / "data", db_url)
    kb.run([docs])
    return docs, kb


def test_index_runs_move_it_only_when_they_change_something(seeded):
    docs, kb = seeded
    indexed = _generation(kb.engine)
    assert indexed > 0
    kb.run([docs])
    assert _generation(kb.engine) == indexed, "an unchanged rerun keeps every cache"
    kb.run([docs], rebuild=True)
    rebuilt = _generation(kb.engine)
    assert rebuilt > indexed, "a rebuild replaces the index, even of unchanged documents"
    with (docs / "azmani.txt").open("a", encoding="utf-8") as changed:
        changed.write("\n")
    kb.run([docs])
    assert _generation(kb.engine) > rebuilt, "a changed file's document moves it"


def test_a_cached_search_on_the_store_sees_a_rebuild(seeded):
    """The PostgreSQL backend has no generation of its own: the cache keys on the store's."""
    docs, kb = seeded
    cached = CachedBackend(_WithoutGeneration(kb.backend), kb.engine, fresh_within=0)
    asked = SearchRequest(query="inburgering")
    assert cached.search(asked).total > 0
    (docs / "azmani.txt").unlink()
    kb.run([docs], rebuild=True)
    assert cached.search(asked).total == 0, "the answer kept before the rebuild is dropped"


class _WithoutGeneration:
    """A backend's searches without its own generation (as PostgreSQL's)."""

    def __init__(self, backend) -> None:
        self.backend = backend

    def search(self, request: SearchRequest):
        return self.backend.search(request)


def test_the_generation_is_written_last_just_before_commit(tmp_path, db_url):
    """Writers on several machines wait for each other on the one generation row: it is written
    as the transaction's last statement, so a writer holding it never waits for another lock
    (and two writers cannot deadlock on it and a shared row such as a measure)."""
    from sqlalchemy import event

    engine = make_engine(database_url(tmp_path, db_url))
    statements: list[str] = []

    @event.listens_for(engine, "before_cursor_execute")
    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    with Session(engine) as writing:
        save_document(writing, Document(id="kv-1", subject="Zonnepanelen"), "kv-1", "kv-1.txt", "1" * 64)
        assert len(statements) > 5 and not any("store_generation" in s for s in statements), (
            "not while the transaction still writes"
        )
        writing.commit()
    assert [i for i, s in enumerate(statements) if "store_generation" in s] == [len(statements) - 1]
