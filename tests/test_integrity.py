"""Integrity under ordinary use: no document lost, doubled, stale or unreachable — with a server
running beside index runs and rebuilds, kill -9, two runs at once, id clashes, full disks and
files that hang or eat memory. Each test is the regression test of one defect of issue 8."""

from __future__ import annotations

import errno
import json
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, func, select

from indexer import models as m
from indexer.pipeline import Indexer, StorageFull, document_key
from indexer.search.backend import SearchRequest
from indexer.search.engines import open_backend
from indexer.search.entries import index_entries
from indexer.search.whoosh_backend import WhooshBackend
from indexer.store import save_document
from indexer.workers import Limits
from kamervragen.model import Document, Kind, Question
from web.app import create_app
from web.settings import Settings

LIMBURG = "kamervragen-limburg-csv/text"
EXE = Path(sys.executable).parent / "kamervragen"
SAMPLE = [
    f"{LIMBURG}/003_ah-tk-20242025-575_antwoord.txt",
    f"{LIMBURG}/008_ah-tk-20242025-562_mededeling.txt",
    f"{LIMBURG}/011_2024Z18891_docx-vragen.txt",
    f"{LIMBURG}/018_ah-tk-20242025-586_antwoord.txt",
]
FAULTS = "fault_parsers:parse"


@pytest.fixture
def corpus(tmp_path, dev) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    for rel in SAMPLE:
        shutil.copy(dev / rel, folder / Path(rel).name)
    return folder


def count(kb: Indexer, table) -> int:
    with Session(kb.engine) as session:
        return session.exec(select(func.count()).select_from(table)).one()


def stored_ids(kb: Indexer) -> set[str]:
    with Session(kb.engine) as session:
        return set(session.exec(select(m.DocumentRow.id)).all())


def assert_consistent(kb: Indexer) -> None:
    """Database and index agree: every stored document indexed, nothing else in the index."""
    with Session(kb.engine) as session:
        states = set(session.exec(select(m.DocumentRow.index_state)).all())
    assert states <= {"done"}
    reader = open_backend(kb.engine, kb.data_dir)  # another reader, of the backend the store has
    assert set(reader.document_ids()) == stored_ids(kb)
    assert reader.search(SearchRequest(query="", facets=False)).total == entries(kb)


def entries(kb: Indexer) -> int:
    """How many index entries the stored documents make (pairs, or one for a document without)."""
    with Session(kb.engine) as session:
        rows = session.exec(select(m.DocumentRow)).all()
        return sum(
            len(index_entries(Document.model_validate_json(r.document_json), r.id, r.source)) for r in rows
        )


# --- 1, 2: a running server stays right during and after index runs and rebuilds ---------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, {}


