"""The pipeline: store, index, re-index; failures, crashes and a second writer."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlmodel import Session, func, select

from indexer import models as m
from indexer.lock import IndexLocked, writer_lock
from indexer.pipeline import Indexer
from indexer.search.backend import SearchRequest

LIMBURG = "kamervragen-limburg-csv/text"
SAMPLE = [
    f"{LIMBURG}/003_ah-tk-20242025-575_antwoord.txt",
    f"{LIMBURG}/008_ah-tk-20242025-562_mededeling.txt",
    f"{LIMBURG}/011_2024Z18891_docx-vragen.txt",
    "learninglion-kamervragen-pdf/pdf/1cf0c343-2da4-429d-8a6d-729da6008af1.pdf",
]


@pytest.fixture
def corpus(tmp_path, dev, seed_path) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(seed_path, folder / "azmani.txt")
    for rel in SAMPLE:
        shutil.copy(dev / rel, folder / Path(rel).name)
    return folder


def count(indexer: Indexer, table) -> int:
    with Session(indexer.engine) as session:
        return session.exec(select(func.count()).select_from(table)).one()


def test_index_then_nothing_to_do(tmp_path, corpus, db_url):
    kb = Indexer(tmp_path / "data", db_url)
    first = kb.run([corpus])
    assert (first.added, first.updated, len(first.failed)) == (5, 0, 0)
    assert count(kb, m.DocumentRow) == 5
    pairs = count(kb, m.PairRow)
    second = kb.run([corpus])
    assert (second.added, second.updated, second.unchanged) == (0, 0, 5)
    assert count(kb, m.PairRow) == pairs
    hits = kb.backend.search(SearchRequest(query="inburgering lening DUO"))
    # no official id in the text: the id is made from the file's path, the same in every run
    assert hits.results[0].document_id.startswith("azmani-")
    assert hits.results[0].question_numbers == [2]


def test_changed_file_replaces_its_rows(tmp_path, corpus, db_url):
    kb = Indexer(tmp_path / "data", db_url)
    kb.run([corpus])
    seed = corpus / "azmani.txt"
    seed.write_text(
        seed.read_text(encoding="utf-8").replace("Ja. ", "Ja, dat artikel ken ik als zonnebloem. "),
        encoding="utf-8",
    )
    before = count(kb, m.DocumentRow)
    summary = kb.run([corpus])
    # an edited file replaces its document: same id, no second copy
    assert (summary.added, summary.updated, summary.unchanged) == (0, 1, 4)
    assert count(kb, m.DocumentRow) == before
    assert kb.backend.search(SearchRequest(query="zonnebloem")).total == 1
    assert kb.backend.search(SearchRequest(query="inburgering lening DUO", group="document")).total == 1


def test_same_id_updated_in_place(tmp_path, dev, db_url):
    folder = tmp_path / "docs"
    folder.mkdir()
    src = dev / SAMPLE[0]
    target = folder / "doc.txt"
    shutil.copy(src, target)
    kb = Indexer(tmp_path / "data", db_url)
    kb.run([folder])
    target.write_text(
        src.read_text(encoding="utf-8").replace("Volkerenbond", "Volkenbond-zonnebloem"), encoding="utf-8"
    )
    summary = kb.run([folder])
    assert (summary.added, summary.updated) == (0, 1)
    assert count(kb, m.DocumentRow) == 1
    assert kb.backend.search(SearchRequest(query="zonnebloem")).total == 1
    assert kb.backend.search(SearchRequest(query="Volkerenbond")).total == 0


def test_failures_are_reported_and_logged(tmp_path, corpus, db_url):
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "garbage.pdf").write_bytes(b"%PDF-1.4 not really a pdf \x00\x01")
    (corpus / "notulen.txt").write_text(
        "Notulen van de commissievergadering. Aanwezig: tien leden.", encoding="utf-8"
    )
    kb = Indexer(tmp_path / "data", db_url)
    summary = kb.run([corpus])
    assert summary.added == 5
    failed = dict((Path(p).name, reason) for p, reason in summary.failed)
    skipped = dict((Path(p).name, reason) for p, reason in summary.skipped)
    assert set(failed) == {"empty.txt", "garbage.pdf"} and set(skipped) == {"notulen.txt"}
    assert "empty" in failed["empty.txt"] and "not a Kamervraag" in skipped["notulen.txt"]
    with Session(kb.engine) as session:
        logged = session.exec(select(m.IngestLogRow).where(m.IngestLogRow.status == "failed")).all()
    assert {Path(r.path).name for r in logged} == set(failed) and all(r.message for r in logged)
    again = kb.run([corpus])  # a file that is no Kamervraag is not read again while unchanged
    assert again.skipped == [] and len(again.failed) == 2


def test_crash_between_store_and_index_is_repaired(tmp_path, corpus, db_url, monkeypatch):
    kb = Indexer(tmp_path / "data", db_url)

    def crash(*args, **kwargs):
        raise KeyboardInterrupt("killed")

    monkeypatch.setattr(Indexer, "_index", crash)
    with pytest.raises(KeyboardInterrupt):
        kb.run([corpus])
    monkeypatch.undo()
    with Session(kb.engine) as session:
        pending = session.exec(select(m.DocumentRow).where(m.DocumentRow.index_state == "pending")).all()
    assert pending, "stored but not indexed documents are marked pending"
    again = Indexer(tmp_path / "data", db_url)
    summary = again.run([])
    assert summary.reindexed == len(pending)
    assert set(again.backend.document_ids()) >= {p.id for p in pending}


def test_killed_process_leaves_a_consistent_knowledge_base(tmp_path, dev):
    data = tmp_path / "data"
    exe = Path(sys.executable).parent / "kamervragen"
    proc = subprocess.Popen(
        [str(exe), "index", str(dev / LIMBURG), "--data", str(data)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 60
    while time.time() < deadline and not (data / "kamervragen.sqlite").exists():
        time.sleep(0.05)
    time.sleep(1.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    kb = Indexer(data)
    kb.run([dev / LIMBURG])
    with Session(kb.engine) as session:
        stored = set(session.exec(select(m.DocumentRow.id)).all())
        states = set(session.exec(select(m.DocumentRow.index_state)).all())
    assert states == {"done"}
    assert set(kb.backend.document_ids()) == stored
    assert len(stored) == 57


def test_one_writer_at_a_time(tmp_path, corpus):
    data = tmp_path / "data"
    kb = Indexer(data)
    with writer_lock(data), pytest.raises(IndexLocked, match="another indexing run"):
        kb.run([corpus])


def test_rebuild_starts_from_scratch(tmp_path, corpus, db_url):
    kb = Indexer(tmp_path / "data", db_url)
    kb.run([corpus])
    (corpus / "azmani.txt").unlink()
    summary = kb.run([corpus], rebuild=True)
    assert (summary.added, summary.updated, summary.removed) == (0, 4, 1)
    assert count(kb, m.DocumentRow) == 4
    assert kb.backend.search(SearchRequest(query="inburgering")).total == 0
