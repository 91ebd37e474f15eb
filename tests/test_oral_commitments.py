"""Commitments made orally in debates (the Kamer's Toezegging register, imported by the sync)
in the commitments register beside the written ones: origin, status from the register's
"Voldaan" or the due date, their own id and the Kamer's page; kept by a rebuild, replaced by a
re-sync — on SQLite and PostgreSQL. The TK responses are the constructed fixtures of
tests/fixtures/sync, served by tests/sync_server.py."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import fresh_database
from fastapi.testclient import TestClient
from register_docs import DATABASES, seed_with_id
from sqlmodel import Session, select
from sync_server import FIXTURES
from test_sync import sync
from typer.testing import CliRunner

from indexer import models as m
from indexer.commitments import Filters, register
from indexer.pipeline import Indexer
from indexer.store import database_url, make_engine
from indexer.sync.run import LEGACY_REGISTER_ID
from indexer.workers import Limits
from kamervragen.cli import app as cli
from web.app import create_app
from web.settings import Settings

KAMER = "https://www.tweedekamer.nl/kamerstukken/toezeggingen/detail?id="


@pytest.fixture(params=DATABASES)
def register_db(request) -> str | None:
    """None for SQLite in the data folder, else a fresh PostgreSQL database of these tests."""
    return None if request.param == "sqlite" else fresh_database("oral")


def oral_rows(data: Path, db: str | None) -> list[m.CommitmentRow]:
    with Session(make_engine(database_url(data, db))) as session:
        return list(session.exec(select(m.CommitmentRow).where(m.CommitmentRow.origin == "mondeling")))


def api(data: Path, db: str | None) -> TestClient:
    return TestClient(create_app(Settings(data_dir=data, db=db, rate_limit_per_minute=100_000)))


def by_id(results: list[dict]) -> dict[str, dict]:
    return {r["id"]: r for r in results}


def test_synced_oral_commitments_in_the_register_api_and_page(services, tmp_path, register_db):
    data = tmp_path / "data"
    report = sync(data, db=register_db)
    assert report.commitments == 2
    Indexer(data, register_db, limits=Limits(workers=1)).run(
        [seed_with_id(tmp_path / "docs")]
    )  # a written one
    web = api(data, register_db)
    answer = web.get("/api/v1/commitments", params={"origin": "mondeling", "as_of": "2021-06-15"})
    assert answer.status_code == 200 and answer.json()["total"] == 2
    found = by_id(answer.json()["results"])
    assert set(found) == {"tk-toezegging-TZ202106-001", "tk-toezegging-TZ202106-002"}
    open_one = found["tk-toezegging-TZ202106-001"]
    assert open_one["origin"] == "mondeling" and open_one["document_id"] is None
    assert open_one["status"] == "due_soon" and open_one["due"] == "2021-07-01"  # 16 days ahead
    assert (open_one["who"], open_one["role"], open_one["ministry"]) == (
        "Koolmees",
        "minister",
        "Sociale Zaken en Werkgelegenheid",
    )
    assert open_one["url"] == open_one["official_url"] == KAMER + "TZ202106-001"
    assert open_one["fulfilled_by"] == [] and open_one["pair_id"] is None
    # "Voldaan" in the Kamer's register: fulfilled, with the Kamerbrief as its evidence
    kept = found["tk-toezegging-TZ202106-002"]
    assert kept["status"] == "fulfilled" and kept["due"] is None
    [evidence] = kept["fulfilled_by"]
    assert evidence["rule"] == "tk-register" and evidence["document_id"] is None and evidence["url"] is None
    assert "2021D30000" in evidence["sentence"]
    # later the open one is overdue; by its id too
    one = web.get("/api/v1/commitments/tk-toezegging-TZ202106-001", params={"as_of": "2021-07-02"})
    assert one.status_code == 200 and one.json()["status"] == "overdue"
    assert web.get("/api/v1/commitments/tk-toezegging-TZ999999-999").status_code == 404
    # the written ones are "schriftelijk" and have their document
    written = web.get("/api/v1/commitments", params={"origin": "schriftelijk", "page_size": 100}).json()
    assert written["results"] and all(
        r["origin"] == "schriftelijk" and r["document_id"] for r in written["results"]
    )
    every = web.get("/api/v1/commitments", params={"page_size": 100}).json()
    assert every["total"] == written["total"] + 2
    # the filters reach them: the minister by name, the ministry by its TK name or abbreviation
    mine = web.get("/api/v1/commitments", params={"minister": "vijlbrief"}).json()["results"]
    assert [r["id"] for r in mine] == ["tk-toezegging-TZ202106-002"]
    szw = web.get("/api/v1/commitments", params={"ministry": "SZW", "origin": "mondeling"}).json()
    assert [r["id"] for r in szw["results"]] == ["tk-toezegging-TZ202106-001"]
    for bad in ({"origin": "telefonisch"}, {"origin": ""}):
        refused = web.get("/api/v1/commitments", params=bad)
        assert refused.status_code == 422 and refused.headers["content-type"] == "application/problem+json"
    # the page: beside the written ones, the Kamer's page linked, the evidence shown
    page = web.get("/toezeggingen", params={"origin": "mondeling"})
    assert page.status_code == 200
    assert f'href="{KAMER}TZ202106-001"' in page.text
    assert "Kamerbrief 2021D30000" in page.text and "/documents/None" not in page.text
    assert web.get("/toezeggingen").text.count(KAMER) == 2
    assert web.get("/toezeggingen", params={"origin": "elders"}).status_code == 422
    feed = web.get("/toezeggingen.atom", params={"origin": "mondeling"})
    assert feed.status_code == 200 and f"{KAMER}TZ202106-001" in feed.text
    # no stand-in document for the register
    with Session(make_engine(database_url(data, register_db))) as session:
        assert session.get(m.DocumentRow, LEGACY_REGISTER_ID) is None


def test_a_rebuild_keeps_them_and_a_resync_replaces_them(services, tmp_path, register_db):
    data = tmp_path / "data"
    sync(data, db=register_db)
    # a rebuild from other files removes the synced answer but not the Kamer's register
    docs = tmp_path / "docs"
    seed_with_id(docs)
    args = ["index", str(docs), "--rebuild", "--data", str(data), "--workers", "1"]
    result = CliRunner().invoke(cli, args + (["--db", register_db] if register_db else []))
    assert result.exit_code == 0, result.output
    assert sorted(r.location for r in oral_rows(data, register_db)) == ["TZ202106-001", "TZ202106-002"]
    with Session(make_engine(database_url(data, register_db))) as session:
        assert session.get(m.DocumentRow, "ah-tk-20202021-3235") is None
        _, entries = register(session, Filters(), date(2021, 6, 15), page_size=100)
    assert {e.origin for e in entries} == {"schriftelijk", "mondeling"}
    # a re-sync with nothing new: the same rows, no duplicates
    assert sync(data, db=register_db, source="tk").commitments == 2
    assert len(oral_rows(data, register_db)) == 2
    # the SyncFeed adds one and deletes one: the register follows
    services.feed = {"Toezegging": {None: (FIXTURES / "constructed-syncfeed-toezegging.xml").read_bytes()}}
    sync(data, db=register_db, source="tk", since=date(2021, 1, 1))
    rows = oral_rows(data, register_db)
    assert sorted(r.key for r in rows) == ["tk-toezegging-TZ202106-001", "tk-toezegging-TZ202108-003"]


def test_the_stand_in_document_of_an_earlier_version_is_removed(services, tmp_path):
    data = tmp_path / "data"
    engine = make_engine(database_url(data))
    with Session(engine) as session:
        session.add(
            m.DocumentRow(
                id=LEGACY_REGISTER_ID,
                source="x",
                content_hash="",
                kind="register",
                document_json="{}",
                index_state="done",
            )
        )
        session.flush()
        session.add(
            m.CommitmentRow(document_id=LEGACY_REGISTER_ID, location="TZ1", text="old", origin="mondeling")
        )
        session.commit()
    sync(data)
    with Session(engine) as session:
        assert session.get(m.DocumentRow, LEGACY_REGISTER_ID) is None
    assert sorted(r.location for r in oral_rows(data, None)) == ["TZ202106-001", "TZ202106-002"]


def old_knowledge_base(data: Path, db: str | None) -> None:
    """A knowledge base at revision 0003, before oral commitments (commitments.document_id NOT
    NULL, without their columns), holding one written commitment."""
    from alembic import command
    from sqlalchemy import create_engine, text

    from indexer.migrate import config

    data.mkdir(parents=True, exist_ok=True)
    engine = create_engine(database_url(data, db))
    with engine.begin() as conn:
        command.upgrade(config(conn), "0003")
        conn.execute(
            text(
                "INSERT INTO documents (id, source, content_hash, kind, document_json, index_state,"
                " updated_at) VALUES ('ah-old', 's', 'h', 'answer', '{}', 'done', '2020-01-01')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO commitments (document_id, location, text, vague, conditional, key, answered)"
                " VALUES ('ah-old', 'a1', 'Ik zal de Kamer informeren.', false, false, 'ah-old~a1~x',"
                " '2020-01-01')"
            )
        )
    engine.dispose()


def test_a_knowledge_base_from_before_takes_them_and_keeps_its_rows(services, tmp_path, register_db):
    data = tmp_path / "data"
    old_knowledge_base(data, register_db)
    sync(data, db=register_db, source="tk")
    with Session(make_engine(database_url(data, register_db))) as session:
        rows = session.exec(select(m.CommitmentRow).order_by(m.CommitmentRow.key)).all()
    assert [(r.key, r.document_id) for r in rows] == [
        ("ah-old~a1~x", "ah-old"),
        ("tk-toezegging-TZ202106-001", None),
        ("tk-toezegging-TZ202106-002", None),
    ]