def test_running_server_sees_every_run_without_restart(tmp_path, corpus):
    data = tmp_path / "data"
    kb = Indexer(data)
    kb.run([corpus])
    port = _free_port()
    server = subprocess.Popen(
        [str(EXE), "serve", "--data", str(data), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/api/v1"
    try:
        deadline = time.time() + 60
        while True:
            try:
                _, first = _get(f"{base}/search?q=")
                break
            except OSError:
                assert time.time() < deadline, "the server did not start"
                time.sleep(0.2)
        assert first["total"] == entries(kb)

        def check() -> None:
            _, result = _get(f"{base}/search?q=")
            assert result["total"] == entries(kb), "the server's totals follow the database"
            assert sum(result["facets"]["kind"].values()) == result["total"]
            _, grouped = _get(f"{base}/search?q=&group=document")
            assert grouped["total"] == count(kb, m.DocumentRow)

        edited = corpus / Path(SAMPLE[0]).name
        for i in range(3):  # an edited file, indexed while the server runs: replaced, not doubled
            edited.write_text(edited.read_text(encoding="utf-8") + f"\nzonnebloem{i}\n", encoding="utf-8")
            kb.run([corpus])
            check()
        removed = corpus / Path(SAMPLE[1]).name
        removed_id = next(iter(stored_ids(kb) & {"ah-tk-20242025-562"}), None)
        removed.unlink()
        for _ in range(3):  # rebuilds: the new index replaces the old one for the running server
            kb.run([corpus], rebuild=True)
            check()
        if removed_id:
            assert _get(f"{base}/documents/{removed_id}")[0] == 404
        _, result = _get(f"{base}/search?q=")
        assert all(hit["document_id"] in stored_ids(kb) for hit in result["results"])
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_rebuild_keeps_serving_while_it_runs_and_after_it_fails(tmp_path, corpus, monkeypatch):
    data = tmp_path / "data"
    kb = Indexer(data)
    kb.run([corpus])
    reader = WhooshBackend(data / "index")  # another reader, as a server worker has
    pairs, docs = entries(kb), count(kb, m.DocumentRow)
    import indexer.pipeline as pipeline

    real_entries = pipeline.index_entries
    seen = []

    def entries_then_full_disk(doc, doc_id, source):
        # in the middle of the rebuild: readers still see the whole knowledge base
        assert reader.search(SearchRequest(query="", facets=False)).total == pairs
        assert count(kb, m.DocumentRow) == docs
        seen.append(doc_id)
        if len(seen) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_entries(doc, doc_id, source)

    monkeypatch.setattr(pipeline, "index_entries", entries_then_full_disk)
    with pytest.raises(StorageFull, match="no space left"):
        kb.run([corpus], rebuild=True)
    monkeypatch.undo()
    assert reader.search(SearchRequest(query="", facets=False)).total == pairs, "the old index still serves"
    assert count(kb, m.DocumentRow) == docs
    assert len(kb.backend.home.builds()) == 1, "the failed build was removed"
    kb.run([corpus], rebuild=True)
    assert_consistent(kb)
    assert reader.search(SearchRequest(query="", facets=False)).total == pairs


# --- 3: kill -9 during a rebuild leaves no process and no lock behind ---------------------------
def _children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_killed_rebuild_leaves_no_process_behind(tmp_path, dev):
    data = tmp_path / "data"
    Indexer(data).run([dev / SAMPLE[0]])
    proc = subprocess.Popen(
        [str(EXE), "index", "--rebuild", str(dev / LIMBURG), "--data", str(data)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 60
    children: set[int] = set()
    while time.time() < deadline and len(children) < 2:
        children = _children(proc.pid)
        time.sleep(0.1)
    assert children, "the run starts parse workers"
    time.sleep(2.0)  # let the workers parse
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.time() + 15
    while time.time() < deadline and any(_alive(p) for p in children):
        time.sleep(0.1)
    assert not [p for p in children if _alive(p)], "workers die with their run"
    kb = Indexer(data)
    summary = kb.run([dev / LIMBURG])  # no 'another indexing run' from a dead run's lock
    assert not summary.failed
    assert_consistent(kb)


# --- 4: two runs at once on a fresh folder ------------------------------------------------------
def test_two_runs_at_once_on_a_fresh_folder(tmp_path, corpus):
    for attempt in range(3):
        data = tmp_path / f"data{attempt}"
        runs = [
            subprocess.Popen(
                [str(EXE), "index", str(corpus), "--data", str(data)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        results = [(p.wait(timeout=300), p.stdout.read() + p.stderr.read()) for p in runs]
        for code, output in results:
            assert "already exists" not in output and "Traceback" not in output, output
            assert code == 0 or (code == 3 and "another indexing run" in output), output
        assert any(code == 0 for code, _ in results)
        assert_consistent(Indexer(data))


# --- 5, 6: ids, clashes, notes files and renderings --------------------------------------------
def test_id_clash_never_overwrites(tmp_path, corpus, seed_path):
    shutil.copy(seed_path, corpus / "clash-azmani.txt")  # parses with another document's id
    kb = Indexer(tmp_path / "data", parser=FAULTS)
    summary = kb.run([corpus])
    failed = {Path(p).name: reason for p, reason in summary.failed}
    assert "already held by" in failed["clash-azmani.txt"]
    assert "ah-tk-20242025-575" in failed["clash-azmani.txt"]
    held = kb.document("ah-tk-20242025-575")
    assert held is not None and held.subject and len(held.questions) >= 3
    assert "Azmani" not in {a.name for a in held.askers}


def test_a_notes_file_quoting_an_id_is_skipped(tmp_path, corpus):
    (corpus / "000-NOTES.md").write_text(
        "# Bronnen\n\nHet antwoord ah-tk-20242025-575 komt uit de dataset van november 2024.\n"
        "Zie ook kv-tk-2024Z18891 en de licentie hieronder.\n",
        encoding="utf-8",
    )
    kb = Indexer(tmp_path / "data")
    summary = kb.run([corpus])
    assert [Path(p).name for p, _ in summary.skipped] == ["000-NOTES.md"]
    held = kb.document("ah-tk-20242025-575")
    assert held is not None and held.subject and len(held.questions) >= 3


def test_renderings_of_one_publication_are_one_document(tmp_path, dev):
    name = "01b2bcad-7296-43bb-bc44-e727fc69b23f"
    folder = tmp_path / "docs"
    for sub, suffix in (("pdf", ".pdf"), ("text", ".txt"), ("text-layout", ".txt")):
        (folder / sub).mkdir(parents=True)
        shutil.copy(dev / "learninglion-kamervragen-pdf" / sub / f"{name}{suffix}", folder / sub)
    kb = Indexer(tmp_path / "data")
    summary = kb.run([folder])
    assert (summary.added, summary.updated + summary.unchanged, summary.failed) == (1, 2, [])
    (doc_id,) = stored_ids(kb)
    assert doc_id.startswith("ah-tk-")
    with Session(kb.engine) as session:
        row = session.get(m.DocumentRow, doc_id)
        assert row.format == "pdf", "the best rendering is the one stored"
    client = TestClient(create_app(Settings(data_dir=tmp_path / "data")))
    body = client.get(f"/api/v1/documents/{doc_id}").json()
    assert body["document"]["id"] == doc_id
    assert len(body["alternate_sources"]) == 2


def test_koop_renderings_get_the_official_id(tmp_path, dev):
    koop = dev / "koop-repository-plooi/repository.overheid.nl/frbr/officielepublicaties/ah-tk/20202021"
    kb = Indexer(tmp_path / "data")
    summary = kb.run([koop])
    assert not summary.failed
    assert "ah-tk-20202021-3235" in stored_ids(kb)
    assert len([i for i in stored_ids(kb) if "3235" in i]) == 1


def test_edited_file_keeps_its_id(tmp_path, seed_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    target = folder / "azmani.txt"
    shutil.copy(seed_path, target)
    kb = Indexer(tmp_path / "data")
    kb.run([folder])
    before = stored_ids(kb)
    target.write_text(target.read_text(encoding="utf-8").replace("Ja. ", "Ja, zeker. "), encoding="utf-8")
    kb.run([folder])
    assert stored_ids(kb) == before and len(before) == 1
    assert_consistent(kb)


# --- 7: a total order: every page and every export holds each pair once -------------------------
def test_pages_and_exports_hold_each_pair_once(tmp_path, dev):
    data = tmp_path / "data"
    kb = Indexer(data)
    kb.run([dev / LIMBURG])
    for query in ("", "soort:antwoord", "minister"):
        total = kb.backend.search(SearchRequest(query=query, facets=False)).total
        assert total > 10
        seen: list[str] = []
        for page in range(1, total // 3 + 2):
            result = kb.backend.search(SearchRequest(query=query, page=page, page_size=3, facets=False))
            seen.extend(hit.pair_id for hit in result.results)
        assert len(seen) == len(set(seen)) == total, query
    client = TestClient(create_app(Settings(data_dir=data)))
    lines = client.get("/api/v1/export.jsonl", params={"q": "soort:antwoord"}).text.splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    keys = {(r["document_id"], tuple(r["question_numbers"])) for r in rows}
    assert len(keys) == len(rows) == kb.backend.search(SearchRequest(query="soort:antwoord")).total


# --- 8: every id is reachable -------------------------------------------------------------------
def test_ids_are_reachable(tmp_path):
    odd = Document(id="ah/tk 2024//7", kind=Kind.QUESTIONS, questions=[Question(number=1, text="Vraag?")])
    assert "/" not in document_key(odd, "x.txt") and " " not in document_key(odd, "x.txt")
    kb = Indexer(tmp_path / "data")
    with Session(kb.engine) as session:  # an id with a slash, as an older version stored it
        save_document(session, odd, "legacy/with-slash", "x.txt", "0" * 64)
        session.commit()
    client = TestClient(create_app(Settings(data_dir=tmp_path / "data")))
    assert client.get("/api/v1/documents/legacy/with-slash").status_code == 200
    assert client.get("/api/v1/documents/legacy%2Fwith-slash").status_code == 200
    assert client.get("/documents/legacy/with-slash").status_code == 200


# --- 9: one over-long value rejects one document, on both engines -------------------------------
def test_value_too_long_rejects_one_document(tmp_path, corpus, seed_path, db_url):
    shutil.copy(seed_path, corpus / "longname-azmani.txt")
    kb = Indexer(tmp_path / "data", db_url, parser=FAULTS)
    summary = kb.run([corpus])
    failed = {Path(p).name: reason for p, reason in summary.failed}
    assert set(failed) == {"longname-azmani.txt"}
    assert "characters" in failed["longname-azmani.txt"]
    assert summary.added == len(SAMPLE)
    again = kb.run([corpus])  # the rerun does not abort either
    assert len(again.failed) == 1 and again.unchanged == len(SAMPLE)
    assert_consistent(kb)


# --- 10: a full disk stops the run with one message; freeing space resumes it --------------------
def test_full_disk_stops_cleanly_and_resumes(tmp_path, dev):
    mount = tmp_path / "small"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1500k", "tmpfs", str(mount)], check=True)
    try:
        data = mount / "data"
        proc = subprocess.run(
            [str(EXE), "index", str(dev / LIMBURG), "--data", str(data)],
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert proc.returncode == 4, proc.stdout + proc.stderr
        assert "no space left" in proc.stderr and "Traceback" not in proc.stderr
        assert len(proc.stderr.strip().splitlines()) <= 3
        subprocess.run(["mount", "-o", "remount,size=200m", str(mount)], check=True)
        kb = Indexer(data)
        summary = kb.run([dev / LIMBURG])
        assert not summary.failed
        assert len(stored_ids(kb)) == 57
        assert_consistent(kb)
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


# --- 11: one file cannot stall or exhaust a run ----------------------------------------------
def test_a_hanging_or_hungry_file_fails_alone(tmp_path, corpus, seed_path):
    shutil.copy(seed_path, corpus / "slow-azmani.txt")
    shutil.copy(seed_path, corpus / "hungry-azmani.txt")
    kb = Indexer(tmp_path / "data", limits=Limits(seconds=20, memory_mb=1500, workers=2), parser=FAULTS)
    started = time.monotonic()
    summary = kb.run([corpus])
    assert time.monotonic() - started < 120
    failed = {Path(p).name: reason for p, reason in summary.failed}
    assert set(failed) == {"slow-azmani.txt", "hungry-azmani.txt"}
    assert "longer than the limit" in failed["slow-azmani.txt"]
    assert "memory" in failed["hungry-azmani.txt"]
    assert summary.added == len(SAMPLE)
    assert_consistent(kb)


# --- a knowledge base made by an older version keeps working after an upgrade -------------------
def test_older_database_gains_new_columns(tmp_path, corpus, db_url):
    """A knowledge base from before migrations whose commitments table is older still (no
    `conditional`, no `due_text`): the baseline adds the columns, the later revisions follow."""
    from alembic import command
    from sqlalchemy import create_engine

    from indexer import migrate
    from indexer.store import database_url

    (tmp_path / "data").mkdir()
    engine = create_engine(database_url(tmp_path / "data", db_url))
    with engine.begin() as conn:
        command.upgrade(migrate.config(conn), "0001")  # the release before migrations
        conn.exec_driver_sql('ALTER TABLE "commitments" DROP COLUMN "conditional"')
        conn.exec_driver_sql('ALTER TABLE "commitments" DROP COLUMN "due_text"')
        conn.exec_driver_sql("DROP TABLE alembic_version")
    engine.dispose()
    upgraded = Indexer(tmp_path / "data", db_url)
    summary = upgraded.run([corpus])
    assert summary.added == len(SAMPLE) and not summary.failed
    with Session(upgraded.engine) as session:
        rows = session.exec(select(m.CommitmentRow)).all()
    assert rows and all(r.conditional in (True, False) for r in rows)
