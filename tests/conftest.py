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


@pytest.fixture(params=DATABASES)
def db_url(request, tmp_path):
    """SQLite always; PostgreSQL too when KAMERVRAGEN_TEST_DB names a server (make test starts one)."""
    if request.param == "sqlite":
        return None  # the embedded default inside the data folder
    from sqlmodel import SQLModel

    from indexer import models  # noqa: F401 - registers the tables
    from indexer.store import database_url, make_engine

    url = database_url(tmp_path, os.environ["KAMERVRAGEN_TEST_DB"])
    engine = make_engine(url)
    SQLModel.metadata.drop_all(engine)
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
