"""Walk files, parse, extract, store and index. A failing file never stops the run.

Crash safety: the database is the source of truth. A document is first stored with
index_state "pending" (one transaction), then written to the search index (one Whoosh commit),
then marked "done". A search index inside the store (PostgreSQL) is written in the document's
own transaction instead, so the document is stored, indexed and "done" at once. A run killed
anywhere leaves at worst some documents pending, or index entries of documents that are gone;
the next run first repairs both, so database and index agree.

A rebuild re-reads every file into the stored documents (each replaced in its own transaction,
so pages keep working), writes a complete new index beside the live one, removes the documents
no file gave any more, and then switches the index: readers see the old knowledge base until
the new one is whole, and a rebuild that fails leaves the old one serving.

Ids: the official id when the document carries one (ah-tk-…, kv-tk-…), else an id derived from
the source file's path, so that an edited file replaces its document instead of adding one.
Renderings of one publication (its XML, PDF, a Word letter and a text of it) are one document:
the best format is stored, the others are kept as its alternate sources.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, col, select

from indexer import models as m
from indexer.facts import save_statements
from indexer.fulfilment import refresh_fulfilments
from indexer.lock import writer_lock
from indexer.search.engines import open_backend
from indexer.search.entries import index_entries
from indexer.storage_errors import StorageFull, as_storage_full
from indexer.store import (
    StoreRejected,
    bump_generation,
    database_url,
    delete_document,
    load_document,
    make_engine,
    same_publication,
    save_document,
)
from indexer.workers import DEFAULT_PARSER, Limits, Outcome, ParsePool
from kamervragen.files import document_files
from kamervragen.model import Document

FORMAT_RANK = {"xml": 5, "pdf": 4, "html": 3, "docx": 2, "text": 1}
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")

__all__ = ["Indexer", "StorageFull", "Summary", "document_key"]


@dataclass
class Summary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # files that are no Kamervraag
    reindexed: int = 0
    removed: int = 0

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged + len(self.failed) + len(self.skipped)


def document_key(doc: Document, source: str) -> str:
    """The official id when the document has one, else one that stays the same for its file."""
    official = _ID_UNSAFE.sub("-", doc.id).strip("-")[:80] if doc.id else ""
    if official:
        return official
    path = Path(source)
    stem = _ID_UNSAFE.sub("-", path.stem.lower()).strip("-.")[:40] or "document"
    return f"{stem}-{hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:10]}"


class Indexer:
    """The data folder: database plus search index, opened together."""

    def __init__(
        self,
        data_dir: Path,
        db: str | None = None,
        limits: Limits | None = None,
        parser: str = DEFAULT_PARSER,
        enrich: Callable[[Document, str], None] | None = None,
        search: str | None = None,
    ) -> None:
        """`enrich(document, source)` may complete a parsed document before it is stored with
        facts from outside the file (the sync adds its official record and TK case data)."""
        self.data_dir = Path(data_dir)
        self.enrich = enrich
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.engine = make_engine(database_url(self.data_dir, db))
        self.backend = open_backend(self.engine, self.data_dir, search)
        self.limits = limits or Limits()
        self.parser = parser
        self._gone: list[str] = []  # documents removed from the database, still to remove from the index
        self._indexed_with_store: set[str] = set()  # written to the index in their own transaction
        # stored or removed with their index entries (an index in the store): their fulfilment
        # evidence is still to refresh, as _index does for the others
        self._to_refresh: list[str] = []

    def run(
        self,
        paths: Iterable[Path],
        rebuild: bool = False,
        progress: Callable[[Path, str], None] | None = None,
        batch_size: int = 20,
    ) -> Summary:
        """Index the files under `paths`. Raises IndexLocked when another run writes, and
        StorageFull (everything stored so far kept consistent) when the disk is full."""
        try:
            with writer_lock(self.data_dir):
                return self._run(document_files(paths), rebuild, progress, batch_size)
        except Exception as exc:
            full = as_storage_full(exc, self.data_dir)
            if full is not None:
                raise full from exc
            raise

    def _run(
        self,
        files: list[Path],
        rebuild: bool,
        progress: Callable[[Path, str], None] | None,
        batch_size: int,
    ) -> Summary:
        summary = Summary()
        summary.reindexed = self._repair()
        run_id = uuid.uuid4().hex[:12]
        batch: list[str] = []
        with ParsePool(self.limits, self.parser) as pool:
            for path, digest, outcome in self._parsed(files, pool, rebuild, run_id, summary, progress):
                status, doc_id = self._store(path, digest, outcome, run_id, summary)
                if doc_id and status in {"added", "updated"} and not rebuild:
                    if doc_id in self._indexed_with_store:
                        self._indexed_with_store.discard(doc_id)
                        self._to_refresh.append(doc_id)
                    else:
                        batch.append(doc_id)
                if len(batch) >= batch_size or max(len(self._gone), len(self._to_refresh)) >= batch_size:
                    self._index(batch)
                    batch = []
                if progress:
                    progress(path, status)
        if rebuild:
            summary.removed = self._rebuild_index({str(p) for p in files})
        elif batch or self._gone or self._to_refresh:
            self._index(batch)
        return summary

    # --- steps ------------------------------------------------------------------------------
    def _parsed(
        self,
        files: list[Path],
        pool: ParsePool,
        rebuild: bool,
        run_id: str,
        summary: Summary,
        progress: Callable[[Path, str], None] | None,
    ) -> Iterator[tuple[Path, str, Outcome]]:
        """Files that need parsing, parsed in the worker pool; unchanged and unreadable files are
        settled on the way."""
        digests: dict[Path, str] = {}

        def jobs() -> Iterator[tuple[Path, bytes]]:
            for path in files:
                source = str(path)
                try:
                    data = path.read_bytes()
                except OSError as exc:
                    self._fail(source, None, f"cannot read: {exc.strerror or exc}", run_id, summary)
                    if progress:
                        progress(path, "failed")
                    continue
                digest = hashlib.sha256(data).hexdigest()
                if not rebuild and self._unchanged(source, digest, run_id, summary):
                    if progress:
                        progress(path, "unchanged")
                    continue
                digests[path] = digest
                yield path, data

        for path, outcome in pool.map(jobs()):
            yield path, digests.pop(path), outcome

    def _unchanged(self, source: str, digest: str, run_id: str, summary: Summary) -> bool:
        with Session(self.engine) as session:
            known = session.get(m.SourceFileRow, source)
            if not known or known.content_hash != digest or known.status == "failed":
                return False
            summary.unchanged += 1
            self._log(session, run_id, source, digest, known.document_id, "unchanged", None)
            session.commit()
            return True

    def _store(
        self, path: Path, digest: str, outcome: Outcome, run_id: str, summary: Summary
    ) -> tuple[str, str | None]:
        source = str(path)
        if outcome.not_a_kamervraag:
            with Session(self.engine) as session:
                known = session.get(m.SourceFileRow, source)
                if known and known.document_id:  # it gave a document before: not any more
                    self._detach(session, known.document_id, source)
                    known.document_id = None
                    session.add(known)
                session.commit()
            self._settle(source, digest, None, "skipped", outcome.error, run_id)
            summary.skipped.append((source, outcome.error or "not a Kamervraag"))
            return "skipped", None
        if outcome.document_json is None:
            return self._fail(source, digest, outcome.error or "not parsed", run_id, summary), None
        doc = Document.model_validate_json(outcome.document_json)
        if self.enrich is not None:
            self.enrich(doc, source)
        doc_id = document_key(doc, source)
        try:
            with Session(self.engine) as session:
                status, message = self._save(session, doc, doc_id, source, digest)
                if status == "failed":  # an id clash: the file keeps what it gave before, if anything
                    doc_id = None
                known = session.get(m.SourceFileRow, source)
                if doc_id and known and known.document_id and known.document_id != doc_id:
                    self._detach(session, known.document_id, source)
                if doc_id and status in {"added", "updated"}:
                    self._index_with_store(session, doc, doc_id, source)
                self._remember(session, source, digest, doc_id, status, message)
                self._log(session, run_id, source, digest, doc_id, status, message)
                session.commit()
        except StoreRejected as exc:
            return self._fail(source, digest, str(exc), run_id, summary), None
        except SQLAlchemyError as exc:
            if as_storage_full(exc, self.data_dir) is not None:
                raise
            reason = f"the database refused it: {str(exc.orig if hasattr(exc, 'orig') else exc)[:300]}"
            return self._fail(source, digest, reason, run_id, summary), None
        if status == "failed":
            summary.failed.append((source, message or "id clash"))
            return "failed", None
        if status == "alternate":
            summary.unchanged += 1
            return "unchanged", doc_id
        if status == "updated":
            summary.updated += 1
        else:
            summary.added += 1
        return status, doc_id

    def _save(
        self, session: Session, doc: Document, doc_id: str, source: str, digest: str
    ) -> tuple[str, str | None]:
        """Store `doc` under `doc_id` unless another file's document already holds that id: a
        rendering of the same publication then becomes an alternate source (the better format
        is stored), and a different document is refused rather than overwriting it."""
        existing = session.get(m.DocumentRow, doc_id)
        if existing is None or existing.source == source:
            replaced = save_document(session, doc, doc_id, source, digest)
            save_statements(session, doc, doc_id)
            return ("updated" if replaced else "added"), None
        held = Document.model_validate_json(existing.document_json)
        if not same_publication(held, doc):
            return "failed", (
                f"its id {doc_id} is already held by {existing.source}, a different document; "
                "not stored (nothing was overwritten)"
            )
        if FORMAT_RANK.get(doc.format or "", 0) > FORMAT_RANK.get(existing.format or "", 0):
            save_document(session, doc, doc_id, source, digest)
            save_statements(session, doc, doc_id)
            return "updated", f"better rendering of {doc_id} than {existing.source}"
        return "alternate", f"another rendering of {doc_id} (stored from {existing.source})"

    def _detach(self, session: Session, doc_id: str, source: str) -> None:
        """`source` no longer gives `doc_id`: its document goes unless another file still gives it."""
        others = session.exec(
            select(m.SourceFileRow).where(
                m.SourceFileRow.document_id == doc_id, m.SourceFileRow.path != source
            )
        ).all()
        row = session.get(m.DocumentRow, doc_id)
        if row is None:
            return
        if not others:
            delete_document(session, doc_id)
            writer = self.backend.session_writer(session)
            if writer is not None:
                writer.delete_document(doc_id)
                self._to_refresh.append(doc_id)
            else:
                self._gone.append(doc_id)
        elif row.source == source:
            row.source = others[0].path
            session.add(row)

    def _index_with_store(self, session: Session, doc: Document, doc_id: str, source: str) -> None:
        """Index the document in the transaction that stores it, when the index lives in the
        store: committed together, and seen by every server process at once."""
        writer = self.backend.session_writer(session)
        if writer is None:
            return
        writer.replace_document(doc_id, index_entries(doc, doc_id, source))
        # still "pending": _index marks it done after refreshing its fulfilment evidence, so a
        # run killed in between redoes that (and rewrites its entries, which is harmless)
        self._indexed_with_store.add(doc_id)

    def _index(self, doc_ids: list[str]) -> None:
        """Write these stored documents to the live index in one commit, drop the entries of
        removed documents, then mark the documents done."""
        ids = list(dict.fromkeys(doc_ids))
        gone = list(dict.fromkeys(self._gone))
        with self.backend.writer() as writer:
            for doc_id in gone:
                writer.delete_document(doc_id)
            for doc_id, entries in self._entries(ids):
                writer.replace_document(doc_id, entries)
        self._gone = [g for g in self._gone if g not in set(gone)]
        if ids or gone:
            self._moved()
        # before "done": a killed run redoes it
        refresh_fulfilments(self.engine, [*ids, *gone, *self._to_refresh])
        self._mark_done([*ids, *self._to_refresh])
        self._to_refresh = []

    def _entries(self, ids: list[str]) -> Iterator[tuple[str, list]]:
        """The index entries of these stored documents, read from the database in chunks."""
        for chunk in _chunks(ids, 500):
            with Session(self.engine) as session:
                for row in session.exec(select(m.DocumentRow).where(col(m.DocumentRow.id).in_(chunk))):
                    doc = Document.model_validate_json(row.document_json)
                    yield row.id, index_entries(doc, row.id, row.source)

    def _moved(self) -> None:
        """The index changed after the transaction that saved its documents: move the store's
        generation on again, so answers cached from it in between are dropped too."""
        with Session(self.engine) as session:
            bump_generation(session)
            session.commit()

    def _mark_done(self, ids: list[str]) -> None:
        with Session(self.engine) as session:
            for chunk in _chunks(ids, 500):
                for row in session.exec(select(m.DocumentRow).where(col(m.DocumentRow.id).in_(chunk))):
                    row.index_state = "done"
                    session.add(row)
            session.commit()

    def _repair(self) -> int:
        """Finish what a killed run left: index pending documents, and drop index entries of
        documents that are no longer stored."""
        with Session(self.engine) as session:
            stored = set(session.exec(select(m.DocumentRow.id)).all())
            pending = list(session.exec(select(m.DocumentRow.id).where(m.DocumentRow.index_state != "done")))
        self._gone.extend(sorted(set(self.backend.document_ids()) - stored))
        if pending or self._gone:
            self._index(pending)
        return len(pending)

    def _rebuild_index(self, sources: set[str]) -> int:
        """A complete index of the documents that this run's files give, built aside; the other
        documents are removed; then the new index goes live. Returns how many were removed."""
        with Session(self.engine) as session:
            rows = session.exec(select(m.SourceFileRow.path, m.SourceFileRow.document_id)).all()
            stored = set(session.exec(select(m.DocumentRow.id)).all())
        keep = sorted({doc_id for path, doc_id in rows if path in sources and doc_id} & stored)
        with self.backend.new_build() as build:
            for _, entries in self._entries(keep):
                build.writer.add_documents(entries)
            build.commit()
            removed = sorted(stored - set(keep))
            with Session(self.engine) as session:
                for doc_id in removed:
                    delete_document(session, doc_id)
                for path, _ in rows:
                    if path not in sources:
                        row = session.get(m.SourceFileRow, path)
                        if row is not None:
                            session.delete(row)
                session.commit()
            refresh_fulfilments(self.engine, None)
            self._mark_done(keep)
            build.publish()
        self._moved()  # a rebuild that changed no document still changed the index
        self._gone = []
        return len(removed)

    def _fail(self, source: str, digest: str | None, message: str, run_id: str, summary: Summary) -> str:
        summary.failed.append((source, message))
        self._settle(source, digest, None, "failed", message, run_id)
        return "failed"

    def _settle(
        self,
        source: str,
        digest: str | None,
        doc_id: str | None,
        status: str,
        message: str | None,
        run_id: str,
    ) -> None:
        """Record a file that gave no document; a document it gave before is kept."""
        with Session(self.engine) as session:
            self._remember(session, source, digest or "", doc_id, status, message)
            self._log(session, run_id, source, digest, doc_id, status, message)
            session.commit()

    @staticmethod
    def _remember(
        session: Session, source: str, digest: str, doc_id: str | None, status: str, message: str | None
    ) -> None:
        row = session.get(m.SourceFileRow, source) or m.SourceFileRow(
            path=source, content_hash=digest, status=status
        )
        row.content_hash, row.status, row.message = digest, status, message
        if doc_id is not None or status not in {"failed", "skipped"}:
            row.document_id = doc_id
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


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
