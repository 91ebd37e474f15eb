import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from golden_check import DEV

SEED = Path(__file__).resolve().parent.parent / "corpus" / "azmani-inburgering-2013.txt"


@pytest.fixture(scope="session")
def dev() -> Path:
    assert DEV.is_dir(), f"the dev corpus must lie beside the checkout: {DEV}"
    return DEV


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


DATABASES = ["sqlite"] + (["postgresql"] if os.environ.get("KAMERVRAGEN_TEST_DB") else [])
# the search backends a search test runs against: PostgreSQL's needs the test server; tantivy
# (embedded, the candidate of issue 14) runs everywhere
SEARCH_BACKENDS = ["whoosh", "tantivy"] + (["postgres"] if os.environ.get("KAMERVRAGEN_TEST_DB") else [])


def fresh_database(name: str) -> str:
    """A new, empty database `<test database>_<name>` on the test server, for tests that build a
    whole knowledge base: other tests (and other test runs) on the shared database cannot
    disturb it, nor it them."""
    import psycopg
    from sqlalchemy.engine import make_url

    url = make_url(os.environ["KAMERVRAGEN_TEST_DB"])
    database = f"{url.database}_{name}"
    admin = url.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{database}"')
    return url.set(database=database).render_as_string(hide_password=False)


def search_knowledge_base(backend: str, data: Path, name: str, **kwargs):
    """An Indexer on the given search backend: Whoosh or tantivy with SQLite in the data
    folder, or PostgreSQL (store and search) in a fresh database of its own."""
    from indexer.pipeline import Indexer

    if backend == "whoosh":
        return Indexer(data, **kwargs)
    if backend == "tantivy":
        return Indexer(data, search="tantivy", **kwargs)
    return Indexer(data, db=fresh_database(name), search="postgres", **kwargs)


def backend_kind(indexer) -> str:
    """The `--search` name of a knowledge base's backend (whoosh_backend → whoosh)."""
    return type(indexer.backend).__module__.rsplit(".", 1)[1].removesuffix("_backend")


@pytest.fixture(params=DATABASES)
def db_url(request, tmp_path):
    """SQLite always; PostgreSQL too when KAMERVRAGEN_TEST_DB names a server (make test starts one)."""
    if request.param == "sqlite":
        return None  # the embedded default inside the data folder
    from sqlalchemy import create_engine, text

    from indexer.store import database_url

    # everything goes: the tables, the migration state, the search tables and configurations
    engine = create_engine(database_url(tmp_path, os.environ["KAMERVRAGEN_TEST_DB"]))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return os.environ["KAMERVRAGEN_TEST_DB"]


@pytest.fixture
def services(httpserver, monkeypatch):
    """The local stand-in for KOOP and the Tweede Kamer (tests/sync_server.py), with the sync
    pointed at it."""
    from sync_server import Services

    s = Services(httpserver)
    for key, value in s.env().items():
        monkeypatch.setenv(key, value)
    return s
