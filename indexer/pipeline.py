"""Walk files, parse, extract, store and index. A failing file never stops the run.

Crash safety: the database is the source of truth. A document is first stored with
index_state "pending" (one transaction), then written to the search index (one Whoosh commit),
then marked "done". A run killed anywhere leaves at worst some documents pending; the next run
re-indexes those from their stored JSON before anything else, so database and index agree again.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import Session, col, select

from indexer import models as m
from indexer.lock import writer_lock
from indexer.search.entries import index_entries
from indexer.search.whoosh_backend import WhooshBackend
from indexer.store import CHILD_TABLES, database_url, load_document, make_engine, save_document
from kamervragen.errors import ParseError
from kamervragen.files import document_files
from kamervragen.model import Document
from kamervragen.parser import parse

FORMAT_RANK = {"xml": 5, "pdf": 4, "html": 3, "docx": 2, "text": 1}


@dataclass
class Summary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    reindexed: int = 0

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged + len(self.failed)


def document_key(doc: Document, content_hash: str) -> str:
    return doc.id or f"sha-{content_hash[:20]}"


class Indexer:
    """The data folder: database plus search index, opened together."""

    def __init__(self, data_dir: Path, db: str | None = None) -> None:
        self.data_dir = Path(data_dir)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.engine = make_engine(database_url(self.data_dir, db))
        self.backend = WhooshBackend(self.data_dir / "index")

    def run(
        self,
        paths: Iterable[Path],
        rebuild: bool = False,
        progress: Callable[[Path, str], None] | None = None,
        batch_size: int = 20,
    ) -> Summary:
        with writer_lock(self.data_dir):
            summary = Summary()
            if rebuild:
                self._reset()
            summary.reindexed = self._finish_pending()
            files = document_files(paths)
            run_id = uuid.uuid4().hex[:12]
            batch: list[str] = []
            for path in files:
                status, doc_id = self._ingest(path, run_id, summary)
                if doc_id and status in {"added", "updated"} and not rebuild:
                    batch.append(doc_id)
                if len(batch) >= batch_size:
                    self._index(batch)
                    batch = []
                if progress:
                    progress(path, status)
            if batch:
                self._index(batch)
            if rebuild:
                # everything is stored as pending: one multi-process writer indexes it all
                self._finish_pending(bulk=True)
            return summary

    # --- steps ------------------------------------------------------------------------------
    def _reset(self) -> None:
        with Session(self.engine) as session:
            for table in (*CHILD_TABLES, m.SourceFileRow):
                for row in session.exec(select(table)):
                    session.delete(row)
            session.flush()
            for row in session.exec(select(m.DocumentRow)):
                session.delete(row)
            session.commit()
        self.backend.clear()

    def _ingest(self, path: Path, run_id: str, summary: Summary) -> tuple[str, str | None]:
        source = str(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            return self._fail(source, None, f"cannot read: {exc.strerror or exc}", run_id, summary), None
        digest = hashlib.sha256(data).hexdigest()
        with Session(self.engine) as session:
            known = session.get(m.SourceFileRow, source)
            if known and known.content_hash == digest and known.status != "failed":
                summary.unchanged += 1
                self._log(session, run_id, source, digest, known.document_id, "unchanged", None)
                session.commit()
                return "unchanged", known.document_id
        try:
            doc = parse(data, name=path.name)
        except ParseError as exc:
            return self._fail(source, digest, str(exc), run_id, summary), None
        except Exception as exc:
            return self._fail(source, digest, f"unexpected parser failure: {exc!r}", run_id, summary), None
        doc_id = document_key(doc, digest)
        with Session(self.engine) as session:
            existing = session.get(m.DocumentRow, doc_id)
            if (
                existing
                and existing.source != source
                and FORMAT_RANK.get(existing.format or "", 0) > FORMAT_RANK.get(doc.format or "", 0)
            ):
                # another rendering of a document we hold in a better format: keep that one
                status, message = "unchanged", f"same document as {existing.source}"
                summary.unchanged += 1
            else:
                replaced = save_document(session, doc, doc_id, source, digest)
                status, message = ("updated" if replaced else "added"), None
                if replaced:
                    summary.updated += 1
                else:
                    summary.added += 1
            self._remember(session, source, digest, doc_id, status, message)
            self._log(session, run_id, source, digest, doc_id, status, message)
            session.commit()
        return status, doc_id

    def _index(self, doc_ids: list[str], bulk: bool = False) -> None:
        """Write these stored documents to the index in one commit, then mark them done."""
        ids = list(dict.fromkeys(doc_ids))
        with self.backend.writer(bulk=bulk) as writer:
            for start in range(0, len(ids), 500):
                with Session(self.engine) as session:
                    for doc_id in ids[start : start + 500]:
                        row = session.get(m.DocumentRow, doc_id)
                        if row is None:
                            continue
                        doc = Document.model_validate_json(row.document_json)
                        entries = index_entries(doc, row.id, row.source)
                        if bulk:
                            writer.add_documents(entries)
                        else:
                            writer.replace_document(row.id, entries)
        with Session(self.engine) as session:
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                for row in session.exec(select(m.DocumentRow).where(col(m.DocumentRow.id).in_(chunk))):
                    row.index_state = "done"
                    session.add(row)
            session.commit()

    def _finish_pending(self, bulk: bool = False) -> int:
        """Documents stored but not (certainly) indexed: after a crash, or all of them in a rebuild."""
        with Session(self.engine) as session:
            pending = list(session.exec(select(m.DocumentRow.id).where(m.DocumentRow.index_state != "done")))
        if pending:
            self._index(pending, bulk=bulk)
        return len(pending)

    def _fail(self, source: str, digest: str | None, message: str, run_id: str, summary: Summary) -> str:
        summary.failed.append((source, message))
        with Session(self.engine) as session:
            self._remember(session, source, digest or "", None, "failed", message)
            self._log(session, run_id, source, digest, None, "failed", message)
            session.commit()
        return "failed"

    @staticmethod
    def _remember(
        session: Session, source: str, digest: str, doc_id: str | None, status: str, message: str | None
    ) -> None:
        row = session.get(m.SourceFileRow, source) or m.SourceFileRow(
            path=source, content_hash=digest, status=status
        )
        row.content_hash, row.document_id, row.status, row.message = digest, doc_id, status, message
        session.add(row)

    @staticmethod
    def _log(
        session: Session,
        run_id: str,
        source: str,
        digest: str | None,
        doc_id: str | None,
        status: str,
        message: str | None,
    ) -> None:
        session.add(
            m.IngestLogRow(
                run_id=run_id,
                path=source,
                content_hash=digest,
                document_id=doc_id,
                status=status,
                message=message,
            )
        )

    # --- reading ----------------------------------------------------------------------------
    def document(self, doc_id: str) -> Document | None:
        with Session(self.engine) as session:
            return load_document(session, doc_id)
