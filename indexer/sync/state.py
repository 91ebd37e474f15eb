"""What a sync keeps in the data folder, so that a rebuild never needs the network and a killed
sync resumes where it stopped:

    sync/blobs/ab/<sha256>       every file downloaded, named by its content (never half-written:
                                 written aside, then renamed)
    sync/documents/<id>.<ext>    the current rendering of each publication, under its official
                                 id: what the index pipeline reads
    sync/sync.sqlite             the manifest (blob → source URL, retrieval time), the KOOP
                                 record of each publication, the TK mirror (zaken, actors,
                                 documents, toezeggingen) and the watermarks

The state is a small SQLite file of its own (not the knowledge base, which may be PostgreSQL):
it belongs with the raw files it describes, and one transaction commits a page's rows together
with the watermark that says the page is done."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

from indexer.sync.koop import KoopRecord
from indexer.sync.tk import Actor, TkDocument, Toezegging, Zaak

_SCHEMA = """
CREATE TABLE IF NOT EXISTS blobs (
    sha256 TEXT PRIMARY KEY, url TEXT NOT NULL, retrieved_at TEXT NOT NULL,
    size INTEGER NOT NULL, content_type TEXT);
CREATE TABLE IF NOT EXISTS records (
    id TEXT PRIMARY KEY, modified TEXT, manifestation TEXT, url TEXT, blob TEXT, meta_blob TEXT,
    view TEXT, record_json TEXT NOT NULL, fetched_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS watermarks (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS zaken (
    id TEXT PRIMARY KEY, nummer TEXT, onderwerp TEXT, gewijzigd TEXT);
CREATE INDEX IF NOT EXISTS zaken_nummer ON zaken(nummer);
CREATE TABLE IF NOT EXISTS actors (
    id TEXT PRIMARY KEY, zaak_id TEXT, naam TEXT, fractie TEXT, relatie TEXT, functie TEXT);
CREATE INDEX IF NOT EXISTS actors_zaak ON actors(zaak_id);
CREATE TABLE IF NOT EXISTS tk_documents (
    id TEXT PRIMARY KEY, zaak_ids TEXT NOT NULL, soort TEXT, nummer TEXT, ah_id TEXT);
CREATE INDEX IF NOT EXISTS tk_documents_ah ON tk_documents(ah_id);
CREATE TABLE IF NOT EXISTS toezeggingen (id TEXT PRIMARY KEY, nummer TEXT, data TEXT NOT NULL);
"""


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".part-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class SyncState:
    """The sync folder of one data folder."""

    def __init__(self, data_dir: Path) -> None:
        self.root = Path(data_dir).resolve() / "sync"
        self.blobs = self.root / "blobs"
        self.documents = self.root / "documents"
        self.root.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(self.root / "sync.sqlite", isolation_level=None, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript(_SCHEMA)

    def close(self) -> None:
        self.db.close()

    # --- transactions ---------------------------------------------------------------------
    def __enter__(self) -> SyncState:
        self.db.execute("BEGIN IMMEDIATE")
        return self

    def __exit__(self, exc_type, *_: object) -> None:
        self.db.execute("ROLLBACK" if exc_type else "COMMIT")

    # --- watermarks -----------------------------------------------------------------------
    def get(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM watermarks WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def put(self, key: str, value: str | None) -> None:
        if value is None:
            self.db.execute("DELETE FROM watermarks WHERE key = ?", (key,))
        else:
            self.db.execute("INSERT OR REPLACE INTO watermarks VALUES (?, ?)", (key, value))

    # --- blobs ----------------------------------------------------------------------------
    def blob_path(self, sha: str) -> Path:
        return self.blobs / sha[:2] / sha

    def store_blob(self, data: bytes, url: str, content_type: str = "") -> str:
        """Keep `data` under its SHA-256 with where and when it came from; returns the hash."""
        sha = hashlib.sha256(data).hexdigest()
        path = self.blob_path(sha)
        if not path.exists():
            _atomic_write(path, data)
        self.db.execute(
            "INSERT OR REPLACE INTO blobs VALUES (?, ?, ?, ?, ?)", (sha, url, now(), len(data), content_type)
        )
        return sha

    def manifest(self) -> list[dict]:
        rows = self.db.execute("SELECT sha256, url, retrieved_at, size, content_type FROM blobs")
        return [
            dict(zip(("sha256", "url", "retrieved_at", "size", "content_type"), r, strict=True)) for r in rows
        ]

    # --- KOOP records ---------------------------------------------------------------------
    def record_modified(self, ident: str) -> str | None:
        """The `modified` date of the stored rendering of `ident`, when its file is still there."""
        row = self.db.execute("SELECT modified, view FROM records WHERE id = ?", (ident,)).fetchone()
        if row and row[1] and Path(row[1]).exists():
            return row[0] or ""
        return None

    def save_record(
        self, record: KoopRecord, manifestation: str, url: str, blob: str, meta_blob: str | None
    ) -> Path:
        """Publish the downloaded rendering as sync/documents/<id>.<ext> (replacing an older
        one, removing one in another format) and remember the record."""
        suffix = {"xml": ".xml", "html": ".html", "pdf": ".pdf"}[manifestation]
        view = self.documents / f"{record.id}{suffix}"
        _publish(self.blob_path(blob), view)
        for other in (".xml", ".html", ".pdf"):
            if other != suffix:
                (self.documents / f"{record.id}{other}").unlink(missing_ok=True)
        self.db.execute(
            "INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                record.id,
                record.modified,
                manifestation,
                url,
                blob,
                meta_blob,
                str(view),
                json.dumps(asdict(record), ensure_ascii=False),
                now(),
            ),
        )
        return view

    def record(self, ident: str) -> KoopRecord | None:
        row = self.db.execute("SELECT record_json FROM records WHERE id = ?", (ident,)).fetchone()
        return KoopRecord(**json.loads(row[0])) if row else None

    def record_for_view(self, path: str) -> KoopRecord | None:
        stem = Path(path).stem
        return self.record(stem) if Path(path).parent.resolve() == self.documents.resolve() else None

    def views(self) -> list[Path]:
        return sorted(
            Path(v) for (v,) in self.db.execute("SELECT view FROM records") if v and Path(v).exists()
        )

    # --- TK mirror ------------------------------------------------------------------------
    def put_zaak(self, zaak: Zaak, replace_children: bool) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO zaken VALUES (?, ?, ?, ?)",
            (zaak.id, zaak.nummer, zaak.onderwerp, zaak.gewijzigd),
        )
        if replace_children:  # an OData row with its expansions is the whole truth about the zaak
            self.db.execute("DELETE FROM actors WHERE zaak_id = ?", (zaak.id,))
        for actor in zaak.actors:
            self.put_actor(actor)
        for doc in zaak.documents:
            self.put_tk_document(doc)

    def put_actor(self, a: Actor) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO actors VALUES (?, ?, ?, ?, ?, ?)",
            (a.id, a.zaak_id, a.naam, a.fractie, a.relatie, a.functie),
        )

    def put_tk_document(self, d: TkDocument) -> None:
        from indexer.sync.tk import aanhangsel_key

        self.db.execute(
            "INSERT OR REPLACE INTO tk_documents VALUES (?, ?, ?, ?, ?)",
            (
                d.id,
                json.dumps(d.zaak_ids),
                d.soort,
                d.nummer,
                aanhangsel_key(d.vergaderjaar, d.aanhangselnummer),
            ),
        )

    def put_toezegging(self, t: Toezegging) -> None:
        self.db.execute("INSERT OR REPLACE INTO toezeggingen VALUES (?, ?, ?)", (t.id, t.nummer, t.to_json()))

    def delete_entity(self, category: str, ident: str) -> bool:
        """Remove a deleted entity from the mirror; True when it was there."""
        table = {
            "Zaak": "zaken",
            "ZaakActor": "actors",
            "Document": "tk_documents",
            "Toezegging": "toezeggingen",
        }
        name = table.get(category)
        if name is None:
            return False
        return self.db.execute(f"DELETE FROM {name} WHERE id = ?", (ident,)).rowcount > 0

    def zaak_by_nummer(self, nummer: str) -> tuple[str, str | None] | None:
        row = self.db.execute("SELECT id, onderwerp FROM zaken WHERE nummer = ?", (nummer,)).fetchone()
        return (row[0], row[1]) if row else None

    def zaak_nummer_of_document(self, ah_id: str) -> str | None:
        """The zaak number of an answer or notice known to TK by its Aanhangsel number."""
        for (zaak_ids,) in self.db.execute("SELECT zaak_ids FROM tk_documents WHERE ah_id = ?", (ah_id,)):
            for zaak_id in json.loads(zaak_ids):
                row = self.db.execute("SELECT nummer FROM zaken WHERE id = ?", (zaak_id,)).fetchone()
                if row and row[0]:
                    return row[0]
        return None

    def actors_of(self, zaak_id: str) -> list[Actor]:
        rows = self.db.execute(
            "SELECT id, zaak_id, naam, fractie, relatie, functie FROM actors "
            "WHERE zaak_id = ? ORDER BY relatie DESC, id",
            (zaak_id,),
        )
        return [Actor(*r) for r in rows]

    def toezeggingen(self) -> list[Toezegging]:
        return [
            Toezegging(**json.loads(d))
            for (d,) in self.db.execute("SELECT data FROM toezeggingen ORDER BY nummer, id")
        ]


def _publish(blob: Path, view: Path) -> None:
    """Make `view` show `blob` in one step: a hard link (no second copy) where the file system
    allows it, else a copy, put in place by a rename."""
    view.parent.mkdir(parents=True, exist_ok=True)
    tmp = view.with_name(f".part-{view.name}")
    tmp.unlink(missing_ok=True)
    try:
        os.link(blob, tmp)
    except OSError:
        _atomic_write(tmp, blob.read_bytes())
    os.replace(tmp, view)
